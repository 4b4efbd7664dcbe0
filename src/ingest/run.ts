// One ingest run: every input ends as an article, a duplicate of one, or a rejection with a reason.
//
// Inputs → records (a .txt/.html file is one record; WARC, WET and JSON Lines hold many) → site templates
// learned across all records → clean → id by body text (the same text always gets the same id; two records
// with one text become one article) → topics, stories → atomic writes.
//
// Incremental by content hash: each record's cleaning result is cached in content/.arshif/entries/ under the
// hash of its bytes (segment files with an index, src/ingest/entry-store.ts, with its per-line decisions beside
// it; a one-page dump whose size and modification time are unchanged is not even read), with the cleaner's code
// version and the fingerprint of the site-template lines that applied to it. An unchanged record is not parsed
// (nor decoded) again; it is re-cleaned only when the cleaner changed or when new dumps of its site changed which
// of its lines are template. The review records are the review data (`arshif report --html`): every line with
// the rule that kept or dropped it. A cache entry also holds what the article is made of besides the cleaning
// (id, topics under the taxonomy's version, story shingles), and content/.arshif/stories.json the candidate
// story edges, so a run that adds dumps clusters only the new articles against the kept ones. An article file
// made of the same cache entry, story and sources as when arshif wrote it, and still of the size and time it
// had then, is neither serialised nor read again (the manifest's `made`); the body of a cached entry is read
// back only for the articles a run writes.
//
// Threads: the per-record work (reading, decoding, line keys, cleaning, topics, shingles, storing the cache
// entries and review records) runs in worker threads (src/ingest/workers.ts) in two passes, scan then clean
// (a clean task goes to the thread that scanned its inputs and kept their records), with template learning in
// between; this thread learns templates, builds articles, clusters stories and writes articles, the
// manifest and the report. Results are matched to records by position, so threads change nothing in the output.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { arabicSlug } from '../arabic/slug.ts';
import { learnTemplates } from '../clean/template.ts';
import { cacheTaxonomy } from '../enrich/topics.ts';
import { clusterDocs, type StoryState } from '../enrich/stories.ts';
import { digest, parseArticle, serializeArticle, type ArticleFile } from '../store/article.ts';
import { removeStaleTemps, writeFileAtomic } from '../store/atomic.ts';
import { CLEANER_VERSION, STORIES_VERSION, TOPICS_VERSION, WRITER_VERSION } from './version.ts';
import { discoverInputs, type InputFile } from './discover.ts';
import type { DumpRecord } from './record.ts';
import { inputStat, readIndex, readInputs, SegmentReader, unchangedInput, writeIndex, writeInputs, type InputSeen, type Loc } from './entry-store.ts';
import { cachedBody, forgetScans, runBounded, runTask, TaskPool, taxonomyCache, type ArticleData, type ScanResult, type Task, type TaskContext, type Written } from './workers.ts';

export type Status = 'written' | 'unchanged' | 'duplicate' | 'rejected';

export interface InputReport {
  path: string;
  status: Status;
  article?: string;
  duplicate_of?: string;
  reason?: string;
  encoding?: string;
  /** The record's content hash: finds its review record in content/.arshif/entries/. */
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
  work: {
    records: number;
    parsed: number;
    cleaned: number;
    /** Threads the per-record work ran in (1: this one). */
    workers: number;
    /** Story clustering: articles, candidate edges, and how many edges came from the last run's state. */
    stories: { articles: number; edges: number; reused: number };
    cached: number; ms: number; steps: Record<string, number> };
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

export type { ReviewEntry } from './workers.ts';

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
  keys?: string[];
  /** The template fingerprint of the cache entry the scan found (with `art`). */
  entryTfp?: string;
  art?: ArticleData;
  cached?: boolean;
  reject?: string;
  tfp?: string;
  template?: string[];
}

