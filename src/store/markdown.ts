// Article body → Markdown through remark-stringify (mdast-util-to-markdown): text is escaped by the Markdown
// serialiser, never concatenated into markup. The body is only paragraphs and level-2 headings of plain
// text, so it maps to mdast directly; going through rehype-remark cost more than the rest of the cleaning.
import type { Element, Root } from 'hast';
import type { Root as MdRoot, RootContent as MdContent } from 'mdast';
import remarkStringify from 'remark-stringify';
import { unified } from 'unified';

const processor = unified().use(remarkStringify, { bullet: '-', emphasis: '_', fences: true, rule: '-' });

function textOf(el: Element): string {
  let s = '';
  for (const c of el.children) s += c.type === 'text' ? c.value : c.type === 'element' ? textOf(c) : '';
  // One paragraph is one line of Markdown: a line break inside becomes a space; the text is otherwise as written.
  return s.replace(/[\r\n]+/g, ' ').trim();
}

/**
 * Text the serialiser writes unchanged: none of its unsafe patterns (mdast-util-to-markdown lib/unsafe.js)
 * can match. Inside a line it escapes only \ * _ ` [ ] < & # (a heading's closing #) and control characters; at a line's start also
 * # + - = > ~, digits followed by . or ) (an ordered-list marker) and whitespace. Most Arabic paragraphs contain none of
 * these, and escaping them with the full serialiser was a fifth of the cleaning time; any other text still
 * goes through it (tests/store/markdown.test.ts checks both paths give the same bytes).
 */
const INSIDE_UNSAFE = /[\\*_`[\]<&#\u0000-\u001f\u007f]/;
const START_UNSAFE = /^(?:[#+\-=>~\s]|\d+[.)])/;
/** A paragraph written as a list item ("- …", "+ …"): the serialiser escapes the mark and nothing else. */
const LIST_MARK = /^[-+] /;
const plain = (value: string) => !INSIDE_UNSAFE.test(value) && !START_UNSAFE.test(value) && !/\s$/.test(value);

function serialise(node: MdContent): string {
  return (processor.stringify({ type: 'root', children: [node] } satisfies MdRoot) as string).replace(/\r\n?/g, '\n').replace(/\n+$/, '');
}

/** Serialises an article body (p and h2 elements) to Markdown with LF line ends and one final newline. */
export function bodyToMarkdown(body: Root): string {
  const out: string[] = [];
  for (const node of body.children) {
    if (node.type !== 'element') continue;
    const value = textOf(node);
    if (!value) continue;
    const heading = /^h[1-6]$/.test(node.tagName);
    if (plain(value)) out.push(heading ? `## ${value}` : value);
    else if (!heading && LIST_MARK.test(value) && plain(value.slice(2))) out.push(`\\${value}`);
    else out.push(serialise(heading ? { type: 'heading', depth: 2, children: [{ type: 'text', value }] } : { type: 'paragraph', children: [{ type: 'text', value }] }));
  }
  return `${out.join('\n\n')}\n`;
}
