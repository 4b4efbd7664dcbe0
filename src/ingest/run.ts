// One ingest run: every input ends as an article, a duplicate of one, or a rejection with a reason.
//
// Inputs → records (a .txt/.html file is one record; WARC, WET and JSON Lines hold many) → site templates
// learned across all records → clean → id by body text (the same text always gets the same id; two records
// with one text become one article) → topics, stories → atomic writes.
//
// Incremental by content hash: each record's cleaning result is cached under content/.arshif/cache/ by the
// hash of its bytes (with its per-line decisions in content/.arshif/review/), with the cleaner's code version and the fingerprint of the site-template lines that
// applied to it. An unchanged record is not parsed again; it is re-cleaned only when the cleaner changed or
// when new dumps of its site changed which of its lines are template. The cache files double as the review
// data (`arshif report --html`): every line with the rule that kept or dropped it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { matchKey } from '../arabic/normalize.ts';
import { arabicSlug } from '../arabic/slug.ts';
import { learnTemplates } from '../clean/template.ts';
import { assignTopics, loadTopics } from '../enrich/topics.ts';
import { clusterShingleSets, shingles } from '../enrich/stories.ts';
import { digest, parseArticle, serializeArticle, type ArticleFile } from '../store/article.ts';
import { removeStaleTemps, writeFileAtomic } from '../store/atomic.ts';
import { cleanRecord, parseRecord, recordKeys, type CleanedRecord } from './clean-record.ts';
import { CLEANER_VERSION, STORIES_VERSION, TOPICS_VERSION } from './version.ts';
import { discoverInputs, type InputFile } from './discover.ts';
import type { DumpRecord } from './record.ts';
import { cleanInWorkers, failedRecord } from './workers.ts';

export type Status = 'written' | 'unchanged' | 'duplicate' | 'rejected';

export interface InputReport {
  path: string;
  status: Status;
  article?: string;
  duplicate_of?: string;
  reason?: string;
  encoding?: string;
  /** The record's content hash: names its review file, content/.arshif/review/<hash>.json. */
  hash?: string;
  /** True when the cleaning result came from the cache (the record was not parsed in this run). */
  cached?: boolean;
  url?: string;
  messages: { rule: string; text: string; line?: number }[];
}

export interface RunReport {
  inputs: InputReport[];
  totals: Record<Status, number>;
  /** Articles kept although arshif would now write them differently (hand-edited). */
  kept_hand_edits: string[];
  /** Articles whose inputs are gone; kept (rerun with --prune to remove them). */
  orphaned: string[];
  /** Articles removed in this run: replaced after their input changed, or pruned. */
  removed: string[];
  /** What the run had to do: records parsed and cleaned, records whose result came from the cache. */
  work: { records: number; parsed: number; cleaned: number; cached: number; ms: number; steps: Record<string, number> };
}

export interface Progress { phase: 'read' | 'clean' | 'write'; done: number; total: number }

export interface IngestOptions {
  /** Files or folders to read (default: dumps/). */
  paths: string[];
  /** Content folder (default: content/). */
  content: string;
  /** How paths are shown in the report: relative to this folder (default: the working directory). */
  cwd?: string;
  /** Remove articles whose inputs are gone (default: keep them and say so). */
  prune?: boolean;
  /** Worker threads for cleaning (default: one per core, 1 for small runs). */
  workers?: number;
  onProgress?: (p: Progress) => void;
  /** The record reader (default: every format arshif knows). */
  readRecords?: (input: InputFile) => AsyncIterable<DumpRecord>;
}

/** The cache entry and review data of one record: its cleaning result plus what identifies and reuses it. */
export interface ReviewEntry extends Omit<CleanedRecord, 'reject'> {
  v: string;
  hash: string;
  source: string;
  format: DumpRecord['format'];
  encoding?: string;
  url?: string;
  crawledAt?: string;
  hints?: DumpRecord['hints'];
  /** Hashed line keys, for template learning without parsing. */
  keys: string[];
  /** Fingerprint of the template lines the result was cleaned with. */
  tfp: string;
  /** Why the record is no article (the cleaner's rejection). */
  reason?: string;
}

