// Input files → DumpRecords. One reader per format, chosen by the file name:
//   .txt .text (and unknown extensions)   one record, format 'text' (sniffed: an HTML page or a WARC is read as one)
//   .html .htm .xhtml                      one record, format 'html'
//   .jsonl .ndjson                         one record per non-blank line
//   .warc .wet (+ .arc? no)                one record per response/resource/conversion record, via warcio
// Each of these may also end in .gz (a WARC's per-record gzip members are handled by warcio itself).
// Everything streams: a WARC or JSONL file is read chunk by chunk, and a single page is capped in size, so a
// multi-gigabyte input never sits in memory. Bad content never throws: it becomes a record with `reject`.
//
// Sources: "x.txt" for a one-page file; "x.jsonl#17" for JSON line 17 (1-based); "x.warc.gz#8812" for the
// WARC record that starts at byte 8812 of the file as stored (for .gz: the start of the record's gzip member).
// Byte offsets rather than ordinals because that is how WARC tools address records (CDX `offset`, `warcio
// index`, `dd`/Range reads), so a rejected record can be pulled out of a large archive directly.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { WARCRecord } from 'warcio';
import { displayClean } from '../arabic/normalize.ts';
import { decode, repairMojibake, type DecodeHints } from './decode.ts';
import type { InputFile } from './discover.ts';
import { fileIdentity } from './entry-store.ts';
import type { DumpRecord } from './record.ts';

/** Largest single page (one file, one JSON line, one WARC payload) read into memory. */
export const MAX_PAGE_BYTES = 16 * 1024 * 1024;

type Kind = 'text' | 'html' | 'jsonl' | 'warc' | 'unknown';

/** The reader a file name selects (a trailing .gz is looked through). */
export function kindOf(name: string): { kind: Kind; gzip: boolean } {
  let n = name.toLowerCase();
  const gzip = n.endsWith('.gz');
  if (gzip) n = n.slice(0, -3);
  const ext = path.extname(n);
  if (ext === '.txt' || ext === '.text') return { kind: 'text', gzip };
  if (ext === '.html' || ext === '.htm' || ext === '.xhtml') return { kind: 'html', gzip };
  if (ext === '.jsonl' || ext === '.ndjson') return { kind: 'jsonl', gzip };
  if (ext === '.warc' || ext === '.wet') return { kind: 'warc', gzip };
  return { kind: 'unknown', gzip };
}

/** Options of a read. */
export interface ReadOptions {
  /**
   * Asked, for a one-page file, with its hash and format before its bytes are decoded: when it answers true
   * (the caller has this page's result already), the page is not decoded and comes back with `known` set and
   * no text. An unchanged dump then costs its hash alone.
   */
  known?: (hash: string, format: DumpRecord['format']) => boolean;
  /**
   * Asked, for a one-page file, with its identity, size and modification time before it is read: the hash and
   * format the file had when it last had this size and time, if the caller knows them. When `known` then
   * answers true, the file is not even read. Pages read come back with `stat` set, to be remembered.
   */
  seen?: (file: string, size: number, mtimeMs: number) => { hash: string; format: DumpRecord['format'] } | undefined;
  /** A one-page file's bytes, read ahead (readAhead); undefined when that read failed, and the file is read here. */
  bytes?: Promise<Buffer | undefined>;
}

/**
 * A one-page file's size and modification time when it was read, and its identity: device and inode (the same
 * file under another name, a hard link or a moved folder, is known), or its path where the file system gives
 * no inode numbers.
 */
export type FileStat = [size: number, mtimeMs: number, file: string];

/** Streams the pages of one input file as DumpRecords; never throws for bad content. */
export async function* readRecords(input: InputFile, options: ReadOptions = {}): AsyncGenerator<DumpRecord & { known?: true; stat?: FileStat }> {
  const source = input.rel;
  if (input.problem) {
    yield rejected(source, input.problem, hashText(input.problem));
    return;
  }
  // The name as found (a symbolic link's own name, not its target's).
  let { kind, gzip } = kindOf(path.posix.basename(input.rel));
  // A file without a telling name may still be a WARC (crawlers name them freely).
  if (kind === 'unknown' && (await sniffWarc(input.abs))) kind = 'warc';
  try {
    if (kind === 'warc') yield* readWarc(input.abs, source);
    else if (kind === 'jsonl') yield* readJsonl(input.abs, source, gzip);
    else yield await readPage(input.abs, source, kind, gzip, options, input.stat);
  } catch (e) {
    // Only I/O failures land here (the readers turn bad content into rejections themselves).
    const err = e as NodeJS.ErrnoException;
    yield rejected(source, `unreadable: ${err.code ?? err.message}`, hashText(source));
  }
}

