// Light stemming for matching: Lucene's ArabicStemmer lists (Larkey et al.), applied to match keys, with a
// guard for words that must stay whole (names the prefix/suffix rules would cut: وزير, غزة, القاهرة…).
// Written here because the npm stemmers are Snowball ports that keep وال (shared/notes/arabic.md §2).
const PREFIXES = ['ال', 'وال', 'بال', 'كال', 'فال', 'لل', 'و'];
const SUFFIXES = ['ها', 'ان', 'ات', 'ون', 'ين', 'يه', 'يه', 'ه', 'ي'];

/** Strips one leading article/conjunction cluster and trailing suffixes (each leaving ≥ 2 letters). */
export function lightStem(word: string, guard?: ReadonlySet<string>): string {
  if (guard?.has(word)) return word;
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

/** Strips only clitics in front of a word (و ف ب ل ك ال and their clusters), keeping at least 2 letters. */
export function stripClitics(word: string): string {
  const m = /^(?:[وف]?(?:[بكل]?ال|لل|[بكل])?)(.{2,})$/u.exec(word);
  return m ? m[1]! : word;
}
