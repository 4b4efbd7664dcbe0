// The per-record work of an ingest, in worker threads or in the calling thread (same functions, same results):
//  - scan: read an input's records, hash them, and give each one's line keys for template learning; a record
//    whose cache entry is valid comes back with its finished article data and is not parsed;
//  - clean: read an input again and clean the records asked for with their site's template lines, store their
//    cache entries and review records (one segment per task, src/ingest/entry-store.ts), and give the article data.
// Article data is everything the main thread needs to build, cluster and write articles: the facts, the Markdown
// body, the article id (hash of the matched body text), word count, topics and story shingles. Topics and shingles
// are computed where the text is (in the worker) and kept in the cache entry under the taxonomy's and the story
// code's versions, so the main thread never holds the body text twice nor tokenises it.
// Jobs are numbered and results matched by number, so the run's output does not depend on scheduling.
import path from 'node:path';
import { threadId, Worker } from 'node:worker_threads';
import { matchKey } from '../arabic/normalize.ts';
import { lineKeys } from '../clean/template.ts';
import { assignTopics, loadTopics, type TopicIndex } from '../enrich/topics.ts';
import { sortedShinglesOf } from '../enrich/stories.ts';
import { digest } from '../store/article.ts';
import { inputStat, SegmentReader, SegmentWriter, unchangedInput, type InputSeen, type Loc } from './entry-store.ts';
import { cleanRecord, MAX_BLOCK, parseRecord, recordKeys, type CleanedRecord, type Facts } from './clean-record.ts';
import type { InputFile } from './discover.ts';
import { MAX_PAGE_BYTES, readAhead, type FileStat, type ReadOptions } from './records.ts';
import type { DumpRecord } from './record.ts';

const WORKER = new URL('./clean-worker.mjs', import.meta.url);

/** The result for a record whose cleaning threw: a rejection that names the error. */
export function failedRecord(error: string): CleanedRecord {
  return { reject: `cleaning failed: ${error}`, facts: { date_kind: 'none' }, body: '', text: '', lead: '', lines: [], messages: [] };
}

/** What every task needs to know about the run: where the state lives and the code and taxonomy versions. */
export interface TaskContext {
  /** The entry store folder (content/.arshif/entries, src/ingest/entry-store.ts). */
  storeDir: string;
  /** Its index as the run started: where each record's cache entry and review record are. */
  index: Map<string, Loc>;
  /** One-page dump files as the last run read them, by identity (a file with the same size and time is not read again). */
  inputs: Map<string, InputSeen>;
  taxonomyFile: string;
  /** Hash of the topic matcher's version and the taxonomy text: topics in a cache entry are reused under it. */
  taxonomyKey: string;
  cleanerVersion: string;
  storiesVersion: string;
}

/** A record's article data: what the main thread builds, clusters and writes articles from. */
export interface ArticleData {
  facts: Facts;
  /** The Markdown body; absent when it was read back from a cache entry (see `cachedBody`: it is read when the
   * article must be written, which an unchanged article never is). */
  body?: string;
  messages: { rule: string; text: string; line?: number }[];
  /** The cleaner's rejection: the record is no article (the other fields are then empty). */
  reason?: string;
  id: string;
  words: number;
  topics: string[];
  /** Story shingles of title + text, sorted and distinct. */
  sh: Uint32Array;
}

/** One record as the scan saw it. */
export interface Scanned {
  source: string;
  hash: string;
  format: DumpRecord['format'];
  encoding?: string;
  url?: string;
  crawledAt?: string;
  hints?: DumpRecord['hints'];
  reject?: string;
  /** A one-page file's size and time when read. */
  stat?: FileStat;
  /** Hashed line keys (sorted), for template learning; absent for a rejected record. */
  keys?: string[];
  /** The keys joined by spaces, while the record crosses from a worker to the main thread (see packScan). */
  joinedKeys?: string;
  /** From a valid cache entry: the template fingerprint it was cleaned with and its article data. */
  tfp?: string;
  art?: ArticleData;
}

