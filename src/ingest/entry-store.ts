// The ingest's per-record state (cache entries and review records) packed into segment files.
//
// Every cleaned record has a cache entry (what the next run reuses) and a review record (every line with the
// rule that kept or dropped it, for `arshif report`). One file each per record cost more than the cleaning on
// this machine's disk: creating a small file (open + write + rename) takes 0.1–0.5 ms here, measured, and a
// no-op run had to open every cache entry again. So each worker task writes the entries of the records it
// handled into two segments (cache entries, review records), content/.arshif/entries/<digest>.seg, JSON
// documents one per line, and the run's main thread keeps the index (entries/index.json): per record hash,
// where its cache entry and its review record are (segment, byte offset, byte length). A run reads an entry
// with one positioned read.
//
// Segments are UTF-16LE, not UTF-8: entries are mostly Arabic text, which Node 20 decodes from UTF-8 at about
// 110 µs per 15 kB entry and from UTF-16LE in 5 µs (encoding: 57 µs against 9 µs), measured here; Arabic takes
// two bytes either way, so a segment is only about 1.3× larger. (`iconv -f UTF-16LE` shows one as text.)
//
// Atomicity: a segment is written to a hidden temporary file and renamed once complete, so a segment is whole
// or absent; the index is replaced atomically (and flushed to disk) after the cleaning pass. A run killed before
// that leaves segments the index does not name: the next run removes them and cleans those records again.
// Segments no index entry points to any more (the records were cleaned again) are removed after each run.
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { threadId } from 'node:worker_threads';
import { writeFileAtomic } from '../store/atomic.ts';
import type { InputFile } from './discover.ts';
import type { FileStat } from './records.ts';

/**
 * Where a record's entries are: its cache entry's segment, offset and length, then its review record's, then
 * the byte length of the cache entry's first line (all but the body, see workers.ts cacheText). Indexes of
 * earlier versions lack the last: such an entry is read whole.
 */
export type Loc = [cSeg: string, cOff: number, cLen: number, rSeg: string, rOff: number, rLen: number, cHead?: number];

export const INDEX_FILE = 'index.json';
/** One-page dump files as last read: identity (device:inode, or path) → size, modification time, the page's hash and format. */
export const INPUTS_FILE = 'inputs.json';
export type InputSeen = [size: number, mtimeMs: number, hash: string, format: 'text' | 'html'];

/**
 * A file's identity in INPUTS_FILE: device and inode, so that the same file under another name (a hard link,
 * a moved folder) is known; its path where the file system numbers no inodes.
 */
export function fileIdentity(st: fs.Stats, abs: string): string {
  return st.ino > 0 ? `${st.dev}:${st.ino}` : abs;
}

/**
 * An input's size, modification time and identity, looked at once per run and kept on the input (the thread
 * count is decided, then the scan reads, from the same look); undefined when it is not a file.
 */
export function inputStat(input: InputFile): FileStat | undefined {
  if (!input.stat) {
    const st = fs.statSync(input.abs, { throwIfNoEntry: false });
    if (!st?.isFile()) return undefined;
    input.stat = [st.size, st.mtimeMs, fileIdentity(st, input.abs)];
  }
  return input.stat;
}

/** What a one-page file held when last read, if its size and modification time are those it had then. */
export function unchangedInput(inputs: Map<string, InputSeen>, file: string, size: number, mtimeMs: number): InputSeen | undefined {
  const last = inputs.get(file);
  return last && last[0] === size && last[1] === mtimeMs ? last : undefined;
}

const INDEX_VERSION = 1;
const SEGMENT = /^[0-9a-f]{16}\.seg$/;
const ENCODING = 'utf16le';
/** Bytes of the line end after each document. */
const EOL = 2;

/** The index of a store folder (empty when missing, damaged or of another version: records are cleaned again). */
export function readIndex(dir: string): Map<string, Loc> {
  try {
    const v = JSON.parse(fs.readFileSync(path.join(dir, INDEX_FILE), 'utf8')) as { version?: number; entries?: Record<string, Loc> };
    if (v?.version !== INDEX_VERSION || !v.entries || typeof v.entries !== 'object') return new Map();
    const out = new Map<string, Loc>();
    for (const [hash, loc] of Object.entries(v.entries)) if (validLoc(loc)) out.set(hash, loc);
    return out;
  } catch {
    return new Map();
  }
}

