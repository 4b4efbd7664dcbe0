// Arabic text folding for matching (topics, dedup, search, template learning).
// Never used for what readers see: display text stays as written (NFC only).
// Recipe and lists: shared/notes/arabic.md §1.3 (Lucene ArabicNormalizer + PersianNormalizer + CAMeL arclean).

import { memoize } from '../util/memo.ts';

const ARABIC_INDIC = 0x0660;
const PERSIAN = 0x06f0;

/** Replaces Arabic-Indic (٠–٩) and Persian (۰–۹) digits and separators with ASCII. */
export function foldDigits(text: string): string {
  return text.replace(/[\u0660-\u0669\u06f0-\u06f9\u066b\u066c\u066a]/g, (ch) => {
    const c = ch.charCodeAt(0);
    if (c >= ARABIC_INDIC && c <= ARABIC_INDIC + 9) return String(c - ARABIC_INDIC);
    if (c >= PERSIAN && c <= PERSIAN + 9) return String(c - PERSIAN);
    if (ch === '\u066b') return '.';
    if (ch === '\u066c') return ',';
    return '%';
  });
}

const INVISIBLES = /[\u200b-\u200f\u202a-\u202e\u2066-\u2069\u061c\ufeff\u00ad]/g;
const MARKS = /[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]/g;

/** Removes harakat, Quranic marks, superscript alef and tatweel (letters untouched). */
export function stripMarks(text: string): string {
  return text.replace(MARKS, '');
}

/**
 * One table for the per-character folds of `matchKey` (digits, invisibles, marks, alef/ya/heh/kaf/waw
 * forms): -1 drops the character, 0 keeps it, any other value replaces it. A single pass over a table is
 * several times faster than a chain of regular expressions, and cleaning calls this for every line.
 */
const FOLD = (() => {
  const t = new Int32Array(0x0700);
  const set = (codes: number[], to: number) => codes.forEach((c) => (t[c] = to));
  for (let i = 0; i < 10; i++) {
    t[ARABIC_INDIC + i] = 0x30 + i;
    t[PERSIAN + i] = 0x30 + i;
  }
  t[0x066b] = 0x2e;
  t[0x066c] = 0x2c;
  t[0x066a] = 0x25;
  set([0x00ad, 0x061c], -1);
  for (let c = 0x0610; c <= 0x061a; c++) t[c] = -1;
  for (let c = 0x064b; c <= 0x065f; c++) t[c] = -1;
  for (let c = 0x06d6; c <= 0x06ed; c++) t[c] = -1;
  set([0x0670, 0x0640], -1);
  set([0x0622, 0x0623, 0x0625, 0x0671, 0x0672, 0x0673], 0x0627);
  set([0x0649, 0x06cc, 0x06d0, 0x06d2], 0x064a);
  set([0x0629, 0x06c0, 0x06c1, 0x06c2, 0x06d5], 0x0647);
  set([0x06a9, 0x06aa], 0x0643);
  t[0x0624] = 0x0648;
  t[0x0626] = 0x064a;
  return t;
})();

/**
 * The match key of a text: NFKC, ASCII digits, no invisibles or marks, alef/ya/ta-marbuta/kaf/heh folded,
 * hamza carriers ؤ ئ folded to و ي, Latin lower-cased, whitespace collapsed. Memoised up to 200 characters:
 * pages of one site repeat the same menu lines thousands of times, while a paragraph is met once (keeping
 * every paragraph's key only held memory).
 */
export const matchKey: (text: string) => string = memoize(computeMatchKey, 200_000, 200);

/** What `matchKey` does with each UTF-16 unit: keep, white space, drop, replace (table fold or A–Z), or keep
 * but lower-case the whole key the general way (letters outside the table). */
