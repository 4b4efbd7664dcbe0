// Input readers (issue #11): .txt, .html, JSON Lines, WARC/WET (plain and per-record gzip) → DumpRecords.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { ROOT, tempDir } from '../helpers.ts';
import { readAhead, readRecords } from '../../src/ingest/records.ts';
import type { DumpRecord } from '../../src/ingest/record.ts';
import { makeBigWarc, measure } from '../../scripts/big-warc.ts';

const DIR = path.join(ROOT, 'tests/fixtures/formats');
const ARTICLE_URL = 'https://www.alrafed.example/culture/2023/09/21/amman-book-fair-opens';

async function read(abs: string, rel = path.basename(abs), problem?: string): Promise<DumpRecord[]> {
  const out: DumpRecord[] = [];
  for await (const r of readRecords({ abs, rel, ...(problem ? { problem } : {}) })) out.push(r);
  return out;
}
const fixture = (name: string) => read(path.join(DIR, name), name);
const sha16 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex').slice(0, 16);

test('.txt and .html: one record each, hashed on the file bytes', async () => {
  const [txt] = await fixture('article.txt');
  assert.equal(txt.source, 'article.txt');
  assert.equal(txt.format, 'text');
  assert.equal(txt.encoding, 'utf-8');
  assert.equal(txt.hash, sha16(fs.readFileSync(path.join(DIR, 'article.txt'))));
  assert.equal(txt.text.split('\n')[0], 'افتتاح الدورة العشرين لمعرض عمّان الدولي للكتاب بمشاركة 400 دار نشر | الرافد نيوز');
  const [html] = await fixture('article.html');
  assert.equal(html.format, 'html');
  assert.equal(html.encoding, 'utf-8 (meta charset)');
  assert.ok(html.text.includes('<link rel="canonical" href="' + ARTICLE_URL + '">'));
  assert.equal(html.reject, undefined);
});

for (const name of ['sample.warc', 'sample.warc.gz']) {
  test(`${name}: pages become records, non-pages are rejected with a reason, the rest skipped`, async () => {
    const recs = await fixture(name);
    const byUrl = new Map(recs.map((r) => [r.url, r]));
    // 4 HTML responses + 301 + image + 404; no warcinfo, request, metadata or revisit records.
    assert.equal(recs.length, 7);
    assert.deepEqual(recs.filter((r) => !r.reject).map((r) => r.format), ['html', 'html', 'html', 'html']);
    const article = byUrl.get(ARTICLE_URL)!;
    assert.equal(article.text, fs.readFileSync(path.join(DIR, 'article.html'), 'utf8'));
    assert.equal(article.hash, sha16(fs.readFileSync(path.join(DIR, 'article.html'))), 'the payload hash is the page file hash');
    assert.equal(article.crawledAt, '2023-09-22T06:15:02Z');
    assert.equal(article.encoding, 'utf-8 (HTTP header)');
    // windows-1256 bytes, charset in the HTTP header.
    const tunis = byUrl.get('https://assahel.example/eco/2023/10/03/dates-exports.html')!;
    assert.equal(tunis.encoding, 'windows-1256 (HTTP header)');
    assert.ok(tunis.text.includes('<title>صادرات التمور التونسية ترتفع 12 بالمئة في الموسم الماضي - جريدة الساحل</title>'));
    assert.ok(tunis.text.includes('«دقلة النور»'));
    // gzip Content-Encoding in chunked Transfer-Encoding; charset only in <meta>.
    const rabat = byUrl.get('https://atlaspress.example/societe/pluies-orageuses-20231109')!;
    assert.equal(rabat.text, fs.readFileSync(path.join(DIR, 'pages/rabat-rain.html'), 'utf8'));
    assert.equal(rabat.encoding, 'utf-8 (meta charset)');
    assert.ok(byUrl.get('https://gulfwire.example/business/aqaba-record-traffic')!.text.includes('Port of Aqaba'));
    assert.equal(byUrl.get('http://alrafed.example/culture/amman-book-fair')!.reject, `redirect (HTTP 301) to ${ARTICLE_URL}`);
    assert.equal(byUrl.get('https://www.alrafed.example/assets/logo.png')!.reject, 'not HTML (Content-Type image/png)');
    assert.equal(byUrl.get('https://www.alrafed.example/culture/2023/09/20/removed')!.reject, 'HTTP error status 404');
    for (const r of recs) {
      assert.match(r.source, new RegExp(`^${name.replace(/\./g, '\\.')}#\\d+$`));
      assert.match(r.hash, /^[0-9a-f]{16}$/);
      if (r.reject) assert.equal(r.text, '');
    }
  });
}

