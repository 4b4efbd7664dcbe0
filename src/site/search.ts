// Site search with Pagefind, made to work for Arabic and to scale.
//
// Arabic: Pagefind's own stemmer does not connect «كهرباء», «الكهرباء» and «والكهرباء»
// (shared/notes/build-performance.md), and it cuts some words to nothing useful (it stems «كهرباء» to «ك»).
// So records are indexed under a language Pagefind has no stemmer for, and their content is a match-keyed
// copy of the text in which every word stands with all the forms left after taking off the clitics in
// front of it (و ف ب ك ل and the article ال in their combinations) and each of those without its suffixes
// (ات ين ية …), while the browser reduces each query word to one such form (queryForm then suffixStem)
// before Pagefind sees it. A query form is then among the indexed forms of any word with the same stem,
// whichever clitics either side carries; Pagefind's prefix matching covers longer suffixed words. Readers
// never see that copy: results show the real title and an excerpt cut from the real text (meta.body) by
// templates/assets/search.js, which ports these functions (tests check both give the same output).
//
// Scale: Pagefind holds a whole index in memory (≈2.3 GB for 10k full pages) and cannot add to an
// index, so the archive is indexed in shards (one Pagefind bundle per year, a year or the undated shelf
// over `cap` articles in hash buckets) under pagefind/<shard>/, merged in
// the browser with mergeIndex. pagefind/shards.json records a digest of each shard's article ids and
// content, and only shards whose digest changed are indexed again.
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import MarkdownIt from 'markdown-it';
import { matchTokens } from '../arabic/normalize.ts';
import { arabicDate } from './format.ts';
import type { Archive, SiteArticle } from './archive.ts';

/** Bumped whenever what goes into a record changes, so every shard is indexed again. */
export const SEARCH_SCHEMA = 1;

/**
 * The language records are indexed under: "und" (undetermined) has no Pagefind stemmer, so Pagefind keeps
 * our forms as they are; the browser, finding no "ar" index, falls back to it (the only one in a bundle).
 */
export const INDEX_LANGUAGE = 'und';

// Measured here: Pagefind peaks at ≈ 0.5 MB per article with our records (≈ 1.7 GB for one 3k-article
// shard), so 4000 keeps one shard near 2 GB.
/** Articles per shard before a year (or the undated shelf) is split into hash buckets. */
export const DEFAULT_SHARD_CAP = 4000;

const PACKAGE_ROOT = path.resolve(import.meta.dirname, '../..');

// Clitic clusters in front of a match-keyed word. Clusters with the article leave ≥ 3 letters; bare
// conjunctions/prepositions must leave ≥ 4, because Pagefind matches query words as prefixes and a short
// remainder («كتاب» → «تاب») would match unrelated words («تابع»).
const ARTICLE_CLUSTERS = ['وبال', 'وكال', 'فبال', 'فكال', 'ولل', 'فلل', 'وال', 'فال', 'بال', 'كال', 'لل', 'ال'];
const BARE_CLUSTERS = ['وب', 'وك', 'ول', 'فب', 'فك', 'فل', 'و', 'ف', 'ب', 'ك', 'ل'];
const CLUSTERS: [string, number][] = [...ARTICLE_CLUSTERS.map((p): [string, number] => [p, 3]), ...BARE_CLUSTERS.map((p): [string, number] => [p, 4])];

/** Every form of a match-keyed word with clitics taken off in all the ways the clusters allow (the word first). */
export function searchForms(word: string): string[] {
  const seen = [word];
  for (let i = 0; i < seen.length; i++) {
    const w = seen[i]!;
    for (const [p, min] of CLUSTERS) {
      if (w.startsWith(p) && w.length - p.length >= min) {
        const rest = w.slice(p.length);
        if (!seen.includes(rest)) seen.push(rest);
      }
    }
  }
  return seen;
}

/** A match-keyed query word without its longest clitic cluster. */
export function queryForm(word: string): string {
  for (const [p, min] of CLUSTERS) if (word.startsWith(p) && word.length - p.length >= min) return word.slice(p.length);
  return word;
}

// Lucene's light-stemmer suffixes (after match keys, so ة is already ه), tried once each in this order.
// Each cut must leave ≥ 3 letters: Pagefind matches query words as prefixes, and a two-letter stem would
// match a great many words.
const SUFFIXES = ['ها', 'ان', 'ات', 'ون', 'ين', 'يه', 'ه', 'ي'];

/** A match-keyed word without its suffixes (الاقتصاديه → الاقتصاد, فلسطينيين → فلسطين). */
export function suffixStem(word: string): string {
  let w = word;
  for (const s of SUFFIXES) if (w.endsWith(s) && w.length - s.length >= 3) w = w.slice(0, w.length - s.length);
  return w;
}

/** Every form a word is indexed under: its clitic forms and their suffix stems. */
export function indexForms(word: string): string[] {
  const forms = searchForms(word);
  for (const f of [...forms]) {
    const stem = suffixStem(f);
    if (!forms.includes(stem)) forms.push(stem);
  }
  return forms;
}

