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

/** Serialises an article body (p and h2 elements) to Markdown with LF line ends and one final newline. */
export function bodyToMarkdown(body: Root): string {
  const children: MdContent[] = [];
  for (const node of body.children) {
    if (node.type !== 'element') continue;
    const value = textOf(node);
    if (!value) continue;
    const text = { type: 'text' as const, value };
    if (/^h[1-6]$/.test(node.tagName)) children.push({ type: 'heading', depth: 2, children: [text] });
    else children.push({ type: 'paragraph', children: [text] });
  }
  const mdast: MdRoot = { type: 'root', children };
  const out = processor.stringify(mdast) as string;
  return `${out.replace(/\r\n?/g, '\n').replace(/\n+$/, '')}\n`;
}