interface Page {
  input: InputFile;
  /** Index of the record inside its input. */
  index: number;
  source: string;
  hash?: string;
  format?: DumpRecord['format'];
  encoding?: string;
  url?: string;
  crawledAt?: string;
  hints?: DumpRecord['hints'];
  keys?: string[];
  entry?: ReviewEntry;
  cached?: boolean;
  reject?: string;
  tfp?: string;
}

/** Runs an ingest and returns the run report. Throws only when the run itself cannot proceed. */
export async function ingest(options: IngestOptions): Promise<RunReport> {
  const started = performance.now();
  const cwd = options.cwd ?? process.cwd();
  const contentDir = path.resolve(cwd, options.content);
  const articlesDir = path.join(contentDir, 'articles');
  const stateDir = path.join(contentDir, '.arshif');
  const reviewDir = path.join(stateDir, 'review');
  // The same entry without its per-line decisions: what the next run reads back (a third of the size).
  const cacheDir = path.join(stateDir, 'cache');
  const readRecords = options.readRecords ?? (await import('./records.ts')).readRecords;
  const progress = options.onProgress ?? (() => {});
  removeStaleTemps(contentDir);
  const inputs = discoverInputs(options.paths.map((p) => path.resolve(cwd, p)));
  const shownFile = (i: InputFile) => path.relative(cwd, i.abs.startsWith(path.resolve(cwd)) ? i.abs : path.resolve(cwd, i.rel)) || i.rel;
  const shown = (p: Page) => shownFile(p.input) + p.source.slice(p.input.rel.length);

  // Pass 1: read every record; an unchanged one costs its hash and its cache entry, a new one a parse.
  const pages: Page[] = [];
  let parsed = 0;
  for (let n = 0; n < inputs.length; n++) {
    const input = inputs[n]!;
    progress({ phase: 'read', done: n, total: inputs.length });
    if (input.problem) {
      pages.push({ input, index: 0, source: input.rel, reject: input.problem });
      continue;
    }
    let index = 0;
    try {
      for await (const rec of readRecords(input)) {
        const page: Page = { input, index: index++, source: rec.source, hash: rec.hash, format: rec.format, encoding: rec.encoding, url: rec.url, crawledAt: rec.crawledAt, hints: rec.hints };
        pages.push(page);
        if (rec.reject) {
          page.reject = rec.reject;
          continue;
        }
        // An entry from another version of the cleaner is not trusted even for its line keys (how lines are
        // keyed is part of the cleaner): the record is parsed again.
        const entry = readEntry(cacheDir, rec.hash);
        if (entry && entry.format === rec.format && entry.v === CLEANER_VERSION) {
          page.entry = slim(entry);
          page.keys = entry.keys;
        } else {
          page.keys = recordKeys(parseRecord(rec));
          parsed++;
        }
      }
    } catch (e) {
      // A reader failing half-way (a truncated archive) keeps the records it gave; the file itself is reported.
      const reason = `unreadable: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`;
      if (index === 0) pages.push({ input, index: 0, source: input.rel, reject: reason });
      else pages.push({ input, index, source: `${input.rel}#rest`, reject: `${reason} (after record ${index})` });
    }
  }
  progress({ phase: 'read', done: inputs.length, total: inputs.length });
  const steps: Record<string, number> = {};
  let mark = performance.now();
  const step = (name: string) => {
    const now = performance.now();
    steps[name] = Math.round(now - mark);
    mark = now;
  };
  steps.read = Math.round(mark - started);

  // Learn site templates across all readable records, then decide which records need cleaning.
  const usable = pages.filter((p) => !p.reject && p.keys);
  const templates = learnTemplates(usable.map((p, i) => ({ id: String(i), keys: p.keys! })));
  const templateOf = new Map<Page, Set<string>>();
  const todo: Page[] = [];
  usable.forEach((p, i) => {
    const t = templates.get(String(i));
    const own = t ? p.keys!.filter((k) => t.has(k)) : [];
    p.tfp = own.length ? digest(own.join(' '), 12) : '';
    if (t && own.length) templateOf.set(p, new Set(own));
    if (p.entry && p.entry.v === CLEANER_VERSION && p.entry.tfp === p.tfp) p.cached = true;
    else todo.push(p);
  });

  // Pass 2: clean what needs it, streaming the inputs again (a big archive is never held in memory).
  step('templates');
  // Each result is written as it comes and only its slim entry is kept: memory stays flat over a big archive.
  const store = (p: Page, c: CleanedRecord) => {
    const entry: ReviewEntry = {
      v: CLEANER_VERSION,
      hash: p.hash!,
      source: p.source,
      format: p.format!,
      encoding: p.encoding,
      url: p.url,
      crawledAt: p.crawledAt,
      hints: p.hints,
      keys: p.keys!,
      tfp: p.tfp!,
      reason: c.reject,
      facts: c.facts,
      body: c.body,
      text: c.text,
      lead: c.lead,
      lines: c.lines,
      messages: c.messages,
    };
    writeFileAtomic(path.join(reviewDir, `${p.hash}.json`), `${JSON.stringify(entry)}\n`);
    const small = slim(entry);
    writeFileAtomic(path.join(cacheDir, `${p.hash}.json`), `${JSON.stringify(small)}\n`);
    p.entry = small;
  };
  await cleanPages(todo, readRecords, templateOf, options.workers, store, (done) => progress({ phase: 'clean', done, total: todo.length }));
  for (const p of todo) if (!p.entry) p.reject = 'the input changed while it was being read; run again';
  for (const p of pages) {
    if (!p.reject && p.entry?.reason) p.reject = p.entry.reason;
    p.keys = undefined; // template learning is done: free the memory
    if (p.entry) p.entry.keys = [];
  }

  // Articles by id: the body text decides identity.
  step('clean');
  // Topics are reassigned whenever the taxonomy (or the matching code) changes; otherwise the last run's
  // assignment of each article is reused: matching costs as much as cleaning.
  const taxonomyFile = path.join(contentDir, '_data', 'topics.yaml');
  const taxonomyKey = digest(`${TOPICS_VERSION}\n${fs.existsSync(taxonomyFile) ? fs.readFileSync(taxonomyFile, 'utf8') : ''}`, 12);
  const topicCachePath = path.join(stateDir, 'topics-cache.json');
  const topicCache = readTopicCache(topicCachePath, taxonomyKey);
  const nextTopicCache: Record<string, string[]> = {};
  let topicIndex: ReturnType<typeof loadTopics> | undefined;
  const topicsOf = (id: string, input: Parameters<typeof assignTopics>[1]): string[] => {
    // The body is the id; the title, place and hashtags also count, so they are part of the key.
    const key = `${id}:${digest(`${input.title}\n${input.place ?? ''}\n${(input.hashtags ?? []).join(' ')}`, 8)}`;
    const known = topicCache[key];
    const topics = known ?? assignTopics((topicIndex ??= loadTopics(taxonomyFile)), input);
    nextTopicCache[key] = topics;
    return topics;
  };
  interface Draft { id: string; meta: ArticleFile['meta']; body: string; text: string; pages: Page[] }
  const drafts = new Map<string, Draft>();
  const draftOf = new Map<Page, Draft>();
  for (const page of pages) {
    if (page.reject || !page.entry) continue;
    const e = page.entry;
    const id = digest(matchKey(e.text), 10);
    let draft = drafts.get(id);
    if (draft) {
      draft.pages.push(page);
      if (!draft.meta.sources.includes(page.source)) draft.meta.sources.push(page.source);
      draftOf.set(page, draft);
      continue;
    }
    const f = e.facts;
    const meta: ArticleFile['meta'] = {
      id,
      title: f.title!,
      title_from: f.title_from ?? 'page',
      date: f.date,
      date_kind: f.date_kind,
      date_evidence: f.date_evidence,
      outlet: f.outlet,
      place: f.place,
      credit: f.credit,
      topics: topicsOf(id, { title: f.title!, lead: e.lead, body: e.text, hashtags: f.hashtags ?? [], place: f.place }),
      story: undefined,
      sources: [page.source],
      url: f.url,
      hashtags: f.hashtags,
      words: e.text.split(/\s+/).filter(Boolean).length,
    };
    draft = { id, meta, body: e.body, text: `${meta.title}\n${e.text}`, pages: [page] };
    drafts.set(id, draft);
    draftOf.set(page, draft);
  }

  // Stories: the cluster's first article (by id order) names it.
  const list = [...drafts.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
  writeFileAtomic(topicCachePath, `${JSON.stringify({ key: taxonomyKey, topics: nextTopicCache })}\n`);
  step('topics');
  // Shingle sets are kept between runs (by article id and the story code's version): a new dump costs its
  // own shingling and its votes, not every article's.
  const shinglePath = path.join(stateDir, 'shingles.json');
  const shingleCache = readShingleCache(shinglePath, STORIES_VERSION);
  // The same articles as last time: the same clusters, without voting again.
  const idsKey = digest(list.map((d) => d.id).join(' '), 16);
  let cluster: number[];
  if (shingleCache.idsKey === idsKey && shingleCache.cluster?.length === list.length) cluster = shingleCache.cluster;
  else {
    const memo = new Map<string, number[]>();
    const nextShingles: Record<string, string> = {};
    const sets = list.map((d) => {
      const cached = shingleCache.sets[d.id];
      const set = cached ? new Set(unpackInts(cached)) : shingles(d.text, memo);
      nextShingles[d.id] = cached ?? packInts([...set]);
      return set;
    });
    memo.clear();
    cluster = clusterShingleSets(sets);
    writeFileAtomic(shinglePath, `${JSON.stringify({ version: STORIES_VERSION, idsKey, cluster, sets: nextShingles })}\n`);
  }
  list.forEach((d, i) => {
    d.meta.story = digest(`story:${list[cluster[i]!]!.id}`, 8);
    d.meta.sources.sort();
  });

  // Write.
  step('stories');
  const manifestPath = path.join(stateDir, 'manifest.json');
  const manifest = readManifest(manifestPath);
  const existing = indexExisting(articlesDir);
  const keptHandEdits: string[] = [];
  const written = new Map<Draft, { file: string; changed: boolean }>();
  const targets = new Set<string>();
  list.forEach((d, n) => {
    progress({ phase: 'write', done: n, total: list.length });
    const name = `${arabicSlug(d.meta.title) || 'article'}-${d.id}.md`;
    const target = existing.get(d.id) ?? path.join(articlesDir, name);
    const rel = path.relative(contentDir, target).split(path.sep).join('/');
    targets.add(rel);
    const content = serializeArticle({ meta: d.meta, body: d.body });
    let changed = true;
    if (fs.existsSync(target)) {
      const current = fs.readFileSync(target, 'utf8');
      const wrote = manifest.articles[rel];
      if (current === content) changed = false;
      else if (wrote && digest(current, 16) !== wrote.hash) {
        keptHandEdits.push(rel);
        written.set(d, { file: target, changed: false });
        return;
      }
    }
    if (changed) writeFileAtomic(target, content);
    manifest.articles[rel] = { hash: digest(content, 16), sources: d.meta.sources };
    written.set(d, { file: target, changed });
  });
  progress({ phase: 'write', done: list.length, total: list.length });

  // Articles arshif wrote earlier that no input gives now.
  const inputSources = new Set(pages.map((p) => p.source));
  const orphaned: string[] = [];
  const removed: string[] = [];
  for (const [rel, wrote] of Object.entries(manifest.articles).sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (targets.has(rel)) continue;
    const file = path.join(contentDir, rel);
    if (!fs.existsSync(file)) {
      delete manifest.articles[rel];
      continue;
    }
    if (digest(fs.readFileSync(file, 'utf8'), 16) !== wrote.hash) {
      // Edited by hand since: the editor's now, never removed.
      keptHandEdits.push(rel);
      delete manifest.articles[rel];
      continue;
    }
    const gone = wrote.sources.length === 0 || wrote.sources.some((s) => !inputSources.has(s));
    if (gone && !options.prune) {
      orphaned.push(rel);
      continue;
    }
    // Its inputs now give another article (they changed), or it is pruned.
    fs.rmSync(file);
    delete manifest.articles[rel];
    removed.push(rel);
  }
  writeFileAtomic(manifestPath, `${JSON.stringify(manifest, null, 1)}\n`, { durable: true });

  // Report: every input exactly once.
  const totals: Record<Status, number> = { written: 0, unchanged: 0, duplicate: 0, rejected: 0 };
  const reports: InputReport[] = pages.map((page) => {
    const base = { path: shown(page), encoding: page.encoding, hash: page.hash, cached: page.hash ? !!page.cached : undefined, url: page.entry?.facts.url ?? page.url, messages: page.entry?.messages ?? [] };
    if (page.reject) {
      totals.rejected++;
      return { ...base, status: 'rejected', reason: page.reject };
    }
    const d = draftOf.get(page)!;
    const w = written.get(d)!;
    const article = path.relative(cwd, w.file);
    if (d.pages[0] !== page) {
      totals.duplicate++;
      return { ...base, status: 'duplicate', article, duplicate_of: shown(d.pages[0]!) };
    }
    const status: Status = w.changed ? 'written' : 'unchanged';
    totals[status]++;
    return { ...base, status, article };
  });
  step('write');
  const work = { records: pages.length, parsed, cleaned: todo.length, cached: pages.filter((p) => p.cached).length, ms: Math.round(performance.now() - started), steps };
  const report: RunReport = { inputs: reports, totals, kept_hand_edits: keptHandEdits, orphaned, removed, work };
  writeFileAtomic(path.join(stateDir, 'last-run.json'), `${JSON.stringify(report, null, 1)}\n`);
  return report;
}

/** Cleans the given pages, re-reading their inputs; in worker threads when there is enough work. */
async function cleanPages(
  todo: Page[],
  readRecords: (input: InputFile) => AsyncIterable<DumpRecord>,
  templateOf: Map<Page, Set<string>>,
  workers: number | undefined,
  store: (page: Page, result: CleanedRecord) => void,
  tick: (done: number) => void,
): Promise<void> {
  if (todo.length === 0) return;
  const byInput = new Map<InputFile, Map<number, Page>>();
  for (const p of todo) {
    let m = byInput.get(p.input);
    if (!m) byInput.set(p.input, (m = new Map()));
    m.set(p.index, p);
  }
  async function* jobs(): AsyncGenerator<{ page: Page; rec: DumpRecord; template?: Set<string> }> {
    for (const [input, wanted] of byInput) {
      let index = 0;
      try {
        for await (const rec of readRecords(input)) {
          const page = wanted.get(index++);
          if (page && page.hash === rec.hash) yield { page, rec, template: templateOf.get(page) };
        }
      } catch {
        /* reported as changed-while-reading by the caller: no result for its pages */
      }
    }
  }
  // A worker costs a second or two to start (it loads the cleaner through tsx): worth it only for big batches.
  const n = workers ?? (todo.length >= 2000 ? Math.max(1, Math.min(4, availableCores())) : 1);
  let done = 0;
  if (n <= 1) {
    for await (const job of jobs()) {
      let result: CleanedRecord;
      try {
        result = cleanRecord(job.rec, job.template);
      } catch (e) {
        result = failedRecord(`${job.rec.source}: ${(e as Error).message}`);
      }
      store(job.page, result);
      tick(++done);
    }
    return;
  }
  await cleanInWorkers(n, jobs(), (page, result) => {
    store(page, result);
    tick(++done);
  });
}

function availableCores(): number {
  // availableParallelism respects CPU affinity (containers), unlike cpus().length.
  return os.availableParallelism();
}

/** Rules whose notes only say that a line was dropped: the review file's per-line decisions say it too. */
const DROP_RULES = new Set(['boilerplate', 'caption', 'near-duplicate', 'outside-article', 'related', 'repeat', 'stray', 'template', 'title-copy', 'too-long', 'not-arabic']);

/**
 * An entry without its per-line decisions and drop notes, which only the review page reads (it has them in
 * the review file): the cache, the run report and a big archive in memory keep the facts and the doubts.
 */
function slim(e: ReviewEntry): ReviewEntry {
  return { ...e, lines: [], messages: e.messages.filter((m) => !DROP_RULES.has(m.rule)) };
}

/**
 * A state file of arshif's own, or null when it is missing or damaged: every state file is a cache or a
 * record of the last run, so the answer to a damaged one is to compute afresh.
 */
function readState<T>(file: string): Partial<T> | null {
  try {
    const v = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
    return v && typeof v === 'object' ? (v as Partial<T>) : null;
  } catch {
    return null;
  }
}

function readEntry(dir: string, hash: string): ReviewEntry | null {
  const e = readState<ReviewEntry>(path.join(dir, `${hash}.json`));
  return e && Array.isArray(e.keys) && typeof e.v === 'string' ? (e as ReviewEntry) : null;
}

interface ShingleCache { sets: Record<string, string>; idsKey?: string; cluster?: number[] }

function readShingleCache(file: string, version: string): ShingleCache {
  const c = readState<ShingleCache & { version: string }>(file);
  return c?.version === version && c.sets ? (c as ShingleCache) : { sets: {} };
}

/** Unsigned 32-bit integers as base64 (little-endian): a tenth of the JSON size of a number array. */
function packInts(values: number[]): string {
  return Buffer.from(Uint32Array.from(values).buffer).toString('base64');
}

function unpackInts(text: string): number[] {
  const b = Buffer.from(text, 'base64');
  return Array.from(new Uint32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.length)));
}

