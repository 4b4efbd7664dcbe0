// Body vs boilerplate from text features, smoothed by neighbours, kept contiguous.
// Classes follow jusText (good / near-good / short / bad) with thresholds for Arabic: function-word density
// instead of its frequency stoplist, characters instead of bytes, and a block that is long but has neither
// function words nor sentence punctuation (a ticker, a run of headlines) counted as bad.
// The article is one contiguous region: the run of blocks with the largest total score (Kadane), where good
// prose scores by its length and interface text, template lines and lists score below zero.
import type { Element, Root } from 'hast';
import type { VFile } from 'vfile';
import { blocksOf, drop, info, type BlockInfo } from '../parse/blocks.ts';
import { note, stateOf } from './state.ts';
import { APPENDIX_HEADINGS, ARTICLE_END_LINES } from './cues.ts';
import { withoutTrailingSeparators } from './features.ts';
import { findDates } from '../arabic/dates.ts';

/** Classifies one block by its own features. */
export function classify(b: BlockInfo): NonNullable<BlockInfo['klass']> {
  const f = b.feat!;
  if (f.interfaceText || f.slug || (f.url && f.chars < 300)) return 'bad';
  if (f.arabicShare < 0.5) return 'bad';
  if (b.zone === 'nav' || b.zone === 'footer' || b.zone === 'aside' || b.zone === 'form') return 'bad';
  if ((b.linkDensity ?? 0) > 0.5) return 'bad';
  const fd = f.functionDensity;
  // A paragraph the markup puts inside the article, written as a sentence, is article text whatever its words.
  if (b.zone === 'article' && (b.tag === 'p' || b.tag === 'blockquote') && f.chars >= 40 && f.sentenceEnd && f.arabicShare >= 0.7) return 'good';
  if (f.chars >= 100 && fd >= 0.15 && (f.sentenceEnd || f.punctuation >= 2)) return b.tag === 'li' ? 'neargood' : 'good';
  if (f.chars >= 30 && fd >= 0.1 && f.sentenceEnd) return 'neargood';
  if (f.chars < 100) return 'short';
  // A long sentence that ends like one, with inner punctuation, is prose even when it is dense in nouns.
  if (f.sentenceEnd && f.words >= 10 && f.punctuation >= 2) return 'neargood';
  if (fd < 0.08 || (!f.sentenceEnd && f.punctuation < 2)) return 'bad';
  return 'neargood';
}

function score(b: BlockInfo): number {
  if (b.drop) return b.drop.rule === 'template' ? -1 : b.drop.rule === 'title' || b.drop.rule === 'title-copy' ? -0.2 : 0;
  switch (b.klass) {
    case 'good':
      return 1 + Math.min(b.feat!.chars, 800) / 200;
    case 'neargood':
      return 0.6;
    case 'short':
      return b.tag === 'li' ? -1 : -0.4;
    default:
      // A lone short line of symbols or Latin (a separator "---", a handle, a model name) inside an article
      // costs less than a real piece of furniture: it should not split the article in two.
      return b.feat!.chars <= 30 && !b.feat!.interfaceText && !b.feat!.url ? -1.2 : -2.5;
  }
}

/** The index range with the largest score sum (Kadane), or null when no range scores above zero. */
export function bestRegion(scores: number[]): { start: number; end: number } | null {
  let best = 0;
  let bestRange: { start: number; end: number } | null = null;
  let sum = 0;
  let start = 0;
  for (let i = 0; i < scores.length; i++) {
    if (sum <= 0) {
      sum = 0;
      start = i;
    }
    sum += scores[i]!;
    if (sum > best) {
      best = sum;
      bestRange = { start, end: i };
    }
  }
  return bestRange;
}

function locate(blocks: Element[]): { start: number; end: number } | null {
  const region = bestRegion(blocks.map((el) => score(info(el))));
  return region && holdsProse(blocks, region) ? region : null;
}

/** The region holds real prose: at least one good block, or several near-good ones, 200 characters in all. */
function holdsProse(blocks: Element[], region: { start: number; end: number }): boolean {
  let good = 0;
  let near = 0;
  let chars = 0;
  for (let i = region.start; i <= region.end; i++) {
    const b = info(blocks[i]!);
    if (b.drop) continue;
    if (b.klass === 'good') good++;
    if (b.klass === 'neargood') near++;
    if (b.klass === 'good' || b.klass === 'neargood') chars += b.feat!.chars;
  }
  return !((good === 0 && near < 3) || chars < 200);
}

/**
 * Context: a sentence ending in a colon ("…على النحو التالي:") announces what follows; the list items right
 * after it belong to the text, however short or Latin-heavy they are (product names, figures).
 */
