// Topics from the editor's taxonomy (content/_data/topics.yaml). Names and aliases are matched on match keys
// with clitics stripped (بسوريا, والسورية, لموسكو …), longest alias first, and with a guard built from every
// alias token so that names keep their own first and last letters (بيروت is not ب+يروت, لبنان not ل+بنان).
//
// A topic needs real support, not one passing word:
//  - weights: title 3, lead 2, body 1 (the body holds the lead too), each hashtag 3; a topic needs 3;
//  - a topic seen only in the body must be seen in at least two paragraphs (three mentions in one aside in the
//    tail do not make a topic);
//  - `caution:` aliases (everyday words that are also names: حمص chickpeas, حماس enthusiasm, المغرب the sunset
//    prayer, الصحة validity) count only when the article also names the topic or a relative of it (same country,
//    see `family`) with an alias that is not under caution;
//  - `exclude:` phrases (رياض الأطفال, مسقط رأسه, المحيط الهندي, صلاة المغرب) contain an alias but mean something
//    else; they are matched like aliases (longest first) and block it;
//  - aliases that fold to the same key in two topics (عمّان Amman / عُمان Oman → عمان) are decided per mention:
//    by the diacritics when the text has them (compared with the names as written in the taxonomy), else by the
//    article's other mentions of each candidate's family (الأردن, العاصمة الأردنية → Amman; سلطنة عمان, مسقط,
//    العماني → Oman), else, in a dateline («عمان - …», or the article's place), by the candidate that is a city;
//    a mention still undecided counts for neither.
// Parents: a topic's score also counts for the country it belongs to (nearest ancestor of kind country): an
// article about بيروت gets lebanon, one about لافروف gets russia. Regions (levant, gulf, middle-east) are not
// filled from their countries: their pages are for articles about the region as such.
import fs from 'node:fs';
import { createHash } from 'node:crypto';
import YAML from 'yaml';
import { writeFileAtomic } from '../store/atomic.ts';
import { matchKey, matchTokens, WordTable } from '../arabic/normalize.ts';
import { guardForms, NAME_GUARD } from '../arabic/names.ts';
import { stripClitics } from '../arabic/stem.ts';

export interface Topic {
  slug: string;
  name: string;
  aliases?: string[];
  parent?: string;
  kind?: string;
  /** Aliases (or the name) that count only with support from a non-caution alias of the topic's family. */
  caution?: string[];
  /** Phrases that contain an alias but mean something else; they block the match. */
  exclude?: string[];
}

/** One meaning of an alias key sequence: a topic (slug), or a blocking phrase (slug null). */
export interface Sense { slug: string | null; caution: boolean; written: string }

export interface TopicEntry { tokens: string[]; senses: Sense[] }

export interface TopicIndex {
  topics: Map<string, Topic>;
  /** First token key → alias token sequences (longest first) with their senses. */
  byFirst: Map<string, TopicEntry[]>;
  /** Guard forms for clitic stripping: every name/alias token of non-theme topics plus the hand list (src/arabic/names.ts). */
  guard: ReadonlySet<string>;
  /** slug → the country it belongs to (nearest ancestor-or-self of kind country), or itself. */
  anchor: Map<string, string>;
}

/**
 * Loads and indexes a taxonomy file; a missing file gives an empty taxonomy. `cache` names a JSON file that
 * keeps the parsed taxonomy with a digest of its text, so a run whose taxonomy has not changed skips the YAML
 * parser (measured: 164 ms for the 56 kB benchmark taxonomy in each thread that derives topics, against 1 ms
 * for its JSON). The cache is only a copy: unreadable, stale or missing, the YAML file is parsed again.
 */
export function loadTopics(file: string, options: { cache?: string } = {}): TopicIndex {
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  const list = text ? parsedTaxonomy(text, options.cache) : [];
  return indexTopics(Array.isArray(list) ? (list as Topic[]) : []);
}

/**
 * Brings the parsed-taxonomy cache of `loadTopics` up to date, so that worker threads about to load the
 * taxonomy read its JSON instead of each parsing the YAML (a third of a second each).
 */
export function cacheTaxonomy(file: string, cache: string): void {
  if (fs.existsSync(file)) parsedTaxonomy(fs.readFileSync(file, 'utf8'), cache);
}

