// Text features of one block, the evidence every classification rule reads.
import { isFunctionWord } from '../arabic/function-words.ts';
import { matchKey, matchTokens, scriptCounts } from '../arabic/normalize.ts';
import { INTERFACE_LINES, INTERFACE_PHRASES, RELATED_LABELS, SHORT_INTERFACE_PHRASES } from './cues.ts';

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

/** Substring search for many phrases at once: phrases indexed by their first two characters. */
class PhraseIndex {
  private readonly byStart = new Map<number, string[]>();
  private readonly short: string[] = [];
  constructor(phrases: string[]) {
    for (const p of phrases) {
      if (p.length < 2) {
        this.short.push(p);
        continue;
      }
      const head = p.charCodeAt(0) * 65536 + p.charCodeAt(1);
      const list = this.byStart.get(head);
      if (list) list.push(p);
      else this.byStart.set(head, [p]);
    }
  }
  /** True when the text contains one of the phrases. */
  foundIn(text: string): boolean {
    if (this.short.some((p) => text.includes(p))) return true;
    for (let i = 0; i + 1 < text.length; i++) {
      const list = this.byStart.get(text.charCodeAt(i) * 65536 + text.charCodeAt(i + 1));
      if (list && list.some((p) => text.startsWith(p, i))) return true;
    }
    return false;
  }
}
const PHRASES = new PhraseIndex(INTERFACE_PHRASES);
const SHORT_PHRASES = new PhraseIndex(SHORT_INTERFACE_PHRASES);

const RELATED = new Set(RELATED_LABELS);

function relatedLabel(key: string): 'label' | 'link' | false {
  const k = key.replace(/[\s:：.…»«\-–—|>]+$/u, '');
  if (RELATED.has(k)) return 'label';
  const m = /^([^:：|\-–—>»]{4,24}?)\s*[:：|\-–—>»]/u.exec(key);
  return m && RELATED.has(m[1]!.trim()) && key.length <= 250 ? 'link' : false;
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
  const related = relatedLabel(key);
  const interfaceText =
    related !== false ||
    (chars <= 60 && startsWithCue(key)) || (chars <= 320 && PHRASES.foundIn(key)) || (chars <= 90 && SHORT_PHRASES.foundIn(key));
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
    related,
  };
}