function listsAfterLeadIns(blocks: Element[]): void {
  for (let i = 0; i < blocks.length - 1; i++) {
    const b = info(blocks[i]!);
    const f = b.feat!;
    if (!/[:：]$/.test(b.text.trim()) || f.chars < 25 || f.arabicShare < 0.6 || f.interfaceText || b.zone && b.zone !== 'article') continue;
    if (f.functionDensity < 0.1) continue;
    let j = i + 1;
    const items: BlockInfo[] = [];
    while (j < blocks.length && items.length < 15) {
      const c = info(blocks[j]!);
      if (c.tag !== 'li' || c.feat!.interfaceText || c.feat!.url || c.feat!.chars > 300) break;
      items.push(c);
      j++;
    }
    if (items.length < 2) continue;
    // The lead-in itself is prose; the items are near-good text.
    if (b.klass === 'short' || b.klass === 'bad') b.klass = 'neargood';
    for (const c of items) c.klass = 'neargood';
    i = j - 1;
  }
}

/** unified plugin: classifies every block and finds a first article region (before title and repeats). */
export function arshifClassify() {
  return (tree: Root, file: VFile) => {
    const blocks = blocksOf(tree);
    for (const el of blocks) info(el).klass = classify(info(el));
    listsAfterLeadIns(blocks);
    stateOf(file).region = locate(blocks);
  };
}

/**
 * The lead is sometimes cut off from the rest of the article by a few lines of player, ad or embed furniture
 * ("تشغيل", "إعلان", a separator, a handle). Between the headline and the region, prose separated from the
 * region only by such short lines is the article's beginning: the region grows back over it and the short
 * lines go.
 */
function extendToLead(blocks: Element[], region: { start: number; end: number }, file: VFile): void {
  const titleAt = blocks.findIndex((el) => info(el).role === 'title');
  if (titleAt < 0 || titleAt >= region.start) return;
  const gap: Element[] = [];
  let i = region.start - 1;
  for (; i > titleAt; i--) {
    const b = info(blocks[i]!);
    const short = b.drop?.rule === 'template' || (!b.drop && b.feat!.chars <= 40 && (b.klass === 'short' || b.klass === 'bad') && !b.feat!.sentenceEnd);
    if (!short) break;
    if (closesArticle(b)) return;
    gap.push(blocks[i]!);
    // A table flattened one cell per line (prices, results) can be a few dozen short lines.
    if (gap.length > 24) return;
  }
  if (gap.length === 0 || i <= titleAt) return;
  // The prose run just above the gap: good paragraphs, the first one a full sentence.
  let top = i + 1;
  for (let j = i; j > titleAt; j--) {
    const b = info(blocks[j]!);
    if (b.drop || (b.klass !== 'good' && b.klass !== 'neargood')) break;
    top = j;
  }
  if (top > i || info(blocks[i]!).klass !== 'good' || !info(blocks[i]!).feat!.sentenceEnd) return;
  for (const g of gap) {
    if (drop(g, 'boilerplate', 'short furniture line between the lead and the body')) note(file, 'boilerplate', `dropped furniture between lead and body: ${info(g).text}`, info(g).line);
  }
  region.start = top;
}

const END = new Set(ARTICLE_END_LINES);

/** A short line that closes an article (tags, share, comments, lists of other articles, footer): see cues. */
function closesArticle(b: BlockInfo): boolean {
  const f = b.feat!;
  if (f.chars > 60) return false;
  if (f.related === 'label' || (f.interfaceText && /حقوق|copyright|©/iu.test(f.key))) return true;
  // The line's first one, two or three words (trailing separators off) against the list.
  const k = f.key;
  let end = -1;
  for (let n = 0; n < 3; n++) {
    end = k.indexOf(' ', end + 1);
    if (END.has(withoutTrailingSeparators(end < 0 ? k : k.slice(0, end)))) return true;
    if (end < 0) break;
  }
  return false;
}

const isProse = (b: BlockInfo) => !b.drop && (b.klass === 'good' || b.klass === 'neargood');
/** A short sentence of the text (its last words, a one-line paragraph): kept when a gap is bridged. */
const isShortSentence = (b: BlockInfo) => !b.drop && b.feat!.sentenceEnd && b.feat!.arabicShare >= 0.7 && !b.feat!.interfaceText && b.feat!.words >= 2;
/** A subheading-like line: a few Arabic words, no sentence end, no interface text, no figures. */
const looksLikeHeading = (b: BlockInfo) =>
  !b.drop && b.feat!.words >= 2 && b.feat!.words <= 12 && b.feat!.arabicShare >= 0.8 && !b.feat!.interfaceText && !b.feat!.sentenceEnd && b.feat!.digitShare === 0 && !b.feat!.url;

/**
 * An article is often cut in parts by furniture: ad slots ("إعلان", "Advertisement"), a newsletter box, an
 * app promotion, a one-line "اقرأ أيضا: …" link, the time stamps of a live blog. The region grows over such
 * a gap of at most 8 lines when real prose follows it and the gap holds nothing that closes an article (tags,
 * share calls, comments, lists of other articles, the footer, dated items). The gap's lines go, except short
 * sentences of the text and a subheading right before the next part.
 */
function bridgeGaps(blocks: Element[], region: { start: number; end: number }, file: VFile): void {
  while (bridge(blocks, region, file, 1));
  // Backwards too, when the best-scoring part was not the first; never over the headline.
  const titleAt = blocks.findIndex((el) => info(el).role === 'title');
  while (bridge(blocks, region, file, -1, titleAt));
}

