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
import { grown } from '../util/grow.ts';

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
 * The inputs' line keys as small integers, each input's distinct keys in one flat array (`keys` from `start[i]`
 * to `start[i + 1]`, in the input's order). Every step of template learning then counts over typed arrays:
 * with string-keyed maps it cost 56 µs a page at 10,000 pages and 130 µs at 100,000 (bigger maps), measured;
 * over integers, 97,000 real pages take 5.5 s instead of 11.6 s, with the same templates.
 */
interface KeyTable { names: string[]; long: Uint8Array; start: Int32Array; keys: Int32Array }

function keyTable(inputs: TemplateInput[]): KeyTable {
  const ids = new Map<string, number>();
  const names: string[] = [];
  const start = new Int32Array(inputs.length + 1);
  let keys: Int32Array = new Int32Array(1 << 16);
  let len = 0;
  let mark: Int32Array = new Int32Array(1 << 12); // mark[id] = 1 + the last input holding it (an input's keys count once)
  inputs.forEach((input, i) => {
    start[i] = len;
    for (const k of input.keys) {
      let id = ids.get(k);
      if (id === undefined) {
        id = names.length;
        ids.set(k, id);
        names.push(k);
        if (id >= mark.length) mark = grown(mark, id + 1);
      }
      if (mark[id] === i + 1) continue;
      mark[id] = i + 1;
      if (len === keys.length) keys = grown(keys, len + 1);
      keys[len++] = id;
    }
  });
  start[inputs.length] = len;
  const long = new Uint8Array(names.length);
  names.forEach((k, id) => (long[id] = k.startsWith('L') ? 1 : 0));
  return { names, long, start, keys: keys.subarray(0, len) };
}

/**
 * Counts of input pairs (i < j) in an open-addressing table: a Map keyed by i·n + j (past 2^30, so not a small
 * integer) cost more than all the rest of the linking.
 */
class PairCounts {
  private a = new Int32Array(1 << 10).fill(-1);
  private b = new Int32Array(1 << 10);
  private c = new Int32Array(1 << 10);
  private size = 0;
  /** Adds one to the pair's count and returns the new count. */
  add(i: number, j: number): number {
    if (2 * (this.size + 1) > this.a.length) this.rehash();
    const mask = this.a.length - 1;
    let at = (Math.imul(i, 0x9e3779b1) ^ Math.imul(j, 0x85ebca6b)) & mask;
    while (this.a[at] !== -1) {
      if (this.a[at] === i && this.b[at] === j) return ++this.c[at]!;
      at = (at + 1) & mask;
    }
    this.a[at] = i;
    this.b[at] = j;
    this.c[at] = 1;
    this.size++;
    return 1;
  }
  private rehash(): void {
    const { a, b, c } = this;
    this.a = new Int32Array(2 * a.length).fill(-1);
    this.b = new Int32Array(2 * a.length);
    this.c = new Int32Array(2 * a.length);
    const mask = this.a.length - 1;
    for (let k = 0; k < a.length; k++) {
      if (a[k] === -1) continue;
      let at = (Math.imul(a[k]!, 0x9e3779b1) ^ Math.imul(b[k]!, 0x85ebca6b)) & mask;
      while (this.a[at] !== -1) at = (at + 1) & mask;
      this.a[at] = a[k]!;
      this.b[at] = b[k]!;
      this.c[at] = c[k]!;
    }
  }
}

/**
 * The pages of a site with each article counted once: the same article crawled twice shares its paragraphs.
 * Pages are compared on their own prose-length lines (those most pages of the site do not hold, so a long
 * footer does not make every page alike): a page whose own long lines are mostly those of a page already
 * kept is a copy. Comparing whole line sets instead would call two different articles of a site with heavy
 * furniture "near-identical". An inverted index keeps this linear in the number of pages.
 * `count` and `votes` are zeroed scratch arrays (by key, by page), left zeroed.
 */
function distinctPages(members: number[], t: KeyTable, count: Int32Array, votes: Int32Array): number[] {
  const { start, keys, long } = t;
  const seen: number[] = [];
  for (const i of members) {
    for (let e = start[i]!; e < start[i + 1]!; e++) {
      const k = keys[e]!;
      if (long[k] && count[k]++ === 0) seen.push(k);
    }
  }
  const common = Math.max(2, members.length / 2);
  const holders = new Map<number, number[]>();
  const ownLong = new Map<number, number>();
  const distinct: number[] = [];
  const touched: number[] = [];
  for (const i of members) {
    const all: number[] = [];
    let own: number[] = [];
    for (let e = start[i]!; e < start[i + 1]!; e++) {
      const k = keys[e]!;
      if (!long[k]) continue;
      all.push(k);
      if (count[k]! < common) own.push(k);
    }
    // Every long line of the page on half the site's pages or more: in a site of a few pages that is the same
    // article crawled again, not furniture (the same dump twice would otherwise make its own lines template).
    if (own.length === 0) own = all;
    for (const k of own) for (const j of holders.get(k) ?? []) if (votes[j]++ === 0) touched.push(j);
    let copy = false;
    for (const j of touched) {
      if (votes[j]! >= 0.5 * Math.min(own.length, ownLong.get(j)!)) copy = true;
      votes[j] = 0;
    }
    touched.length = 0;
    if (copy) continue;
    distinct.push(i);
    ownLong.set(i, own.length);
    for (const k of own) {
      const h = holders.get(k);
      if (h) h.push(i);
      else holders.set(k, [i]);
    }
  }
  for (const k of seen) count[k] = 0;
  return distinct;
}

/**
 * Learns template lines for each input: returns input id → set of match keys that are template for its site.
 * Two dumps belong to one site when they share at least `minShared` distinct lines; a line is template when at
 * enough distinct pages of the site hold it (40% and at least two; half and at least three for prose-length lines).
 */
export function learnTemplates(inputs: TemplateInput[], minShared = 3): Map<string, Set<string>> {
  const t = keyTable(inputs);
  const { start, keys, names } = t;
  const n = inputs.length;
  // Inverted index: line key → inputs holding it, ascending (a counting sort). Lines held by very many inputs
  // still link them.
  const hStart = new Int32Array(names.length + 1);
  for (const k of keys) hStart[k + 1]!++;
  for (let k = 0; k < names.length; k++) hStart[k + 1]! += hStart[k]!;
  const fill = hStart.slice(0, names.length);
  const holder = new Int32Array(keys.length);
  for (let i = 0; i < n; i++) for (let e = start[i]!; e < start[i + 1]!; e++) holder[fill[keys[e]!]!++] = i;
  // Union-find over inputs that share ≥ minShared lines. Each holder of a line is paired with the next few
  // holders only: pages of one site link up in a chain, so the cost stays linear in the number of pages
  // (pairing every holder with every other was quadratic in a big site's page count).
  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
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
  const pairs = new PairCounts();
  for (let k = 0; k < names.length; k++) {
    const lo = hStart[k]!, hi = hStart[k + 1]!;
    for (let a = lo; a < hi - 1; a++) {
      for (let b = a + 1; b < hi && b <= a + WINDOW; b++) {
        const i = holder[a]!, j = holder[b]!;
        if (find(i) === find(j)) continue;
        if (pairs.add(i, j) >= minShared) parent[find(i)] = find(j);
      }
    }
  }
  const groups = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const r = find(i);
    let g = groups.get(r);
    if (!g) groups.set(r, (g = []));
    g.push(i);
  }
  const result = new Map<string, Set<string>>();
  const count = new Int32Array(names.length);
  const votes = new Int32Array(n);
  for (const members of groups.values()) {
    if (members.length < 2) continue;
    const distinct = distinctPages(members, t, count, votes);
    if (distinct.length < 2) continue;
    const seen: number[] = [];
    for (const i of distinct) {
      for (let e = start[i]!; e < start[i + 1]!; e++) if (count[keys[e]!]!++ === 0) seen.push(keys[e]!);
    }
    const template = new Set<string>();
    // Menus and footers sit on nearly every page; a related headline or a quoted paragraph on a few.
    const shortNeed = Math.max(2, Math.ceil(0.4 * distinct.length));
    const longNeed = Math.max(3, Math.ceil(0.5 * distinct.length));
    for (const k of seen) {
      if (count[k]! >= (t.long[k] ? longNeed : shortNeed)) template.add(names[k]!);
      count[k] = 0;
    }
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