const KEEP = 0;
const SPACE = 1;
const DROP = 2;
const REPLACE = 3;
const LOWER_LATER = 4;
const KIND = (() => {
  const k = new Uint8Array(0x10000);
  for (let c = 0; c < 0x10000; c++) {
    if (c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0x85) k[c] = SPACE;
    else if ((c >= 0x200b && c <= 0x200f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c === 0xfeff) k[c] = DROP;
    else if (c < 0x0700) {
      const f = FOLD[c]!;
      if (f === -1) k[c] = DROP;
      else if (f !== 0 || (c >= 0x41 && c <= 0x5a)) k[c] = REPLACE;
      else if (c >= 0xc0) k[c] = LOWER_LATER;
    } else k[c] = LOWER_LATER;
  }
  return k;
})();

function computeMatchKey(text: string): string {
  const s = text.normalize('NFKC');
  // Runs of characters that stay as they are are copied as slices; only folds, drops and white space break
  // a run. Building the key one character at a time cost twice as much, and this runs for every line.
  let out = '';
  let from = 0; // start of the pending run of unchanged characters
  let pendingSpace = false; // white space seen since the last written character (written as one ' ')
  let upper = false;
  const n = s.length;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    const kind = KIND[c]!;
    if (kind === KEEP) continue;
    if (kind === LOWER_LATER) {
      upper = true;
      continue;
    }
    // A single ordinary space between two written characters is part of the run.
    if (c === 0x20 && i > from && i + 1 < n) {
      const next = KIND[s.charCodeAt(i + 1)];
      if (next !== SPACE && next !== DROP) continue;
    }
    if (i > from) {
      if (pendingSpace) out += ' ';
      pendingSpace = false;
      out += s.slice(from, i);
    }
    from = i + 1;
    if (kind === SPACE) {
      if (out.length) pendingSpace = true;
      continue;
    }
    if (kind === DROP) continue;
    const f = FOLD[c]!;
    if (pendingSpace) out += ' ';
    pendingSpace = false;
    out += String.fromCharCode(f !== 0 ? f : c + 0x20);
  }
  if (n > from) {
    if (pendingSpace) out += ' ';
    out += s.slice(from, n);
  }
  // Letters outside the table (Latin with accents, other scripts) are lower-cased the general way.
  return upper ? out.toLowerCase() : out;
}

/** Which code points below U+0800 are letters or digits (\p{L}\p{N}): a table instead of a Unicode regex. */
const WORD_CHAR = (() => {
  const t = new Uint8Array(0x0800);
  for (let c = 0; c < t.length; c++) if (/[\p{L}\p{N}]/u.test(String.fromCharCode(c))) t[c] = 1;
  return t;
})();
const WORD_CHAR_RE = /[\p{L}\p{N}]/u;

/** Words of a text as match keys, split on anything that is not a letter or digit. */
export function matchTokens(text: string): string[] {
  return tokensOfKey(matchKey(text));
}

/** The words of a match key (`matchTokens` when the key is already at hand). */
export function tokensOfKey(key: string): string[] {
  const out: string[] = [];
  let start = -1;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    let word: boolean;
    if (c < 0x0800) word = WORD_CHAR[c] === 1;
    else if (c >= 0xd800 && c <= 0xdbff) {
      // A surrogate pair: test the whole code point, and step over its second half.
      word = WORD_CHAR_RE.test(key.slice(i, i + 2));
      if (word) {
        if (start < 0) start = i;
        i++;
        continue;
      }
    } else word = WORD_CHAR_RE.test(key[i]!);
    if (word) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      out.push(key.slice(start, i));
      start = -1;
    }
  }
  if (start >= 0) out.push(key.slice(start));
  return out;
}

/** Display-safe cleanup: NFC, unified line ends, no BOM, no C0 controls except tab/newline. */
export function displayClean(text: string): string {
  return text
    .replace(/^\ufeff/, '')
    .replace(/\r\n?/g, '\n')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
    .normalize('NFC');
}

/** True for letters of the Arabic script blocks. */
export function isArabicLetter(ch: string): boolean {
  return /[\u0621-\u064a\u0671-\u06d3\u06fa-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufefc]/.test(ch);
}

