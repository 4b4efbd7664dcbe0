// Page-at-scale rendering: the templates that make one page per item (articles, list pages, days…) are
// rendered in chunks of many pages per Eleventy page, and only pages whose inputs changed are rendered at all.
//
// Why: Eleventy 3.1's cost per output page grows with the number of pages (linear searches per template in
// its template map and dependency graph), which makes 10k+ pages slow; a few hundred chunk pages avoid that.
// Each chunk renders its pages with the template's own render() and writes them to their files.
//
// Incremental: every such page has a signature, a hash of the code and settings (the build's `global`
// hash) and of the data the page shows (its item, with each article in it reduced to its teaser signature:
// URL, title, date and outlet, SiteArticle.teaser; and an article page's own file hash). The output folder
// keeps the signatures of the last build in STATE_FILE; a page whose signature is unchanged and whose file
// exists is not rendered again, pages that no longer exist are deleted. A page must therefore show only what
// its item holds (plus settings and code, which are in `global`): a page that shows anything else must say so
// in its item.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { isSiteArticle, sha1, type FileCache, type SiteArticle } from './archive.ts';

/** Name of the build state file in the output folder. */
export const STATE_FILE = '.arshif-build.json';

/** Pages per chunk: enough that Eleventy sees a few hundred pages at most, small enough to keep memory flat. */
const CHUNK = 200;

export interface PageJob<T = unknown> {
  /** Position in the template's list of pages (the same in every thread that computes it). */
  index: number;
  /** Site URL of the page ("/a/<id>/", "/topics/x/feed.xml"). */
  url: string;
  /** Output file relative to the output folder. */
  file: string;
  item: T;
}

interface Context {
  out: string;
  global: string;
  /** Signatures of the last build into this folder (its files are deleted unless this build makes them). */
  previous: Map<string, string>;
  /** Render every page, whatever the signatures say. */
  all: boolean;
  /** Signatures of this build, by output file. */
  current: Map<string, string>;
  rendered: number;
  dirs: Set<string>;
  /** Pages selected for rendering so far (decides whether worker threads pay off). */
  selected: number;
  parallel?: Parallel;
  pool?: Pool;
}

/** What worker threads need to render pages as this thread would. */
export interface Parallel {
  /** Worker threads to use when a build renders at least `threshold` pages. */
  workers: number;
  threshold: number;
  content: string;
  files: () => FileCache;
}

let ctx: Context | null = null;

/**
 * Starts a build of the chunked pages into `out`. `previous` holds the last build's signatures there; with
 * `all`, every page is rendered whatever they say (they still tell which old files to delete).
 */
export function beginPages(out: string, global: string, previous: Map<string, string>, all: boolean, parallel?: Parallel): void {
  ctx = { out, global, previous, all, current: new Map(), rendered: 0, dirs: new Set(), selected: 0, parallel };
}

/** Worker threads for a build on a machine with more than one core (none on one core). */
export function defaultWorkers(): number {
  const n = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return n > 1 ? Math.min(n, 4) : 0;
}

/** Ends the build: deletes the files of pages that no longer exist and returns the signatures and counts. */
export async function endPages(): Promise<{ signatures: Map<string, string>; rendered: number; deleted: number; pages: string[] }> {
  if (!ctx) throw new Error('endPages() without beginPages()');
  const c = ctx;
  ctx = null;
  if (c.pool) c.rendered += await c.pool.close();
  let deleted = 0;
  for (const file of c.previous.keys()) {
    if (c.current.has(file)) continue;
    const abs = path.join(c.out, file);
    if (fs.existsSync(abs)) {
      fs.rmSync(abs, { force: true });
      deleted++;
      removeEmptyDirs(path.dirname(abs), c.out);
    }
  }
  return { signatures: c.current, rendered: c.rendered, deleted, pages: [...c.current.keys()] };
}

function removeEmptyDirs(dir: string, stop: string): void {
  while (dir.startsWith(stop) && dir !== stop) {
    try {
      fs.rmdirSync(dir);
    } catch {
      return;
    }
    dir = path.dirname(dir);
  }
}

/** Hex SHA-1 of a string (signatures only: not a security boundary). */
export function sha(text: string): string {
  return sha1(text, 'hex');
}

/**
 * The data a page shows, as a string: its item with every article in it replaced by the article's
 * teaser signature, and, when the item is itself an article, that article's URL and file hash (the rest of
 * the page: its path shows only through its title and URL, in its teaser) and the teasers of its neighbours
 * and story.
 */
export function viewOf(item: unknown): string {
  if (isSiteArticle(item)) {
    const a = item;
    // One line each; teasers and hashes are base64 digests, without spaces (10,000 of these a build).
    return `article\n${a.url}\n${a.hash}\n${a.teaser}\n${a.prev?.teaser ?? ''}\n${a.next?.teaser ?? ''}\n${a.story.map((s) => s.teaser).join(' ')}`;
  }
  return view(item);
}

/** Object keys as view() writes them (quoted, with the colon): the same few, for 10,000 items. */
const KEYS = new Map<string, string>();

/**
 * A deterministic text of a value, with articles as their teaser signatures: what JSON.stringify with a
 * replacer gives, in a fraction of the time (a build computes it for every page, 20,000 at 10,000 articles).
 */
