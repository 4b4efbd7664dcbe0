// Article Markdown → HTML with markdown-it: raw HTML disabled (text from dumps is data, never markup),
// no linkify, no typographer; text runs get Latin fragments isolated for bidi.
import MarkdownIt from 'markdown-it';
import { bidi } from './format.ts';

const md = new MarkdownIt({ html: false, linkify: false, typographer: false });
md.renderer.rules.text = (tokens, idx) => bidi(tokens[idx]!.content);
// Headings inside an article are subheadings: the page's own h1 is the headline.
md.renderer.rules.heading_open = (tokens, idx) => {
  const level = Math.min(6, Math.max(2, Number(tokens[idx]!.tag.slice(1)) || 2));
  return `<h${level}>`;
};
md.renderer.rules.heading_close = (tokens, idx) => {
  const level = Math.min(6, Math.max(2, Number(tokens[idx]!.tag.slice(1)) || 2));
  return `</h${level}>\n`;
};
// Links and images in hand-written Markdown: only http(s) and relative targets survive (markdown-it's
// validateLink already refuses javascript:, vbscript:, file: and data: except images).
md.validateLink = (url) => /^(https?:|\/|\.|#|[^:]*$)/i.test(url.trim());

/** Renders an article body to HTML. */
export function renderBody(markdown: string): string {
  return md.render(markdown);
}