test('WARC sources are byte offsets where each record (or its gzip member) starts', async () => {
  for (const name of ['sample.warc', 'sample.warc.gz']) {
    const bytes = fs.readFileSync(path.join(DIR, name));
    for (const r of await fixture(name)) {
      const offset = Number(r.source.split('#')[1]);
      let at = bytes.subarray(offset);
      if (name.endsWith('.gz')) at = zlib.gunzipSync(at.subarray(0, 64 * 1024), { finishFlush: zlib.constants.Z_SYNC_FLUSH });
      const head = at.subarray(0, 600).toString('latin1');
      assert.ok(head.startsWith('WARC/1.0\r\n'), `${r.source}: ${JSON.stringify(head.slice(0, 20))}`);
      assert.ok(head.includes(`WARC-Target-URI: ${r.url}\r\n`), r.source);
    }
  }
});

test('plain and gzipped WARCs give the same records', async () => {
  const strip = (rs: DumpRecord[]) => rs.map(({ source: _s, ...rest }) => rest);
  assert.deepEqual(strip(await fixture('sample.warc.gz')), strip(await fixture('sample.warc')));
  assert.deepEqual(strip(await fixture('sample.wet.gz')), strip(await fixture('sample.wet')));
});

test('one article as .txt, .html and in the WARC/WET: the same page', async () => {
  const [txt] = await fixture('article.txt');
  const [html] = await fixture('article.html');
  const warc = (await fixture('sample.warc.gz')).find((r) => r.url === ARTICLE_URL)!;
  const wet = (await fixture('sample.wet')).find((r) => r.url === ARTICLE_URL)!;
  assert.equal(warc.text, html.text);
  assert.equal(warc.hash, html.hash);
  assert.equal(wet.text, txt.text);
  assert.equal(wet.format, 'text');
});

test('WET: conversion records are text pages with URL and crawl date', async () => {
  const recs = await fixture('sample.wet');
  assert.equal(recs.length, 3);
  assert.ok(recs.every((r) => r.format === 'text' && !r.reject && r.encoding === 'utf-8' && r.url && r.crawledAt));
  assert.equal(recs[1].text.split('\n')[0], 'صادرات التمور التونسية ترتفع 12 بالمئة في الموسم الماضي - جريدة الساحل');
});

test('JSON Lines: one record per line, bad lines rejected by line number, blank lines skipped', async () => {
  const recs = await fixture('sample.jsonl');
  assert.deepEqual(recs.map((r) => r.source), [1, 2, 3, 4, 6, 7, 8].map((n) => `sample.jsonl#${n}`));
  const [rabat, tunis, broken, notext, array, mojibake, both] = recs;
  assert.equal(rabat.format, 'text');
  assert.equal(rabat.url, 'https://atlaspress.example/societe/pluies-orageuses-20231109');
  assert.deepEqual(rabat.hints, { title: 'أمطار رعدية مرتقبة بعدد من مناطق المملكة ابتداء من الجمعة', date: '2023-11-09' });
  assert.ok(rabat.text.includes('الرباط - أعلنت المديرية العامة للأرصاد الجوية'));
  assert.equal(tunis.format, 'html');
  assert.ok(tunis.text.includes('<h1>صادرات التمور التونسية ترتفع 12 بالمئة في الموسم الماضي</h1>'));
  assert.equal(broken.reject, 'line 3: not JSON');
  assert.equal(notext.reject, 'line 4: no "text" or "html" field');
  assert.equal(array.reject, 'line 6: not a JSON object');
  assert.equal(mojibake.encoding, 'utf-8 (repaired mojibake from windows-1256)');
  assert.equal(mojibake.text, fs.readFileSync(path.join(DIR, 'encodings/utf-8.txt'), 'utf8'));
  assert.equal(both.format, 'html', 'html wins over text');
  const lines = fs.readFileSync(path.join(DIR, 'sample.jsonl')).toString('utf8').split('\n');
  assert.equal(rabat.hash, sha16(Buffer.from(lines[0], 'utf8')));
});