/** Runs an ingest and returns the run report. Throws only when the run itself cannot proceed. */
export async function ingest(options: IngestOptions): Promise<RunReport> {
  const started = performance.now();
  const cwd = options.cwd ?? process.cwd();
  const contentDir = path.resolve(cwd, options.content);
  const articlesDir = path.join(contentDir, 'articles');
  const stateDir = path.join(contentDir, '.arshif');
  // Cache entries (without per-line decisions: what the next run reads back) and review records.
  const storeDir = path.join(stateDir, 'entries');
  const index = readIndex(storeDir);
  const readRecords = options.readRecords ?? (await import('./records.ts')).readRecords;
  const progress = options.onProgress ?? (() => {});
  removeStaleTemps(contentDir);
  const inputs = discoverInputs(options.paths.map((p) => path.resolve(cwd, p)));
  const shownFile = (i: InputFile) => relative(cwd, i.abs.startsWith(path.resolve(cwd)) ? i.abs : path.resolve(cwd, i.rel)) || i.rel;
  const shown = (p: Page) => shownFile(p.input) + p.source.slice(p.input.rel.length);

  // The per-record work runs in worker threads when there is enough of it (a worker costs a fraction of a
  // second to start: it loads the cleaner through tsx), else here. A custom reader cannot cross threads.
  const taxonomyFile = path.join(contentDir, '_data', 'topics.yaml');
  const taxonomyKey = digest(`${TOPICS_VERSION}\n${fs.existsSync(taxonomyFile) ? fs.readFileSync(taxonomyFile, 'utf8') : ''}`, 12);
  // What the cache entries are made under: when it changes, every record is worked on again.
  const workStamp = `${CLEANER_VERSION} ${STORIES_VERSION} ${taxonomyKey}`;
  const inputsSeen = readInputs(storeDir, workStamp);
  const ctx: TaskContext = {
    storeDir,
    index,
    inputs: inputsSeen,
    taxonomyFile,
    taxonomyKey,
    cleanerVersion: CLEANER_VERSION,
    storiesVersion: STORIES_VERSION,
  };
  const envWorkers = Number(process.env.ARSHIF_WORKERS);
  const nWorkers = options.readRecords ? 1 : options.workers ?? (envWorkers >= 1 ? Math.floor(envWorkers) : inputs.length >= SCAN_THRESHOLD || unseen(inputs, inputsSeen) >= WORKER_THRESHOLD ? Math.max(1, Math.min(4, availableCores())) : 1);
  const pool = nWorkers > 1 ? new TaskPool(nWorkers, ctx) : null;
  // Parsed here once, while the workers load their code, rather than in each worker.
  if (pool) cacheTaxonomy(taxonomyFile, taxonomyCache(ctx));
  // A few tasks in flight per worker: results are consumed as they come, memory stays flat.
  const inFlight = pool ? 4 * pool.size : 1;
  // The index after this run: the entries the tasks stored replace those of the same records.
  const nextIndex = new Map(index);
  const store = (written: Written) => {
    for (const w of written) {
      const old = nextIndex.get(w.hash);
      nextIndex.set(w.hash, w.review || !old ? w.loc : [w.loc[0], w.loc[1], w.loc[2], old[3], old[4], old[5], w.loc[6]]);
    }
  };
  try {
  // Pass 1: read every record; an unchanged one costs its cache entry (and its hash when its file's size or time
  // changed), a new one its line keys.
  const scans: (ScanResult | undefined)[] = new Array(inputs.length);
  let scanned = 0;
  const live = inputs.map((input, k) => ({ input, k })).filter((x) => !x.input.problem);
  const scanChunks = chunks(live, SCAN_BATCH);
  // The thread that scanned each input holds its records for the clean pass (workers.ts, hold).
  const scannedBy = new Map<InputFile, number>();
  await runBounded(
    scanChunks.length,
    inFlight,
    (n) => {
      const task: Task = { type: 'scan', inputs: scanChunks[n]!.map((x) => x.input) };
      return (pool ? pool.run(task) : runTask(ctx, task, readRecords)) as Promise<{ results: ScanResult[]; written: Written; thread: number }>;
    },
    (n, { results, written, thread }) => {
      store(written);
      for (const x of scanChunks[n]!) scannedBy.set(x.input, thread);
      scanChunks[n]!.forEach((x, i) => (scans[x.k] = results[i]));
      scanned += results.length;
      progress({ phase: 'read', done: scanned, total: live.length });
    },
  );
  const pages: Page[] = [];
  let parsed = 0;
  // One-page files as read now, for the next run. A file modified in the last seconds is left out: another
  // change within the same tick of the file system's clock would keep its size and time.
  const nextInputs = new Map<string, InputSeen>();
  const settled = Date.now() - 2000;
  inputs.forEach((input, k) => {
    if (input.problem) {
      pages.push({ input, index: 0, source: input.rel, reject: input.problem });
      return;
    }
    const { records, error } = scans[k]!;
    const one = records.length === 1 && !error ? records[0]! : undefined;
    if (one?.stat && !one.reject && one.stat[1] < settled) nextInputs.set(one.stat[2], [one.stat[0], one.stat[1], one.hash, one.format]);
    records.forEach((rec, index) => {
      pages.push({ input, index, source: rec.source, hash: rec.hash, format: rec.format, encoding: rec.encoding, url: rec.url, crawledAt: rec.crawledAt, reject: rec.reject, keys: rec.keys, entryTfp: rec.tfp, art: rec.art });
      if (!rec.reject && !rec.art) parsed++;
    });
    // A reader failing half-way (a truncated archive) keeps the records it gave; the file itself is reported.
    if (error) {
      if (records.length === 0) pages.push({ input, index: 0, source: input.rel, reject: error });
      else pages.push({ input, index: records.length, source: `${input.rel}#rest`, reject: `${error} (after record ${records.length})` });
    }
    scans[k] = undefined;
  });
  progress({ phase: 'read', done: live.length, total: live.length });
  const steps: Record<string, number> = {};
  let mark = performance.now();
  const step = (name: string) => {
    const now = performance.now();
    steps[name] = Math.round(now - mark);
    mark = now;
    if (process.env.ARSHIF_DEBUG_MEMORY) {
      const m = process.memoryUsage();
      process.stderr.write(`${name}: rss ${m.rss >> 20} MB, heap ${m.heapUsed >> 20} MB, external ${m.external >> 20} MB, buffers ${m.arrayBuffers >> 20} MB\n`);
    }
  };
  steps.read = Math.round(mark - started);

  // Learn site templates across all readable records, then decide which records need cleaning.
  const usable = pages.filter((p) => !p.reject && p.keys);
  const templates = learnTemplates(usable.map((p, i) => ({ id: String(i), keys: p.keys! })));
  const todo: Page[] = [];
  usable.forEach((p, i) => {
    const t = templates.get(String(i));
    const own = t ? p.keys!.filter((k) => t.has(k)) : [];
    p.tfp = own.length ? digest(own.join(' '), 12) : '';
    if (t && own.length) p.template = own;
    if (p.art && p.entryTfp === p.tfp) p.cached = true;
    else {
      p.art = undefined;
      todo.push(p);
    }
    p.keys = undefined; // template learning is done: free the memory
  });
  templates.clear();

  // Pass 2: clean what needs it, with the records the scanning thread kept or streaming the inputs again (a
  // big archive is never held in memory); each result's cache entry and review record are stored where it
  // was cleaned.
  step('templates');
  const jobs = new Map<InputFile, Page[]>();
  for (const p of todo) {
    let list = jobs.get(p.input);
    if (!list) jobs.set(p.input, (list = []));
    list.push(p);
  }
  // Tasks of inputs scanned by one thread, for that thread.
  const byThread = new Map<number, [InputFile, Page[]][]>();
  for (const job of jobs) {
    const t = scannedBy.get(job[0]) ?? -1;
    let list = byThread.get(t);
    if (!list) byThread.set(t, (list = []));
    list.push(job);
  }
  // Interleaved, so that the threads work side by side.
  const perThread = [...byThread.entries()].map(([t, list]) => chunks(list, CLEAN_BATCH).map((c) => Object.assign(c, { thread: t })));
  const cleanChunks: ([InputFile, Page[]][] & { thread: number })[] = [];
  for (let k = 0; perThread.some((l) => k < l.length); k++) for (const l of perThread) if (k < l.length) cleanChunks.push(l[k]!);
  jobs.clear();
  let cleanedCount = 0;
  await runBounded(
    cleanChunks.length,
    inFlight,
    (n) => {
      const task: Task = {
        type: 'clean',
        jobs: cleanChunks[n]!.map(([input, list]) => ({ input, wanted: list.map((p) => ({ index: p.index, hash: p.hash!, tfp: p.tfp!, template: p.template })) })),
      };
      return (pool ? pool.run(task, cleanChunks[n]!.thread) : runTask(ctx, task, readRecords)) as Promise<{ results: { index: number; art: ArticleData }[][]; written: Written }>;
    },
    (n, { results, written }) => {
      store(written);
      cleanChunks[n]!.forEach(([, list], k) => {
        const byIndex = new Map(list.map((p) => [p.index, p]));
        for (const r of results[k]!) byIndex.get(r.index)!.art = r.art;
        cleanedCount += list.length;
      });
      progress({ phase: 'clean', done: cleanedCount, total: todo.length });
    },
  );
  // The workers' work is done: their memory goes back before the stories and the writes take theirs.
  await pool?.close();
  forgetScans();
  for (const p of todo) {
    p.template = undefined;
    if (!p.art) p.reject = 'the input changed while it was being read; run again';
  }
  for (const p of pages) if (!p.reject && p.art?.reason) p.reject = p.art.reason;
  // The entries are stored: name them in the index (segments it no longer names are removed). The per-record
  // files of earlier versions (cache/, review/) are replaced by it.
  writeIndex(storeDir, nextIndex);
  writeInputs(storeDir, nextInputs, workStamp);
  for (const old of ['cache', 'review']) fs.rmSync(path.join(stateDir, old), { recursive: true, force: true });

  // Articles by id: the body text decides identity (the id, topics and shingles come with the article data).
  step('clean');
  interface Draft { id: string; meta: ArticleFile['meta']; body?: string; sh: Uint32Array; pages: Page[] }
  const drafts = new Map<string, Draft>();
  const draftOf = new Map<Page, Draft>();
  for (const page of pages) {
    if (page.reject || !page.art) continue;
    const e = page.art;
    const id = e.id;
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
      topics: e.topics,
      story: undefined,
      sources: [page.source],
      url: f.url,
      hashtags: f.hashtags,
      words: e.words,
    };
    draft = { id, meta, body: e.body, sh: e.sh, pages: [page] };
    drafts.set(id, draft);
    draftOf.set(page, draft);
  }
  // Only the first page of an article needs its body and shingles (they are the same for all its pages).
  for (const page of pages) if (page.art) page.art = { ...page.art, body: '', sh: EMPTY };

  // Stories: the cluster's first article (by id order) names it. The candidate edges of the last run are kept
  // (content/.arshif/stories.json): a run that adds articles votes only for them.
  const list = [...drafts.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
  step('topics');
  const storiesPath = path.join(stateDir, 'stories.json');
  let prevText = '';
  try {
    prevText = fs.readFileSync(storiesPath, 'utf8');
  } catch {
    /* none yet: a cold clustering */
  }
  const prev = readState<StoryState>(storiesPath, prevText);
  const { cluster, state, reused } = clusterDocs(list.map((d) => ({ id: d.id, sh: d.sh })), prev as StoryState | null, STORIES_VERSION);
  const storyWork = { articles: list.length, edges: state.edges.length / 3, reused };
  const stateText = `${JSON.stringify(state)}\n`;
  if (stateText !== prevText) writeFileAtomic(storiesPath, stateText);
  list.forEach((d, i) => {
    d.meta.story = digest(`story:${list[cluster[i]!]!.id}`, 8);
    d.meta.sources.sort();
    d.sh = EMPTY;
  });
  // State files of earlier versions, replaced by the cache entries' derived data and stories.json.
  for (const old of ['topics-cache.json', 'shingles.json']) fs.rmSync(path.join(stateDir, old), { force: true });

  // Write.
  step('stories');
  const manifestPath = path.join(stateDir, 'manifest.json');
  const manifest = readManifest(manifestPath);
  const existing = indexExisting(articlesDir);
  const keptHandEdits: string[] = [];
  const written = new Map<Draft, { file: string; changed: boolean }>();
  const targets = new Set<string>();
  // Bodies of articles read back from the cache (not cleaned in this run): read only for those written.
  let bodies: SegmentReader | undefined;
  const storedBody = (page: Page) => {
    const loc = page.hash === undefined ? undefined : nextIndex.get(page.hash);
    return loc && cachedBody((bodies ??= new SegmentReader(storeDir)), loc);
  };
  let unreadable = false;
  list.forEach((d, n) => {
    progress({ phase: 'write', done: n, total: list.length });
    const target = existing.get(d.id) ?? path.join(articlesDir, `${arabicSlug(d.meta.title) || 'article'}-${d.id}.md`);
    const rel = relative(contentDir, target).split(path.sep).join('/');
    targets.add(rel);
    const wrote = manifest.articles[rel];
    let st = fs.statSync(target, { throwIfNoEntry: false });
    // Made of what it was made of when arshif wrote the file, which has the size and time it had then: it
    // holds those bytes still, and there is nothing to serialise or compare.
    const made = madeOf(d, nextIndex);
    if (st && wrote && made && wrote.made === made && wrote.size === st.size && wrote.mtime === st.mtimeMs) {
      written.set(d, { file: target, changed: false });
      return;
    }
    const body = d.body ?? storedBody(d.pages[0]!);
    if (body === undefined) {
      // The stored result cannot be read back (the store was damaged during the run): the file stays as it is,
      // the pages are reported, and the next run cleans them again.
      for (const p of d.pages) {
        p.reject = 'its stored cleaning result could not be read back; run again';
        if (p.hash) nextIndex.delete(p.hash);
      }
      unreadable = true;
      written.set(d, { file: target, changed: false });
      return;
    }
    const content = serializeArticle({ meta: d.meta, body });
    const hash = digest(content, 16);
    let changed = true;
    // A file whose size and modification time are those it had when this arshif wrote or checked it holds
    // what it held then (as `git status` and make assume): it is not read again. Otherwise its bytes decide.
    if (st && wrote && wrote.hash === hash && wrote.size === st.size && wrote.mtime === st.mtimeMs) changed = false;
    else if (st) {
      const current = fs.readFileSync(target, 'utf8');
      if (current === content) changed = false;
      else if (wrote && digest(current, 16) !== wrote.hash) {
        keptHandEdits.push(rel);
        written.set(d, { file: target, changed: false });
        return;
      }
    }
    if (changed) {
      writeFileAtomic(target, content);
      st = fs.statSync(target);
    }
    manifest.articles[rel] = { hash, sources: d.meta.sources, size: st!.size, mtime: st!.mtimeMs, ...(made ? { made } : {}) };
    written.set(d, { file: target, changed });
  });
  progress({ phase: 'write', done: list.length, total: list.length });
  bodies?.close();
  if (unreadable) writeIndex(storeDir, nextIndex);

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
    const base = { path: shown(page), encoding: page.encoding, hash: page.hash, cached: page.hash ? !!page.cached : undefined, url: page.art?.facts.url ?? page.url, messages: page.art?.messages ?? [] };
    if (page.reject) {
      totals.rejected++;
      return { ...base, status: 'rejected', reason: page.reject };
    }
    const d = draftOf.get(page)!;
    const w = written.get(d)!;
    const article = relative(cwd, w.file);
    if (d.pages[0] !== page) {
      totals.duplicate++;
      return { ...base, status: 'duplicate', article, duplicate_of: shown(d.pages[0]!) };
    }
    const status: Status = w.changed ? 'written' : 'unchanged';
    totals[status]++;
    return { ...base, status, article };
  });
  step('write');
  const work = { records: pages.length, parsed, cleaned: todo.length, workers: nWorkers, stories: storyWork, cached: pages.filter((p) => p.cached).length, ms: Math.round(performance.now() - started), steps };
  const report: RunReport = { inputs: reports, totals, kept_hand_edits: keptHandEdits, orphaned, removed, work };
  writeFileAtomic(path.join(stateDir, 'last-run.json'), `${JSON.stringify(report, null, 1)}\n`);
  return report;
  } finally {
    await pool?.close();
    forgetScans();
  }
}