export interface ScanResult { records: Scanned[]; /** A reader that failed half-way: why, and after how many records. */ error?: string }

/** A record to clean: its index in the input, its hash (the input may have changed since), its template lines. */
export interface Wanted { index: number; hash: string; tfp: string; template?: string[] }

export type Reader = (input: InputFile, options?: ReadOptions) => AsyncIterable<DumpRecord & { known?: true; stat?: FileStat }>;

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
  /** Derived article data (cache entries only): id, word count, topics under `tkey`, shingles under `skey`. */
  id?: string;
  words?: number;
  topics?: string[];
  tkey?: string;
  sh?: string;
  skey?: string;
}

/** Rules whose notes only say that a line was dropped: the review record's per-line decisions say it too. */
const DROP_RULES = new Set(['boilerplate', 'caption', 'near-duplicate', 'outside-article', 'related', 'repeat', 'stray', 'template', 'title-copy', 'too-long', 'not-arabic']);

/**
 * An entry without its per-line decisions and drop notes, which only the review page reads (it has them in
 * the review record): the cache, the run report and a big archive in memory keep the facts and the doubts.
 */
export function slim(e: ReviewEntry): ReviewEntry {
  return { ...e, lines: [], messages: e.messages.filter((m) => !DROP_RULES.has(m.rule)) };
}

/**
 * A slim entry as the cache stores it: also without its plain text and lead, which only deriving its topics,
 * shingles and id needs (they are in the review record, read back in the rare run that derives again). A
 * third less for every run to read back: at 100,000 records that run reads about 2 GB of entries.
 *
 * The body follows the rest on a line of its own (JSON text never holds a raw line end), so that reading an
 * entry back parses everything but the body: half of an entry's characters, which a run needs only for the
 * articles it writes (`cachedBody`). Without that, every run held every article's body in memory.
 */
function cacheText(e: ReviewEntry): string {
  const { text: _text, lead: _lead, body, ...rest } = e;
  return body === undefined ? JSON.stringify(rest) : `${JSON.stringify(rest)}\n${JSON.stringify(body)}`;
}

/** A cache entry's text: the entry without its body, and where the body's JSON starts (-1: no body line). */
function splitCache(text: string): { head: string; bodyAt: number } {
  const cut = text.indexOf('\n');
  return cut < 0 ? { head: text, bodyAt: -1 } : { head: text.slice(0, cut), bodyAt: cut + 1 };
}

/** The body of a record's cache entry, read again from its location; undefined when it cannot be read. */
export function cachedBody(reader: SegmentReader, loc: Loc): string | undefined {
  try {
    const text = reader.cache(loc);
    if (text === null) return undefined;
    const { head, bodyAt } = splitCache(text);
    const body: unknown = bodyAt < 0 ? (JSON.parse(head) as ReviewEntry).body : JSON.parse(text.slice(bodyAt));
    return typeof body === 'string' ? body : undefined;
  } catch {
    return undefined;
  }
}

/** True when the entry's derived data is missing or was made under another taxonomy, story code or cleaner. */
function needsDerive(ctx: TaskContext, e: ReviewEntry): boolean {
  if (e.reason) return false;
  return typeof e.id !== 'string' || typeof e.words !== 'number' || e.tkey !== ctx.taxonomyKey || !Array.isArray(e.topics) || e.skey !== ctx.storiesVersion || typeof e.sh !== 'string';
}

/** A record's line keys as the cleaner keys them, without building its tree when it is a text dump. */
export function keysOf(rec: DumpRecord): string[] {
  if (rec.format === 'text') {
    // parseRecord blanks lines longer than MAX_BLOCK and keys the lines; a blank line has no key.
    return [...lineKeys(rec.text.split('\n').filter((l) => l.length <= MAX_BLOCK))].sort();
  }
  return recordKeys(parseRecord(rec));
}

/** Per-thread state: the taxonomy index, built on first use. */
// Keyed by the taxonomy's content (ctx.taxonomyKey), not its path: a long-lived process (arshif serve) runs
// ingest after ingest in this thread while the taxonomy is edited.
let topicIndex: { key: string; index: TopicIndex } | undefined;