test('JSON Lines in gzip, and a line that is not UTF-8', async () => {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'x.jsonl.gz'), zlib.gzipSync(fs.readFileSync(path.join(DIR, 'sample.jsonl'))));
  const gz = await read(path.join(dir, 'x.jsonl.gz'));
  assert.equal(gz.length, 7);
  assert.equal(gz[0].hints?.date, '2023-11-09');
  fs.writeFileSync(path.join(dir, 'y.ndjson'), Buffer.concat([Buffer.from('{"text": "'), Buffer.from([0xc7, 0xe1]), Buffer.from('"}\r\n{"text":"سطر"}')]));
  const [bad, good] = await read(path.join(dir, 'y.ndjson'));
  assert.equal(bad.reject, 'line 1: not UTF-8 (JSON Lines must be UTF-8)');
  assert.equal(good.text, 'سطر');
  assert.equal(good.source, 'y.ndjson#2');
});

test('broken inputs become rejections, never exceptions', async () => {
  const dir = tempDir();
  const warc = fs.readFileSync(path.join(DIR, 'sample.warc'));
  const gz = fs.readFileSync(path.join(DIR, 'sample.warc.gz'));
  fs.writeFileSync(path.join(dir, 'notwarc.warc'), 'hello, this is not a WARC\n');
  fs.writeFileSync(path.join(dir, 'cut.warc'), warc.subarray(0, 5000));
  fs.writeFileSync(path.join(dir, 'cut.warc.gz'), gz.subarray(0, 5000));
  fs.writeFileSync(path.join(dir, 'image.html'), Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'));
  fs.writeFileSync(path.join(dir, 'empty.txt'), '');
  fs.writeFileSync(path.join(dir, 'bad.html.gz'), 'not gzip at all');

  assert.deepEqual((await read(path.join(dir, 'notwarc.warc'))).map((r) => r.reject), ['not a WARC file (it does not start with a WARC/1.x record)']);
  const cut = await read(path.join(dir, 'cut.warc'));
  assert.deepEqual(cut.map((r) => [r.source, r.reject]), [['cut.warc#941', 'truncated record (2957 bytes missing)']]);
  const cutGz = await read(path.join(dir, 'cut.warc.gz'));
  assert.equal(cutGz.length, 2);
  assert.equal(cutGz[0].url, ARTICLE_URL);
  assert.match(cutGz[1].reject!, /^truncated or corrupt WARC data: bytes \d+–5000 could not be read$/);
  assert.equal((await read(path.join(dir, 'image.html')))[0].reject, 'not text: a PNG image');
  assert.equal((await read(path.join(dir, 'empty.txt')))[0].reject, 'empty file');
  assert.equal((await read(path.join(dir, 'bad.html.gz')))[0].reject, 'not a readable gzip file');
  assert.equal((await read(path.join(dir, 'gone.txt')))[0].reject, 'unreadable: ENOENT');
  const [problem] = await read(path.join(dir, 'link.txt'), 'link.txt', 'broken symbolic link');
  assert.deepEqual([problem.source, problem.reject, problem.text], ['link.txt', 'broken symbolic link', '']);
});

test('files without a telling name: a WARC is sniffed, an HTML page is read as HTML', async () => {
  const dir = tempDir();
  fs.copyFileSync(path.join(DIR, 'sample.warc.gz'), path.join(dir, 'CC-MAIN-00001'));
  const recs = await read(path.join(dir, 'CC-MAIN-00001'));
  assert.equal(recs.length, 7);
  assert.equal(recs[0].source.split('#')[0], 'CC-MAIN-00001');
  fs.copyFileSync(path.join(DIR, 'article.html'), path.join(dir, 'page'));
  assert.equal((await read(path.join(dir, 'page')))[0].format, 'html');
  fs.writeFileSync(path.join(dir, 'page.html.gz'), zlib.gzipSync(fs.readFileSync(path.join(DIR, 'article.html'))));
  const [gz] = await read(path.join(dir, 'page.html.gz'));
  assert.equal(gz.text, fs.readFileSync(path.join(DIR, 'article.html'), 'utf8'));
});

test('WARC resource records, DNS records and responses without Content-Type', async () => {
  const rec = (headers: string, block: string) => {
    const b = Buffer.from(block, 'utf8');
    return `WARC/1.0\r\n${headers}Content-Length: ${b.length}\r\n\r\n${block}\r\n\r\n`;
  };
  const page = '<!DOCTYPE html><html lang="ar"><head><title>خبر</title></head><body><p>نص الخبر</p></body></html>';
  const warc =
    rec('WARC-Type: response\r\nWARC-Target-URI: dns:www.alrafed.example\r\nWARC-Date: 2023-09-22T06:15:00Z\r\nContent-Type: text/dns\r\n', '20230922061500\nwww.alrafed.example. 300 IN A 192.0.2.7\n') +
    rec('WARC-Type: resource\r\nWARC-Target-URI: https://a.example/p.html\r\nWARC-Date: 2023-09-22T06:15:01Z\r\nContent-Type: text/html; charset=utf-8\r\n', page) +
    rec('WARC-Type: resource\r\nWARC-Target-URI: https://a.example/p.txt\r\nWARC-Date: 2023-09-22T06:15:02Z\r\nContent-Type: text/plain\r\n', 'خبر\nنص الخبر\n') +
    rec('WARC-Type: resource\r\nWARC-Target-URI: https://a.example/s.css\r\nWARC-Date: 2023-09-22T06:15:03Z\r\nContent-Type: text/css\r\n', 'body{}') +
    rec('WARC-Type: response\r\nWARC-Target-URI: https://a.example/n\r\nWARC-Date: 2023-09-22T06:15:04Z\r\nContent-Type: application/http; msgtype=response\r\n', `HTTP/1.1 200 OK\r\nServer: nginx\r\n\r\n${page}`) +
    rec('WARC-Type: response\r\nWARC-Target-URI: https://a.example/br\r\nWARC-Date: 2023-09-22T06:15:05Z\r\nContent-Type: application/http; msgtype=response\r\n', 'HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: br\r\n\r\nxx');
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'mixed.warc'), warc);
  const recs = await read(path.join(dir, 'mixed.warc'));
  assert.deepEqual(
    recs.map((r) => [r.url, r.format, r.reject ?? r.encoding]),
    [
      ['https://a.example/p.html', 'html', 'utf-8 (WARC Content-Type)'],
      ['https://a.example/p.txt', 'text', 'utf-8'],
      ['https://a.example/s.css', 'text', 'not HTML or text (Content-Type text/css)'],
      ['https://a.example/n', 'html', 'utf-8'],
      ['https://a.example/br', 'text', 'compressed with br (not supported)'],
    ],
  );
});

