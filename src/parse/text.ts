// Text dump → hast: one block per non-empty line, as the crawler wrote the page's visible blocks.
import type { Element, Root } from 'hast';
import '../parse/blocks.ts';

const BULLET = /^\s*[•·▪●◦‣∙*\-–]\s+/u;

/** The bullet marks a dump's list lines start with. */
const BULLET_MARK = '[•·▪●◦‣∙]';
/** A line that starts with a bullet mark. */
export const STARTS_WITH_BULLET = new RegExp(`^\\s*${BULLET_MARK}`, 'u');
const LEADING_BULLET = new RegExp(`^\\s*${BULLET_MARK}\\s*`, 'u');

/** The line without its leading bullet mark (what matching compares: a menu item is the same with or without). */
export function withoutBullet(line: string): string {
  return line.replace(LEADING_BULLET, '');
}

const isBlank = (c: number) => c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0xa0 || c === 0xfeff || (c >= 0x200b && c <= 0x200f) || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;

/**
 * The line without white space, zero-width marks and BOMs around it. A loop: a `[…]+$` pattern is tried at
 * every position of the line, which made it the costliest step of parsing. At the start, directional marks
 * (U+200E/U+200F) stay, as they did: they may set the line's direction.
 */
function trimLine(raw: string): string {
  let end = raw.length;
  while (end > 0 && isBlank(raw.charCodeAt(end - 1))) end--;
  let start = 0;
  while (start < end) {
    const c = raw.charCodeAt(start);
    if (!isBlank(c) || c === 0x200c || c === 0x200d || c === 0x200e || c === 0x200f) break;
    start++;
  }
  return start === 0 && end === raw.length ? raw : raw.slice(start, end);
}

/** Parses a text dump into a root of block elements (p, or li for bulleted lines). */
export function parseTextDump(text: string): Root {
  const children: Element[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    const trimmed = trimLine(raw);
    if (!trimmed) continue;
    // A bulleted line is a list item (evidence for the classifier); its text keeps the bullet as the dump
    // has it, since an article's list reads with its marks.
    const bullet = BULLET.test(raw) && STARTS_WITH_BULLET.test(raw);
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