/** Where the parsed taxonomy is cached (src/enrich/topics.ts, loadTopics): beside the entry store. */
export const taxonomyCache = (ctx: TaskContext) => path.join(path.dirname(ctx.storeDir), 'taxonomy.json');

function topicsFor(ctx: TaskContext, e: ReviewEntry): string[] {
  const key = `${ctx.taxonomyFile}\0${ctx.taxonomyKey}`;
  if (topicIndex?.key !== key) topicIndex = { key, index: loadTopics(ctx.taxonomyFile, { cache: taxonomyCache(ctx) }) };
  const f = e.facts;
  return assignTopics(topicIndex.index, { title: f.title!, lead: e.lead, body: e.text, hashtags: f.hashtags ?? [], place: f.place });
}

function shinglesFor(e: ReviewEntry): Uint32Array {
  return sortedShinglesOf(`${e.facts.title}\n${e.text}`);
}

/** Fills in the derived data an entry lacks (or holds under another version); true when it changed. */
function derive(ctx: TaskContext, e: ReviewEntry): boolean {
  if (!needsDerive(ctx, e)) return false;
  let changed = false;
  if (typeof e.id !== 'string' || typeof e.words !== 'number') {
    e.id = digest(matchKey(e.text), 10);
    e.words = e.text.split(/\s+/).filter(Boolean).length;
    changed = true;
  }
  if (e.tkey !== ctx.taxonomyKey || !Array.isArray(e.topics)) {
    e.topics = topicsFor(ctx, e);
    e.tkey = ctx.taxonomyKey;
    changed = true;
  }
  if (e.skey !== ctx.storiesVersion || typeof e.sh !== 'string') {
    e.sh = packInts(shinglesFor(e));
    e.skey = ctx.storiesVersion;
    changed = true;
  }
  return changed;
}

function articleData(e: ReviewEntry): ArticleData {
  if (e.reason) return { facts: e.facts, body: '', messages: e.messages, reason: e.reason, id: '', words: 0, topics: [], sh: new Uint32Array(0) };
  return { facts: e.facts, body: e.body, messages: e.messages, id: e.id!, words: e.words!, topics: e.topics!, sh: unpackInts(e.sh!) };
}

/** A task's access to the entry store: reads by the run's index, writes into the task's own segment. */
export interface StoreIo { reader: SegmentReader; writer: SegmentWriter }

/** The cache entry of a record, or null when missing, damaged or from another cleaner. */
function readEntry(ctx: TaskContext, io: StoreIo, hash: string, format: DumpRecord['format']): ReviewEntry | null {
  const loc = ctx.index.get(hash);
  if (!loc) return null;
  let e: ReviewEntry;
  let text: string | null;
  let bodyAt: number;
  try {
    // The first line alone, where the index says where it ends: the body is read when needed.
    text = io.reader.cacheHead(loc);
    if (text === null) return null;
    const split = splitCache(text);
    bodyAt = split.bodyAt;
    e = JSON.parse(split.head) as ReviewEntry;
  } catch {
    return null;
  }
  // An entry from another version of the cleaner is not trusted even for its line keys (how lines are keyed is
  // part of the cleaner): the record is parsed again.
  if (!e || typeof e !== 'object' || e.hash !== hash || !Array.isArray(e.keys) || e.v !== ctx.cleanerVersion || e.format !== format || !e.facts) return null;
  // An entry derived again is stored again, body and all: the body is on the line after the first when the
  // whole entry was read, else (only the first line was read) it is read now.
  if (needsDerive(ctx, e)) {
    if (bodyAt >= 0) {
      try {
        e.body = JSON.parse(text.slice(bodyAt)) as string;
      } catch {
        return null;
      }
    } else if (loc[6] !== undefined && loc[6] < loc[2]) {
      const body = cachedBody(io.reader, loc);
      if (body === undefined) return null;
      e.body = body;
    }
  }
  if (typeof e.text !== 'string' && needsDerive(ctx, e)) {
    // Derived again: the text and lead come from the review record (without it, the record is cleaned again).
    try {
      const r = JSON.parse(io.reader.review(loc) ?? 'null') as ReviewEntry | null;
      if (!r || typeof r.text !== 'string' || typeof r.lead !== 'string') return null;
      e.text = r.text;
      e.lead = r.lead;
    } catch {
      return null;
    }
  }
  return e;
}