function validLoc(loc: unknown): loc is Loc {
  return (
    Array.isArray(loc) &&
    (loc.length === 6 || (loc.length === 7 && Number.isInteger(loc[6]) && loc[6] >= 0 && loc[6] <= loc[2])) &&
    typeof loc[0] === 'string' &&
    SEGMENT.test(loc[0]) &&
    typeof loc[3] === 'string' &&
    (loc[3] === '' || SEGMENT.test(loc[3])) &&
    [1, 2, 4, 5].every((i) => Number.isInteger(loc[i]) && (loc[i] as number) >= 0)
  );
}

/**
 * Writes the index (records sorted by hash, so the same state gives the same bytes) and removes the segments it
 * no longer names.
 */
export function writeIndex(dir: string, index: Map<string, Loc>): void {
  const hashes = [...index.keys()].sort();
  const parts = hashes.map((h) => `${JSON.stringify(h)}:${JSON.stringify(index.get(h))}`);
  writeFileAtomic(path.join(dir, INDEX_FILE), `{"version":${INDEX_VERSION},"entries":{\n${parts.join(',\n')}\n}}\n`, { durable: true });
  const live = new Set<string>();
  for (const loc of index.values()) {
    live.add(loc[0]);
    if (loc[3]) live.add(loc[3]);
  }
  // The folder is arshif's own: anything else in it is a dead segment, a killed run's temporary file or a
  // file of an earlier format.
  for (const name of fs.readdirSync(dir)) if (name !== INDEX_FILE && name !== INPUTS_FILE && !live.has(name)) fs.rmSync(path.join(dir, name), { recursive: true, force: true });
}

/**
 * The one-page dump files of the last runs (empty when missing or damaged: every file is read). `work` names
 * what their cache entries were made under (the cleaner's, topics' and stories' versions): under other code or
 * another taxonomy every record is worked on again, so none counts as seen (and the run takes its threads).
 */
export function readInputs(dir: string, work: string): Map<string, InputSeen> {
  try {
    const v = JSON.parse(fs.readFileSync(path.join(dir, INPUTS_FILE), 'utf8')) as { version?: number; work?: string; inputs?: Record<string, InputSeen> };
    if (v?.version !== INDEX_VERSION || v.work !== work || !v.inputs || typeof v.inputs !== 'object') return new Map();
    const out = new Map<string, InputSeen>();
    for (const [file, x] of Object.entries(v.inputs)) {
      if (Array.isArray(x) && x.length === 4 && typeof x[0] === 'number' && typeof x[1] === 'number' && typeof x[2] === 'string' && (x[3] === 'text' || x[3] === 'html')) out.set(file, x);
    }
    return out;
  } catch {
    return new Map();
  }
}

export function writeInputs(dir: string, inputs: Map<string, InputSeen>, work: string): void {
  const files = [...inputs.keys()].sort();
  const parts = files.map((f) => `${JSON.stringify(f)}:${JSON.stringify(inputs.get(f))}`);
  writeFileAtomic(path.join(dir, INPUTS_FILE), `{"version":${INDEX_VERSION},"work":${JSON.stringify(work)},"inputs":{\n${parts.join(',\n')}\n}}\n`);
}

let counter = 0;

/** One segment file being written: a hidden temporary file, named by the digest of its bytes when finished. */
class SegmentFile {
  private fd: number | null = null;
  private tmp = '';
  private offset = 0;
  private hash = createHash('sha256');

  constructor(private dir: string) {}

  /** Appends one document and its line end; gives its offset, length (without the line end) and its first line's length. */
  append(text: string): [number, number, number] {
    if (this.fd === null) {
      fs.mkdirSync(this.dir, { recursive: true });
      this.tmp = path.join(this.dir, `.segment-${process.pid}-${threadId}-${counter++}.tmp`);
      this.fd = fs.openSync(this.tmp, 'w', 0o644);
    }
    const bytes = Buffer.from(`${text}\n`, ENCODING);
    fs.writeSync(this.fd, bytes);
    this.hash.update(bytes);
    const at = this.offset;
    this.offset += bytes.length;
    const cut = text.indexOf('\n');
    return [at, bytes.length - EOL, cut < 0 ? bytes.length - EOL : 2 * cut]; // two bytes a UTF-16 unit
  }

