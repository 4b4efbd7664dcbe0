// Light stemming for matching: Lucene's ArabicStemmer lists (Larkey et al.), applied to match keys, with a
// guard for words that must stay whole (names the prefix/suffix rules would cut: وزير, غزة, القاهرة, بيروت…).
// Written here because the npm stemmers are Snowball ports that keep وال (shared/notes/arabic.md §2).
// Guard forms are match keys without the article (src/arabic/names.ts builds them): a word is first read as
// «proclitics + guarded form», trying the shortest proclitic cluster first, and only then cut by the rules.
const PREFIXES = ['ال', 'وال', 'بال', 'كال', 'فال', 'لل', 'و'];
const SUFFIXES = ['ها', 'ان', 'ات', 'ون', 'ين', 'يه', 'يه', 'ه', 'ي'];

/** Every proclitic cluster a word may start with, shortest first: [وف]? then ([بكل]?ال | لل | [بكل])?. */
function procliticSplits(word: string): number[] {
  const out = new Set<number>([0]);
  const conj = word[0] === 'و' || word[0] === 'ف' ? [0, 1] : [0];
  for (const c of conj) {
    const rest = word.slice(c);
    out.add(c);
    if (rest.startsWith('ال')) out.add(c + 2);
    if (rest.startsWith('لل')) out.add(c + 2);
    if (/^[بكل]/.test(rest)) {
      out.add(c + 1);
      if (rest.startsWith('ال', 1)) out.add(c + 3);
    }
  }
  return [...out].filter((n) => word.length - n >= 2).sort((a, b) => a - b);
}

/**
 * The guarded form a word is made of, when it is «proclitics + a guarded form» (وبيروت → بيروت, للبنان → لبنان,
 * بالكويت → كويت), trying the shortest proclitic cluster first; undefined when there is none.
 */
export function guardedForm(word: string, guard?: ReadonlySet<string>): string | undefined {
  if (!guard || guard.size === 0) return undefined;
  for (const n of procliticSplits(word)) {
    const rest = word.slice(n);
    if (guard.has(rest)) return rest;
  }
  return undefined;
}

/** Strips one leading article/conjunction cluster and trailing suffixes (each leaving ≥ 2 letters). */
export function lightStem(word: string, guard?: ReadonlySet<string>): string {
  const g = guardedForm(word, guard);
  if (g !== undefined) return g;
  let w = word;
  for (const p of PREFIXES) {
    if (w.startsWith(p) && (p.length === 1 ? w.length >= 4 : w.length >= p.length + 2)) {
      w = w.slice(p.length);
      break;
    }
  }
  if (guard?.has(w)) return w;
  for (const s of SUFFIXES) {
    if (w.endsWith(s) && w.length - s.length >= 2) w = w.slice(0, w.length - s.length);
  }
  return w;
}

/**
 * Strips only clitics in front of a word (و ف ب ل ك ال and their clusters), keeping at least 2 letters.
 * With a guard, a reading as «clitics + guarded form» wins (فباريس → باريس, not اريس).
 */
export function stripClitics(word: string, guard?: ReadonlySet<string>): string {
  const g = guardedForm(word, guard);
  if (g !== undefined) return g;
  return word.slice(cliticEnd(word));
}

const isPreposition = (c: string | undefined) => c === 'ب' || c === 'ك' || c === 'ل';

/**
 * Where /^(?:[وف]?(?:[بكل]?ال|لل|[بكل])?)(.{2,})$/ would end the clitics of a word: the same choices in the
 * same order (a conjunction first, then بال/كال/لال, ال, لل, ب/ك/ل, nothing), the first that leaves 2
 * letters. Written out because the pattern, run on every word of every page, was a measurable part of
 * cleaning and topic matching.
 */
function cliticEnd(word: string): number {
  const n = word.length;
  if (n < 2) return 0;
  const starts = word[0] === 'و' || word[0] === 'ف' ? [1, 0] : [0];
  for (const s of starts) {
    if (isPreposition(word[s]) && word[s + 1] === 'ا' && word[s + 2] === 'ل' && n - (s + 3) >= 2) return s + 3;
    if (word[s] === 'ا' && word[s + 1] === 'ل' && n - (s + 2) >= 2) return s + 2;
    if (word[s] === 'ل' && word[s + 1] === 'ل' && n - (s + 2) >= 2) return s + 2;
    if (isPreposition(word[s]) && n - (s + 1) >= 2) return s + 1;
    if (n - s >= 2) return s;
  }
  return 0;
}