/**
 * New or changed inputs from which the per-record work goes to worker threads (unless told otherwise). Inputs
 * the last run read with the same size and time cost their cache entry alone: for a run that adds a few dumps
 * to 10,000, starting two workers (each loads the cleaner) and sending them the work cost more than the work
 * (6.5 s against 4.8 s in one thread, measured).
 */
const WORKER_THRESHOLD = 200;

/** Inputs from which even reading back their cache entries is worth two threads (at 100,000: 75 s in one). */
const SCAN_THRESHOLD = 20_000;

/** Inputs not read by the last run with their present size and modification time (stopping at the threshold). */
function unseen(inputs: InputFile[], seen: Map<string, InputSeen>): number {
  let n = 0;
  for (const input of inputs) {
    if (input.problem) continue;
    const st = inputStat(input);
    if (!st || !unchangedInput(seen, st[2], st[0], st[1])) n++;
    if (n >= WORKER_THRESHOLD) break;
  }
  return n;
}

const EMPTY = new Uint32Array(0);

/** Inputs per worker task: enough that messages cost little, few enough that the workers stay evenly busy. */
const SCAN_BATCH = 16;
const CLEAN_BATCH = 16;

function chunks<T>(list: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

let resolved: [string, string] = ['', ''];

/**
 * path.relative, without its cost for the common case of a file inside the folder (it resolves both paths
 * again on every call: 60 µs a call here, 0.6 s for a 10,000-article run).
 */
function relative(from: string, to: string): string {
  if (from !== resolved[0]) resolved = [from, path.resolve(from)];
  const dir = resolved[1];
  if (to.startsWith(dir + path.sep) && path.isAbsolute(to) && !to.includes(`${path.sep}..`) && !to.includes(`${path.sep}.${path.sep}`) && !to.includes(path.sep + path.sep)) return to.slice(dir.length + 1);
  return path.relative(from, to);
}

function availableCores(): number {
  // availableParallelism respects CPU affinity (containers), unlike cpus().length.
  return os.availableParallelism();
}

/**
 * A state file of arshif's own, or null when it is missing or damaged: every state file is a cache or a
 * record of the last run, so the answer to a damaged one is to compute afresh.
 */
function readState<T>(file: string, text?: string): Partial<T> | null {
  try {
    const v = JSON.parse(text ?? fs.readFileSync(file, 'utf8')) as unknown;
    return v && typeof v === 'object' ? (v as Partial<T>) : null;
  } catch {
    return null;
  }
}

/**
 * What arshif wrote: per article file, the digest of its bytes, its sources, its size and modification time
 * after the write, and what it was made of (madeOf).
 */
interface Manifest { version: 2; articles: Record<string, { hash: string; sources: string[]; size?: number; mtime?: number; made?: string }> }

/**
 * What an article file is made of, as a short digest: the cache entry of its first page (segments are named by
 * the digest of their bytes, so an entry's location names its bytes: the body, facts, id, topics), its story,
 * its sources, and the writer's code version. Nothing else goes into the file. Undefined when an entry was not
 * stored (the file is then serialised and compared).
 */
function madeOf(d: { meta: ArticleFile['meta']; pages: { hash?: string }[] }, index: Map<string, Loc>): string | undefined {
  const hash = d.pages[0]!.hash;
  const loc = hash === undefined ? undefined : index.get(hash);
  if (!loc) return undefined;
  return digest(`${WRITER_VERSION}\n${loc[0]} ${loc[1]} ${loc[2]}\n${d.meta.story}\n${d.meta.sources.join('\n')}`, 16);
}

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