function parsedTaxonomy(text: string, cache: string | undefined): unknown {
  const key = createHash('sha1').update(text).digest('hex');
  if (cache) {
    try {
      const c = JSON.parse(fs.readFileSync(cache, 'utf8')) as { key?: string; list?: unknown };
      if (c.key === key) return c.list;
    } catch {
      // No cache yet, or a damaged one: parsed below and written again.
    }
  }
  const list = (YAML.parse(text) as unknown) ?? [];
  if (cache && jsonSafe(list)) {
    try {
      writeFileAtomic(cache, JSON.stringify({ key, list }));
    } catch {
      // A read-only state folder: the next run parses the YAML again.
    }
  }
  return list;
}

/** True when JSON gives the value back as it is (YAML's .inf or .nan would come back as null). */
function jsonSafe(v: unknown): boolean {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return true;
  if (typeof v === 'number') return Number.isFinite(v);
  if (Array.isArray(v)) return v.every(jsonSafe);
  if (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) return Object.values(v as object).every(jsonSafe);
  return false;
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x) => x !== null && x !== undefined).map(String) : []);
const rawWords = (s: string) => s.replace(/^#/, '').split(/[^\p{L}\p{M}\p{N}\p{Cf}]+/u).filter(Boolean);

/**
 * Guard forms from alias tokens (of every topic that is not a theme): every token is protected, except a token that is a clitic on another token of
 * the taxonomy (للأمم = ل + الأمم, لمحاربة = ل + محاربة): that one must still reduce to its word.
 */
function taxonomyGuard(tokens: Iterable<string>, vocabulary: Iterable<string>): Set<string> {
  const forms = guardForms(tokens);
  const words = guardForms(vocabulary);
  const guard = new Set(NAME_GUARD);
  for (const f of forms) {
    const plain = stripClitics(f);
    const cliticOnWord = plain !== f && (words.has(plain) || NAME_GUARD.has(plain));
    if (!cliticOnWord) guard.add(f);
  }
  return guard;
}

/** Indexes topics by the first token of each name and alias. */
export function indexTopics(list: Topic[]): TopicIndex {
  const topics = new Map<string, Topic>();
  for (const t of list) {
    if (!t || typeof t !== 'object' || !t.slug || !t.name) continue;
    topics.set(String(t.slug), { ...t, slug: String(t.slug), name: String(t.name), aliases: strings(t.aliases), caution: strings(t.caution), exclude: strings(t.exclude) });
  }
  const phrases = (t: Topic) => [t.name, ...(t.aliases ?? []), ...(t.caution ?? []), ...(t.exclude ?? [])];
  // Names are guarded; themes (الانتخابات, الاحتجاجات) are ordinary words the rules may cut, consistently.
  const guard = taxonomyGuard(
    [...topics.values()].filter((t) => t.kind !== 'theme').flatMap((t) => phrases(t).flatMap(rawWords)),
    [...topics.values()].flatMap((t) => phrases(t).flatMap(rawWords)),
  );
  const keyOf = (phrase: string) => rawWords(phrase).flatMap((w) => matchKey(w).split(/[^\p{L}\p{N}]+/u)).filter(Boolean).map((w) => stripClitics(w, guard));

  const entries = new Map<string, TopicEntry>();
  const add = (phrase: string, sense: Sense) => {
    const tokens = keyOf(phrase);
    if (!tokens.length) return;
    const k = tokens.join(' ');
    let e = entries.get(k);
    if (!e) entries.set(k, (e = { tokens, senses: [] }));
    const same = e.senses.find((s) => s.slug === sense.slug);
    if (!same) e.senses.push(sense);
    else if (!sense.caution) same.caution = false; // a plain alias of the same topic wins over a caution one
  };
  for (const t of topics.values()) {
    const caution = new Set((t.caution ?? []).map((c) => keyOf(c).join(' ')));
    for (const alias of [t.name, ...(t.aliases ?? []), ...(t.caution ?? [])]) {
      add(String(alias), { slug: t.slug, caution: caution.has(keyOf(String(alias)).join(' ')), written: String(alias).replace(/^#/, '').normalize('NFC') });
    }
    for (const ex of t.exclude ?? []) add(ex, { slug: null, caution: false, written: ex });
  }
  // A blocking phrase keeps no sense (it consumes its tokens and counts for nothing); one that is also an alias is an alias.
  for (const e of entries.values()) e.senses = e.senses.filter((s) => s.slug);

  const byFirst = new Map<string, TopicEntry[]>();
  for (const e of entries.values()) {
    let arr = byFirst.get(e.tokens[0]!);
    if (!arr) byFirst.set(e.tokens[0]!, (arr = []));
    arr.push(e);
  }
  for (const arr of byFirst.values()) arr.sort((a, b) => b.tokens.length - a.tokens.length);

  const anchor = new Map<string, string>();
  for (const t of topics.values()) {
    let cur: Topic | undefined = t;
    const seen = new Set<string>();
    let found = t.slug;
    while (cur && !seen.has(cur.slug)) {
      seen.add(cur.slug);
      if (cur.kind === 'country') {
        found = cur.slug;
        break;
      }
      cur = cur.parent ? topics.get(cur.parent) : undefined;
    }
    anchor.set(t.slug, found);
  }
  return { topics, byFirst, guard, anchor };
}

/** True when `slug` is `root` or one of its descendants. */
function under(index: TopicIndex, slug: string, root: string): boolean {
  const seen = new Set<string>();
  for (let cur: string | undefined = slug; cur && !seen.has(cur); cur = index.topics.get(cur)?.parent) {
    if (cur === root) return true;
    seen.add(cur);
  }
  return false;
}

/** The topics that vouch for each other: the subtree of the topic's country (or of the topic itself). */
export function family(index: TopicIndex, slug: string): Set<string> {
  let cache = families.get(index);
  if (!cache) families.set(index, (cache = new Map()));
  const root = index.anchor.get(slug) ?? slug;
  let out = cache.get(root);
  if (!out) {
    out = new Set<string>([root]);
    for (const s of index.topics.keys()) if (under(index, s, root)) out.add(s);
    cache.set(root, out);
  }
  return out;
}
const families = new WeakMap<TopicIndex, Map<string, Set<string>>>();

/** A word of a text: its match key (clitics stripped) and its written form. */
export interface Token { key: string; raw: string }

/** Tokens of a text: written forms split on anything not a letter, mark or digit, keyed like the aliases. */
export function topicTokens(index: Pick<TopicIndex, 'guard'>, text: string): Token[] {
  const n = scanTokens(index, text);
  const out: Token[] = [];
  for (let i = 0; i < n; i++) out.push({ key: KEYS[i]!, raw: RAWS[i]! });
  return out;
}

/**
 * Keys of each written word, per guard, in a WordTable: an archive repeats its words, and this runs on every
 * paragraph of every article. Finding a word there costs no substring and no Map lookup (with the regex split
 * and a memo, splitting and looking up were ~60% of topic matching).
 */
const TOKEN_KEYS = new WeakMap<object, WordTable<string[]>>();

/** The last scanned text's token keys and written forms (see scanTokens). */
const KEYS: string[] = [];
const RAWS: string[] = [];

/**
 * The tokens of a text as parallel arrays KEYS/RAWS[0..n) (reused by every call, valid until the next one;
 * entries past n are stale): `topicTokens` without one object per word. Returns n.
 */
function scanTokens(index: Pick<TopicIndex, 'guard'>, text: string): number {
  let table = TOKEN_KEYS.get(index.guard);
  if (!table) TOKEN_KEYS.set(index.guard, (table = new WordTable((raw) => matchTokens(raw).map((k) => stripClitics(k, index.guard)), 200_000)));
  const count = table.scan(text.normalize('NFC'));
  const { ids, word, value } = table;
  let n = 0;
  for (let i = 0; i < count; i++) {
    const id = ids[i]!;
    const keys = value[id]!;
    for (let j = 0; j < keys.length; j++) {
      KEYS[n] = keys[j]!;
      RAWS[n] = word[id]!;
      n++;
    }
  }
  return n;
}

/** One alias found in a text. */
export interface Mention { senses: Sense[]; tokens: Token[]; start: number }

/** Alias mentions in a text, longest alias first, each token used once; blocking phrases are consumed silently. */
export function findMentions(index: TopicIndex, text: string): Mention[] {
  const n = scanTokens(index, text);
  const keys = KEYS;
  const out: Mention[] = [];
  for (let i = 0; i < n; i++) {
    const cands = index.byFirst.get(keys[i]!);
    if (!cands) continue;
    for (let ci = 0; ci < cands.length; ci++) {
      const c = cands[ci]!;
      const len = c.tokens.length;
      if (i + len > n) continue;
      let j = 1; // the first token is the byFirst key
      while (j < len && keys[i + j] === c.tokens[j]) j++;
      if (j < len) continue;
      if (c.senses.length) {
        const tokens: Token[] = [];
        for (let k = i; k < i + len; k++) tokens.push({ key: keys[k]!, raw: RAWS[k]! });
        out.push({ senses: c.senses, tokens, start: i });
      }
      i += len - 1;
      break;
    }
  }
  return out;
}

/** Match keys of a short text (a dateline, a place), in order. */
function keysOf(index: TopicIndex, text: string): string[] {
  return KEYS.slice(0, scanTokens(index, text));
}

/** Counts alias mentions per topic in one text (a clash of two topics counts for both; no support rules). */
export function countMatches(index: TopicIndex, text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of findMentions(index, text)) for (const s of m.senses) if (s.slug) counts.set(s.slug, (counts.get(s.slug) ?? 0) + 1);
  return counts;
}

const MARK = /[\u0610-\u061a\u064b-\u065f\u0670]/u;
const SKIP = /[\u0640\u200b-\u200f\u202a-\u202e\u2066-\u2069\u061c\ufeff\u00ad]/u;

/** Per letter of a word, the set of diacritics written on it. */
function lettersWithMarks(word: string): Set<string>[] {
  const out: Set<string>[] = [];
  for (const ch of word.normalize('NFC')) {
    if (MARK.test(ch)) out[out.length - 1]?.add(ch);
    else if (!SKIP.test(ch)) out.push(new Set());
  }
  return out;
}

/** Agreement of the diacritics written in a mention with those of an alias as written (from the last letter back). */
function diacriticScore(tokens: Token[], written: string): number {
  const words = rawWords(written);
  if (words.length !== tokens.length) return 0;
  let score = 0;
  tokens.forEach((t, i) => {
    const a = lettersWithMarks(t.raw);
    const b = lettersWithMarks(words[i]!);
    const n = Math.min(t.key.length, a.length, b.length);
    for (let k = 1; k <= n; k++) {
      const x = a[a.length - k]!;
      const y = b[b.length - k]!;
      if (!x.size || !y.size) continue;
      score += [...x].some((m) => y.has(m)) ? 1 : -1;
    }
  });
  return score;
}

export interface ArticleText {
  title: string;
  lead: string;
  /** The article text, paragraphs separated by newlines (it may include the lead). */
  body: string;
  hashtags?: string[];
  /** The dateline place, when the article has one: a clash mention equal to it is read as a dateline. */
  place?: string;
}

interface Hit { m: Mention; weight: number; part: 'title' | 'lead' | 'body' | 'tag'; para: number; dateline: boolean; order: number }

const DATELINE = /^[\s«"“(]*([^\s\-–—:(]+(?:\s+[^\s\-–—:(]+)?)\s*[-–—:(]/u;

/** Topic scores of an article after the support rules (before the threshold and the cap). */
export function scoreTopics(index: TopicIndex, article: ArticleText): Map<string, number> {
  return scored(index, article).score;
}

/** Scores, and the order of each topic's first counted mention (title, lead, then body paragraphs, tags). */
function scored(index: TopicIndex, article: ArticleText): { score: Map<string, number>; first: Map<string, number> } {
  const hits: Hit[] = [];
  // The lead is usually the body's first paragraph too: its mentions are found once (they are only read).
  let leadMentions: Mention[] | undefined;
  const mentionsOf = (text: string) => (text === article.lead ? (leadMentions ??= findMentions(index, text)) : findMentions(index, text));
  const push = (text: string, weight: number, part: Hit['part'], para = 0, dateline?: string) => {
    const dl = dateline ? new Set(keysOf(index, dateline)) : null;
    for (const m of mentionsOf(text)) hits.push({ m, weight, part, para, order: hits.length, dateline: !!dl && m.start <= 1 && m.tokens.every((t) => dl.has(t.key)) });
  };
  push(article.title, 3, 'title');
  push(article.lead, 2, 'lead', 0, DATELINE.exec(article.lead)?.[1]);
  article.body.split(/\n+/).forEach((p, i) => push(p, 1, 'body', i, i === 0 ? DATELINE.exec(p)?.[1] : undefined));
  for (const tag of article.hashtags ?? []) push(tag, 3, 'tag');
  const placeKey = article.place ? keysOf(index, article.place).join(' ') : '';

  // 1. Clashes: diacritics, then the families' other mentions, then a dateline reads as the city.
  const plain = hits.filter((h) => h.m.senses.length === 1);
  // The topic each hit counts for (null: none), in the order of the hits.
  const resolved: (string | null)[] = [];
  for (const h of hits) {
    if (h.m.senses.length === 1) {
      resolved.push(h.m.senses[0]!.slug);
      continue;
    }
    const cands = h.m.senses;
    const best = (score: (s: Sense) => number): string | null => {
      const scored = cands.map((s) => ({ s, v: score(s) })).sort((a, b) => b.v - a.v);
      return scored[0]!.v > scored[1]!.v ? scored[0]!.s.slug : null;
    };
    let pick = best((s) => diacriticScore(h.m.tokens, s.written));
    if (!pick) {
      pick = best((s) => {
        const fam = family(index, s.slug!);
        return plain.filter((p) => fam.has(p.m.senses[0]!.slug!)).length;
      });
    }
    if (!pick && (h.dateline || (placeKey && h.m.tokens.map((t) => t.key).join(' ') === placeKey))) {
      const cities = cands.filter((s) => index.topics.get(s.slug!)?.kind === 'city');
      if (cities.length === 1) pick = cities[0]!.slug;
    }
    resolved.push(pick);
  }

  // 2. Caution aliases need a non-caution mention in the family.
  const supported = new Set<string>();
  for (let i = 0; i < hits.length; i++) {
    const slug = resolved[i];
    if (!slug) continue;
    const m = hits[i]!.m;
    const caution = m.senses.length === 1 ? m.senses[0]!.caution : false;
    if (!caution) supported.add(slug);
  }
  const support = new Map<string, boolean>();
  const hasSupport = (slug: string) => {
    let v = support.get(slug);
    if (v === undefined) {
      v = false;
      for (const s of family(index, slug)) if (supported.has(s)) v = true;
      support.set(slug, v);
    }
    return v;
  };

  // 3. Scores, with the spread rule for body-only topics (seen in at least two paragraphs).
  const score = new Map<string, number>();
  const first = new Map<string, number>();
  const strong = new Set<string>();
  const firstPara = new Map<string, number>();
  const spread = new Set<string>();
  for (let i = 0; i < hits.length; i++) {
    const slug = resolved[i];
    if (!slug) continue;
    const h = hits[i]!;
    const senses = h.m.senses;
    const sense = senses.length === 1 ? senses[0]! : senses.find((s) => s.slug === slug)!;
    if (sense.caution && !hasSupport(slug)) continue;
    score.set(slug, (score.get(slug) ?? 0) + h.weight);
    if (!first.has(slug)) first.set(slug, h.order);
    if (h.part !== 'body') strong.add(slug);
    else {
      const p = firstPara.get(slug);
      if (p === undefined) firstPara.set(slug, h.para);
      else if (p !== h.para) spread.add(slug);
    }
  }
  for (const slug of [...score.keys()]) if (!strong.has(slug) && !spread.has(slug)) score.delete(slug);

  // 4. A topic's score also counts for its country.
  const out = new Map(score);
  for (const [slug, s] of score) {
    const a = index.anchor.get(slug);
    if (a && a !== slug && index.topics.get(a)?.kind === 'country') {
      out.set(a, (out.get(a) ?? 0) + s);
      first.set(a, Math.min(first.get(a) ?? Infinity, first.get(slug)!));
    }
  }
  return { score: out, first };
}

/** Topic slugs for an article: title hits weigh 3, lead 2, body 1, hashtags 3; a topic needs a score of 3. */
export function assignTopics(index: TopicIndex, article: ArticleText, max = 8): string[] {
  const { score, first } = scored(index, article);
  // When the cap bites, ties go to the topic named first (the title and lead say what the article is about).
  return [...score.entries()]
    .filter(([, s]) => s >= 3)
    .sort((a, b) => b[1] - a[1] || first.get(a[0])! - first.get(b[0])! || (a[0] < b[0] ? -1 : 1))
    .slice(0, max)
    .map(([slug]) => slug)
    .sort();
}
