// Text features of one block, the evidence every classification rule reads.
import { isFunctionWord } from '../arabic/function-words.ts';
import { matchKey, matchTokens, scriptCounts } from '../arabic/normalize.ts';
import { INTERFACE_LINES, INTERFACE_PHRASES, SHORT_INTERFACE_PHRASES } from './cues.ts';

export interface Features {
  key: string;
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
}

const SENTENCE_END = /[.!?؟…]["'”»’)\]]*$|[.!?؟]\s*["”»]$/u;
const URL = /(https?:\/\/|www\.)\S+/i;

function startsWithCue(key: string): boolean {
  for (const cue of INTERFACE_LINES) {
    if (key === cue) return true;
    if (key.startsWith(cue) && /^[\s:：*|,،\-–—>»«(]/.test(key.slice(cue.length, cue.length + 1) || ' ')) return true;
  }
  return false;
}

/** Computes the features of a block's text. */
export function featuresOf(text: string): Features {
  const key = matchKey(text);
  const tokens = matchTokens(text);
  const counts = scriptCounts(text);
  const chars = text.length;
  let fw = 0;
  for (const t of tokens) if (isFunctionWord(t)) fw++;
  const punctuation = (text.match(/(?<!\d)[،,؛;:.!?؟](?!\d)/g) ?? []).length;
  const letters = Math.max(1, counts.letters + counts.digits);
  const hasPhrase = INTERFACE_PHRASES.some((p) => key.includes(p));
  const interfaceText =
    (chars <= 60 && startsWithCue(key)) || (hasPhrase && chars <= 320) || (chars <= 90 && SHORT_INTERFACE_PHRASES.some((p) => key.includes(p)));
  const slug = /^[\p{L}\p{N}]+(?:[-_][\p{L}\p{N}]+){2,}(?:\.(?:jpe?g|png|webp|gif))?$/u.test(text.trim());
  return {
    key,
    chars,
    words: tokens.length,
    functionDensity: tokens.length ? fw / tokens.length : 0,
    sentenceEnd: SENTENCE_END.test(text.trim()),
    punctuation,
    arabicShare: counts.arabic / letters,
    latinShare: counts.latin / letters,
    digitShare: counts.digits / letters,
    url: URL.test(text),
    interfaceText,
    slug,
  };
}