/** Character classes below U+0800 for one counting pass: Arabic, Latin, digits, sentence punctuation. */
const ARABIC_CHAR = 1;
const LATIN_CHAR = 2;
const DIGIT_CHAR = 3;
const PUNCT_CHAR = 4;
const CHAR_CLASS = (() => {
  const t = new Uint8Array(0x0800);
  const range = (from: number, to: number, k: number) => t.fill(k, from, to + 1);
  range(0x0621, 0x064a, ARABIC_CHAR);
  range(0x0671, 0x06d3, ARABIC_CHAR);
  range(0x06fa, 0x06ff, ARABIC_CHAR);
  range(0x0750, 0x077f, ARABIC_CHAR);
  range(0x41, 0x5a, LATIN_CHAR);
  range(0x61, 0x7a, LATIN_CHAR);
  range(0xc0, 0x24f, LATIN_CHAR);
  range(0x30, 0x39, DIGIT_CHAR);
  range(0x660, 0x669, DIGIT_CHAR);
  range(0x6f0, 0x6f9, DIGIT_CHAR);
  for (const c of '،,؛;:.!?؟') t[c.charCodeAt(0)] = PUNCT_CHAR;
  return t;
})();
const isAsciiDigit = (c: number) => c >= 0x30 && c <= 0x39;

/**
 * Counts Arabic letters (presentation forms too), Latin letters and digits in a text, and its sentence
 * punctuation marks not inside a number (12.5, 3:0, 1,000 are not punctuation), in one pass.
 */
export function scriptCounts(text: string): { arabic: number; latin: number; digits: number; letters: number; punctuation: number } {
  let arabic = 0;
  let latin = 0;
  let digits = 0;
  let punctuation = 0;
  // UTF-16 units are enough: every counted range lies in the Basic Multilingual Plane.
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const k = c < 0x0800 ? CHAR_CLASS[c]! : c >= 0xfb50 && c <= 0xfefc ? ARABIC_CHAR : 0;
    if (k === 0) continue;
    if (k === ARABIC_CHAR) arabic++;
    else if (k === LATIN_CHAR) latin++;
    else if (k === DIGIT_CHAR) digits++;
    else if (!(i > 0 && isAsciiDigit(text.charCodeAt(i - 1))) && !isAsciiDigit(text.charCodeAt(i + 1))) punctuation++;
  }
  return { arabic, latin, digits, letters: arabic + latin, punctuation };
}

/**
 * Which UTF-16 units are word parts (\p{L}\p{M}\p{N}\p{Cf}) for `WordTable`: NO, YES, PAIR (a high
 * surrogate: the code point decides), or 0 when not looked up yet. Filled by a regex test on first sight of
 * each unit (the whole table up front would cost ~20 ms per worker); the blocks below U+0800 at load.
 */
const WORD_PART = new Uint8Array(0x10000);
const NO = 1;
const YES = 2;
const PAIR = 3;
const WORD_PART_RE = /[\p{L}\p{M}\p{N}\p{Cf}]/u;
WORD_PART.fill(PAIR, 0xd800, 0xdc00);
WORD_PART.fill(NO, 0xdc00, 0xe000); // a low surrogate met alone is Cs, not a word part
for (let c = 0; c < 0x0800; c++) WORD_PART[c] = WORD_PART_RE.test(String.fromCharCode(c)) ? YES : NO;

/** True for a unit matchKey takes for white space (its SPACE class; not the invisibles it deletes). */
export function isMatchSpace(c: number): boolean {
  return KIND[c] === SPACE;
}

/**
 * Whether the unit at i starts a word part, and of how many units: 0 (not a part), 1, or 2 (a surrogate pair
 * of a letter, mark, digit or format character). The slow path of the table lookup.
 */
function partWidth(text: string, i: number, c: number): number {
  let v = WORD_PART[c]!;
  if (v === 0) WORD_PART[c] = v = WORD_PART_RE.test(String.fromCharCode(c)) ? YES : NO;
  if (v !== PAIR) return v === YES ? 1 : 0;
  const d = text.charCodeAt(i + 1); // NaN past the end
  if (!(d >= 0xdc00 && d <= 0xdfff)) return 0; // a lone high surrogate: Cs
  return WORD_PART_RE.test(text.slice(i, i + 2)) ? 2 : 0;
}