  /** Closes and names the file; '' when nothing was appended. */
  finish(): string {
    if (this.fd === null) return '';
    fs.closeSync(this.fd);
    this.fd = null;
    const name = `${this.hash.digest('hex').slice(0, 16)}.seg`;
    fs.renameSync(this.tmp, path.join(this.dir, name));
    return name;
  }

  abort(): void {
    if (this.fd === null) return;
    fs.closeSync(this.fd);
    this.fd = null;
    fs.rmSync(this.tmp, { force: true });
  }
}

/**
 * Appends entries to new segments (created on the first entry) and names each by the digest of its bytes when
 * finished. One writer per worker task; entries are streamed to disk, so a big archive is never held whole.
 * Cache entries and review records go to two segments: every run reads back the cache entries, the review
 * records (several times their size) are read only by `arshif report` and the rare run that derives again, so
 * a run reads its entries from files of their own, in order, instead of picking them from between review
 * records (at 100,000 records: ≈ 0.7 GB read in sequence instead of reads scattered over 5.6 GB, which an
 * evicted page cache, as a nightly run finds it, pays for in disk reads).
 */
export class SegmentWriter {
  private cacheFile: SegmentFile;
  private reviewFile: SegmentFile;
  private pending: [string, number, number, number, number, number][] = [];

  constructor(dir: string) {
    this.cacheFile = new SegmentFile(dir);
    this.reviewFile = new SegmentFile(dir);
  }

  /** Adds a record's cache entry and, when it has one here, its review record. */
  add(hash: string, cache: string, review?: string): void {
    const [cOff, cLen, cHead] = this.cacheFile.append(cache);
    const [rOff, rLen] = review === undefined ? [-1, 0] : this.reviewFile.append(review);
    this.pending.push([hash, cOff, cLen, rOff, rLen, cHead]);
  }

  /**
   * Closes and names the segments; gives each record's location. A record without a review record here gets
   * `review: false` (the caller keeps its review location from the index).
   */
  finish(): { hash: string; loc: Loc; review: boolean }[] {
    const cache = this.cacheFile.finish();
    const review = this.reviewFile.finish();
    if (!cache) return [];
    return this.pending.map(([hash, cOff, cLen, rOff, rLen, cHead]) => ({ hash, loc: [cache, cOff, cLen, rOff < 0 ? '' : review, Math.max(rOff, 0), rLen, cHead], review: rOff >= 0 }));
  }

  /** Drops unfinished segments (the task failed). */
  abort(): void {
    this.cacheFile.abort();
    this.reviewFile.abort();
  }
}

/** Reads entries by location, keeping each segment open while it is in use. */
export class SegmentReader {
  private fds = new Map<string, number>();

  constructor(private dir: string) {}

  private read(seg: string, off: number, len: number): string | null {
    if (!seg || !SEGMENT.test(seg)) return null;
    try {
      let fd = this.fds.get(seg);
      if (fd === undefined) this.fds.set(seg, (fd = fs.openSync(path.join(this.dir, seg), 'r')));
      const buf = Buffer.allocUnsafe(len);
      const n = fs.readSync(fd, buf, 0, len, off);
      return n === len ? buf.toString(ENCODING) : null;
    } catch {
      return null;
    }
  }

  /** The cache entry's JSON text at a location, or null when its segment is missing or short. */
  cache(loc: Loc): string | null {
    return this.read(loc[0], loc[1], loc[2]);
  }

  /**
   * The cache entry's first line (everything but the body), or the whole entry when the index does not say
   * where that line ends. Every run reads every entry back, and needs the bodies of the articles it writes
   * alone: at 100,000 records the first lines are 0.7 GB of 1.4 GB, read in 7.1 s instead of 11.4 s from a
   * cold page cache, 1.1 s instead of 2.8 s from a warm one (one thread, measured).
   */
  cacheHead(loc: Loc): string | null {
    return this.read(loc[0], loc[1], loc[6] ?? loc[2]);
  }

  /** The review record's JSON text at a location, or null. */
  review(loc: Loc): string | null {
    return this.read(loc[3], loc[4], loc[5]);
  }

  close(): void {
    for (const fd of this.fds.values()) fs.closeSync(fd);
    this.fds.clear();
  }
}