// ---------------------------------------------------------------------------------------------------------
// One page per file

async function readPage(abs: string, source: string, kind: Kind, gzip: boolean, options: ReadOptions, seenStat?: FileStat): Promise<DumpRecord & { known?: true; stat?: FileStat }> {
  const { known, seen } = options;
  // Synchronous reads, unless the caller read the page ahead (readAhead, for pages it expects to need): a page
  // is small, and one asynchronous round trip through the I/O pool per page costs more than a cached read.
  let stat: FileStat;
  if (seenStat) stat = seenStat;
  else {
    const st = fs.statSync(abs);
    stat = [st.size, st.mtimeMs, fileIdentity(st, abs)];
  }
  const size = stat[0];
  if (!gzip && size > MAX_PAGE_BYTES) return rejected(source, `too large for one page (${mb(size)}; the limit is ${mb(MAX_PAGE_BYTES)})`, hashText(`${source}:${size}`));
  if (known && seen && !gzip) {
    const last = seen(stat[2], size, stat[1]);
    if (last && known(last.hash, last.format)) return { source, format: last.format, text: '', hash: last.hash, known: true, stat };
  }
  let bytes: Buffer = (options.bytes && (await options.bytes)) || fs.readFileSync(abs);
  const hash = hashBytes(bytes);
  if (known && !gzip) {
    const format = kind === 'html' || (kind === 'unknown' && looksLikeHtml(bytes)) ? 'html' : 'text';
    if (known(hash, format)) return { source, format, text: '', hash, known: true, stat };
  }
  if (gzip) {
    try {
      bytes = zlib.gunzipSync(bytes, { maxOutputLength: MAX_PAGE_BYTES });
    } catch (e) {
      const tooBig = (e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || /maxOutputLength|buffer/i.test((e as Error).message);
      return rejected(source, tooBig ? `too large for one page once unzipped (over ${mb(MAX_PAGE_BYTES)})` : 'not a readable gzip file', hash);
    }
  }
  const html = kind === 'html' || (kind === 'unknown' && looksLikeHtml(bytes));
  const d = decode(bytes, { html });
  if (!d.ok) return rejected(source, d.reason, hash);
  return { source, format: html ? 'html' : 'text', text: d.text, encoding: d.encoding, hash, stat: gzip ? undefined : stat };
}

/**
 * Starts reading the one-page files among `inputs` that `wanted` picks, all at once, and gives each read by
 * input. A page is read with one call that waits on the disk; when the files are not in the page cache (dumps
 * just copied in, or an archive not touched for a while) that wait is most of the cost, and the disk answers
 * many reads at once. Measured here on 2,000 uncached dumps of ≈ 9 kB: 1.8 s one after another, 0.36 s with
 * the reads in flight together (libuv's four I/O threads). Cached, both take a few milliseconds.
 */
export function readAhead(inputs: InputFile[], wanted: (input: InputFile) => boolean): Map<InputFile, Promise<Buffer | undefined>> {
  const ahead = new Map<InputFile, Promise<Buffer | undefined>>();
  for (const input of inputs) {
    if (input.problem) continue;
    const { kind } = kindOf(path.posix.basename(input.rel));
    if (kind === 'warc' || kind === 'jsonl' || !wanted(input)) continue;
    ahead.set(input, fs.promises.readFile(input.abs).catch(() => undefined));
  }
  return ahead;
}

function looksLikeHtml(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1').replace(/^\ufeff|^\xef\xbb\xbf/, '').trimStart().toLowerCase();
  return head.startsWith('<!doctype html') || head.startsWith('<html') || (head.startsWith('<?xml') && head.includes('<html'));
}

/** 'warc' when the file starts with a WARC version line (through gzip when it is gzipped). */
async function sniffWarc(abs: string): Promise<boolean> {
  let fh: fs.promises.FileHandle | undefined;
  try {
    fh = await fs.promises.open(abs, 'r');
    const buf = Buffer.alloc(4096);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    let head = buf.subarray(0, bytesRead);
    if (head[0] === 0x1f && head[1] === 0x8b) {
      try {
        // A truncated member: Z_SYNC_FLUSH returns what inflates instead of failing on the missing end.
        head = zlib.gunzipSync(head, { finishFlush: zlib.constants.Z_SYNC_FLUSH });
      } catch {
        return false;
      }
    }
    return /^WARC\/\d/.test(head.subarray(0, 16).toString('latin1'));
  } catch {
    return false;
  } finally {
    await fh?.close();
  }
}

// ---------------------------------------------------------------------------------------------------------
// JSON Lines

/**
 * One record per non-blank line: `{"text": …}` or `{"html": …}` (when both are there, `html` wins: it is the
 * page as served, with the canonical link, JSON-LD and <time> the extractors read; an exporter's `text` is
 * often already its own extraction), plus optional `url`, `title`, `date`. Lines are split on raw bytes, so
 * a line's hash is the hash of its bytes and an over-long line cannot fill memory.
 */
async function* readJsonl(abs: string, source: string, gzip: boolean): AsyncGenerator<DumpRecord> {
  let n = 0;
  let stream: AsyncIterable<Buffer> = fs.createReadStream(abs);
  if (gzip) stream = fs.createReadStream(abs).pipe(zlib.createGunzip());
  try {
    for await (const line of splitLines(stream)) {
      n++;
      const src = `${source}#${n}`;
      if (line.tooLong) {
        yield rejected(src, `line ${n}: too long (over ${mb(MAX_PAGE_BYTES)})`, hashText(src));
        continue;
      }
      const bytes = line.bytes!;
      if (!bytes.some((b) => b !== 0x20 && b !== 0x09 && b !== 0x0d)) continue; // blank line: not a record
      yield jsonlRecord(bytes, src, n);
    }
  } catch (e) {
    // A broken gzip stream ends the file; what was read stays read.
    yield rejected(`${source}#${n + 1}`, `line ${n + 1}: unreadable (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, hashText(`${source}#${n + 1}`));
  }
}

function jsonlRecord(bytes: Uint8Array, src: string, n: number): DumpRecord {
  const hash = hashBytes(bytes);
  let raw: string;
  try {
    raw = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return rejected(src, `line ${n}: not UTF-8 (JSON Lines must be UTF-8)`, hash);
  }
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return rejected(src, `line ${n}: not JSON`, hash);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return rejected(src, `line ${n}: not a JSON object`, hash);
  const obj = value as Record<string, unknown>;
  const str = (k: string) => (typeof obj[k] === 'string' && (obj[k] as string).trim() ? (obj[k] as string) : undefined);
  const html = str('html');
  const body = html ?? str('text');
  if (body === undefined) return rejected(src, `line ${n}: no "text" or "html" field`, hash);
  const repaired = repairMojibake(body);
  const text = displayClean(repaired.text);
  if (!text.trim()) return rejected(src, `line ${n}: empty text`, hash);
  const rec: DumpRecord = {
    source: src,
    format: html !== undefined ? 'html' : 'text',
    text,
    encoding: repaired.encoding ?? 'utf-8',
    hash,
  };
  const url = str('url');
  if (url) rec.url = url.trim();
  const title = str('title');
  const date = str('date');
  if (title || date) {
    rec.hints = {};
    if (title) rec.hints.title = displayClean(title).trim();
    if (date) rec.hints.date = date.trim();
  }
  return rec;
}

/** Splits a byte stream on LF; a line longer than MAX_PAGE_BYTES is reported, not kept. */
async function* splitLines(stream: AsyncIterable<Buffer>): AsyncGenerator<{ bytes?: Buffer; tooLong?: true }> {
  let parts: Buffer[] = [];
  let size = 0;
  let tooLong = false;
  const flush = (last: Buffer) => {
    const out = tooLong ? { tooLong: true as const } : { bytes: Buffer.concat([...parts, last]) };
    parts = [];
    size = 0;
    tooLong = false;
    return out;
  };
  for await (const chunk of stream) {
    let start = 0;
    for (let i = chunk.indexOf(0x0a); i !== -1; i = chunk.indexOf(0x0a, start)) {
      yield flush(chunk.subarray(start, i));
      start = i + 1;
    }
    const rest = chunk.subarray(start);
    if (!rest.length) continue;
    size += rest.length;
    if (size > MAX_PAGE_BYTES) {
      tooLong = true;
      parts = [];
    } else if (!tooLong) parts.push(Buffer.from(rest)); // copy: the stream may reuse its buffer
  }
  if (size > 0 || tooLong) yield flush(Buffer.alloc(0));
}

// ---------------------------------------------------------------------------------------------------------
// WARC / WET

const PAGE_TYPES = new Set(['response', 'resource', 'conversion']);
const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);

/** Streams a WARC or WET file (plain or per-record gzip) through warcio, one page record at a time. */
async function* readWarc(abs: string, source: string): AsyncGenerator<DumpRecord> {
  const size = (await fs.promises.stat(abs)).size;
  // Loaded on the first archive: most runs read one-page dumps, and loading warcio costs each process (and each
  // worker thread) about 50 ms.
  const { WARCParser } = await import('warcio');
  const parser = new WARCParser(fs.createReadStream(abs, { highWaterMark: 256 * 1024 }));
  let offset = 0;
  let first = true;
  try {
    for (;;) {
      const rec = await parser.parse();
      if (!rec) break;
      offset = parser.offset;
      if (!/^WARC\/\d/.test(rec.warcHeaders.protocol ?? '')) {
        yield first
          ? rejected(source, 'not a WARC file (it does not start with a WARC/1.x record)', hashText(source))
          : rejected(`${source}#${offset}`, `unreadable WARC data at byte ${offset} (the rest of the file is skipped)`, hashText(`${source}#${offset}`));
        return;
      }
      first = false;
      const type = rec.warcType ?? '';
      if (!PAGE_TYPES.has(type)) continue; // warcinfo, request, metadata, revisit, continuation: not pages
      const out = await warcRecord(rec, type, `${source}#${offset}`);
      if (out) yield out;
    }
  } catch (e) {
    yield rejected(`${source}#${offset}`, `unreadable WARC data after byte ${offset}: ${(e as Error).message} (the rest of the file is skipped)`, hashText(`${source}#${offset}`));
    return;
  }
  // warcio stops quietly at a gzip member it cannot inflate (a truncated download): say what was left.
  const end = parser._reader.getRawOffset();
  if (first) yield rejected(source, 'not a WARC file (no WARC record in it)', hashText(source));
  else if (end < size) {
    yield rejected(`${source}#${end}`, `truncated or corrupt WARC data: bytes ${end}–${size} could not be read`, hashText(`${source}#${end}`));
  }
}

async function warcRecord(rec: WARCRecord, type: string, src: string): Promise<DumpRecord | undefined> {
  const url = rec.warcTargetURI ?? undefined;
  const crawledAt = rec.warcDate ?? undefined;
  const base = { source: src, ...(url ? { url } : {}), ...(crawledAt ? { crawledAt } : {}) };
  let format: 'text' | 'html';
  const hints: DecodeHints = {};

  if (type === 'response') {
    if (url && /^dns:/i.test(url)) return undefined; // a crawler's DNS lookup, not a page
    const http = rec.httpHeaders;
    const status = Number(http?.statusCode);
    if (!http || !Number.isFinite(status) || status < 100) {
      const hash = await hashPayload(rec);
      return { ...base, ...rejected(src, 'not an HTTP response (no status line)', hash) };
    }
    const ctype = http.headers.get('content-type') ?? '';
    const mime = ctype.split(';')[0].trim().toLowerCase();
    let reason: string | undefined;
    if (status >= 300 && status < 400) {
      const loc = http.headers.get('location');
      reason = `redirect (HTTP ${status})${loc ? ` to ${loc}` : ''}`;
    } else if (status >= 400) reason = `HTTP error status ${status}`;
    else if (status < 200 || status === 204) reason = `no page (HTTP ${status})`;
    else if (mime && !HTML_TYPES.has(mime)) reason = `not HTML (Content-Type ${mime})`;
    const enc = (http.headers.get('content-encoding') ?? '').trim().toLowerCase();
    if (!reason && enc && !['identity', 'gzip', 'x-gzip', 'deflate'].includes(enc)) reason = `compressed with ${enc} (not supported)`;
    const length = Number(http.headers.get('content-length') ?? NaN);
    if (!reason && !enc && length > MAX_PAGE_BYTES) reason = `too large for one page (${mb(length)})`;
    if (reason) return { ...base, ...rejected(src, reason, await hashPayload(rec)) };
    format = 'html';
    hints.html = true;
    const charset = /charset\s*=\s*["']?([^"';\s]+)/i.exec(ctype)?.[1];
    if (charset) hints.charset = charset;
  } else {
    // resource / conversion: the WARC record's own Content-Type describes the block.
    const ctype = rec.warcContentType ?? '';
    const mime = ctype.split(';')[0].trim().toLowerCase();
    const charset = /charset\s*=\s*["']?([^"';\s]+)/i.exec(ctype)?.[1];
    if (charset) {
      hints.charset = charset;
      hints.charsetSource = 'WARC Content-Type';
    }
    if (type === 'conversion') format = 'text';
    else if (HTML_TYPES.has(mime)) format = 'html';
    else if (mime === 'text/plain' || mime === '') format = 'text';
    else return { ...base, ...rejected(src, `not HTML or text (Content-Type ${mime})`, await hashPayload(rec)) };
    hints.html = format === 'html';
  }

  const payload = await readPayload(rec);
  if ('tooLarge' in payload) return { ...base, ...rejected(src, `too large for one page (${mb(payload.size)})`, payload.hash) };
  if ('error' in payload) return { ...base, ...rejected(src, payload.error, payload.hash) };
  const { bytes, hash } = payload;
  if (type === 'response' && !rec.httpHeaders?.headers.get('content-type') && !looksLikeHtml(bytes)) {
    return { ...base, ...rejected(src, 'not HTML (no Content-Type, and the bytes do not look like a page)', hash) };
  }
  const d = decode(bytes, hints);
  if (!d.ok) return { ...base, ...rejected(src, d.reason, hash) };
  return { ...base, format, text: d.text, encoding: d.encoding, hash };
}

/** The record's payload (HTTP body after de-chunking and Content-Encoding), hashed as it streams, capped. */
async function readPayload(rec: WARCRecord): Promise<{ bytes: Uint8Array; hash: string } | { tooLarge: true; size: number; hash: string } | { error: string; hash: string }> {
  const h = createHash('sha256');
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for await (const chunk of rec) {
      h.update(chunk);
      size += chunk.length;
      if (size <= MAX_PAGE_BYTES) chunks.push(chunk);
      else chunks.length = 0;
    }
  } catch (e) {
    return { error: `unreadable payload: ${(e as Error).message}`, hash: h.digest('hex').slice(0, 16) };
  }
  const hash = h.digest('hex').slice(0, 16);
  // The WARC record's block ended before its Content-Length (a truncated file).
  const missing = (rec._reader as { limit?: number }).limit;
  if (typeof missing === 'number' && missing > 0) return { error: `truncated record (${missing} bytes missing)`, hash };
  if (size > MAX_PAGE_BYTES) return { tooLarge: true, size, hash };
  return { bytes: Buffer.concat(chunks, size), hash };
}

/** Hash of a payload that is not kept (rejected records): streamed, never held. */
async function hashPayload(rec: WARCRecord): Promise<string> {
  const h = createHash('sha256');
  try {
    for await (const chunk of rec) h.update(chunk);
  } catch {
    // The hash of what could be read still identifies the record.
  }
  return h.digest('hex').slice(0, 16);
}

// ---------------------------------------------------------------------------------------------------------

function rejected(source: string, reason: string, hash: string): DumpRecord {
  return { source, format: 'text', text: '', reject: reason, hash };
}

/** First 16 hex characters of the SHA-256 of some bytes. */
export function hashBytes(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex').slice(0, 16);
}

function hashText(text: string): string {
  return hashBytes(Buffer.from(text, 'utf8'));
}

function mb(n: number): string {
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