function view(v: unknown): string {
  if (typeof v !== 'object' || v === null) return typeof v === 'string' ? JSON.stringify(v) : typeof v === 'number' || typeof v === 'boolean' ? String(v) : 'null';
  if (isSiteArticle(v)) return `"${(v as SiteArticle).teaser}"`;
  if (Array.isArray(v)) {
    let out = '[';
    for (let i = 0; i < v.length; i++) out += (i ? ',' : '') + view(v[i]);
    return `${out}]`;
  }
  let out = '{';
  for (const k in v) {
    const x = (v as Record<string, unknown>)[k];
    if (x === undefined || typeof x === 'function') continue;
    let key = KEYS.get(k);
    if (key === undefined) KEYS.set(k, (key = `${JSON.stringify(k)}:`));
    out += (out.length > 1 ? ',' : '') + key + view(x);
  }
  return `${out}}`;
}

/** The pages of a chunked template that must be rendered in this build (all of them outside a build). */
export function selectPages<T>(jobs: PageJob<T>[]): PageJob<T>[] {
  if (!ctx) return jobs;
  const c = ctx;
  const todo: PageJob<T>[] = [];
  for (const job of jobs) {
    const sig = sha(`${c.global}\n${job.url}\n${viewOf(job.item)}`);
    c.current.set(job.file, sig);
    // `file` is a clean relative path (fileAndUrl): joined by hand, path.join's normalising costs more here.
    if (c.all || c.previous.get(job.file) !== sig || !fs.existsSync(`${c.out}/${job.file}`)) todo.push(job);
  }
  c.selected += todo.length;
  return todo;
}

/**
 * The pool of worker threads of this build, when it renders enough pages for threads to pay off (all
 * templates select their pages before Eleventy renders any, so the count is known by then); else null.
 */
export function renderPool(): Pool | null {
  const c = ctx;
  if (!c || !c.parallel || c.parallel.workers < 1 || c.selected < c.parallel.threshold) return null;
  c.pool ??= new Pool(c.parallel.workers, { out: c.out, content: c.parallel.content, files: c.parallel.files() });
  return c.pool;
}

interface Task { template: string; indices: number[]; resolve: (n: number) => void; reject: (e: Error) => void }

/** Worker threads that render pages of chunked templates (src/site/render-worker.mjs). */
export class Pool {
  #idle: Worker[] = [];
  #all: Worker[] = [];
  #queue: Task[] = [];
  #busy = new Map<Worker, Task>();
  #rendered = 0;
  #failure: Error | null = null;
  constructor(n: number, init: { out: string; content: string; files: FileCache }) {
    for (let i = 0; i < n; i++) {
      const w = new Worker(new URL('./render-worker.mjs', import.meta.url), { workerData: init });
      w.on('message', (m: { rendered?: number; error?: string }) => {
        const t = this.#busy.get(w);
        this.#busy.delete(w);
        if (t) {
          if (m.error) t.reject(new Error(m.error));
          else {
            this.#rendered += m.rendered ?? 0;
            t.resolve(m.rendered ?? 0);
          }
        }
        this.#idle.push(w);
        this.#next();
      });
      w.on('error', (e) => {
        this.#failure ??= e;
        const t = this.#busy.get(w);
        this.#busy.delete(w);
        t?.reject(e);
        for (const q of this.#queue.splice(0)) q.reject(e);
      });
      this.#all.push(w);
      this.#idle.push(w);
    }
  }
  /** Renders the pages at `indices` of the chunked template in file `template`; resolves to the count. */
  run(template: string, indices: number[]): Promise<number> {
    if (this.#failure) return Promise.reject(this.#failure);
    return new Promise((resolve, reject) => {
      this.#queue.push({ template, indices, resolve, reject });
      this.#next();
    });
  }
  #next(): void {
    while (this.#idle.length && this.#queue.length) {
      const w = this.#idle.pop()!;
      const t = this.#queue.shift()!;
      this.#busy.set(w, t);
      w.postMessage({ template: t.template, indices: t.indices });
    }
  }
  /** Stops the threads; resolves to the number of pages they wrote. */
  async close(): Promise<number> {
    await Promise.all(this.#all.map((w) => w.terminate()));
    return this.#rendered;
  }
}

/** Splits jobs into chunks of CHUNK. */
export function chunks<T>(jobs: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < jobs.length; i += CHUNK) out.push(jobs.slice(i, i + CHUNK));
  return out;
}

/** Writes one rendered page. */
export function writePage(file: string, html: string): void {
  if (!ctx) throw new Error('writePage() outside a build');
  const abs = path.join(ctx.out, file);
  ctx.rendered++;
  // Encoded once, for the comparison and the write.
  const bytes = Buffer.from(html);
  // A page rendered again may come out the same (something of its item changed that it does not show):
  // reading it back costs far less than writing it on most disks, so an unchanged file is left alone.
  if (!ctx.all && sameBytes(abs, bytes)) return;
  ensureDir(path.dirname(abs), ctx.dirs);
  fs.writeFileSync(abs, bytes);
}

function sameBytes(abs: string, bytes: Buffer): boolean {
  // Most pages rendered again did change, most often in length: their size says so without a read.
  const st = fs.statSync(abs, { throwIfNoEntry: false });
  return st?.size === bytes.length && fs.readFileSync(abs).equals(bytes);
}

function ensureDir(dir: string, made: Set<string>): void {
  if (made.has(dir)) return;
  // Recursive: no error to throw and catch when it exists (an incremental build's folders all do), and
  // another worker thread may make the same folder meanwhile.
  fs.mkdirSync(dir, { recursive: true });
  made.add(dir);
}

/** Output file for an Eleventy permalink ("a/x/index.html" or "/a/x/index.html") and the page's URL. */
export function fileAndUrl(permalink: string): { file: string; url: string } {
  const file = permalink.replace(/^\/+/, '');
  const url = `/${file.replace(/(^|\/)index\.html$/, '$1')}`;
  return { file, url };
}
