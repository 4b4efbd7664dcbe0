// Site templates learned across dumps: lines that many dumps of one site share are the site's menus,
// tickers, footers and forms. Dumps are grouped into sites by the lines they share (no configuration);
// within a site, a line shared by enough *different* pages is template. Near-identical pages (the same
// article crawled twice) are counted once, so an article's own lines never become template.
import type { Root } from 'hast';
import type { VFile } from 'vfile';
import { matchKey } from '../arabic/normalize.ts';
import { blocksOf, drop, info } from '../parse/blocks.ts';
import { note } from './state.ts';

export interface TemplateInput { id: string; lines: string[] }

/** Line keys worth comparing: trimmed, match-keyed, at least two characters. */
function lineKeys(lines: string[]): Set<string> {
  const out = new Set<string>();
  for (const l of lines) {
    const k = matchKey(l.replace(/^\s*[•·▪●◦‣∙]\s*/u, ''));
    if (k.length >= 2) out.add(k);
  }
  return out;
}

function jaccard(a: Set<string>, b: Set<string>): number {
  let inter = 0;
  const [small, large] = a.size < b.size ? [a, b] : [b, a];
  for (const x of small) if (large.has(x)) inter++;
  return inter / (a.size + b.size - inter || 1);
}

/**
 * Learns template lines for each input: returns input id → set of match keys that are template for its site.
 * Two dumps belong to one site when they share at least `minShared` distinct lines; a line is template when at
 * enough distinct pages of the site hold it (40% and at least two; half and at least three for prose-length lines).
 */
export function learnTemplates(inputs: TemplateInput[], minShared = 3): Map<string, Set<string>> {
  const keys = inputs.map((i) => lineKeys(i.lines));
  // Inverted index: line key → inputs holding it. Lines held by very many inputs still link them.
  const holders = new Map<string, number[]>();
  keys.forEach((set, i) => {
    for (const k of set) {
      let h = holders.get(k);
      if (!h) holders.set(k, (h = []));
      h.push(i);
    }
  });
  // Union-find over inputs that share ≥ minShared lines.
  const parent = inputs.map((_, i) => i);
  const find = (x: number): number => (parent[x] === x ? x : (parent[x] = find(parent[x]!)));
  const pairCount = new Map<number, Map<number, number>>();
  for (const h of holders.values()) {
    if (h.length < 2 || h.length > 2000) continue;
    for (let a = 0; a < h.length; a++) {
      for (let b = a + 1; b < h.length && b < a + 200; b++) {
        const i = h[a]!, j = h[b]!;
        let m = pairCount.get(i);
        if (!m) pairCount.set(i, (m = new Map()));
        const c = (m.get(j) ?? 0) + 1;
        m.set(j, c);
        if (c === minShared) parent[find(i)] = find(j);
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
    // Count each line once per *distinct* page: near-identical pages (Jaccard ≥ 0.6) collapse to one.
    const distinct: number[] = [];
    for (const i of members) if (!distinct.some((j) => jaccard(keys[i]!, keys[j]!) >= 0.6)) distinct.push(i);
    if (distinct.length < 2) continue;
    const df = new Map<string, number>();
    for (const i of distinct) for (const k of keys[i]!) df.set(k, (df.get(k) ?? 0) + 1);
    const template = new Set<string>();
    // Menus and footers sit on nearly every page; a related headline or a quoted paragraph on a few.
    const shortNeed = Math.max(2, Math.ceil(0.4 * distinct.length));
    const longNeed = Math.max(3, Math.ceil(0.5 * distinct.length));
    for (const [k, n] of df) if (n >= (k.length > 160 ? longNeed : shortNeed)) template.add(k);
    for (const i of members) result.set(inputs[i]!.id, template);
  }
  return result;
}

/** unified plugin: drops blocks whose text is template for this page's site. */
export default function arshifTemplate(options: { template?: Set<string> } = {}) {
  return (tree: Root, file: VFile) => {
    const template = options.template;
    if (!template || template.size === 0) return;
    for (const el of blocksOf(tree)) {
      const b = info(el);
      if (template.has(b.feat!.key) && drop(el, 'template', 'line shared with other pages of the same site')) {
        note(file, 'template', `dropped site template line: ${b.text.slice(0, 80)}`, b.line);
      }
    }
  };
}