/**
 * The words of texts, as `text.split(/[^\p{L}\p{M}\p{N}\p{Cf}]+/u)` gives them without the empty pieces
 * (runs of letters, marks, digits and format characters such as ZWNJ and RLM, a surrogate pair read as one
 * code point), with a value computed once per distinct written word: an archive repeats its words, and
 * topics and shingles need a derived value (match keys, hashes) of each word of every article. A loop over a
 * table, not the Unicode regex; the scan hashes each word as it reads it and compares it in place with the
 * word kept under that hash, so a word seen before costs no substring and no Map lookup: ~0.08 ms per
 * 3,800-character article against ~0.13 ms for a hand-written split and a Map<string, V> memo, ~0.3 ms for
 * the regex split and the memo (tests/enrich/stories.test.ts checks the split against the regex).
 * Holds at most about `max` words (emptied, between texts, beyond that).
 */
export class WordTable<V> {
  /** Ids (into `word`/`value`) of the words of the last scanned text; `count` of them are valid. */
  ids = new Int32Array(256);
  count = 0;
  readonly word: string[] = [];
  readonly value: V[] = [];
  /** Open addressing: per slot the word's hash and id + 1 (0: empty), side by side so a probe reads one line. */
  private slots = new Int32Array(2 << 12);
  constructor(
    private readonly compute: (word: string) => V,
    private readonly max: number,
  ) {}

  /** Reads the words of `text` into `ids[0..count)`; returns `count`. */
  scan(text: string): number {
    if (this.word.length > this.max) this.clear();
    let count = 0;
    let start = -1;
    let h = 0;
    const n = text.length;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      const v = WORD_PART[c];
      const width = v === YES ? 1 : v === NO ? 0 : partWidth(text, i, c);
      if (width) {
        if (start < 0) {
          start = i;
          h = 0x811c9dc5;
        }
        h = Math.imul(h ^ c, 0x01000193);
        if (width === 2) h = Math.imul(h ^ text.charCodeAt(++i), 0x01000193);
      } else if (start >= 0) {
        if (count === this.ids.length) this.grow();
        this.ids[count++] = this.find(text, start, i, h);
        start = -1;
      }
    }
    if (start >= 0) {
      if (count === this.ids.length) this.grow();
      this.ids[count++] = this.find(text, start, n, h);
    }
    return (this.count = count);
  }

  /** The id of text[start, end) (hash h), added when new. */
  private find(text: string, start: number, end: number, h: number): number {
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    const len = end - start;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const id = slots[2 * s + 1]! - 1;
      if (id < 0) return this.add(text.slice(start, end), h, s);
      if (slots[2 * s] !== h) continue;
      const w = this.word[id]!;
      if (w.length !== len) continue;
      let k = 0;
      while (k < len && w.charCodeAt(k) === text.charCodeAt(start + k)) k++;
      if (k === len) return id;
    }
  }

  private add(w: string, h: number, slot: number): number {
    const id = this.word.length;
    this.word.push(w);
    this.value.push(this.compute(w));
    this.slots[2 * slot] = h;
    this.slots[2 * slot + 1] = id + 1;
    if (this.word.length * 4 > this.slots.length) this.rehash(this.slots.length * 2);
    return id;
  }

  private rehash(size: number): void {
    const old = this.slots;
    const slots = (this.slots = new Int32Array(size));
    const mask = (size >> 1) - 1;
    for (let o = 0; o < old.length; o += 2) {
      if (old[o + 1] === 0) continue;
      let s = old[o]! & mask;
      while (slots[2 * s + 1] !== 0) s = (s + 1) & mask;
      slots[2 * s] = old[o]!;
      slots[2 * s + 1] = old[o + 1]!;
    }
  }

  private grow(): void {
    const ids = new Int32Array(this.ids.length * 2);
    ids.set(this.ids);
    this.ids = ids;
  }

  private clear(): void {
    this.word.length = 0;
    this.value.length = 0;
    this.slots = new Int32Array(2 << 12);
  }
}
