// The archive as the site sees it: every article under content/articles read once, and every index the
// pages need (latest, topics, years → months → days, undated, outlets, stories) computed once, in one pass,
// so that no page sorts or filters collections again.
import fs from 'node:fs';
import path from 'node:path';
import { matchKey } from '../arabic/normalize.ts';
import { digest, parseArticle, type ArticleMeta } from '../store/article.ts';
import { loadTopics, type Topic } from '../enrich/topics.ts';
import { loadSettings, type SiteSettings } from './settings.ts';

export interface SiteArticle {
  meta: ArticleMeta;
  /** Markdown body. */
  body: string;
  /** File path relative to the content folder. */
  file: string;
  url: string;
  prev?: SiteArticle;
  next?: SiteArticle;
  /** Other articles of the same story. */
  story: SiteArticle[];
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

/** Newest first; undated last; ties by id so the order is stable. */
function byDateDesc(a: SiteArticle, b: SiteArticle): number {
  const da = a.meta.date ?? '';
  const db = b.meta.date ?? '';
  if (da !== db) return da < db ? 1 : -1;
  return a.meta.id < b.meta.id ? -1 : a.meta.id > b.meta.id ? 1 : 0;
}

/** Reads the content folder and builds every index of the site. */
export function loadArchive(contentDir: string): Archive {
  const settings = loadSettings(contentDir);
  const taxonomy = loadTopics(path.join(contentDir, '_data', 'topics.yaml'));
  const problems: string[] = [];
  const articles: SiteArticle[] = [];
  const seen = new Set<string>();
  for (const file of listMarkdown(path.join(contentDir, 'articles'))) {
    const rel = path.relative(contentDir, file).split(path.sep).join('/');
    let parsed;
    try {
      parsed = parseArticle(fs.readFileSync(file, 'utf8'));
    } catch (e) {
      problems.push(`${rel}: front-matter is not valid YAML (${(e as Error).message.split('\n')[0]}); skipped`);
      continue;
    }
    const meta = parsed.meta;
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
    articles.push({ meta, body: parsed.body, file: rel, url: `/a/${meta.id}/`, story: [] });
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
  for (const arr of stories.values()) if (arr.length > 1) for (const a of arr) a.story = arr.filter((x) => x !== a);
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
  return { settings, articles, latest, topics, years, undated, outlets, problems };
}

/** Splits a list into pages of `size` (at least one page, so an empty list still gets its page). */
export function paginate<K>(key: K, items: SiteArticle[], size: number): ListPage<K>[] {
  const pages = Math.max(1, Math.ceil(items.length / size));
  return Array.from({ length: pages }, (_, i) => ({ key, page: i + 1, pages, items: items.slice(i * size, (i + 1) * size), total: items.length }));
}

let current: Archive | null = null;
let currentDir = '';

/** The archive for the content folder of this build, loaded once per process and build. */
export function archiveFor(contentDir: string): Archive {
  if (!current || currentDir !== contentDir) {
    current = loadArchive(contentDir);
    currentDir = contentDir;
  }
  return current;
}

/** Forgets the loaded archive (the next build reads content again). */
export function resetArchive(): void {
  current = null;
}
