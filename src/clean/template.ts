// Site templates learned across dumps: lines that many dumps of one site share are the site's menus,
// tickers, footers and forms. Dumps are grouped into sites by the lines they share (no configuration);
// within a site, a line shared by enough *different* pages is template. Near-identical pages (the same
// article crawled twice) are counted once, so an article's own lines never become template.
import type { Root } from 'hast';
import type { VFile } from 'vfile';
import { matchKey } from '../arabic/normalize.ts';
import { blocksOf, drop, info } from '../parse/blocks.ts';
import { withoutBullet } from '../parse/text.ts';
import { note, stateOf } from './state.ts';

/** An input for template learning: its id and its distinct line keys (see `lineKeys`). */
export interface TemplateInput { id: string; keys: Iterable<string> }

/**
 * A short hash of a line's match key. Template learning compares lines across thousands of dumps and the
 * incremental cache stores each dump's line keys, so keys are hashed (cyrb53, 53 bits: collisions among the
 * few hundred thousand distinct lines of an archive are vanishingly rare, and a collision only makes one line
 * look shared). Written here because it is four lines and speed matters; no library needed.
 */
export function keyHash(key: string): string {
  let h1 = 0xdeadbeef ^ key.length;
  let h2 = 0x41c6ce57 ^ key.length;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/** Line keys worth comparing: trimmed, match-keyed, at least two characters; hashed, with a length mark. */
export function lineKeys(lines: string[]): Set<string> {
  const out = new Set<string>();
  for (const l of lines) {
    const k = matchKey(withoutBullet(l));
    if (k.length >= 2) out.add(hashedKey(k));
  }
  return out;
}

/** The hashed form of a match key; "L" marks prose-length lines, which need more pages to count as template. */
export function hashedKey(key: string): string {
  return `${key.length > 160 ? 'L' : 's'}${keyHash(key)}`;
}

/**
 * The pages of a site with each article counted once: the same article crawled twice shares its paragraphs.
 * Pages are compared on their own prose-length lines (those most pages of the site do not hold, so a long
 * footer does not make every page alike): a page whose own long lines are mostly those of a page already
 * kept is a copy. Comparing whole line sets instead would call two different articles of a site with heavy
 * furniture "near-identical". An inverted index keeps this linear in the number of pages.
 */
function distinctPages(members: number[], keys: Set<string>[]): number[] {
  const df = new Map<string, number>();
  for (const i of members) for (const k of keys[i]!) if (k.startsWith('L')) df.set(k, (df.get(k) ?? 0) + 1);
  const common = Math.max(2, members.length / 2);
  const holders = new Map<string, number[]>();
  const ownLong = new Map<number, number>();
  const distinct: number[] = [];
  for (const i of members) {
    const long = [...keys[i]!].filter((k) => k.startsWith('L'));
    let own = long.filter((k) => df.get(k)! < common);
    // Every long line of the page on most pages of the site: in a site of two or three pages that is the same
    // article crawled again, not furniture (the same dump twice would otherwise make its own lines template).
    if (own.length === 0) own = long;
    const shared = new Map<number, number>();
    for (const k of own) for (const j of holders.get(k) ?? []) shared.set(j, (shared.get(j) ?? 0) + 1);
    let copy = false;
    for (const [j, n] of shared) {
      const other = ownLong.get(j)!;
      if (n >= 0.5 * Math.min(own.length, other)) {
        copy = true;
        break;
      }
    }
    if (copy) continue;
    distinct.push(i);
    ownLong.set(i, own.length);
    for (const k of own) {
      const h = holders.get(k);
      if (h) h.push(i);
      else holders.set(k, [i]);
    }
  }
  return distinct;
}

/**
 * Learns template lines for each input: returns input id → set of match keys that are template for its site.
 * Two dumps belong to one site when they share at least `minShared` distinct lines; a line is template when at
 * enough distinct pages of the site hold it (40% and at least two; half and at least three for prose-length lines).
 */
export function learnTemplates(inputs: TemplateInput[], minShared = 3): Map<string, Set<string>> {
  const keys = inputs.map((i) => (i.keys instanceof Set ? (i.keys as Set<string>) : new Set(i.keys)));
  // Inverted index: line key → inputs holding it. Lines held by very many inputs still link them.
  const holders = new Map<string, number[]>();
  keys.forEach((set, i) => {
    for (const k of set) {
      let h = holders.get(k);
      if (!h) holders.set(k, (h = []));
      h.push(i);
    }
  });
  // Union-find over inputs that share ≥ minShared lines. Each holder of a line is paired with the next few
  // holders only: pages of one site link up in a chain, so the cost stays linear in the number of pages
  // (pairing every holder with every other was quadratic in a big site's page count).
  const parent = inputs.map((_, i) => i);
  const find = (x: number): number => {
    let r = x;
    while (parent[r] !== r) r = parent[r]!;
    while (parent[x] !== r) {
      const next = parent[x]!;
      parent[x] = r;
      x = next;
    }
    return r;
  };
  const WINDOW = 8;
  const n = inputs.length;
  const pairCount = new Map<number, number>();
  for (const h of holders.values()) {
    if (h.length < 2) continue;
    for (let a = 0; a < h.length; a++) {
      for (let b = a + 1; b < h.length && b <= a + WINDOW; b++) {
        const i = h[a]!, j = h[b]!;
        if (find(i) === find(j)) continue;
        const pair = i * n + j;
        const c = (pairCount.get(pair) ?? 0) + 1;
        pairCount.set(pair, c);
        if (c >= minShared) parent[find(i)] = find(j);
      }
    }
  }
  const groups = new Map<number, number[]>();
  inputs.forEach((_, i) => {
    const r = find(i);
    let g = groups.get(r);
    if (!g) groups.set(r, (g = []));
    g.push(i);
  });
  const result = new Map<string, Set<string>>();
  for (const members of groups.values()) {
    if (members.length < 2) continue;
    const distinct = distinctPages(members, keys);
    if (distinct.length < 2) continue;
    const df = new Map<string, number>();
    for (const i of distinct) for (const k of keys[i]!) df.set(k, (df.get(k) ?? 0) + 1);
    const template = new Set<string>();
    // Menus and footers sit on nearly every page; a related headline or a quoted paragraph on a few.
    const shortNeed = Math.max(2, Math.ceil(0.4 * distinct.length));
    const longNeed = Math.max(3, Math.ceil(0.5 * distinct.length));
    for (const [k, n] of df) if (n >= (k.startsWith('L') ? longNeed : shortNeed)) template.add(k);
    for (const i of members) result.set(inputs[i]!.id, template);
  }
  return result;
}

/**
 * unified plugin: drops blocks whose text is template for this page's site: the lines given as the plugin's
 * option, or else those the pipeline put in the file's page state (one processor then serves every page).
 */
export default function arshifTemplate(options: { template?: Set<string> } = {}) {
  return (tree: Root, file: VFile) => {
    const template = options.template ?? stateOf(file).template;
    if (!template || template.size === 0) return;
    for (const el of blocksOf(tree)) {
      const b = info(el);
      if (template.has(hashedKey(b.feat!.key)) && drop(el, 'template', 'line shared with other pages of the same site')) {
        note(file, 'template', `dropped site template line: ${b.text.slice(0, 80)}`, b.line);
      }
    }
  };
}
