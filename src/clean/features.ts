// Text features of one block, the evidence every classification rule reads.
import { isFunctionWord } from '../arabic/function-words.ts';
import { matchKey, tokensOfKey } from '../arabic/normalize.ts';
import { INTERFACE_LINES, INTERFACE_PHRASES, RELATED_LABELS, SHORT_INTERFACE_PHRASES } from './cues.ts';

export interface Features {
  key: string;
  /** The words of the key. */
  tokens: readonly string[];
  chars: number;
  words: number;
  /** Share of words that are Arabic function words. */
  functionDensity: number;
  /** Ends like a sentence: . ! ? ؟ … possibly followed by closing quotes or brackets. */
  sentenceEnd: boolean;
  /** Commas, semicolons, colons and full stops inside the block. */
  punctuation: number;
  arabicShare: number;
  latinShare: number;
  digitShare: number;
  url: boolean;
  /** The block is (or starts like) interface text: share calls, forms, related lists, footers. */
  interfaceText: boolean;
  /** Words joined by hyphens with no space: an image file name or URL slug. */
  slug: boolean;
  /** A related-link label, alone ("اقرأ أيضا") or in front of the linked headline ("اقرأ أيضا: …"). */
  related: 'label' | 'link' | false;
}

const SENTENCE_END = /[.!?؟…]["'”»’)\]]*$|[.!?؟]\s*["”»]$/u;
const URL = /(https?:\/\/|www\.)\S+/i;

const CUES = new Set(INTERFACE_LINES);
const CUE_MAX = Math.max(...INTERFACE_LINES.map((c) => c.length));
const CUE_END = new Set([...' :：*|,،-–—>»«(']);

/** The line is a cue, or starts with one followed by a separator: checks each such prefix against a set. */
function startsWithCue(key: string): boolean {
  if (CUES.has(key)) return true;
  const end = Math.min(key.length, CUE_MAX + 1);
  for (let i = 1; i < end; i++) if (CUE_END.has(key[i]!) && CUES.has(key.slice(0, i))) return true;
  return false;
}

/**
 * Substring search for many phrases at once: one alternation, which V8's regular-expression engine scans
 * faster than a table of two-letter prefixes walked in JavaScript.
 */
class PhraseIndex {
  private readonly re: RegExp | null;
  constructor(phrases: string[]) {
    const alternatives = [...new Set(phrases)].filter(Boolean).sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
    this.re = alternatives.length ? new RegExp(alternatives.map((p) => p.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|'), 'u') : null;
  }
  /** True when the text contains one of the phrases. */
  foundIn(text: string): boolean {
    return this.re !== null && this.re.test(text);
  }
}
const PHRASES = new PhraseIndex(INTERFACE_PHRASES);
const SHORT_PHRASES = new PhraseIndex(SHORT_INTERFACE_PHRASES);

const RELATED = new Set(RELATED_LABELS);
const SEPARATORS = new Set([...' :：.…»«-–—|>']);

/** A label's key without the separators after it ("اقرأ أيضا:" → "اقرأ أيضا"); a loop, as a `[…]+$` pattern is tried at every position. */
export function withoutTrailingSeparators(key: string): string {
  let end = key.length;
  while (end > 0 && SEPARATORS.has(key[end - 1]!)) end--;
  return end === key.length ? key : key.slice(0, end);
}

function relatedLabel(key: string): 'label' | 'link' | false {
  if (RELATED.has(withoutTrailingSeparators(key))) return 'label';
  if (key.length > 250) return false;
  const m = /^([^:：|\-–—>»]{4,24}?)\s*[:：|\-–—>»]/u.exec(key);
  return m && RELATED.has(m[1]!.trim()) ? 'link' : false;
}

/** Character classes for one counting pass: the ranges of scriptCounts, and sentence punctuation. */
const ARABIC = 1;
const LATIN = 2;
const DIGIT = 3;
const PUNCT = 4;
const CLASS = (() => {
  const t = new Uint8Array(0x0800);
  const range = (from: number, to: number, k: number) => t.fill(k, from, to + 1);
  range(0x0621, 0x064a, ARABIC);
  range(0x0671, 0x06d3, ARABIC);
  range(0x06fa, 0x06ff, ARABIC);
  range(0x0750, 0x077f, ARABIC);
  range(0x41, 0x5a, LATIN);
  range(0x61, 0x7a, LATIN);
  range(0xc0, 0x24f, LATIN);
  range(0x30, 0x39, DIGIT);
  range(0x660, 0x669, DIGIT);
  range(0x6f0, 0x6f9, DIGIT);
  for (const c of '،,؛;:.!?؟') t[c.charCodeAt(0)] = PUNCT;
  return t;
})();
const isAsciiDigit = (c: number) => c >= 0x30 && c <= 0x39;

/**
 * Arabic letters, Latin letters and digits (as scriptCounts counts them) and sentence punctuation marks not
 * inside a number (12.5, 3:0, 1,000 are not punctuation), in one pass over the text.
 */
function countChars(text: string): { arabic: number; latin: number; digits: number; punctuation: number } {
  let arabic = 0;
  let latin = 0;
  let digits = 0;
  let punctuation = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const k = c < 0x0800 ? CLASS[c]! : c >= 0xfb50 && c <= 0xfefc ? ARABIC : 0;
    if (k === 0) continue;
    if (k === ARABIC) arabic++;
    else if (k === LATIN) latin++;
    else if (k === DIGIT) digits++;
    else if (!(i > 0 && isAsciiDigit(text.charCodeAt(i - 1))) && !isAsciiDigit(text.charCodeAt(i + 1))) punctuation++;
  }
  return { arabic, latin, digits, punctuation };
}

/** Computes the features of a block's text. */
export function featuresOf(text: string): Features {
  const key = matchKey(text);
  const tokens = tokensOfKey(key);
  const counts = countChars(text);
  const chars = text.length;
  let fw = 0;
  for (const t of tokens) if (isFunctionWord(t)) fw++;
  const letters = Math.max(1, counts.arabic + counts.latin + counts.digits);
  const related = relatedLabel(key);
  const interfaceText =
    related !== false ||
    (chars <= 60 && startsWithCue(key)) || (chars <= 320 && PHRASES.foundIn(key)) || (chars <= 90 && SHORT_PHRASES.foundIn(key));
  const trimmed = text.trim();
  const slug = !/\s/.test(trimmed) && /^[\p{L}\p{N}]+(?:[-_][\p{L}\p{N}]+){2,}(?:\.(?:jpe?g|png|webp|gif))?$/u.test(trimmed);
  return {
    key,
    tokens,
    chars,
    words: tokens.length,
    functionDensity: tokens.length ? fw / tokens.length : 0,
    sentenceEnd: SENTENCE_END.test(trimmed),
    punctuation: counts.punctuation,
    arabicShare: counts.arabic / letters,
    latinShare: counts.latin / letters,
    digitShare: counts.digits / letters,
    url: URL.test(text),
    interfaceText,
    slug,
    related,
  };
}
