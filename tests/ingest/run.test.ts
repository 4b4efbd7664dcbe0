// The ingest run: incremental by record hash, replaced and orphaned articles, worker threads give the same bytes.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import test from 'node:test';
import { ingest } from '../../src/ingest/run.ts';
import { packScan, unpackScan } from '../../src/ingest/workers.ts';
import { contentDir, ROOT, tempDir } from '../helpers.ts';

const EXTRA = path.join(ROOT, 'tests/fixtures/extra');

function dumpsFrom(names: string[]): string {
  const dir = tempDir();
  for (const n of names) fs.copyFileSync(path.join(EXTRA, n), path.join(dir, n));
  return dir;
}

function snapshot(content: string): Map<string, string> {
  const out = new Map<string, string>();
  const dir = path.join(content, 'articles');
  for (const f of fs.readdirSync(dir).sort()) out.set(f, fs.readFileSync(path.join(dir, f), 'utf8'));
  return out;
}

test('a second run over unchanged dumps parses nothing and writes nothing', async () => {
  const dumps = dumpsFrom(['101_portal_eg.txt', '102_wire.txt', '108_levant.txt']);
  const content = contentDir();
  const first = await ingest({ paths: [dumps], content });
  assert.equal(first.totals.written, 3);
  assert.equal(first.work.parsed, 3);
  const before = snapshot(content);
  const second = await ingest({ paths: [dumps], content });
  assert.deepEqual(second.totals, { written: 0, unchanged: 3, duplicate: 0, rejected: 0 });
  assert.equal(second.work.parsed, 0);
  assert.equal(second.work.cleaned, 0);
  assert.ok(second.inputs.every((i) => i.cached));
  assert.deepEqual(snapshot(content), before);
});

test('a new dump costs one parse; a changed dump replaces its article; a removed one is kept until --prune', async () => {
  const dumps = dumpsFrom(['101_portal_eg.txt', '102_wire.txt']);
  const content = contentDir();
  await ingest({ paths: [dumps], content });
  fs.copyFileSync(path.join(EXTRA, '108_levant.txt'), path.join(dumps, '108_levant.txt'));
  const added = await ingest({ paths: [dumps], content });
  assert.equal(added.work.parsed, 1);
  assert.equal(added.totals.written, 1);

  // Change the wire story's text: its article (id = hash of the text) is replaced, not duplicated.
  const wire = path.join(dumps, '102_wire.txt');
  const oldArticle = added.inputs.find((i) => i.path.endsWith('102_wire.txt'))!.article!;
  const lines = fs.readFileSync(wire, 'utf8').split('\n');
  const longest = lines.reduce((a, l, i) => (l.length > lines[a]!.length ? i : a), 0);
  lines[longest] = `${lines[longest]} وأكد المتحدث أن الاجتماع المقبل سيعقد الأسبوع القادم.`;
  fs.writeFileSync(wire, lines.join('\n'));
  const changed = await ingest({ paths: [dumps], content });
  const now = changed.inputs.find((i) => i.path.endsWith('102_wire.txt'))!;
  assert.equal(now.status, 'written');
  assert.notEqual(now.article, oldArticle);
  assert.equal(changed.removed.length, 1);
  assert.equal(fs.readdirSync(path.join(content, 'articles')).length, 3);

  // Remove a dump: its article stays and is reported, until --prune.
  fs.rmSync(path.join(dumps, '101_portal_eg.txt'));
  const kept = await ingest({ paths: [dumps], content });
  assert.equal(kept.orphaned.length, 1);
  assert.equal(fs.readdirSync(path.join(content, 'articles')).length, 3);
  const pruned = await ingest({ paths: [dumps], content, prune: true });
  assert.equal(pruned.removed.length, 1);
  assert.equal(fs.readdirSync(path.join(content, 'articles')).length, 2);
});

test('a hand-edited article survives re-ingest and a change of its dump', async () => {
  const dumps = dumpsFrom(['103_opinion_gulf.txt']);
  const content = contentDir();
  const r = await ingest({ paths: [dumps], content });
  const file = r.inputs[0]!.article!;
  const edited = fs.readFileSync(file, 'utf8').replace(/^title: .*$/m, 'title: عنوان عدّله المحرر');
  fs.writeFileSync(file, edited);
  const again = await ingest({ paths: [dumps], content });
  assert.equal(fs.readFileSync(file, 'utf8'), edited);
  assert.equal(again.kept_hand_edits.length, 1);
});

