// Text features of one block, the evidence every classification rule reads.
import { isFunctionWord } from '../arabic/function-words.ts';
import { matchKey, scriptCounts, tokensOfKey } from '../arabic/normalize.ts';
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

/** Computes the features of a block's text. */
export function featuresOf(text: string): Features {
  const key = matchKey(text);
  const tokens = tokensOfKey(key);
  const counts = scriptCounts(text);
  const chars = text.length;
  let fw = 0;
  for (const t of tokens) if (isFunctionWord(t)) fw++;
  const letters = Math.max(1, counts.letters + counts.digits);
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