/** Grows the region over one gap in one direction (1: after it, -1: before it); true when it did. */
function bridge(blocks: Element[], region: { start: number; end: number }, file: VFile, dir: 1 | -1, stop = -1): boolean {
  const edge = dir === 1 ? region.end : region.start;
  const inside = (k: number) => k >= 0 && k < blocks.length && (dir === 1 || k > stop);
  let k = edge + dir;
  while (inside(k) && !isProse(info(blocks[k]!))) {
    if (closesArticle(info(blocks[k]!)) || Math.abs(k - edge) > 8) return false;
    k += dir;
  }
  if (!inside(k) || k === edge + dir) return false;
  const next = info(blocks[k]!);
  if (!(next.klass === 'good' || (next.feat!.sentenceEnd && next.feat!.chars >= 60))) return false;
  // A dated line in the gap is an item of a list of other articles (looked at last: it costs the most).
  for (let g = edge + dir; g !== k; g += dir) if (info(blocks[g]!).feat!.chars <= 80 && findDates(info(blocks[g]!).text).length) return false;
  // The other part: prose, with short sentences inside it, up to its last prose block.
  let far = k;
  for (let j = k + dir; inside(j); j += dir) {
    const b = info(blocks[j]!);
    if (isProse(b)) far = j;
    else if (!isShortSentence(b)) break;
  }
  // The gap's lines go, but short sentences and a subheading right before the later part.
  const [from, to] = dir === 1 ? [edge + 1, k - 1] : [k + 1, edge - 1];
  const later = dir === 1 ? k : edge;
  for (let g = from; g <= to; g++) {
    const b = info(blocks[g]!);
    if (isShortSentence(b) || (g === later - 1 && looksLikeHeading(b))) continue;
    if (drop(blocks[g]!, 'boilerplate', 'furniture between two parts of the article (ad, promotion, player, time stamp)')) {
      note(file, 'boilerplate', `dropped furniture inside the article: ${b.text.slice(0, 80)}`, b.line);
    }
  }
  if (dir === 1) region.end = far;
  else region.start = far;
  return true;
}

/** The region ends before a press release's appendix heading ("نبذة عن الشركة", media contacts). */
function cutAppendix(blocks: Element[], region: { start: number; end: number }): void {
  for (let i = region.start + 1; i <= region.end; i++) {
    const b = info(blocks[i]!);
    if (b.drop || b.feat!.chars > 80 || b.feat!.sentenceEnd) continue;
    if (APPENDIX_HEADINGS.some((h) => b.feat!.key === h || b.feat!.key.startsWith(`${h} `) || b.feat!.key.startsWith(`${h}:`))) {
      region.end = i - 1;
      return;
    }
  }
}

/** unified plugin: finds the final article region and drops every block outside it, and interface text inside. */
export function arshifRegion() {
  return (tree: Root, file: VFile) => {
    const state = stateOf(file);
    const blocks = blocksOf(tree);
    // The best-scoring run, grown over what cuts the article in parts, must hold real prose.
    let region = bestRegion(blocks.map((el) => score(info(el))));
    if (region) {
      extendToLead(blocks, region, file);
      bridgeGaps(blocks, region, file);
      cutAppendix(blocks, region);
      if (!holdsProse(blocks, region)) region = null;
    }
    state.region = region;
    if (!region) {
      state.rejected ??= 'no article text found: the page holds no run of prose paragraphs (a list of headlines, a menu or an empty page)';
    }
    blocks.forEach((el, i) => {
      const b = info(el);
      if (b.drop) return;
      if (!region || i < region.start || i > region.end) {
        if (drop(el, 'outside-article', `outside the article region (${b.klass} block)`)) note(file, 'outside-article', `dropped ${b.klass} block outside the article: ${b.text.slice(0, 80)}`, b.line);
      } else if (b.klass === 'bad') {
        const why = b.feat!.related ? 'related-article link' : b.feat!.interfaceText ? 'interface text' : b.feat!.slug ? 'file-name slug' : b.feat!.url ? 'link' : 'not prose';
        if (drop(el, 'boilerplate', `${why} inside the article region`)) note(file, 'boilerplate', `dropped ${why}: ${b.text.slice(0, 80)}`, b.line);
      }
    });
    // A related-link label alone on its line ("اقرأ أيضا") is followed by the linked headline(s): short lines
    // that are not sentences, up to the next paragraph.
    if (region) {
      for (let i = region.start; i <= region.end; i++) {
        if (info(blocks[i]!).feat!.related !== 'label') continue;
        for (let j = i + 1, n = 0; j <= region.end && n < 3; j++, n++) {
          const c = info(blocks[j]!);
          if (c.klass === 'good' || c.feat!.sentenceEnd || c.feat!.chars > 160) break;
          if (drop(blocks[j]!, 'related', 'headline of a related-article link inside the text')) note(file, 'related', `dropped related link: ${c.text.slice(0, 80)}`, c.line);
        }
      }
    }
  };
}
