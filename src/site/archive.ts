// The archive as the site sees it: every article under content/articles read once, and every index the
// pages need (latest, topics, years → months → days, undated, outlets, stories) computed once, in one pass,
// so that no page sorts or filters collections again.
import fs from 'node:fs';
import path from 'node:path';
import { matchKey } from '../arabic/normalize.ts';
import crypto, { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type { ArticleMeta } from '../store/article.ts';
import type { Topic } from '../enrich/topics.ts';
import { loadSettings, type SiteSettings } from './settings.ts';

// The YAML parser (and src/store/article.ts, which loads it) is needed only for front-matter that is not of
// arshif's own shape and for unusual taxonomies: loaded then, not on every build (loading it is a tenth of an
// incremental build's time).
const require = createRequire(import.meta.url);
let yaml: typeof import('yaml') | null = null;
function YAMLparse(text: string, options?: { schema: 'core' }): unknown {
  yaml ??= require('yaml') as typeof import('yaml');
  return yaml.parse(text, options);
}

/**
 * SHA-1 of a text or bytes. crypto.hash (Node 20.12 and later) does it in one call, without a Hash object:
 * a third of the cost for the short texts hashed by the thousand here (file bytes, page signatures).
 */
export const sha1: (data: string | Uint8Array, encoding: 'hex' | 'base64') => string =
  typeof crypto.hash === 'function' ? (data, encoding) => crypto.hash('sha1', data, encoding) : (data, encoding) => createHash('sha1').update(data).digest(encoding);

/** Short hex digest of a text (src/store/article.ts's digest). */
function digest(text: string, length = 10): string {
  return createHash('sha256').update(text).digest('hex').slice(0, length);
}

/** src/store/article.ts's parseArticle, front-matter only (tests/site/incremental.test.ts compares them). */
function parseFrontMatter(text: string): ArticleMeta {
  const m = FRONT.exec(text);
  if (!m) return { id: '', title: '', title_from: 'page', date_kind: 'none', topics: [], sources: [] };
  const meta = (YAMLparse(m[1]!, { schema: 'core' }) ?? {}) as ArticleMeta;
  meta.topics = Array.isArray(meta.topics) ? meta.topics.map(String) : [];
  meta.sources = Array.isArray(meta.sources) ? meta.sources.map(String) : meta.sources ? [String(meta.sources)] : [];
  if (meta.date !== undefined) meta.date = String(meta.date);
  meta.date_kind ??= meta.date ? 'explicit' : 'none';
  return meta;
}

/** One article of the site. The Markdown body is not held: `body` reads it from its file when a page needs it. */
export interface SiteArticle {
  meta: ArticleMeta;
  /** Markdown body (read from the file on each use). */
  readonly body: string;
  /** File path relative to the content folder. */
  file: string;
  url: string;
  /** Hash of the article file's bytes. */
  hash: string;
  /**
   * Signature of what lists show of the article: its URL, title, date and outlet (a list's entries, an
   * article page's neighbours and story). A page showing more of an article than that (a feed shows its body)
   * puts the article's `hash` in its item too (src/site/pages.ts).
   */
  readonly teaser: string;
  prev?: SiteArticle;
  next?: SiteArticle;
  /** Other articles of the same story. */
  story: SiteArticle[];
}

/** A file's front-matter as parsed (before the site's fix-ups), kept between builds keyed by size and times. */
export interface CachedFile {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  hash: string;
  /** Parsed front-matter, or the error that made the file unreadable. */
  meta?: ArticleMeta;
  error?: string;
}

/** Parsed article files by path relative to the content folder. */
export type FileCache = Map<string, CachedFile>;

let lastBody: { abs: string; body: string } | null = null;

class ArticleEntry implements SiteArticle {
  prev?: SiteArticle;
  next?: SiteArticle;
  story: SiteArticle[] = [];
  #teaser = '';
  constructor(
    public meta: ArticleMeta,
    public file: string,
    public url: string,
    public hash: string,
    private readonly abs: string,
  ) {}
  get body(): string {
    // Pages read a body once or twice in a row (text and description): remember the last one only.
    if (lastBody?.abs === this.abs) return lastBody.body;
    const body = bodyOf(fs.readFileSync(this.abs, 'utf8'));
    lastBody = { abs: this.abs, body };
    return body;
  }
  get teaser(): string {
    // Not the hash of the file: an ingest often rewrites articles in ways no list shows (a new story id, a
    // source added), and every list holding such an article would be rendered again to the same bytes. A
    // digest keeps the signatures of lists (50 articles a page, 200,000 in all) short to build and hash.
    const m = this.meta;
    return (this.#teaser ||= sha1(JSON.stringify([this.url, m.title, m.date ?? null, m.outlet ?? null]), 'base64'));
  }
}

/** True for the articles of an archive. */
export function isSiteArticle(x: unknown): x is SiteArticle {
  return x instanceof ArticleEntry;
}

export interface ListPage<K = string> {
  key: K;
  /** 1-based page number and page count. */
  page: number;
  pages: number;
  items: SiteArticle[];
}

export interface Archive {
  settings: SiteSettings;
  articles: SiteArticle[];
  /** Dated articles newest first, then undated ones. */
  latest: SiteArticle[];
  topics: { topic: Topic; articles: SiteArticle[] }[];
  years: { year: number; count: number; months: { month: number; count: number; days: { day: number; articles: SiteArticle[] }[]; articles: SiteArticle[] }[] }[];
  undated: SiteArticle[];
  outlets: { key: string; name: string; articles: SiteArticle[] }[];
  /** Problems met while reading content (broken front-matter…), for the build report. */
  problems: string[];
  /** The parsed files, to give to the next build's loadArchive. */
  files: FileCache;
}

function listMarkdown(dir: string): string[] {
  const out: string[] = [];
  if (!fs.existsSync(dir)) return out;
  const walk = (d: string) => {
    const names = fs.readdirSync(d, { withFileTypes: true });
    names.sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const e of names) {
      if (e.name.startsWith('.')) continue;
      // Joined by hand: path.join's normalising is a tenth of reading 10,000 cached files.
      const p = `${d}${path.sep}${e.name}`;
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.md')) out.push(p);
    }
  };
  walk(path.resolve(dir));
  return out;
}

const FRONT = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/;

/**
 * The start of a file up to the end of its front-matter, decoded (the body, most of the bytes, is decoded
 * only when a page shows it); the whole file when the front-matter's end is not where FRONT would find it.
 */
function frontText(bytes: Buffer): string {
  if (bytes.length > 3 && bytes.toString('latin1', 0, 3) === '---') {
    const end = bytes.indexOf('\n---', 3, 'latin1');
    if (end > 0) {
      const head = bytes.toString('utf8', 0, Math.min(bytes.length, end + 6));
      if (FRONT.test(head)) return head;
    }
  }
  return bytes.toString('utf8');
}

function bodyOf(text: string): string {
  const m = FRONT.exec(text);
  return m ? text.slice(m[0].length).replace(/^\n/, '') : text;
}

// The front-matter arshif writes (src/store/article.ts) is a flat map of plain or double-quoted scalars and
// flow sequences of plain scalars. Such lines are read here directly (the yaml library takes ~1-2 ms per
// file, most of a large build's reading time); anything else goes to the YAML parser, so the result is
// always what parseArticle() gives.
const LINE = /^([A-Za-z_][A-Za-z0-9_]*): (.*)$/;
// Plain scalars that the YAML core schema would read as something other than a string, or that need quoting rules.
const NOT_PLAIN_STRING = /^(?:[-?:,[\]{}#&*!|>'"%@`~.+]|null$|Null$|NULL$|true$|True$|TRUE$|false$|False$|FALSE$)|: |:$| #|\t|\s$/;

// The core schema's numbers (int, octal, hex, float).
const CORE_NUMBER = /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?)$/;

function scalar(v: string): { ok: true; value: unknown } | { ok: false } {
  if (/^[0-9]{1,15}$/.test(v) && !/^0[0-9]/.test(v)) return { ok: true, value: Number(v) };
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return { ok: true, value: v };
  if (CORE_NUMBER.test(v)) return { ok: false };
  if (v.startsWith('"')) {
    if (v.length >= 2 && v.endsWith('"') && !/["\\]/.test(v.slice(1, -1))) return { ok: true, value: v.slice(1, -1) };
    return { ok: false };
  }
  if (!v || NOT_PLAIN_STRING.test(v)) return { ok: false };
  return { ok: true, value: v };
}

/** Front-matter of arshif's own shape, or null when the YAML parser must decide. */
export function quickFrontMatter(yaml: string): Record<string, unknown> | null {
  const out: Record<string, unknown> = {};
  for (const line of yaml.split('\n')) {
    const m = LINE.exec(line);
    if (!m || Object.hasOwn(out, m[1]!) || m[1] === '__proto__') return null;
    const v = m[2]!;
    if (v.startsWith('[')) {
      if (!v.endsWith(']')) return null;
      const inner = v.slice(1, -1);
      if (!inner) {
        out[m[1]!] = [];
        continue;
      }
      const items: unknown[] = [];
      for (const part of inner.split(', ')) {
        if (/[,[\]{}"']/.test(part)) return null;
        const s = scalar(part);
        if (!s.ok) return null;
        items.push(s.value);
      }
      out[m[1]!] = items;
      continue;
    }
    const s = scalar(v);
    if (!s.ok) return null;
    out[m[1]!] = s.value;
  }
  return out;
}

/** parseArticle's front-matter, read the quick way when the file has arshif's own shape. */
export function readMeta(text: string): ArticleMeta {
  const m = FRONT.exec(text);
  const quick = m ? quickFrontMatter(m[1]!) : null;
  if (!quick) return parseFrontMatter(text);
  const meta = quick as ArticleMeta;
  meta.topics = Array.isArray(meta.topics) ? meta.topics.map(String) : [];
  meta.sources = Array.isArray(meta.sources) ? meta.sources.map(String) : meta.sources ? [String(meta.sources)] : [];
  if (meta.date !== undefined) meta.date = String(meta.date);
  meta.date_kind ??= meta.date ? 'explicit' : 'none';
  return meta;
}

// One buffer for reading every article file: they are hashed and their front-matter decoded, then dropped, so
// a build reading ten thousand of them need not allocate (and collect) ten thousand buffers.
let scratch = Buffer.allocUnsafe(1 << 16);

/** The bytes of a file, in `scratch`: valid until the next call. */
function readBytes(abs: string): Buffer {
  const fd = fs.openSync(abs, 'r');
  try {
    let n = 0;
    for (;;) {
      if (n === scratch.length) {
        const bigger = Buffer.allocUnsafe(scratch.length * 2);
        scratch.copy(bigger, 0, 0, n);
        scratch = bigger;
      }
      const got = fs.readSync(fd, scratch, n, scratch.length - n, null);
      if (!got) return scratch.subarray(0, n);
      n += got;
    }
  } finally {
    fs.closeSync(fd);
  }
}

function readFile(abs: string, rel: string, cache: FileCache | undefined, next: FileCache): CachedFile {
  const st = fs.statSync(abs);
  const old = cache?.get(rel);
  if (old && old.size === st.size && old.mtimeMs === st.mtimeMs && old.ctimeMs === st.ctimeMs) {
    next.set(rel, old);
    return old;
  }
  const bytes = readBytes(abs);
  const hash = sha1(bytes, 'base64');
  // Times change while the bytes stay when a content folder is copied, restored or moved (a new ctime for
  // every file): the same bytes are the same front-matter, so the parse is kept (parsing is most of reading).
  if (old && old.hash === hash && old.size === st.size) {
    const same: CachedFile = { ...old, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs };
    next.set(rel, same);
    return same;
  }
  const entry: CachedFile = { size: st.size, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs, hash };
  try {
    entry.meta = readMeta(frontText(bytes));
  } catch (e) {
    entry.error = (e as Error).message.split('\n')[0];
  }
  next.set(rel, entry);
  return entry;
}

/** The taxonomy's topics by slug (names only matter here; matching is the ingest's business). */
function loadTopicNames(file: string): Map<string, Topic> {
  const topics = new Map<string, Topic>();
  if (!fs.existsSync(file)) return topics;
  const text = fs.readFileSync(file, 'utf8');
  const quick = quickTopics(text);
  if (quick) return quick;
  const list = YAMLparse(text) as Topic[] | null;
  for (const t of Array.isArray(list) ? list : []) if (t && t.slug && t.name) topics.set(t.slug, { slug: t.slug, name: t.name });
  return topics;
}

/**
 * Slugs and names of a taxonomy written as the project writes it ("- slug: x" then "  name: y" in every item),
 * or null when the YAML parser must read it (parsing the whole taxonomy with it takes the better part of a second).
 */
function quickTopics(text: string): Map<string, Topic> | null {
  const topics = new Map<string, Topic>();
  const parts = text.split(/^(?=- )/m);
  if (parts[0]!.split('\n').some((l) => l.trim() && !l.trimStart().startsWith('#'))) return null;
  for (const part of parts.slice(1)) {
    const slug = /^- slug: (.*)$/m.exec(part);
    const names = [...part.matchAll(/^ {2}name: (.*)$/gm)];
    if (!slug || slug.index !== 0 || names.length !== 1 || /^ {2}slug:/m.test(part)) return null;
    const s = scalar(slug[1]!.replace(/\s+#.*$/, ''));
    const n = scalar(names[0]![1]!.replace(/\s+#.*$/, ''));
    if (!s.ok || !n.ok || typeof s.value !== 'string' || typeof n.value !== 'string') return null;
    if (s.value && n.value) topics.set(s.value, { slug: s.value, name: n.value });
  }
  return topics;
}

/** Other articles of its story an article page lists. */
export const STORY_SHOWN = 12;

/** Newest first; undated last; ties by id so the order is stable. */
function byDateDesc(a: SiteArticle, b: SiteArticle): number {
  const da = a.meta.date ?? '';
  const db = b.meta.date ?? '';
  if (da !== db) return da < db ? 1 : -1;
  return a.meta.id < b.meta.id ? -1 : a.meta.id > b.meta.id ? 1 : 0;
}

/**
 * Reads the content folder and builds every index of the site. `cache` (the `files` of an earlier archive of
 * the same folder) spares re-reading files whose size and times are unchanged.
 */
export function loadArchive(contentDir: string, cache?: FileCache): Archive {
  const settings = loadSettings(contentDir);
  const taxonomy = { topics: loadTopicNames(path.join(contentDir, '_data', 'topics.yaml')) };
  const problems: string[] = [];
  const articles: SiteArticle[] = [];
  const seen = new Set<string>();
  const files: FileCache = new Map();
  const root = path.resolve(contentDir);
  for (const file of listMarkdown(path.join(root, 'articles'))) {
    const rel = file.slice(root.length + 1).split(path.sep).join('/');
    const entry = readFile(file, rel, cache, files);
    if (!entry.meta) {
      problems.push(`${rel}: front-matter is not valid YAML (${entry.error}); skipped`);
      continue;
    }
    // The cached object stays as parsed; the site's fix-ups below work on a copy.
    const meta: ArticleMeta = { ...entry.meta };
    // Hand-written articles may lack an id or a title: derive what the site needs, never crash.
    meta.id = /^[0-9a-z-]{1,40}$/i.test(String(meta.id ?? '')) ? String(meta.id) : digest(rel, 10);
    if (seen.has(meta.id)) {
      problems.push(`${rel}: id ${meta.id} is used by another article; skipped`);
      continue;
    }
    seen.add(meta.id);
    meta.title = String(meta.title ?? '').trim() || path.basename(file, '.md');
    if (meta.date && !/^\d{4}-\d{2}-\d{2}$/.test(meta.date)) {
      problems.push(`${rel}: date ${meta.date} is not YYYY-MM-DD; shown as undated`);
      meta.date = undefined;
    }
    if (!meta.date) meta.date_kind = 'none';
    articles.push(new ArticleEntry(meta, rel, `/a/${meta.id}/`, entry.hash, file));
  }
  const latest = [...articles].sort(byDateDesc);
  // Previous/next by date along the dated articles.
  const dated = latest.filter((a) => a.meta.date);
  dated.forEach((a, i) => {
    a.next = dated[i - 1];
    a.prev = dated[i + 1];
  });
  // Stories.
  const stories = new Map<string, SiteArticle[]>();
  for (const a of latest) {
    if (!a.meta.story) continue;
    const s = String(a.meta.story);
    let arr = stories.get(s);
    if (!arr) stories.set(s, (arr = []));
    arr.push(a);
  }
  // An article page lists at most STORY_SHOWN others of its story, the nearest in date: a story of hundreds
  // of articles (wire copy rewritten everywhere) would otherwise make each of its pages list all the others
  // (O(n²) output) and make every one of them change whenever the story grows.
  for (const arr of stories.values()) {
    if (arr.length < 2) continue;
    arr.forEach((a, i) => {
      const from = Math.max(0, Math.min(i - STORY_SHOWN / 2, arr.length - 1 - STORY_SHOWN));
      a.story = arr.slice(from, from + STORY_SHOWN + 1).filter((x) => x !== a).slice(0, STORY_SHOWN);
    });
  }
  // Topics in taxonomy order of size; unknown slugs in front-matter still get a page.
  const topicMap = new Map<string, SiteArticle[]>();
  for (const a of latest) {
    for (const slug of a.meta.topics) {
      if (!/^[a-z0-9-]+$/.test(slug)) continue;
      let arr = topicMap.get(slug);
      if (!arr) topicMap.set(slug, (arr = []));
      arr.push(a);
    }
  }
  const topics = [...topicMap.entries()]
    .map(([slug, arts]) => ({ topic: taxonomy.topics.get(slug) ?? { slug, name: slug }, articles: arts }))
    .sort((a, b) => b.articles.length - a.articles.length || (a.topic.slug < b.topic.slug ? -1 : 1));
  // Years → months → days.
  const yearMap = new Map<number, Map<number, Map<number, SiteArticle[]>>>();
  for (const a of dated) {
    const [y, m, d] = a.meta.date!.split('-').map(Number) as [number, number, number];
    let ym = yearMap.get(y);
    if (!ym) yearMap.set(y, (ym = new Map()));
    let md = ym.get(m);
    if (!md) ym.set(m, (md = new Map()));
    let arr = md.get(d);
    if (!arr) md.set(d, (arr = []));
    arr.push(a);
  }
  const years = [...yearMap.entries()]
    .sort((a, b) => b[0] - a[0])
    .map(([year, months]) => {
      const ms = [...months.entries()]
        .sort((a, b) => b[0] - a[0])
        .map(([month, days]) => {
          const ds = [...days.entries()].sort((a, b) => b[0] - a[0]).map(([day, arts]) => ({ day, articles: arts }));
          return { month, count: ds.reduce((s, d) => s + d.articles.length, 0), days: ds, articles: ds.flatMap((d) => d.articles) };
        });
      return { year, count: ms.reduce((s, m) => s + m.count, 0), months: ms };
    });
  const undated = latest.filter((a) => !a.meta.date);
  // Outlets, keyed by a stable short hash of the normalised name (Arabic names make poor URL parts).
  const outletMap = new Map<string, { key: string; name: string; articles: SiteArticle[] }>();
  // A few dozen outlets name ten thousand articles: each name is hashed once.
  const keyOf = new Map<string, string>();
  for (const a of latest) {
    if (!a.meta.outlet) continue;
    const name = String(a.meta.outlet);
    let key = keyOf.get(name);
    if (key === undefined) keyOf.set(name, (key = digest(`outlet:${matchKey(name)}`, 8)));
    let o = outletMap.get(key);
    if (!o) outletMap.set(key, (o = { key, name, articles: [] }));
    o.articles.push(a);
  }
  const outlets = [...outletMap.values()].sort((a, b) => b.articles.length - a.articles.length || (a.key < b.key ? -1 : 1));
  return { settings, articles, latest, topics, years, undated, outlets, problems, files };
}

/**
 * Splits a list into pages of `size` (at least one page, so an empty list still gets its page), counted from
 * the list's start: page k holds items (k-1)·size … k·size-1, whatever comes after them.
 */
export function paginate<K>(key: K, items: SiteArticle[], size: number): ListPage<K>[] {
  const pages = Math.max(1, Math.ceil(items.length / size));
  return Array.from({ length: pages }, (_, i) => ({ key, page: i + 1, pages, items: items.slice(i * size, (i + 1) * size) }));
}

// How lists are cut into pages, and why.
//
// A news archive grows in two ways: today's news lands at the newest end, and old dumps found later land
// anywhere in the past. Pages numbered by rank from the newest article (page 1 = newest 50) move every
// article of every later page by one on each insertion, so one new article rewrote every page of its topics,
// its outlet and the "all articles" list, and a "page X of N" label changed on all of them; a reader's
// bookmark of "page 37" showed other articles the next day. Readers of an archive look for a period ("what
// was said about the elections in March 2016"), so lists are cut by the calendar instead:
//
// - a list's front page (/topics/<slug>/, /outlets/<key>/) shows its newest articles, newest first, and an
//   index of its years (and months) with counts; a list of at most page_size articles is shown whole there
//   and has no other pages;
// - a year of the list has its own page (/topics/<slug>/2016/) listing its articles; a year with more than
//   page_size articles is split into its months (/topics/<slug>/2016/03/) and its page lists the months;
// - a month with more than page_size articles is cut into numbered parts (…/2016/03/page-2/) counted from
//   the month's first article, so that news arriving in date order only ever touches the last part;
// - period pages (a year, a month, a part) list their articles in the order they were published, oldest
//   first, like a chronicle of the period read top to bottom, and the pager names date ranges, not totals;
// - articles without a date have their own part (/topics/<slug>/undated/), in pages picked by a hash of
//   the id (undatedPages), as on the undated shelf of the date archive.
//
// An article added in the past therefore changes the front page and index of each list it joins, the page
// of its year or month (or the parts of its month from where it lands), and nothing else; the URL of a
// period never changes meaning. The "all articles" list is a window over the newest articles only
// (LATEST_PAGES pages); the date archive (year → month → day, and the undated shelf) is the way into the rest.

/** Pages of the "latest articles" window; older articles are reached through the date archive. */
export const LATEST_PAGES = 4;

/** Dated articles of a list kept newest first (the archive's order), oldest first: the list read backwards. */
export function oldestFirst(articles: SiteArticle[]): SiteArticle[] {
  return articles.filter((a) => a.meta.date).reverse();
}

/** One entry of a list's index of periods: a year with its count, and its months when the year is split. */
export interface PeriodEntry {
  year: number;
  count: number;
  /** The year's months (newest first) with their counts, when the year has more than page_size articles. */
  months?: { month: number; count: number }[];
}

/** One page of a topic's or outlet's list. Everything the page shows is in it (it is the page's signature). */
export interface ListPart<K> {
  key: K;
  kind: 'front' | 'year' | 'month' | 'undated';
  year?: number;
  month?: number;
  /** 1-based part of a month or of the undated articles too long for one page, and how many parts there are. */
  page: number;
  pages: number;
  /** The articles shown: newest first on the front page, oldest first on a period page. */
  items: SiteArticle[];
  /** Front page: the list's years, newest first; a split year's page: that year alone, with its months. */
  periods?: PeriodEntry[];
  /** Front page: articles in the list, and how many of them are undated. */
  total?: number;
  undated?: number;
  /** Front page of a list short enough to be shown whole there (it then has no other pages). */
  all?: boolean;
}

/** The pages of a topic's or outlet's list (`articles` newest first, undated last): see the comment above. */
export function listParts<K>(key: K, articles: SiteArticle[], size: number): ListPart<K>[] {
  // A list that fits on its front page is all there: no period pages (they appear once it outgrows it).
  if (articles.length <= size) return [{ key, kind: 'front', page: 1, pages: 1, items: articles, total: articles.length, all: true }];
  const years = new Map<number, Map<number, SiteArticle[]>>();
  const undated: SiteArticle[] = [];
  // Oldest first is the list's order (newest first, undated last) read backwards: no sort needed.
  let lastKey = '';
  let arr: SiteArticle[] = [];
  for (let i = articles.length - 1; i >= 0; i--) {
    const a = articles[i]!;
    const date = a.meta.date;
    if (!date) {
      undated.push(a);
      continue;
    }
    const key = date.slice(0, 7);
    if (key !== lastKey) {
      const y = Number(key.slice(0, 4));
      const m = Number(key.slice(5, 7));
      let ym = years.get(y);
      if (!ym) years.set(y, (ym = new Map()));
      let got = ym.get(m);
      if (!got) ym.set(m, (got = []));
      arr = got;
      lastKey = key;
    }
    arr.push(a);
  }
  // Undated ones in the list's order (by id).
  undated.reverse();
  const periods: PeriodEntry[] = [...years.entries()]
    .sort((a, b) => b[0] - a[0])
    .map(([year, months]) => {
      const count = [...months.values()].reduce((n, arr) => n + arr.length, 0);
      const entry: PeriodEntry = { year, count };
      if (count > size) entry.months = [...months.entries()].sort((a, b) => b[0] - a[0]).map(([month, arr]) => ({ month, count: arr.length }));
      return entry;
    });
  const parts: ListPart<K>[] = [{ key, kind: 'front', page: 1, pages: 1, items: articles.slice(0, size), periods, total: articles.length, undated: undated.length }];
  for (const entry of periods) {
    const months = years.get(entry.year)!;
    if (!entry.months) {
      parts.push({ key, kind: 'year', year: entry.year, page: 1, pages: 1, items: [...months.keys()].sort((a, b) => a - b).flatMap((m) => months.get(m)!) });
      continue;
    }
    parts.push({ key, kind: 'year', year: entry.year, page: 1, pages: 1, items: [], periods: [entry] });
    for (const { month } of entry.months) {
      for (const p of paginate(key, months.get(month)!, size)) parts.push({ key, kind: 'month', year: entry.year, month, page: p.page, pages: p.pages, items: p.items });
    }
  }
  if (undated.length) for (const p of undatedPages(key, undated, size)) parts.push({ key, kind: 'undated', page: p.page, pages: p.pages, items: p.items });
  return parts;
}

/**
 * Articles without a date in pages whose contents do not move when one is added. They have no order a reader
 * could use (the list's order for them is by id, a hash), so instead of cutting the list by rank, which moves
 * every later page on each addition, each article goes to the page a hash of its id picks among P pages, P a
 * power of two chosen so that pages are about half to three quarters full (a page may hold a few more than
 * page_size); an addition changes one page, and P doubles (every page changes once) only when the count does.
 * Up to page_size articles make one page. Within a page, by id.
 */
export function undatedPages<K>(key: K, undated: SiteArticle[], size: number): ListPage<K>[] {
  if (undated.length <= size) return [{ key, page: 1, pages: 1, items: undated }];
  let pages = 2;
  while (undated.length > pages * size * 0.75) pages *= 2;
  const buckets: SiteArticle[][] = Array.from({ length: pages }, () => []);
  for (const a of undated) buckets[idNumber(a) % pages]!.push(a);
  return buckets.map((items, i) => ({ key, page: i + 1, pages, items }));
}

// An undated article is in the undated part of each of its topics and of its outlet: its id is hashed once.
const idNumbers = new WeakMap<SiteArticle, number>();

/** The first 32 bits of the SHA-1 of an article's id. */
function idNumber(a: SiteArticle): number {
  let n = idNumbers.get(a);
  if (n === undefined) idNumbers.set(a, (n = parseInt(sha1(a.meta.id, 'hex').slice(0, 8), 16)));
  return n;
}

/** The "latest articles" window: the newest LATEST_PAGES pages of the archive, newest first. */
export function latestPages(archive: Archive): ListPage[] {
  const size = archive.settings.page_size;
  return paginate('latest', archive.latest.slice(0, LATEST_PAGES * size), size);
}

/** A month of the date archive in pages of page_size, oldest first (see the comment above). */
export function monthPages<K>(key: K, articles: SiteArticle[], size: number): ListPage<K>[] {
  return paginate(key, oldestFirst(articles), size);
}

let current: Archive | null = null;
let currentDir = '';

/** The archive for the content folder of this build, loaded once per process and build. */
export function archiveFor(contentDir: string, cache?: FileCache): Archive {
  if (!current || currentDir !== contentDir) {
    current = loadArchive(contentDir, cache);
    currentDir = contentDir;
  }
  return current;
}

/** Forgets the loaded archive (the next build reads content again). */
export function resetArchive(): void {
  current = null;
}
