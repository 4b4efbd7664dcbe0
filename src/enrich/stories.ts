// Same-story clusters over normalised word shingles (pairs of content words: function words removed,
// clitics stripped). Candidate pairs come from an inverted index of shingles — each shingle votes for the
// documents that hold it, shingles held by very many documents (stock phrases) do not vote — and the real
// resemblance of the two shingle sets decides. Exact and deterministic (no sampling error as MinHash has,
// which at the resemblance of two rewrites of one story, ~0.15, would miss pairs), and near-linear because
// common shingles are skipped.
import { matchTokens } from '../arabic/normalize.ts';
import { stripClitics } from '../arabic/stem.ts';
import { FUNCTION_WORDS } from '../arabic/function-words.ts';

const SHINGLE = 2;
const MAX_HOLDERS = 64;

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Word shingles of a text: content words (function words removed, clitics stripped), two at a time. */
export function shingles(text: string): Set<number> {
  const words = matchTokens(text).map(stripClitics).filter((w) => !FUNCTION_WORDS.has(w) && w.length > 1);
  const out = new Set<number>();
  for (let i = 0; i + SHINGLE <= words.length; i++) out.add(fnv1a(words.slice(i, i + SHINGLE).join(' ')));
  return out;
}

/** Jaccard resemblance and containment (share of the smaller set) of two shingle sets. */
export function resemblance(a: Set<number>, b: Set<number>): { jaccard: number; containment: number } {
  let inter = 0;
  const [s, l] = a.size < b.size ? [a, b] : [b, a];
  for (const x of s) if (l.has(x)) inter++;
  return { jaccard: inter / (a.size + b.size - inter || 1), containment: inter / (s.size || 1) };
}

/** True when two shingle sets tell the same story. */
export function sameStory(a: Set<number>, b: Set<number>): boolean {
  const r = resemblance(a, b);
  return r.jaccard >= 0.1 || (r.containment >= 0.35 && Math.min(a.size, b.size) >= 20);
}

/**
 * Clusters documents into stories. Returns, per document, the index of the first document of its cluster
 * (a document alone in its story points to itself).
 */
export function clusterStories(texts: string[]): number[] {
  const sets = texts.map(shingles);
  const holders = new Map<number, number[]>();
  sets.forEach((set, i) => {
    for (const s of set) {
      let h = holders.get(s);
      if (!h) holders.set(s, (h = []));
      if (h.length <= MAX_HOLDERS) h.push(i);
    }
  });
  const parent = texts.map((_, i) => i);
  const find = (x: number): number => (parent[x] === x ? x : (parent[x] = find(parent[x]!)));
  for (let i = 0; i < sets.length; i++) {
    // Votes from shared, discriminative shingles; only documents after i, so each pair is checked once.
    const votes = new Map<number, number>();
    for (const s of sets[i]!) {
      const h = holders.get(s)!;
      if (h.length > MAX_HOLDERS) continue;
      for (const j of h) if (j > i) votes.set(j, (votes.get(j) ?? 0) + 1);
    }
    const need = Math.max(2, Math.floor(0.05 * sets[i]!.size));
    for (const [j, n] of votes) {
      if (n >= need && find(i) !== find(j) && sameStory(sets[i]!, sets[j]!)) {
        const a = find(i), b = find(j);
        parent[Math.max(a, b)] = Math.min(a, b);
      }
    }
  }
  return texts.map((_, i) => find(i));
}