/** The one form a match-keyed query word is searched by. */
export function queryTerm(word: string): string {
  return suffixStem(queryForm(word));
}

/**
 * The text Pagefind indexes for a text: each word's match key followed by its other forms. Lone letters are
 * left out: when a query word matches nothing, Pagefind falls back to the longest indexed word that is a
 * prefix of it (upstream issues #599, #793), and a lone «ك» would then answer «كهرباء».
 */
export function indexText(text: string): string {
  return matchTokens(text)
    .filter((w) => w.length > 1 || /\d/.test(w))
    .flatMap(indexForms)
    .join(' ');
}

/** What the browser searches for when a reader types `query`. */
export function searchQuery(query: string): string {
  return matchTokens(query).map(queryTerm).join(' ');
}

const md = new MarkdownIt({ html: false, linkify: false, typographer: false });

/** An article body as plain text, one line per paragraph or subheading (Markdown syntax and escapes gone). */
export function plainText(markdown: string): string {
  const lines: string[] = [];
  for (const t of md.parse(markdown, {})) {
    if (t.type !== 'inline') continue;
    const line = (t.children ?? [])
      .map((c) => (c.type === 'text' || c.type === 'code_inline' ? c.content : c.type === 'softbreak' || c.type === 'hardbreak' ? ' ' : ''))
      .join('')
      .trim();
    if (line) lines.push(line);
  }
  return lines.join('\n');
}

export interface SearchRecord {
  url: string;
  content: string;
  language: string;
  meta: Record<string, string>;
}

/** The Pagefind record of one article. URLs are relative to the site root, so one index serves any prefix. */
export function articleRecord(a: SiteArticle, archive: Archive, topicNames: Map<string, string>): SearchRecord {
  const s = archive.settings;
  const body = plainText(a.body);
  const extra = [a.meta.outlet, a.meta.place, ...a.meta.topics.map((t) => topicNames.get(t) ?? ''), ...(a.meta.hashtags ?? [])].filter(Boolean).join(' ');
  const meta: Record<string, string> = { title: a.meta.title, body };
  if (a.meta.date) meta.date = arabicDate(a.meta.date, s.month_style, s.digits);
  if (a.meta.outlet) meta.outlet = String(a.meta.outlet);
  return {
    url: `${a.url.replace(/^\//, '')}index.html`,
    content: [indexText(a.meta.title), indexText(body), indexText(extra)].filter(Boolean).join(' '),
    language: INDEX_LANGUAGE,
    meta,
  };
}

const sha = (text: string, n = 16) => createHash('sha256').update(text).digest('hex').slice(0, n);

/**
 * Splits the archive into shards: one per year (and one for the undated shelf), a year over `cap` split
 * into the fewest power-of-two hash buckets that fit. Years keep new dumps (mostly recent news) to a few
 * shards; buckets rather than months keep the number of bundles the browser merges small (≈ 20 for 100k
 * articles over ten years) and each shard's Pagefind memory bounded by `cap`.
 */
export function assignShards(articles: SiteArticle[], cap = DEFAULT_SHARD_CAP): Map<string, SiteArticle[]> {
  const group = (items: SiteArticle[], keyOf: (a: SiteArticle) => string) => {
    const m = new Map<string, SiteArticle[]>();
    for (const a of items) {
      const k = keyOf(a);
      let arr = m.get(k);
      if (!arr) m.set(k, (arr = []));
      arr.push(a);
    }
    return m;
  };
  const buckets = (key: string, items: SiteArticle[], out: Map<string, SiteArticle[]>) => {
    if (items.length <= cap) {
      out.set(key, items);
      return;
    }
    // A power of two, so a growing shard splits into buckets that are each a part of one older bucket.
    const n = 2 ** Math.ceil(Math.log2(items.length / cap));
    for (const [b, arr] of group(items, (a) => String(parseInt(sha(a.meta.id, 8), 16) % n))) out.set(`${key}-h${b}`, arr);
  };
  const shards = new Map<string, SiteArticle[]>();
  for (const [year, items] of group(articles, (a) => (a.meta.date ? a.meta.date.slice(0, 4) : 'undated'))) buckets(year, items, shards);
  // Newest first: the first bundle is Pagefind's primary one.
  const order = (k: string) => `${k.startsWith('undated') ? 0 : 1}${k}`;
  return new Map([...shards.entries()].sort((a, b) => (order(a[0]) < order(b[0]) ? 1 : -1)));
}

export interface ShardState {
  schema: number;
  pagefind: string;
  shards: { key: string; hash: string; count: number }[];
}

export interface SearchOptions {
  /** The built site folder (the index goes to <out>/pagefind/). */
  out: string;
  archive: Archive;
  /** Project root holding templates/assets/search.js (default: this package). */
  root?: string;
  cap?: number;
}

export interface SearchFigures {
  /** Articles in the index. */
  pages: number;
  /** Articles indexed by this run (only those in changed shards). */
  indexed: number;
  shards: number;
  /** Keys of the shards indexed by this run. */
  rebuilt: string[];
  ms: number;
}

