// The entry store (src/ingest/entry-store.ts): cache entries and review records packed into segments with an
// index, read back by position; what ingest leaves in it and what `arshif report` reads from it.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import test from 'node:test';
import { INDEX_FILE, readIndex, SegmentReader, SegmentWriter, writeIndex } from '../../src/ingest/entry-store.ts';
import { ingest } from '../../src/ingest/run.ts';
import { reviewItems } from '../../src/cli/report.ts';
import { contentDir, ROOT, tempDir } from '../helpers.ts';

test('a task\'s entries go to two segments, cache entries and review records apart; each is read back exactly, Arabic and all, from its location', () => {
  const dir = tempDir();
  const w = new SegmentWriter(dir);
  const entries = [
    { hash: 'a1', cache: JSON.stringify({ title: 'وزير الخارجية يصل إلى عمّان' }), review: JSON.stringify({ lines: [{ line: 1, text: 'الرئيسية', rule: 'template' }] }) },
    { hash: 'b2', cache: JSON.stringify({ title: 'line\nbreak and "quotes"' }) },
    { hash: 'c3', cache: JSON.stringify({ n: 3 }), review: JSON.stringify({ lines: [] }) },
    // An entry as the ingest stores it: everything but the body, then the body on a line of its own.
    { hash: 'd4', cache: `${JSON.stringify({ id: 'x', facts: { title: 'عنوان' } })}\n${JSON.stringify('الفقرة الأولى.\n\nالفقرة الثانية.')}` },
  ];
  for (const e of entries) w.add(e.hash, e.cache, e.review);
  const written = w.finish();
  assert.equal(written.length, 4);
  const segs = fs.readdirSync(dir).sort();
  assert.equal(segs.length, 2, `two segment files, got ${segs.join(', ')}`);
  for (const seg of segs) assert.match(seg, /^[0-9a-f]{16}\.seg$/);
  // The cache segment holds the cache entries alone, one after the other: a run reads them in order.
  const cacheSeg = written[0]!.loc[0];
  assert.ok(written.every((x) => x.loc[0] === cacheSeg && (!x.review || x.loc[3] !== cacheSeg)));
  assert.equal(fs.readFileSync(path.join(dir, cacheSeg)).toString('utf16le'), entries.map((e) => `${e.cache}\n`).join(''));
  const r = new SegmentReader(dir);
  written.forEach((x, i) => {
    assert.equal(x.hash, entries[i]!.hash);
    assert.equal(r.cache(x.loc), entries[i]!.cache);
    // The first line alone (what every run reads back), and the whole entry where an older index does not say
    // where that line ends.
    assert.equal(r.cacheHead(x.loc), entries[i]!.cache.split('\n')[0]);
    assert.equal(r.cacheHead(x.loc.slice(0, 6) as typeof x.loc), entries[i]!.cache);
    assert.equal(x.review, entries[i]!.review !== undefined);
    if (x.review) assert.equal(r.review(x.loc), entries[i]!.review);
    else assert.equal(r.review(x.loc), null);
  });
  r.close();
  // Same bytes, same name: a segment is named by its content.
  const dir2 = tempDir();
  const w2 = new SegmentWriter(dir2);
  for (const e of entries) w2.add(e.hash, e.cache, e.review);
  w2.finish();
  assert.deepEqual(fs.readdirSync(dir2).sort(), segs);
});

