// Key phrases the taxonomy does not cover yet, for an editor growing content/_data/topics.yaml: unigrams and
// bigrams of content words, counted by document frequency on match keys with clitics stripped (so بالعملية،
// والعملية، العملية count together), shown in their most frequent written form (with «ال» when the text had it,
// without و/ب/ل). Function words, reporting verbs and other news boilerplate, numbers, and every word that is
// part of a taxonomy name or alias in that place are left out. Phrases never run across punctuation.
import { matchKey } from '../arabic/normalize.ts';
import { isFunctionWord, FUNCTION_WORDS } from '../arabic/function-words.ts';
import { findMentions, topicTokens, type TopicIndex } from './topics.ts';

/** Words every news story has: reporting verbs, days, stock nouns. Not topics. */
const NEWS_WORDS = `
قال قالت وقال وقالت يقول تقول أكد أكدت يؤكد تؤكد أضاف أضافت يضيف أشار أشارت يشير أوضح أوضحت تابع تابعت لفت لفتت
ذكر ذكرت أعلن أعلنت يعلن أفاد أفادت اعتبر اعتبرت شدد شددت دعا دعت أعرب أعربت مشيرا مشيرة مؤكدا مؤكدة مضيفا موضحا قائلا قائلة
اليوم أمس غدا الأحد الاثنين الأثنين الثلاثاء الأربعاء الخميس الجمعة السبت يوم أيام عام العام شهر الشهر أسبوع الأسبوع ساعة
وقت الوقت الماضي المقبل الحالي الحالية بشأن إطار جانب الجانب مدى نحو أكثر أقل أخرى آخر الأخرى الأول الأولى الثاني
مثل مثلا حاليا سابق وقت خلال بعض جميع كافة عدد عدة أمام ضرورة إلى يجب يمكن تم يتم وجود عبر إن أن لا ما
أما أجل يخص بالنسبة حيث إذ أيضا كذلك نفسه نفسها
`;
const NEWS: ReadonlySet<string> = new Set(NEWS_WORDS.split(/\s+/).filter(Boolean).map((w) => matchKey(w)));

export interface Phrase {
  /** The most frequent written form. */
  phrase: string;
  /** The counting key (match keys, clitics stripped). */
  key: string;
  words: 1 | 2;
  /** Number of articles that contain it. */
  count: number;
  /** Number of times it occurs in all. */
  occurrences: number;
}

export interface SuggestOptions {
  /** How many phrases to return (default 30). */
  limit?: number;
  /** Least number of articles a phrase must occur in (default 2). */
  minCount?: number;
}

const SEGMENT = /[.!?؟،,؛;:«»"“”„()[\]{}\n/\\|…–—_*#=+<>]+|\s-\s/u;
const MARKS = /[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200b-\u200f\u202a-\u202e\u2066-\u2069\u061c\ufeff\u00ad]/gu;

/** The written form of a word without its proclitics (the article kept: بالعملية → العملية, للعملية → العملية). */
function displayForm(raw: string, key: string): string {
  const letters = raw.normalize('NFC').replace(MARKS, '');
  const folded = matchKey(raw);
  if (letters.length !== folded.length || !folded.endsWith(key)) return key;
  const cut = folded.length - key.length;
  const prefix = folded.slice(0, cut);
  const rest = letters.slice(cut);
  return prefix.endsWith('ال') || prefix.endsWith('لل') ? `ال${rest}` : rest;
}

interface Tally { docs: number; lastDoc: number; occurrences: number; forms: Map<string, number> }

/** Frequent key phrases across documents (each a title and body), not covered by the taxonomy. */
export function suggestPhrases(docs: string[], index: TopicIndex, options: SuggestOptions = {}): Phrase[] {
  const limit = options.limit ?? 30;
  const minCount = options.minCount ?? 2;
  const tallies = new Map<string, Tally>();
  const count = (doc: number, key: string, form: string) => {
    let t = tallies.get(key);
    if (!t) tallies.set(key, (t = { docs: 0, lastDoc: -1, occurrences: 0, forms: new Map() }));
    if (t.lastDoc !== doc) {
      t.docs++;
      t.lastDoc = doc;
    }
    t.occurrences++;
    t.forms.set(form, (t.forms.get(form) ?? 0) + 1);
  };
  docs.forEach((text, doc) => {
    for (const segment of text.split(SEGMENT)) {
      const tokens = topicTokens(index, segment);
      if (!tokens.length) continue;
      const covered = new Array<boolean>(tokens.length).fill(false);
      for (const m of findMentions(index, segment)) for (let i = 0; i < m.tokens.length; i++) covered[m.start + i] = true;
      const content = tokens.map((t, i) => {
        const folded = matchKey(t.raw);
        return !covered[i] && t.key.length >= 3 && !/\d/.test(t.key) && !/^[a-z]/.test(t.key) &&
          !isFunctionWord(folded) && !FUNCTION_WORDS.has(t.key) && !NEWS.has(folded) && !NEWS.has(t.key);
      });
      const forms = tokens.map((t) => displayForm(t.raw, t.key));
      for (let i = 0; i < tokens.length; i++) {
        if (!content[i]) continue;
        count(doc, tokens[i]!.key, forms[i]!);
        if (content[i + 1]) count(doc, `${tokens[i]!.key} ${tokens[i + 1]!.key}`, `${forms[i]} ${forms[i + 1]}`);
      }
    }
  });
  const best = (forms: Map<string, number>) => [...forms.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0];
  return [...tallies.entries()]
    .filter(([, t]) => t.docs >= minCount)
    .sort((a, b) => b[1].docs - a[1].docs || b[1].occurrences - a[1].occurrences || (a[0] < b[0] ? -1 : 1))
    .slice(0, limit)
    .map(([key, t]) => ({ phrase: best(t.forms), key, words: key.includes(' ') ? 2 : 1, count: t.docs, occurrences: t.occurrences }));
}