const UI_FILES = ['pagefind-ui.js', 'pagefind-ui.css'];
// Files Pagefind writes into every bundle that the site loads once from pagefind/ui/ or never.
const BUNDLE_EXTRAS = [...UI_FILES, 'pagefind-component-ui.js', 'pagefind-component-ui.css', 'pagefind-modular-ui.js', 'pagefind-modular-ui.css', 'pagefind-highlight.js'];

function pagefindVersion(root: string): string {
  try {
    return (JSON.parse(fs.readFileSync(path.join(root, 'node_modules/pagefind/package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

function readState(file: string): ShardState | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as ShardState;
  } catch {
    return null;
  }
}

/**
 * Writes the search index of the archive into <out>/pagefind/ (one bundle per shard, only changed shards
 * indexed again), the Pagefind UI into <out>/pagefind/ui/ and the search page's script into <out>/assets/.
 */
export async function indexSearch(options: SearchOptions): Promise<SearchFigures> {
  const started = performance.now();
  const root = options.root ?? PACKAGE_ROOT;
  const out = path.resolve(options.out);
  const { archive } = options;
  const dir = path.join(out, 'pagefind');
  const stateFile = path.join(dir, 'shards.json');
  const version = pagefindVersion(root);
  fs.mkdirSync(dir, { recursive: true });
  for (const asset of ['search.js', 'search.css']) {
    fs.mkdirSync(path.join(out, 'assets'), { recursive: true });
    fs.copyFileSync(path.join(root, 'templates/assets', asset), path.join(out, 'assets', asset));
  }

  const topicNames = new Map(archive.topics.map((t) => [t.topic.slug, t.topic.name]));
  const shards = assignShards(archive.articles, options.cap);
  const previous = readState(stateFile);
  const usable = previous && previous.schema === SEARCH_SCHEMA && previous.pagefind === version ? new Map(previous.shards.map((s) => [s.key, s.hash])) : new Map<string, string>();
  const state: ShardState = { schema: SEARCH_SCHEMA, pagefind: version, shards: [] };
  const todo: [string, SiteArticle[]][] = [];
  for (const [key, items] of shards) {
    // A record depends on the article and on the topic names and date style it shows, all hashed here.
    const lines = items.map((a) => `${a.meta.id} ${sha(JSON.stringify([a.url, a.meta.title, a.body, a.meta.date, a.meta.outlet, a.meta.place, a.meta.hashtags, a.meta.topics.map((t) => topicNames.get(t) ?? t), archive.settings.month_style, archive.settings.digits]))}`);
    const hash = sha(lines.sort().join('\n'), 32);
    state.shards.push({ key, hash, count: items.length });
    if (usable.get(key) !== hash || !fs.existsSync(path.join(dir, key, 'pagefind-entry.json'))) todo.push([key, items]);
  }

  const needUi = UI_FILES.some((f) => !fs.existsSync(path.join(dir, 'ui', f))) || previous?.pagefind !== version;
  let indexed = 0;
  if (todo.length || needUi) {
    const pagefind = await import('pagefind');
    try {
      for (const [key, items] of todo) {
        const { index, errors } = await pagefind.createIndex({ forceLanguage: INDEX_LANGUAGE });
        if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
        for (const a of items) {
          const r = await index.addCustomRecord(articleRecord(a, archive, topicNames));
          if (r.errors.length) throw new Error(`Pagefind refused article ${a.meta.id}: ${r.errors.join('; ')}`);
        }
        // Written beside the live bundle and swapped in, so a failed run leaves the old shard usable.
        const tmp = path.join(dir, `.${key}.tmp`);
        fs.rmSync(tmp, { recursive: true, force: true });
        const w = await index.writeFiles({ outputPath: tmp });
        if (w.errors.length) throw new Error(`Pagefind could not write shard ${key}: ${w.errors.join('; ')}`);
        await index.deleteIndex();
        for (const f of BUNDLE_EXTRAS) fs.rmSync(path.join(tmp, f), { force: true });
        fs.rmSync(path.join(dir, key), { recursive: true, force: true });
        fs.renameSync(tmp, path.join(dir, key));
        indexed += items.length;
      }
      if (needUi) {
        const { index } = await pagefind.createIndex({ forceLanguage: INDEX_LANGUAGE });
        const files = (await index!.getFiles()).files;
        fs.mkdirSync(path.join(dir, 'ui'), { recursive: true });
        for (const f of files) if (UI_FILES.includes(f.path)) fs.writeFileSync(path.join(dir, 'ui', f.path), f.content);
        await index!.deleteIndex();
      }
    } finally {
      await pagefind.close();
    }
  }
  // Bundles of shards that no longer exist (a year split into months, articles removed).
  const live = new Set([...shards.keys(), 'ui']);
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory() && !live.has(e.name) && /^(?:\d{4}|undated)(?:-h\d+)?$|^\..*\.tmp$/.test(e.name)) fs.rmSync(path.join(dir, e.name), { recursive: true, force: true });
  }
  fs.writeFileSync(stateFile, `${JSON.stringify(state, null, 1)}\n`);
  return { pages: archive.articles.length, indexed, shards: shards.size, rebuilt: todo.map(([k]) => k), ms: Math.round(performance.now() - started) };
}