test('an unchanged article file is not read again, yet a same-size hand edit is still found; a deleted one is written again', async () => {
  const dumps = dumpsFrom(['102_wire.txt']);
  const content = contentDir();
  const r = await ingest({ paths: [dumps], content });
  const file = r.inputs[0]!.article!;
  const manifest = () => JSON.parse(fs.readFileSync(path.join(content, '.arshif/manifest.json'), 'utf8')).articles as Record<string, { size: number; mtime: number }>;
  const entry = Object.values(manifest())[0]!;
  const st = fs.statSync(file);
  assert.deepEqual([entry.size, entry.mtime], [st.size, st.mtimeMs], 'the manifest records the file as written');
  assert.equal((await ingest({ paths: [dumps], content })).totals.unchanged, 1);
  // One Arabic letter for another (ة for ه: two bytes each): the same size, a later modification time.
  const text = fs.readFileSync(file, 'utf8');
  const edited = text.replace('ة', 'ه');
  assert.notEqual(edited, text);
  assert.equal(Buffer.byteLength(edited), Buffer.byteLength(text));
  fs.writeFileSync(file, edited);
  fs.utimesSync(file, st.atime, new Date(st.mtimeMs + 5000));
  const again = await ingest({ paths: [dumps], content });
  assert.equal(again.kept_hand_edits.length, 1);
  assert.equal(fs.readFileSync(file, 'utf8'), edited);
  fs.rmSync(file);
  const third = await ingest({ paths: [dumps], content });
  assert.equal(third.totals.written, 1);
  assert.equal(fs.readFileSync(file, 'utf8'), text);
});

/**
 * Two sample dumps that tell one story (a story is named after its first article by id), built together into
 * a cold content folder; `later` is the one whose story changes when `earlier` joins it.
 */
async function storyPair() {
  const pair = ['000_c165a42ed11c2292.txt', '003_146a293be66b7c19.txt'];
  const both = tempDir();
  for (const n of pair) fs.copyFileSync(path.join(ROOT, 'dumps', n), path.join(both, n));
  const coldRun = await ingest({ paths: [both], content: contentDir() });
  const files = coldRun.inputs.map((i) => i.article!);
  const ids = files.map((f) => /-([0-9a-f]{10})\.md$/.exec(f)![1]!);
  const [later, earlier] = ids[0]! > ids[1]! ? [0, 1] : [1, 0];
  return { later: path.join(both, pair[later]!), earlier: path.join(both, pair[earlier]!), coldLater: files[later]!, coldEarlier: files[earlier]! };
}

const storyOf = (file: string) => /^story: (.+)$/m.exec(fs.readFileSync(file, 'utf8'))![1];

test('an article whose page is unchanged is written again when its story or its sources change', async () => {
  const { later, earlier, coldLater, coldEarlier } = await storyPair();
  assert.equal(storyOf(coldLater), storyOf(coldEarlier), 'the pair is one story');
  // The later id alone first: its story is its own, until the earlier id arrives and names the story.
  const dumps = tempDir();
  const content = contentDir();
  fs.copyFileSync(later, path.join(dumps, path.basename(later)));
  const alone = await ingest({ paths: [dumps], content });
  const file = alone.inputs[0]!.article!;
  assert.notEqual(storyOf(file), storyOf(coldLater));
  fs.copyFileSync(earlier, path.join(dumps, path.basename(earlier)));
  const joined = await ingest({ paths: [dumps], content });
  // Its page came from the cache: the body was read back from the stored entry.
  const mine = joined.inputs.find((i) => i.path.endsWith(path.basename(later)))!;
  assert.ok(mine.cached);
  assert.equal(mine.status, 'written');
  assert.equal(fs.readFileSync(file, 'utf8'), fs.readFileSync(coldLater, 'utf8'));

  // A copy of a page under another name: the article lists both sources.
  const copy = `copy-${path.basename(later)}`;
  fs.copyFileSync(later, path.join(dumps, copy));
  const copied = await ingest({ paths: [dumps], content });
  assert.equal(copied.inputs.find((i) => i.path.endsWith(path.basename(later)) && !i.path.includes('copy-'))!.status, 'written');
  assert.match(fs.readFileSync(file, 'utf8'), new RegExp(`^sources: \\[.*, ${copy.replace('.', '\\.')}\\]$`, 'm'));
});