/**
 * True when the input is not a one-page file to read ahead: not a file, too large for a page, or of the size
 * and time the last run read it with (its cache entry then answers, probably, without its bytes).
 */
function unchangedStat(ctx: TaskContext, input: InputFile): boolean {
  const st = inputStat(input);
  return !st || st[0] > MAX_PAGE_BYTES || !!unchangedInput(ctx.inputs, st[2], st[0], st[1]);
}

/** Reads one input's records: hashes, line keys, and the article data of those with a valid cache entry. */
export async function scanInput(ctx: TaskContext, input: InputFile, readRecords: Reader, io: StoreIo, bytes?: Promise<Buffer | undefined>): Promise<ScanResult> {
  const records: Scanned[] = [];
  // A one-page file whose cache entry is valid is not decoded: the entry says all the scan needs.
  let found: ReviewEntry | null = null;
  const known = (hash: string, format: DumpRecord['format']) => !!(found = readEntry(ctx, io, hash, format));
  const seen = (file: string, size: number, mtimeMs: number) => {
    const last = unchangedInput(ctx.inputs, file, size, mtimeMs);
    return last && { hash: last[2], format: last[3] };
  };
  try {
    for await (const rec of readRecords(input, { known, seen, bytes })) {
      const s: Scanned = { source: rec.source, hash: rec.hash, format: rec.format, encoding: rec.encoding, url: rec.url, crawledAt: rec.crawledAt, hints: rec.hints, stat: rec.stat };
      records.push(s);
      if (rec.reject) {
        s.reject = rec.reject;
        continue;
      }
      const entry = rec.known && found ? found : readEntry(ctx, io, rec.hash, rec.format);
      found = null;
      if (rec.known) s.encoding = entry?.encoding;
      if (entry) {
        s.keys = entry.keys;
        s.tfp = entry.tfp;
        // Derived data made under another taxonomy or story version: the entry is stored again (its review
        // record, unchanged, stays where it is).
        if (derive(ctx, entry)) io.writer.add(entry.hash, cacheText(entry));
        s.art = articleData(entry);
      } else {
        s.keys = keysOf(rec);
        hold(input, records.length - 1, rec, s.keys);
      }
    }
  } catch (e) {
    // A reader failing half-way (a truncated archive) keeps the records it gave; the caller reports the rest.
    return { records, error: `unreadable: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` };
  }
  return { records };
}

/**
 * Cleans the wanted records of one input (taken from the scan, or read again: a big archive is never held in
 * memory), stores their cache entries and review records, and returns their article data by index. A record
 * that changed since the scan, or that the reader no longer reaches, has no result.
 */
