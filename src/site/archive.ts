// The archive as the site sees it: every article under content/articles read once, and every index the
// pages need (latest, topics, years → months → days, undated, outlets, stories) computed once, in one pass,
// so that no page sorts or filters collections again.
import fs from 'node:fs';
import path from 'node:path';
import { matchKey } from '../arabic/normalize.ts';
import { createHash } from 'node:crypto';
import YAML from 'yaml';
import { digest, parseArticle, type ArticleMeta } from '../store/article.ts';
import type { Topic } from '../enrich/topics.ts';
import { loadSettings, type SiteSettings } from './settings.ts';

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
  /** Signature of what other pages may show of the article (URL, front-matter, file hash). */
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
    // The file hash too: a list or feed may show a body (a feed does), and a body-only edit is rare.
    return (this.#teaser ||= createHash('sha1').update(`${this.url}\n${this.hash}\n${JSON.stringify(this.meta)}`).digest('base64'));
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
  total: number;
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
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (e.name.startsWith('.')) continue;
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.md')) out.push(p);
    }
  };
  walk(dir);
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
  if (!quick) return parseArticle(text).meta;
  const meta = quick as ArticleMeta;
  meta.topics = Array.isArray(meta.topics) ? meta.topics.map(String) : [];
  meta.sources = Array.isArray(meta.sources) ? meta.sources.map(String) : meta.sources ? [String(meta.sources)] : [];
  if (meta.date !== undefined) meta.date = String(meta.date);
  meta.date_kind ??= meta.date ? 'explicit' : 'none';
  return meta;
}

function readFile(abs: string, rel: string, cache: FileCache | undefined, next: FileCache): CachedFile {
  const st = fs.statSync(abs);
  const old = cache?.get(rel);
  if (old && old.size === st.size && old.mtimeMs === st.mtimeMs && old.ctimeMs === st.ctimeMs) {
    next.set(rel, old);
    return old;
  }
  const bytes = fs.readFileSync(abs);
  const entry: CachedFile = { size: st.size, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs, hash: createHash('sha1').update(bytes).digest('base64') };
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
  const list = YAML.parse(text) as Topic[] | null;
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
  for (const file of listMarkdown(path.join(contentDir, 'articles'))) {
    const rel = path.relative(contentDir, file).split(path.sep).join('/');
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
  for (const a of latest) {
    if (!a.meta.outlet) continue;
    const name = String(a.meta.outlet);
    const key = digest(`outlet:${matchKey(name)}`, 8);
    let o = outletMap.get(key);
    if (!o) outletMap.set(key, (o = { key, name, articles: [] }));
    o.articles.push(a);
  }
  const outlets = [...outletMap.values()].sort((a, b) => b.articles.length - a.articles.length || (a.key < b.key ? -1 : 1));
  return { settings, articles, latest, topics, years, undated, outlets, problems, files };
}

/** Splits a list into pages of `size` (at least one page, so an empty list still gets its page). */
export function paginate<K>(key: K, items: SiteArticle[], size: number): ListPage<K>[] {
  const pages = Math.max(1, Math.ceil(items.length / size));
  return Array.from({ length: pages }, (_, i) => ({ key, page: i + 1, pages, items: items.slice(i * size, (i + 1) * size), total: items.length }));
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