test('the index round-trips, sorted; segments it no longer names and temporary files are removed; damage reads as empty', () => {
  const dir = tempDir();
  const w1 = new SegmentWriter(dir);
  w1.add('zz', '{"old":1}', '{"lines":[]}');
  const [old] = w1.finish();
  const w2 = new SegmentWriter(dir);
  w2.add('zz', '{"new":1}', '{"lines":[1]}');
  w2.add('aa', '{"x":1}');
  const fresh = w2.finish();
  fs.writeFileSync(path.join(dir, '.segment-1-0-9.tmp'), 'half a segment');
  const index = new Map(fresh.map((x) => [x.hash, x.loc]));
  writeIndex(dir, index);
  const text = fs.readFileSync(path.join(dir, INDEX_FILE), 'utf8');
  assert.ok(text.indexOf('"aa"') < text.indexOf('"zz"'), 'hashes sorted');
  assert.deepEqual(readIndex(dir), index);
  assert.ok(!fs.existsSync(path.join(dir, old!.loc[0])), 'the superseded segment is still there');
  assert.ok(fs.existsSync(path.join(dir, fresh[0]!.loc[0])));
  assert.deepEqual(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp')), []);
  fs.writeFileSync(path.join(dir, INDEX_FILE), '{"version":1,"entries":{"aa":');
  assert.equal(readIndex(dir).size, 0);
  const seg = fresh[0]!.loc[0];
  const entries = { aa: ['../../etc/passwd', 0, 10, '', 0, 0], bb: fresh[0]!.loc, cc: [seg, 0, 4, '', 0, 0, 9], dd: [seg, 0, 4, '', 0, 0] };
  fs.writeFileSync(path.join(dir, INDEX_FILE), JSON.stringify({ version: 1, entries }));
  // A first line longer than its entry is damage; a location without one (an older index) is read whole.
  assert.deepEqual([...readIndex(dir).keys()], ['bb', 'dd'], 'a location outside the store is not trusted');
});

test('ingest stores two segments per task, not two files per record; report reads every review record from them', async () => {
  const dumps = tempDir();
  const names = ['101_portal_eg.txt', '102_wire.txt', '108_levant.txt'];
  for (const n of names) fs.copyFileSync(path.join(ROOT, 'tests/fixtures/extra', n), path.join(dumps, n));
  const content = contentDir();
  const report = await ingest({ paths: [dumps], content });
  const store = path.join(content, '.arshif', 'entries');
  const files = fs.readdirSync(store).sort();
  assert.deepEqual(files.filter((f) => f.endsWith('.seg')).length, 2, files.join(', '));
  assert.ok(!fs.existsSync(path.join(content, '.arshif', 'cache')) && !fs.existsSync(path.join(content, '.arshif', 'review')));
  const items = reviewItems(report, content);
  for (const item of items) {
    assert.ok(item.review, `${item.path}: no review record`);
    assert.ok(item.review.lines.length > 10, `${item.path}: ${item.review.lines.length} lines`);
    assert.ok(item.review.lines.some((l) => l.rule === 'template' || l.rule === 'boilerplate' || l.rule === 'outside-article'), `${item.path}: no dropped line`);
  }
  // A second run reuses every entry and leaves the store as it was.
  const before = files.map((f) => fs.readFileSync(path.join(store, f), 'utf8'));
  const again = await ingest({ paths: [dumps], content });
  assert.equal(again.work.parsed, 0);
  assert.deepEqual(fs.readdirSync(store).sort(), files);
  assert.deepEqual(files.map((f) => fs.readFileSync(path.join(store, f), 'utf8')), before);
  // A lost segment costs a re-clean, not a failure.
  for (const f of files) if (f.endsWith('.seg')) fs.rmSync(path.join(store, f));
  const third = await ingest({ paths: [dumps], content });
  assert.equal(third.work.parsed, names.length);
  assert.deepEqual(third.totals, { written: 0, unchanged: 3, duplicate: 0, rejected: 0 });
});

/** One sample dump ingested into a fresh content folder: the run, its store, and the record's location there. */
async function oneDump() {
  const dumps = tempDir();
  fs.copyFileSync(path.join(ROOT, 'tests/fixtures/extra/102_wire.txt'), path.join(dumps, '102_wire.txt'));
  const content = contentDir();
  const report = await ingest({ paths: [dumps], content });
  const store = path.join(content, '.arshif', 'entries');
  return { dumps, content, report, store, loc: readIndex(store).get(report.inputs[0]!.hash!)! };
}

test('a content folder from before the store (review/<hash>.json files) still gives the report its review records', async () => {
  const { content, report, store, loc } = await oneDump();
  const reader = new SegmentReader(store);
  const record = reader.review(loc)!;
  reader.close();
  fs.rmSync(store, { recursive: true });
  fs.mkdirSync(path.join(content, '.arshif', 'review'));
  fs.writeFileSync(path.join(content, '.arshif', 'review', `${report.inputs[0]!.hash}.json`), record);
  const [item] = reviewItems(report, content);
  assert.ok(item!.review && item!.review.lines.length > 10);
});

test('a one-page dump with the size and time it had when last read is not read again; any other change of it is read', async () => {
  const dumps = tempDir();
  const names = ['102_wire.txt', '108_levant.txt'];
  const old = new Date(Date.now() - 3_600_000);
  for (const n of names) {
    fs.copyFileSync(path.join(ROOT, 'tests/fixtures/extra', n), path.join(dumps, n));
    fs.utimesSync(path.join(dumps, n), old, old);
  }
  const content = contentDir();
  const first = await ingest({ paths: [dumps], content });
  const seen = JSON.parse(fs.readFileSync(path.join(content, '.arshif/entries/inputs.json'), 'utf8')).inputs as Record<string, [number, number, string, string]>;
  // Files are known by device and inode.
  const id = (file: string) => {
    const st = fs.statSync(file);
    return `${st.dev}:${st.ino}`;
  };
  assert.deepEqual(Object.keys(seen).sort(), names.map((n) => id(path.join(dumps, n))).sort());
  for (const i of first.inputs) assert.equal(seen[id(path.join(dumps, path.basename(i.path)))]![2], i.hash);

  // Bytes swapped behind arshif's back with the size and time kept: taken as unchanged, so it was not read.
  const wire = path.join(dumps, '102_wire.txt');
  const bytes = fs.readFileSync(wire);
  const swapped = Buffer.from(bytes);
  swapped.reverse();
  fs.writeFileSync(wire, swapped);
  fs.utimesSync(wire, old, old);
  const second = await ingest({ paths: [dumps], content });
  assert.deepEqual(second.totals, { written: 0, unchanged: 2, duplicate: 0, rejected: 0 });
  assert.equal(second.work.parsed, 0);

  // A new modification time: the file is read, and its new bytes are what they are (not a news page now).
  fs.utimesSync(wire, new Date(), new Date());
  const third = await ingest({ paths: [dumps], content });
  const now = third.inputs.find((i) => i.path.endsWith('102_wire.txt'))!;
  assert.notEqual(now.hash, first.inputs.find((i) => i.path.endsWith('102_wire.txt'))!.hash);
  assert.equal(third.work.parsed, 1);
  // Modified just now: not remembered, so the next run reads it again.
  const after = JSON.parse(fs.readFileSync(path.join(content, '.arshif/entries/inputs.json'), 'utf8')).inputs as Record<string, unknown>;
  assert.equal(after[id(wire)], undefined);
  assert.ok(after[id(path.join(dumps, '108_levant.txt'))]);

  // The same file under another name (a hard link in another folder) is known too: nothing is read.
  const elsewhere = tempDir();
  fs.linkSync(path.join(dumps, '108_levant.txt'), path.join(elsewhere, 'levant.txt'));
  const linked = await ingest({ paths: [elsewhere], content });
  assert.equal(linked.work.parsed, 0);
  assert.equal(linked.inputs[0]!.hash, first.inputs.find((i) => i.path.endsWith('108_levant.txt'))!.hash);

  // Under another taxonomy (or other cleaner code) every record is worked on again, so no file counts as seen:
  // bytes swapped with the size and time kept are read this time.
  const levant = path.join(dumps, '108_levant.txt');
  const levantBytes = fs.readFileSync(levant);
  fs.writeFileSync(levant, Buffer.from(levantBytes).reverse());
  fs.utimesSync(levant, old, old);
  assert.equal((await ingest({ paths: [dumps], content })).work.parsed, 0, 'same size and time, same taxonomy: not read');
  fs.appendFileSync(path.join(content, '_data/topics.yaml'), '\n# edited\n');
  const retopic = await ingest({ paths: [dumps], content });
  assert.notEqual(retopic.inputs.find((i) => i.path.endsWith('108_levant.txt'))!.hash, first.inputs.find((i) => i.path.endsWith('108_levant.txt'))!.hash);
});

test('cache entries leave the text to the review record and keep the body on a line of its own; a changed taxonomy takes the text from there, without parsing', async () => {
  const { dumps, content, report: first, store, loc } = await oneDump();
  const reader = new SegmentReader(store);
  // The cache entry: the entry without text and lead, then its body on a line of its own.
  const [head, body, ...more] = reader.cache(loc)!.split('\n');
  const cached = JSON.parse(head!);
  const review = JSON.parse(reader.review(loc)!);
  reader.close();
  assert.equal(more.length, 0);
  assert.equal(cached.text, undefined);
  assert.equal(cached.lead, undefined);
  assert.equal(cached.body, undefined);
  assert.equal(JSON.parse(body!), review.body);
  assert.ok(review.body.length > 1000);
  assert.ok(review.text.length > 1000 && review.lead.length > 50);
  const article = () => fs.readFileSync(first.inputs[0]!.article!, 'utf8');
  assert.match(article(), /^topics: \[.*energy.*\]$/m);

  // A taxonomy without the energy topic: topics are derived again from the review record's text.
  const taxonomy = path.join(content, '_data/topics.yaml');
  const text = fs.readFileSync(taxonomy, 'utf8');
  const without = text.replace(/^- slug: energy\n(?:(?!- slug:)[\s\S])*?(?=^- slug:)/m, '');
  assert.notEqual(without, text, 'the energy topic was not found in the taxonomy');
  fs.writeFileSync(taxonomy, without);
  const second = await ingest({ paths: [dumps], content });
  assert.equal(second.work.parsed, 0);
  assert.doesNotMatch(article(), /^topics: \[.*energy.*\]$/m);

  // The taxonomy back, and the review records lost: the record is cleaned again, with the same result.
  fs.writeFileSync(taxonomy, text);
  const index = readIndex(store);
  for (const [h, l] of index) index.set(h, [l[0], l[1], l[2], '', 0, 0]);
  writeIndex(store, index);
  const third = await ingest({ paths: [dumps], content });
  assert.equal(third.work.parsed, 1);
  assert.match(article(), /^topics: \[.*energy.*\]$/m);
});