function readTopicCache(file: string, key: string): Record<string, string[]> {
  const c = readState<{ key: string; topics: Record<string, string[]> }>(file);
  return c?.key === key && c.topics ? c.topics : {};
}

interface Manifest { version: 2; articles: Record<string, { hash: string; sources: string[] }> }

function readManifest(file: string): Manifest {
  // None yet, or a damaged one: start afresh (articles on disk are still protected by comparison).
  const m = readState<{ version: number; articles: Record<string, unknown> }>(file);
  if (m?.version === 2 && m.articles) return m as Manifest;
  if (m?.version === 1 && m.articles) {
    // Version 1 kept only the written hash.
    const articles: Manifest['articles'] = {};
    for (const [k, v] of Object.entries(m.articles)) if (typeof v === 'string') articles[k] = { hash: v, sources: [] };
    return { version: 2, articles };
  }
  return { version: 2, articles: {} };
}

/** Existing article files by id (from their front-matter), so a retitled article keeps its file. */
function indexExisting(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  if (!fs.existsSync(dir)) return out;
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.md')) {
        const m = /-([0-9a-f]{10})\.md$/.exec(e.name);
        if (m) out.set(m[1]!, p);
        else {
          try {
            const id = parseArticle(fs.readFileSync(p, 'utf8')).meta.id;
            if (id) out.set(String(id), p);
          } catch {
            /* a hand-written file with broken front-matter is left alone */
          }
        }
      }
    }
  };
  walk(dir);
  return out;
}
