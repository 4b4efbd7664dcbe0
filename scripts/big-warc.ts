// Streaming check for the WARC reader (issue #11): writes a large synthetic WARC into a temp folder, then
// iterates readRecords over it in a fresh process while sampling that process's resident memory.
//   node --import tsx scripts/big-warc.ts [SIZE_MB=200] [--gzip] [--keep]
//   node --import tsx scripts/big-warc.ts --measure FILE      (only the reading half, prints JSON)
// Prints records read, peak RSS (sampled, and the kernel's maxRSS for the reading process) and RSS growth
// over the baseline taken just before reading. The archive
// mixes ~60 KB Arabic HTML responses, request records, 8 MB binary responses (streamed past, never held)
// and one 40 MB HTML response (over the one-page cap: rejected without being held).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { readRecords } from '../src/ingest/records.ts';

const PARA =
  'وقال رئيس اتحاد الناشرين في كلمة خلال حفل الافتتاح إن المعرض يضم هذا العام نحو 150 ألف عنوان، بينها أكثر من 30 ألف عنوان تُعرض للمرة الأولى، مشيراً إلى أن الإدارة خصصت جناحاً لكتب الأطفال واليافعين.';

function page(i: number, paragraphs: number): Buffer {
  const body = Array.from({ length: paragraphs }, (_, k) => `<p>${PARA} (${i}-${k})</p>`).join('\n');
  return Buffer.from(
    `<!DOCTYPE html>\n<html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>خبر رقم ${i} | الرافد نيوز</title>` +
      `<link rel="canonical" href="https://www.alrafed.example/news/${i}"></head>\n<body><nav><a href="/">الرئيسية</a></nav>\n<h1>خبر رقم ${i}</h1>\n${body}\n</body></html>\n`,
    'utf8',
  );
}

function warcRecord(type: string, url: string, http: string | undefined, payload: Buffer, n: number): Buffer {
  const block = http ? Buffer.concat([Buffer.from(http.replace(/\n/g, '\r\n') + '\r\n', 'latin1'), payload]) : payload;
  const ct = type === 'request' ? 'application/http; msgtype=request' : 'application/http; msgtype=response';
  const head =
    `WARC/1.0\r\nWARC-Type: ${type}\r\nWARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-${String(n).padStart(12, '0')}>\r\n` +
    `WARC-Date: 2024-01-01T00:00:00Z\r\nWARC-Target-URI: ${url}\r\nContent-Type: ${ct}\r\nContent-Length: ${block.length}\r\n\r\n`;
  return Buffer.concat([Buffer.from(head, 'latin1'), block, Buffer.from('\r\n\r\n')]);
}

/** Writes a synthetic WARC of about `sizeMB` megabytes (uncompressed) to `file`; returns the number of records. */
export async function makeBigWarc(file: string, sizeMB: number, gzip = false): Promise<number> {
  const out = fs.createWriteStream(file);
  const write = (b: Buffer) => new Promise<void>((res, rej) => (out.write(gzip ? zlib.gzipSync(b, { level: 1 }) : b, (e) => (e ? rej(e) : res()))));
  const target = sizeMB * 1024 * 1024;
  let written = 0;
  let n = 0;
  const binary = Buffer.alloc(8 * 1024 * 1024, 0xab);
  while (written < target) {
    n++;
    let rec: Buffer;
    if (n % 301 === 0) {
      rec = warcRecord('response', `https://www.alrafed.example/media/${n}.mp4`, `HTTP/1.1 200 OK\nContent-Type: video/mp4\nContent-Length: ${binary.length}\n`, binary, n);
    } else if (n === 500) {
      const huge = page(n, 160_000); // ~40 MB of HTML: over MAX_PAGE_BYTES
      rec = warcRecord('response', `https://www.alrafed.example/news/${n}`, `HTTP/1.1 200 OK\nContent-Type: text/html; charset=utf-8\nContent-Length: ${huge.length}\n`, huge, n);
    } else if (n % 2 === 0) {
      rec = warcRecord('request', `https://www.alrafed.example/news/${n + 1}`, `GET /news/${n + 1} HTTP/1.1\nHost: www.alrafed.example\n`, Buffer.alloc(0), n);
    } else {
      const p = page(n, 240);
      rec = warcRecord('response', `https://www.alrafed.example/news/${n}`, `HTTP/1.1 200 OK\nContent-Type: text/html; charset=utf-8\nContent-Length: ${p.length}\n`, p, n);
    }
    await write(rec);
    written += rec.length;
  }
  await new Promise<void>((res) => out.end(res));
  return n;
}

export interface Measure {
  /** The kernel's peak resident set size of the whole process (MB). */
  maxRssMB: number;
  records: number;
  pages: number;
  rejected: number;
  baselineMB: number;
  peakMB: number;
  growthMB: number;
  seconds: number;
}

/** Iterates readRecords over a file, sampling RSS every 20 ms and after every record. */
export async function measure(file: string): Promise<Measure> {
  (globalThis as { gc?: () => void }).gc?.();
  const mbOf = (n: number) => Math.round((n / 1024 / 1024) * 10) / 10;
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sample = () => {
    const r = process.memoryUsage().rss;
    if (r > peak) peak = r;
  };
  const timer = setInterval(sample, 20);
  const t0 = Date.now();
  let records = 0;
  let pages = 0;
  let rejected = 0;
  for await (const rec of readRecords({ abs: file, rel: path.basename(file) })) {
    records++;
    if (rec.reject) rejected++;
    else pages++;
    sample();
  }
  clearInterval(timer);
  sample();
  return { maxRssMB: mbOf(process.resourceUsage().maxRSS * 1024), records, pages, rejected, baselineMB: mbOf(baseline), peakMB: mbOf(peak), growthMB: mbOf(peak - baseline), seconds: (Date.now() - t0) / 1000 };
}

async function main() {
  const args = process.argv.slice(2);
  if (args[0] === '--measure') {
    console.log(JSON.stringify(await measure(args[1])));
    return;
  }
  const sizeMB = Number(args.find((a) => /^\d+$/.test(a)) ?? 200);
  const gzip = args.includes('--gzip');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'arshif-big-warc-'));
  const file = path.join(dir, gzip ? 'big.warc.gz' : 'big.warc');
  try {
    const t0 = Date.now();
    const n = await makeBigWarc(file, sizeMB, gzip);
    const size = fs.statSync(file).size;
    console.log(`wrote ${file}: ${n} WARC records, ${(size / 1024 / 1024).toFixed(1)} MB on disk (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    // A fresh process, so the writer's buffers do not count.
    const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--measure', file], { encoding: 'utf8' });
    if (child.status !== 0) throw new Error(`measuring failed: ${child.stderr}`);
    const m = JSON.parse(child.stdout.trim().split('\n').pop()!) as Measure;
    console.log(`read ${m.records} records (${m.pages} pages, ${m.rejected} rejected) in ${m.seconds.toFixed(1)} s`);
    console.log(`RSS of the reading process: baseline ${m.baselineMB} MB, sampled peak ${m.peakMB} MB (growth ${m.growthMB} MB), kernel maxRSS ${m.maxRssMB} MB`);
  } finally {
    if (!args.includes('--keep')) fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
