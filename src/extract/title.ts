// The headline: as the page gives it, without hashtag marks or a site-name suffix/prefix.
// News pages print the headline in the <title> line, in breadcrumbs, as the h1 and in share blocks; the
// copy nearest the article, confirmed by another copy or by the title line, is the headline.
import type { Element, Root } from 'hast';
import type { VFile } from 'vfile';
import { matchKey, matchTokens } from '../arabic/normalize.ts';
import { stripClitics } from '../arabic/stem.ts';
import { isFunctionWord } from '../arabic/function-words.ts';
import { blocksOf, drop, info, type BlockInfo } from '../parse/blocks.ts';
import { STARTS_WITH_BULLET, withoutBullet } from '../parse/text.ts';
import { looksLikeDateline } from './dateline.ts';
import { isMediaName } from './outlet.ts';
import { findDates } from '../arabic/dates.ts';
import { note, stateOf } from '../clean/state.ts';
import { isCaptionLine } from '../clean/captions.ts';
import { memoize } from '../util/memo.ts';

/** Removes hashtag marks from words (#سوريا → سوريا) and collects the tags. */
export function stripHashtags(text: string): { text: string; tags: string[] } {
  const tags: string[] = [];
  const out = text.replace(/(^|[\s(«"“])#([\p{L}\p{N}_]+)/gu, (_, pre: string, tag: string) => {
    tags.push(tag.replace(/_/g, ' '));
    return pre + tag;
  });
  return { text: out, tags };
}

/** Splits "Headline - Site" / "Headline | Site" into the headline and a short site name (≤ 4 words). */
export function splitSiteSuffix(text: string): { headline: string; site?: string } {
  if (!/\s[|\-–—]/.test(text)) return { headline: text }; // no separator: skip the backtracking pattern
  const m = /^(.*\S)\s+[|\-–—]{1,2}\s+([^|\-–—]+)$/u.exec(text);
  if (!m) return { headline: text };
  let head = m[1]!.trim();
  const last = m[2]!.trim();
  const words = (s: string) => s.split(/\s+/).filter(Boolean).length;
  if (words(last) > 4 || words(head) < 3) return { headline: text };
  // "Headline - Site in Latin | الموقع": a second suffix in Latin letters after an Arabic headline is the
  // site's name again (or a section's), never the headline's end.
  const inner = /^(.*\S)\s+[|\-–—]{1,2}\s+([A-Za-z][A-Za-z0-9 .&'’]*)$/u.exec(head);
  if (inner && words(inner[2]!) <= 4 && words(inner[1]!) >= 3 && /[\u0621-\u064a]/u.test(inner[1]!)) head = inner[1]!.trim();
  return { headline: head, site: last };
}

/** The match key used to recognise copies of a headline (memoised: every block is keyed several times). */
export const headlineKey: (text: string) => string = memoize(
  (text) => colonSpaced(matchKey(stripHashtags(withoutBullet(text)).text)),
  100_000,
  400,
);

/** Content words of a line (its match-key tokens) without clitics, for overlap between a headline and the lead. */
function contentWords(tokens: readonly string[]): string[] {
  const out: string[] = [];
  for (const t of tokens) {
    const w = stripClitics(t);
    if (w.length > 2 && !isFunctionWord(w)) out.push(w);
  }
  return out;
}

/** A key without one trailing dash or bar ("اسم الموقع -" is the site's name line); a loop-free /\s*[-–—|]$/. */
function withoutTrailingDash(key: string): string {
  const last = key[key.length - 1];
  return last === '-' || last === '–' || last === '—' || last === '|' ? key.slice(0, -1).trimEnd() : key;
}

/** "Site - Headline": a short name, a dash or bar, then the rest. */
const SITE_PREFIX = /^(.{2,40}?)\s+[-–—|]\s+(.+)$/u;

/** A headline key from a match key: one form for the colon of a "label: headline" line. */
const colonSpaced = (key: string) => (key.includes(':') || key.includes('：') ? key.replace(/\s*[:：]\s*/g, ': ') : key);

/**
 * A block's headline key, kept on the block. Without a hashtag or a bullet, the text's headline key is its
 * match key (already in its features) with the colon spaced, so most blocks need no second normalisation.
 */
export function blockHeadlineKey(b: BlockInfo): string {
  b.hkey ??= b.text.includes('#') || STARTS_WITH_BULLET.test(b.text) ? headlineKey(b.text) : colonSpaced(b.feat!.key);
  return b.hkey;
}

/** Keys of the line without a site suffix or a site prefix, when it has one. */
const affixKeys = memoize((t: string): string[] => {
  const keys: string[] = [];
  const s = splitSiteSuffix(stripHashtags(t).text);
  if (s.site) keys.push(headlineKey(s.headline));
  const m = SITE_PREFIX.exec(t);
  if (m) keys.push(headlineKey(m[2]!));
  return keys;
}, 100_000, 400);

/**
 * The keys under which a block counts as a copy of a headline: as is, without a site suffix, without a site
 * prefix. A line of over 320 characters is no headline with a site name (candidates have at most 250).
 */
function variantKeys(b: BlockInfo): string[] {
  const own = blockHeadlineKey(b);
  if (b.text.length > 320 || !/\s[|\-–—]/.test(b.text)) return [own];
  return [...new Set([own, ...affixKeys(b.text)])];
}

/** What the text alone says against a headline: a long sentence, a dateline, a short date line. */
const readsLikeHeadline = memoize((t: string): boolean => {
  const words = matchTokens(t).length;
  if (/[.]["”»]?$/.test(t) && words > 12) return false; // a sentence, not a headline
  if (looksLikeDateline(t)) return false;
  if (words < 8 && findDates(t).length) return false;
  return true;
}, 100_000, 300);

function isCandidate(el: Element): boolean {
  const b = info(el);
  const f = b.feat!;
  if (b.tag === 'li' || b.zone === 'nav' || b.zone === 'footer') return false;
  if (f.chars < 12 || f.chars > 250 || f.words < 3 || f.words > 40) return false;
  if (f.arabicShare < 0.6 || f.url || f.slug) return false;
  if (f.interfaceText && b.drop?.rule !== 'template') return false;
  return readsLikeHeadline(b.text);
}

/**
 * unified plugin: finds the headline before the article region and marks it; leaves `title` unset when the
 * page has none (the lead then gives one, see the lead plugin).
 */
export default function arshifTitle() {
  return (tree: Root, file: VFile) => {
    const state = stateOf(file);
    const blocks = blocksOf(tree);
    const start = state.region?.start ?? blocks.length;
    const bulletKeys = new Set(blocks.filter((el) => info(el).tag === 'li').map((el) => blockHeadlineKey(info(el))));
    // Count copies by headline key (hashtags removed), also through a site prefix/suffix.
    const keyCount = new Map<string, number>();
    const variants = (el: Element): string[] => variantKeys(info(el));
    for (const el of blocks) for (const k of variants(el)) keyCount.set(k, (keyCount.get(k) ?? 0) + 1);
    const firstKeys = blocks.length ? variants(blocks[0]!) : [];

    // A headline announces what the lead tells: most of its content words come back in the first paragraphs.
    // A caption or a related headline shares a name or two at most.
    const leadWords = new Set<string>();
    for (let i = start, seen = 0; i < blocks.length && seen < 2; i++) {
      const b = info(blocks[i]!);
      if (b.klass !== 'good' && b.klass !== 'neargood') continue;
      seen++;
      for (const w of contentWords(b.feat!.tokens)) leadWords.add(w);
    }
    const overlap = (tokens: readonly string[]): number => {
      const words = contentWords(tokens);
      if (!words.length || !leadWords.size) return 0;
      return words.filter((w) => leadWords.has(w)).length / words.length;
    };
    let best: { el: Element; index: number; score: number } | null = null;
    for (let i = 0; i < Math.min(start, blocks.length); i++) {
      const el = blocks[i]!;
      if (!isCandidate(el)) continue;
      // The line under an image file name is that image's caption.
      if (i > 0 && info(blocks[i - 1]!).feat!.slug) continue;
      if (info(el).tag === 'figcaption' || info(el).zone === 'figcaption' || isCaptionLine(info(el).text)) continue;
      const key = blockHeadlineKey(info(el));
      if (bulletKeys.has(key)) continue; // a menu or ticker item printed twice
      // The page's <title> line (first) is far from the article by nature: its distance says nothing.
      let score = i === 0 ? -2 + (splitSiteSuffix(stripHashtags(info(el).text).text).site ? 1 : 0) : -0.5 * (start - i);
      if ((keyCount.get(key) ?? 0) >= 2) score += 3;
      if (i !== 0 && firstKeys.includes(key)) score += 3;
      if (i === 0 && blocks.length > 1) score += 1;
      if (info(el).tag === 'h1') score += 4;
      score += 3 * overlap(info(el).feat!.tokens);
      if (info(el).drop?.rule === 'template') score -= 1;
      if (!best || score > best.score) best = { el, index: i, score };
    }
    if (!best || best.score < -4) return;
    // Among the copies of the chosen headline, show the plainest one: no site prefix or suffix.
    const text = stripHashtags(info(best.el).text);
    const suffix = splitSiteSuffix(text.text);
    let site = suffix.site;
    let siteEvidence = info(best.el).text;
    let headline = suffix.headline;
    const chosenKey = headlineKey(headline);
    for (const el of blocks) {
      if (info(el).text.length < headline.length && blockHeadlineKey(info(el)) === chosenKey) headline = stripHashtags(info(el).text).text;
    }
    if (!site && blocks.length) {
      // The page's <title> line: "Headline | Site".
      const first = splitSiteSuffix(stripHashtags(info(blocks[0]!).text).text);
      if (first.site && headlineKey(first.headline) === headlineKey(headline)) {
        site = first.site;
        siteEvidence = info(blocks[0]!).text;
      }
    }
    if (!site) {
      // "Site - Headline" copies name the site.
      const wanted = headlineKey(headline);
      for (const el of blocks) {
        const t = info(el).text;
        if (t.length > 320 || !/\s[-–—|]\s/.test(t)) continue; // no "Site - Headline" line
        const m = SITE_PREFIX.exec(t);
        if (m && headlineKey(m[2]!) === wanted && m[1]!.split(/\s+/).length <= 4) {
          site = m[1]!.trim();
          siteEvidence = info(el).text;
        }
      }
    }
    state.title = { value: headline.trim(), evidence: info(best.el).text, from: 'headline', line: info(best.el).line, titleFrom: 'page' };
    state.titleKey = headlineKey(headline);
    state.hashtags = [...new Set([...state.hashtags, ...text.tags])];
    // A title affix names the outlet only when the page confirms it as a name (elsewhere, or a media word).
    const siteKey = site ? matchKey(site) : '';
    if (site && (keyCount.get(headlineKey(site)) || isMediaName(site) || blocks.some((el) => withoutTrailingDash(info(el).feat!.key) === siteKey))) {
      state.outlet ??= { value: site, evidence: siteEvidence, from: 'title-affix' };
    }
    info(best.el).role = 'title';
    info(best.el).drop = undefined;
    drop(best.el, 'title', 'the headline (kept as the title)');
    note(file, 'title', `headline: ${headline}`, info(best.el).line);
  };
}
