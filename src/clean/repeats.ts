// Extra copies: the headline printed again (alone, with a site prefix/suffix, or run on twice in one line),
// and paragraphs that appear twice or nearly twice (a lead printed in two versions): the first one stays.
import type { Root } from 'hast';
import type { VFile } from 'vfile';
import { blocksOf, drop, info } from '../parse/blocks.ts';
import { blockHeadlineKey } from '../extract/title.ts';
import { note, stateOf } from './state.ts';

/** Jaccard similarity of two token sets. */
export function overlap(a: Set<string>, b: Set<string>): number {
  let inter = 0;
  for (const x of a) if (b.has(x)) inter++;
  return inter / (a.size + b.size - inter || 1);
}

/** True when a line is the headline again: equal, with a short prefix/suffix, or written twice. */
export function isHeadlineKeyCopy(k: string, titleKey: string): boolean {
  if (k === titleKey) return true;
  if (k.length <= titleKey.length) return false;
  if (k.length === 2 * titleKey.length + 1 && k === `${titleKey} ${titleKey}`) return true;
  if (k.length > titleKey.length && (k.startsWith(titleKey) || k.endsWith(titleKey))) {
    const rest = k.startsWith(titleKey) ? k.slice(titleKey.length) : k.slice(0, k.length - titleKey.length);
    const words = rest.replace(/[-–—|:]/g, ' ').trim().split(/\s+/).filter(Boolean);
    return words.length <= 4 || /^(شارك|مشاركه|share)/.test(rest.trim().replace(/^[-–—|:]\s*/, ''));
  }
  return false;
}

/** unified plugin: drops headline copies and repeated or near-identical paragraphs. */
export default function arshifRepeats() {
  return (tree: Root, file: VFile) => {
    const state = stateOf(file);
    const blocks = blocksOf(tree);
    if (state.titleKey) {
      for (const el of blocks) {
        const b = info(el);
        if (b.role === 'title') continue;
        if (isHeadlineKeyCopy(blockHeadlineKey(b), state.titleKey) && drop(el, 'title-copy', 'another copy of the headline')) {
          note(file, 'title-copy', `dropped headline copy: ${b.text.slice(0, 80)}`, b.line);
        }
      }
    }
    // Repeated paragraphs: exact copies anywhere, near-identical ones within a few blocks.
    const seen = new Map<string, number>();
    // Token sets of blocks of 60 characters or more, made when first compared.
    const sets: (Set<string> | null | undefined)[] = new Array(blocks.length);
    const setOf = (i: number) => (sets[i] === undefined ? (sets[i] = info(blocks[i]!).feat!.chars >= 60 ? new Set(info(blocks[i]!).feat!.tokens) : null) : sets[i]);
    blocks.forEach((el, i) => {
      const b = info(el);
      if (b.drop || b.feat!.chars < 40) return;
      const first = seen.get(b.feat!.key);
      if (first !== undefined) {
        if (drop(el, 'repeat', `the same text as line ${first}`)) note(file, 'repeat', `dropped repeated block: ${b.text.slice(0, 80)}`, b.line);
        return;
      }
      seen.set(b.feat!.key, b.line);
      if (b.feat!.chars < 60) return;
      for (let j = Math.max(0, i - 4); j < i; j++) {
        const ob = info(blocks[j]!);
        if (ob.drop && ob.drop.rule !== 'outside-article') continue;
        // Two versions of one paragraph have about the same length; under half is another paragraph (a
        // paragraph printed twice in one line is still compared: its ratio is one half).
        if (Math.min(b.feat!.chars, ob.feat!.chars) < 0.45 * Math.max(b.feat!.chars, ob.feat!.chars)) continue;
        const other = setOf(j);
        if (!other) continue;
        const mine = setOf(i)!;
        // Jaccard ≥ 0.7 needs the smaller set to be at least 0.7 of the larger: most pairs stop here.
        if (Math.min(mine.size, other.size) < 0.7 * Math.max(mine.size, other.size)) continue;
        if (overlap(mine, other) >= 0.7) {
          if (drop(el, 'near-duplicate', `nearly the same text as line ${ob.line}`)) note(file, 'near-duplicate', `dropped near-duplicate of line ${ob.line}: ${b.text.slice(0, 80)}`, b.line);
          return;
        }
      }
    });
    // Pull quotes: a short line that repeats a passage of one of the article's paragraphs (printed large
    // between paragraphs, often twice) is a design element; the paragraph keeps the words.
    const paragraphs = blocks.filter((el) => !info(el).drop && info(el).feat!.chars >= 120);
    // Only lines among the paragraphs: menus and lists above and below the text are not looked at.
    const from = paragraphs.length ? blocks.indexOf(paragraphs[0]!) : 0;
    const to = paragraphs.length ? blocks.indexOf(paragraphs[paragraphs.length - 1]!) : -1;
    for (let i = from; i <= to; i++) {
      const el = blocks[i]!;
      const b = info(el);
      if ((b.drop && b.drop.rule !== 'repeat') || b.role === 'title' || b.feat!.chars > 250) continue;
      if (b.feat!.chars >= 120 && b.feat!.sentenceEnd) continue; // a paragraph of its own, not a pull quote
      const passage = b.feat!.key.replace(/["'“”«»„]/gu, '').trim();
      if (passage.length < 30) continue;
      const source = paragraphs.find((p) => p !== el && info(p).feat!.key.length > passage.length && info(p).feat!.key.includes(passage));
      if (!source) continue;
      if (b.drop) b.drop = { rule: 'pull-quote', reason: `a passage of line ${info(source).line} printed again as a pull quote` };
      else if (drop(el, 'pull-quote', `a passage of line ${info(source).line} printed again as a pull quote`)) {
        note(file, 'pull-quote', `dropped pull quote (a passage of line ${info(source).line}): ${b.text.slice(0, 80)}`, b.line);
      }
    }
  };
}