test('streaming: a 20 MB WARC is read with bounded memory', async () => {
  const dir = tempDir();
  const file = path.join(dir, 'big.warc');
  await makeBigWarc(file, 20);
  const m = await measure(file);
  assert.ok(m.pages > 90, `${m.pages} pages`);
  assert.ok(m.growthMB < 100, `RSS grew by ${m.growthMB} MB`);
});

test('pages read ahead: the same records as read in place; only one-page files the caller wants; a failed read falls back', async () => {
  const dir = tempDir();
  const names = ['article.txt', 'article.html', 'sample.jsonl'];
  for (const n of names) fs.copyFileSync(path.join(DIR, n), path.join(dir, n));
  const inputs = names.map((n) => ({ abs: path.join(dir, n), rel: n }));
  const ahead = readAhead(inputs, (i) => i.rel !== 'article.html');
  // JSON Lines are streamed, never read whole; the HTML page is not wanted.
  assert.deepEqual([...ahead.keys()].map((i) => i.rel), ['article.txt']);
  const viaAhead: DumpRecord[] = [];
  for await (const r of readRecords(inputs[0]!, { bytes: ahead.get(inputs[0]!) })) viaAhead.push(r);
  assert.deepEqual(viaAhead, await read(inputs[0]!.abs, 'article.txt'));
  assert.equal(viaAhead[0]!.hash, sha16(fs.readFileSync(path.join(DIR, 'article.txt'))));
  // The bytes read ahead are the ones used (the file is not read again).
  const given = Buffer.from('عنوان الخبر\n\nنص الخبر كما قرئ مسبقا.\n');
  const used: DumpRecord[] = [];
  for await (const r of readRecords(inputs[0]!, { bytes: Promise.resolve(given) })) used.push(r);
  assert.equal(used[0]!.hash, sha16(given));
  assert.equal(used[0]!.text.split('\n')[0], 'عنوان الخبر');
  // A read ahead that failed (undefined) leaves the file to be read in place.
  const fallback: DumpRecord[] = [];
  for await (const r of readRecords(inputs[1]!, { bytes: Promise.resolve(undefined) })) fallback.push(r);
  assert.deepEqual(fallback, await read(inputs[1]!.abs, 'article.html'));
  // A file gone before its read ahead: no exception, and the reader reports it.
  const gone = { abs: path.join(dir, 'gone.txt'), rel: 'gone.txt' };
  const missing = readAhead([gone], () => true).get(gone)!;
  assert.equal(await missing, undefined);
  const rejected: DumpRecord[] = [];
  for await (const r of readRecords(gone, { bytes: missing })) rejected.push(r);
  assert.equal(rejected.length, 1);
  assert.match(rejected[0]!.reject ?? '', /unreadable: ENOENT/);
});