export async function cleanInput(ctx: TaskContext, input: InputFile, wanted: Wanted[], readRecords: Reader, io: StoreIo): Promise<{ index: number; art: ArticleData }[]> {
  const byIndex = new Map(wanted.map((w) => [w.index, w]));
  const out: { index: number; art: ArticleData }[] = [];
  // The records this thread held from the scan, when it holds all the wanted ones: the input is not read again.
  const kept = wanted.map((w) => take(input, w));
  const fromScan = kept.every(Boolean);
  const records: AsyncIterable<DumpRecord> | Iterable<DumpRecord> = fromScan ? kept.map((k) => k!.rec) : readRecords(input);
  const held = new Map(fromScan ? kept.map((k) => [k!.rec, k!.keys]) : []);
  let index = 0;
  try {
    for await (const rec of records) {
      const w = fromScan ? wanted[index++] : byIndex.get(index++);
      if (!w || w.hash !== rec.hash) continue;
      let c: CleanedRecord;
      let keys: string[] = [];
      try {
        // One parse gives the line keys (for the next run's template learning) and the tree to clean.
        const parsed = parseRecord(rec);
        keys = held.get(rec) ?? recordKeys(parsed);
        c = cleanRecord(rec, w.template ? new Set(w.template) : undefined, parsed);
      } catch (e) {
        c = failedRecord(`${rec.source}: ${(e as Error).message}`);
      }
      const entry: ReviewEntry = {
        v: ctx.cleanerVersion,
        hash: rec.hash,
        source: rec.source,
        format: rec.format,
        encoding: rec.encoding,
        url: rec.url,
        crawledAt: rec.crawledAt,
        hints: rec.hints,
        keys,
        tfp: w.tfp,
        reason: c.reject,
        facts: c.facts,
        body: c.body,
        text: c.text,
        lead: c.lead,
        lines: c.lines,
        messages: c.messages,
      };
      const small = slim(entry);
      derive(ctx, small);
      io.writer.add(rec.hash, cacheText(small), JSON.stringify(entry));
      out.push({ index: w.index, art: articleData(small) });
    }
  } catch {
    /* reported as changed-while-reading by the caller: no result for the records not reached */
  }
  return out;
}

// Records a scan read and keyed that have no cache entry will be cleaned in the same run: this thread keeps
// them (up to HOLD_CHARS of text), and the clean task for their input, sent to the thread that scanned it, takes
// them instead of reading, decoding and keying the input again (about an eighth of a cold run's CPU time in a
// profile). A record is taken once; whatever is left is dropped at the end of the run.
const HOLD_CHARS = 50_000_000;
let heldChars = 0;
const scannedRecords = new Map<string, { rec: DumpRecord; keys: string[] }>();

function hold(input: InputFile, index: number, rec: DumpRecord & { known?: true; stat?: FileStat }, keys: string[]): void {
  if (heldChars + rec.text.length > HOLD_CHARS) return;
  heldChars += rec.text.length;
  const { known: _known, stat: _stat, ...plain } = rec;
  scannedRecords.set(`${input.abs}#${index}`, { rec: plain, keys });
}

function take(input: InputFile, w: Wanted): { rec: DumpRecord; keys: string[] } | undefined {
  const id = `${input.abs}#${w.index}`;
  const k = scannedRecords.get(id);
  if (!k) return undefined;
  scannedRecords.delete(id);
  heldChars -= k.rec.text.length;
  return k.rec.hash === w.hash && (k.rec.source === input.rel || k.rec.source.startsWith(`${input.rel}#`)) ? k : undefined;
}

/** Drops the records kept from a scan (the end of a run in this thread). */
export function forgetScans(): void {
  scannedRecords.clear();
  heldChars = 0;
}

/** Unsigned 32-bit integers as base64 (little-endian): a tenth of the JSON size of a number array. */
export function packInts(values: Uint32Array): string {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('base64');
}

export function unpackInts(text: string): Uint32Array {
  const b = Buffer.from(text, 'base64');
  return new Uint32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.length - (b.length % 4)));
}

// ---------------------------------------------------------------------------------------------------------
// The pool

/** Tasks carry several inputs: one message per dump would cost more than reading it. */
export type Task = { type: 'scan'; inputs: InputFile[] } | { type: 'clean'; jobs: { input: InputFile; wanted: Wanted[] }[] };

/** Where the entries a task wrote are (`review`: false when the record's review record did not move). */
export type Written = { hash: string; loc: Loc; review: boolean }[];

/** Runs a task in this thread (what a worker does with it): its results, and where it stored entries. */
export async function runTask(ctx: TaskContext, task: Task, readRecords: Reader): Promise<{ results: unknown[]; written: Written; thread: number }> {
  const io: StoreIo = { reader: new SegmentReader(ctx.storeDir), writer: new SegmentWriter(ctx.storeDir) };
  try {
    const results: unknown[] = [];
    if (task.type === 'scan') {
      // The files this scan will read (new or changed ones) are read ahead, all at once.
      const ahead = readAhead(task.inputs, (input) => !unchangedStat(ctx, input));
      for (const input of task.inputs) results.push(await scanInput(ctx, input, readRecords, io, ahead.get(input)));
    } else for (const job of task.jobs) results.push(await cleanInput(ctx, job.input, job.wanted, readRecords, io));
    return { results, written: io.writer.finish(), thread: threadId };
  } catch (e) {
    io.writer.abort();
    throw e;
  } finally {
    io.reader.close();
  }
}

