// Article body hast → Markdown through rehype-remark + remark-stringify: text is escaped by the Markdown
// serialiser, never concatenated into markup.
import type { Root } from 'hast';
import rehypeRemark from 'rehype-remark';
import remarkStringify from 'remark-stringify';
import { unified } from 'unified';

const processor = unified()
  .use(rehypeRemark)
  .use(remarkStringify, { bullet: '-', emphasis: '_', fences: true, rule: '-' });

/** Serialises an article body (p and h2 elements) to Markdown with LF line ends and one final newline. */
export function bodyToMarkdown(body: Root): string {
  const mdast = processor.runSync(body as never);
  const out = processor.stringify(mdast as never) as string;
  return `${out.replace(/\r\n?/g, '\n').replace(/\n+$/, '')}\n`;
}
