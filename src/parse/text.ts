// Text dump → hast: one block per non-empty line, as the crawler wrote the page's visible blocks.
import type { Element, Root } from 'hast';
import '../parse/blocks.ts';

const BULLET = /^\s*[•·▪●◦‣∙*\-–]\s+/u;

/** Parses a text dump into a root of block elements (p, or li for bulleted lines). */
export function parseTextDump(text: string): Root {
  const children: Element[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    const trimmed = raw.replace(/[\s\u200b-\u200f\ufeff]+$/u, '').replace(/^[\s\u200b\ufeff]+/u, '');
    if (!trimmed) continue;
    // A bulleted line is a list item (evidence for the classifier); its text keeps the bullet as the dump
    // has it, since an article's list reads with its marks.
    const bullet = BULLET.test(raw) && /^\s*[•·▪●◦‣∙]/u.test(raw);
    const value = trimmed;
    if (!value || (bullet && !trimmed.replace(BULLET, ''))) continue;
    children.push({
      type: 'element',
      tagName: bullet ? 'li' : 'p',
      properties: {},
      children: [{ type: 'text', value }],
      position: { start: { line: i + 1, column: 1 }, end: { line: i + 1, column: raw.length + 1 } },
      // Cast: rehype-parse's verbose-mode typing makes `position` look required on every element's data.
      data: { block: { line: i + 1, text: value, tag: bullet ? 'li' : 'p' } } as Element['data'],
    });
  }
  return { type: 'root', children };
}