/**
 * A scan's records cross from a worker to the main thread with each one's line keys joined in one string (a
 * key holds no space): cloning some thirty strings per record cost the main thread, which takes every record
 * of the archive, more than splitting one. A run over 100,000 unchanged inputs read them in 10.5–10.8 s
 * instead of 12.3–14.0 s, measured.
 */
export function packScan(result: { results: unknown[] }): void {
  for (const r of result.results as ScanResult[]) {
    for (const s of r.records) {
      if (!s.keys) continue;
      s.joinedKeys = s.keys.join(' ');
      s.keys = undefined;
    }
  }
}

/** Undoes packScan, on the main thread. */
export function unpackScan<T>(result: T): T {
  for (const r of (result as { results: ScanResult[] }).results) {
    for (const s of r.records) {
      if (s.joinedKeys === undefined) continue;
      s.keys = s.joinedKeys === '' ? [] : s.joinedKeys.split(' ');
      s.joinedKeys = undefined;
    }
  }
  return result;
}

/** Worker threads running scan and clean tasks. */
export class TaskPool {
  private workers: Worker[];
  private pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void; worker: number }>();
  private load: number[];
  private next = 0;
  private failure: Error | null = null;

  constructor(n: number, ctx: TaskContext) {
    this.workers = Array.from({ length: n }, () => new Worker(WORKER, { workerData: { ctx } }));
    this.load = this.workers.map(() => 0);
    for (const w of this.workers) {
      w.on('message', (m: { id: number; result?: unknown; error?: string }) => {
        const p = this.pending.get(m.id);
        this.pending.delete(m.id);
        if (!p) return;
        this.load[p.worker]!--;
        if (m.error !== undefined) p.reject(new Error(m.error));
        else p.resolve(m.result);
      });
      w.on('error', (e) => this.fail(e));
      w.on('exit', (code) => {
        if (code !== 0 && !this.closed) this.fail(new Error(`a cleaning worker stopped (exit code ${code})`));
      });
    }
  }

  private fail(e: Error): void {
    this.failure ??= e;
    for (const p of this.pending.values()) p.reject(e);
    this.pending.clear();
  }

  get size(): number {
    return this.workers.length;
  }

  /**
   * Runs a task on the least busy worker, or on the worker whose thread id is `prefer` (the one that holds its
   * records from the scan) unless it has two tasks more than the least busy one.
   */
  run<T>(task: Task, prefer?: number): Promise<T> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.next++;
    let worker = 0;
    for (let w = 1; w < this.workers.length; w++) if (this.load[w]! < this.load[worker]!) worker = w;
    const p = this.workers.findIndex((w) => w.threadId === prefer);
    if (p >= 0 && this.load[p]! < this.load[worker]! + 2) worker = p;
    this.load[worker]!++;
    const done = new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, worker });
      this.workers[worker]!.postMessage({ id, task });
    });
    return task.type === 'scan' ? done.then(unpackScan) : done;
  }

  private closed = false;

  /** Stops the workers (again: nothing). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/**
 * Runs `count` tasks with at most `limit` in flight (memory stays flat over a big archive); `done` gets each
 * result with its task number, in completion order.
 */
export async function runBounded<T>(count: number, limit: number, start: (k: number) => Promise<T>, done: (k: number, result: T) => void): Promise<void> {
  let next = 0;
  let error: unknown = null;
  const lane = async () => {
    while (next < count && error === null) {
      const k = next++;
      try {
        done(k, await start(k));
      } catch (e) {
        error ??= e;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, count)) }, lane));
  if (error !== null) throw error;
}