test('a stored result that cannot be read back when its article must be written: the file is kept, the page reported, the next run cleans it again', async () => {
  const { later, earlier, coldLater } = await storyPair();
  const dumps = tempDir();
  const content = contentDir();
  fs.copyFileSync(later, path.join(dumps, path.basename(later)));
  const file = (await ingest({ paths: [dumps], content })).inputs[0]!.article!;
  const before = fs.readFileSync(file, 'utf8');
  fs.copyFileSync(earlier, path.join(dumps, path.basename(earlier)));
  // The store's segments cut short while the run writes its articles (as a disk error or another process might).
  const store = path.join(content, '.arshif', 'entries');
  let damaged = false;
  const onProgress = (p: { phase: string }) => {
    if (p.phase !== 'write' || damaged) return;
    damaged = true;
    for (const f of fs.readdirSync(store)) if (f.endsWith('.seg')) fs.truncateSync(path.join(store, f), 10);
  };
  const hurt = await ingest({ paths: [dumps], content, onProgress });
  const mine = hurt.inputs.find((i) => i.path.endsWith(path.basename(later)))!;
  assert.equal(mine.status, 'rejected');
  assert.match(mine.reason!, /could not be read back; run again/);
  assert.equal(fs.readFileSync(file, 'utf8'), before, 'the article is kept as it was');
  const healed = await ingest({ paths: [dumps], content });
  const again = healed.inputs.find((i) => i.path.endsWith(path.basename(later)))!;
  assert.equal(again.status, 'written');
  assert.equal(again.cached, false);
  assert.equal(fs.readFileSync(file, 'utf8'), fs.readFileSync(coldLater, 'utf8'));
});

test('worker threads and a single thread give byte-identical content', async () => {
  const dumps = dumpsFrom(fs.readdirSync(EXTRA).filter((f) => f.endsWith('.txt')));
  const one = contentDir();
  const two = contentDir();
  await ingest({ paths: [dumps], content: one, workers: 1 });
  const r = await ingest({ paths: [dumps], content: two, workers: 2 });
  assert.equal(r.totals.rejected, 1);
  assert.deepEqual(snapshot(two), snapshot(one));
  // Again in two threads: every record now comes from its cache entry, line keys and all, across the threads.
  const again = await ingest({ paths: [dumps], content: two, workers: 2 });
  assert.equal(again.totals.written, 0);
  assert.deepEqual(again.inputs.filter((i) => i.cached === false).map((i) => i.path), [], 'every record read back from its cache entry');
  assert.deepEqual(snapshot(two), snapshot(one));
});

test('scan results cross threads with their line keys joined, and come back as they were (none, one, many)', () => {
  const records = [{ keys: [] }, { keys: ['s1abc'] }, { keys: ['L2def', 's1abc', 'sz'] }, {}].map((x, i) => ({ source: `p${i}`, hash: `h${i}`, format: 'text' as const, ...x }));
  const result = { results: [{ records: structuredClone(records) }] };
  packScan(result);
  assert.ok(result.results[0]!.records.every((s) => s.keys === undefined));
  assert.deepEqual(unpackScan(structuredClone(result)).results[0]!.records.map((s) => s.keys), records.map((s) => s.keys));
});

test('every record of a multi-record input is reported once, named file#record', async () => {
  const content = contentDir();
  const r = await ingest({ paths: [path.join(ROOT, 'tests/fixtures/formats/sample.warc')], content, cwd: ROOT });
  const paths = r.inputs.map((i) => i.path);
  assert.equal(new Set(paths).size, paths.length);
  assert.ok(paths.every((p) => /^tests\/fixtures\/formats\/sample\.warc#\d+$/.test(p)), paths.join(', '));
  assert.ok(r.totals.written >= 2);
  assert.ok(r.inputs.some((i) => i.status === 'rejected' && /redirect/.test(i.reason ?? '')));
  const article = r.inputs.find((i) => i.status === 'written')!.article!;
  assert.match(fs.readFileSync(path.join(ROOT, article), 'utf8'), /^url: https?:\/\//m);
});
