// Incremental search index: a rebuild that reuses the last run's shard files (src/site/search.ts, SearchState)
// reads and scans only the articles it has not indexed before, and gives byte for byte the index a fresh
// build of the same content gives; a damaged, stale or half-written state or shard is not trusted, and the
// shards it concerns are built afresh, still right.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { loadArchive } from '../../src/site/archive.ts';
import { indexSearch, INDEX_DIR, SEARCH_STATE_FILE, type SearchState } from '../../src/site/search.ts';
import { serializeArticle, type ArticleMeta } from '../../src/store/article.ts';
import { contentDir, filesOf, tempDir } from '../helpers.ts';

const WORDS = ['الكهرباء', 'والاقتصاد', 'بالمباراة', 'الفلسطينيين', 'لبنان', 'الكرملين', 'تدمر', 'بيروت', 'وزير', 'المؤتمر', 'السعودية', 'القاهرة'];
const OUTLETS = ['سانا', 'المغرب اليوم', 'بوابة النيل'];

interface Spec {
  date?: string;
  title?: string;
  extra?: string;
}

/** Article i: words chosen by i, so shards have terms of their own, and a date in 2015–2017 or none. */
function article(i: number, spec: Spec = {}): { name: string; text: string } {
  const id = `a${String(i).padStart(9, '0')}`;
  const date = 'date' in spec ? spec.date : i % 7 === 0 ? undefined : `${2015 + (i % 3)}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 27) + 1).padStart(2, '0')}`;
  const meta: ArticleMeta = {
    id,
    title: spec.title ?? `خبر ${i} عن ${WORDS[i % WORDS.length]}`,
    title_from: 'page',
    date,
    date_kind: date ? 'explicit' : 'none',
    outlet: OUTLETS[i % 3],
    place: 'دمشق',
    topics: ['syria'],
    story: `s${i}`,
    sources: [`dump-${i}.txt`],
    words: 30,
  };
  const body = [
    `قال ${WORDS[(i * 5) % WORDS.length]} إن ${WORDS[(i * 7 + 1) % WORDS.length]} ${'يتابع الملف '.repeat(1 + (i % 4))}في الرقم ${i}.`,
    `## ${WORDS[(i * 3) % WORDS.length]}`,
    `وأضاف أن ${WORDS[(i + 2) % WORDS.length]} و${WORDS[(i + 5) % WORDS.length]} ${spec.extra ?? ''}`.trim(),
  ].join('\n\n');
  return { name: `${id}.md`, text: serializeArticle({ meta, body: `${body}\n` }) };
}

function write(content: string, a: { name: string; text: string }): void {
  fs.mkdirSync(path.join(content, 'articles'), { recursive: true });
  fs.writeFileSync(path.join(content, 'articles', a.name), a.text);
}

/** The index and the search state of a site, file by file. */
function indexFiles(site: string): Map<string, Buffer> {
  const files = filesOf(path.join(site, INDEX_DIR), '');
  files.set(SEARCH_STATE_FILE, fs.readFileSync(path.join(site, SEARCH_STATE_FILE)));
  return files;
}

/** The site's index equals the one a fresh build of `content` writes. */
async function assertLikeFresh(site: string, content: string): Promise<void> {
  const fresh = tempDir();
  await indexSearch({ out: fresh, archive: loadArchive(content) });
  const a = indexFiles(site);
  const b = indexFiles(fresh);
  assert.deepEqual([...a.keys()].sort(), [...b.keys()].sort(), 'the same files');
  assert.deepEqual([...a.keys()].filter((k) => !a.get(k)!.equals(b.get(k)!)), [], 'the same bytes');
}

/** A content folder of 80 articles and a site whose index was built from it. */
async function builtSite(): Promise<{ content: string; site: string }> {
  const content = contentDir();
  for (let i = 1; i <= 80; i++) write(content, article(i));
  const site = tempDir();
  await indexSearch({ out: site, archive: loadArchive(content) });
  return { content, site };
}

/** Adds 3 articles (newest, middle, oldest of 2016), changes 2, removes 9 (all of 2015 among them). */
function editContent(content: string): { scanned: number } {
  write(content, article(101, { date: '2016-12-31' }));
  write(content, article(102, { date: '2016-06-15', extra: 'الزنجبيل' }));
  write(content, article(103, { date: '2016-01-01' }));
  write(content, article(4, { title: 'عنوان جديد للخبر الرابع' })); // 2016
  write(content, article(10, { extra: 'القرنفل' })); // 2016
  const removed = [7, 13, 16, 19].map((i) => article(i).name); // undated, 2016, 2016, 2016
  for (let i = 3; i <= 80; i += 3) if (i % 7 !== 0) removed.push(article(i).name); // 2015
  for (const name of removed) fs.rmSync(path.join(content, 'articles', name));
  return { scanned: 5 };
}

const readState = (site: string) => JSON.parse(fs.readFileSync(path.join(site, SEARCH_STATE_FILE), 'utf8')) as SearchState;

test('after articles are added, changed and removed, the updated index equals a fresh one and only new texts were read', async () => {
  const { content, site } = await builtSite();
  const keys = readState(site).shards.map((s) => s.key);
  assert.deepEqual(keys, ['2017', '2016', '2015', 'undated']);
  const { scanned } = editContent(content);
  const r = await indexSearch({ out: site, archive: loadArchive(content) });
  assert.deepEqual(r.rebuilt, ['2016', 'undated']);
  assert.equal(r.scanned, scanned, 'only the added and changed articles are read and scanned');
  assert.ok(!fs.existsSync(path.join(site, INDEX_DIR, '2015')), 'the emptied year has gone');
  await assertLikeFresh(site, content);

  // Nothing changed since: nothing written, not even the state.
  const stamp = fs.statSync(path.join(site, SEARCH_STATE_FILE)).mtimeMs;
  const again = await indexSearch({ out: site, archive: loadArchive(content) });
  assert.deepEqual(again.rebuilt, []);
  assert.equal(fs.statSync(path.join(site, SEARCH_STATE_FILE)).mtimeMs, stamp);

  // More documents than before in a shard (new doc and term files), then fewer (files past the end go).
  for (let i = 200; i < 240; i++) write(content, article(i, { date: `2017-0${1 + (i % 9)}-10` }));
  assert.equal((await indexSearch({ out: site, archive: loadArchive(content) })).scanned, 40);
  await assertLikeFresh(site, content);
  for (let i = 200; i < 240; i++) fs.rmSync(path.join(content, 'articles', article(i).name));
  assert.equal((await indexSearch({ out: site, archive: loadArchive(content) })).scanned, 0);
  await assertLikeFresh(site, content);
});

test('a damaged or missing search state is not trusted: every shard is built afresh', async () => {
  for (const damage of ['{', '', JSON.stringify({ version: 'other', shards: [] })]) {
    const { content, site } = await builtSite();
    editContent(content);
    if (damage) fs.writeFileSync(path.join(site, SEARCH_STATE_FILE), damage);
    else fs.rmSync(path.join(site, SEARCH_STATE_FILE));
    const r = await indexSearch({ out: site, archive: loadArchive(content) });
    assert.equal(r.rebuilt.length, 3, JSON.stringify(damage));
    assert.equal(r.scanned, loadArchive(content).articles.length);
    await assertLikeFresh(site, content);
  }
});

test('shard files that are not what the state describes are not reused', async () => {
  const cases: [string, (site: string) => void][] = [
    ['a term file cut short', (site) => truncate(path.join(site, INDEX_DIR, '2016', 't', '0.json'))],
    ['a term file edited', (site) => edit(path.join(site, INDEX_DIR, '2016', 't', '0.json'), (t) => t.replace(/,(\d+)\]/, (_, n: string) => `,${Number(n) + 16}]`))],
    ['meta.json edited', (site) => edit(path.join(site, INDEX_DIR, '2016', 'meta.json'), (t) => t.replace(/"len":"(.)/, (_, c: string) => `"len":"${c === 'A' ? 'B' : 'A'}`))],
    // (One the update reads: the 2016 files move by one document. A doc file the update leaves alone is trusted,
    // as files of shards that are not rebuilt always were.)
    ['a doc file cut short', (site) => truncate(path.join(site, INDEX_DIR, '2016', 'd', '3.json'))],
  ];
  for (const [what, damage] of cases) {
    const { content, site } = await builtSite();
    damage(site);
    editContent(content);
    const r = await indexSearch({ out: site, archive: loadArchive(content) });
    const in2016 = loadArchive(content).articles.filter((a) => a.meta.date?.startsWith('2016')).length;
    assert.ok(r.scanned >= in2016, `${what}: 2016 read again whole (${r.scanned})`);
    await assertLikeFresh(site, content);
  }

  // A stale state: the state of an earlier build put back after a later one wrote other files.
  const { content, site } = await builtSite();
  const earlier = fs.readFileSync(path.join(site, SEARCH_STATE_FILE));
  write(content, article(300, { date: '2016-05-05' }));
  await indexSearch({ out: site, archive: loadArchive(content) });
  fs.writeFileSync(path.join(site, SEARCH_STATE_FILE), earlier);
  editContent(content);
  const r = await indexSearch({ out: site, archive: loadArchive(content) });
  assert.ok(r.scanned > 5, `2016 read again whole (${r.scanned})`);
  await assertLikeFresh(site, content);
});

test('a run that fails half-way through a shard leaves it unlisted, and the next run repairs it', async () => {
  const { content, site } = await builtSite();
  editContent(content);
  // What a run that failed while writing 2016 leaves: the state without 2016 (written before the shard is
  // touched), some of its files written and others not, shards.json as before.
  const state = readState(site);
  fs.writeFileSync(path.join(site, SEARCH_STATE_FILE), JSON.stringify({ ...state, shards: state.shards.filter((s) => s.key !== '2016') }));
  truncate(path.join(site, INDEX_DIR, '2016', 'd', '0.json'));
  fs.writeFileSync(path.join(site, INDEX_DIR, '2016', 'd', '99.json'), '[]');
  fs.rmSync(path.join(site, INDEX_DIR, '2016', 't', '0.json'));
  // Even with the content put back as it was (its digest is the one shards.json still lists), 2016 is rebuilt.
  const original = tempDir();
  for (let i = 1; i <= 80; i++) write(original, article(i));
  fs.cpSync(path.join(content, '_data'), path.join(original, '_data'), { recursive: true });
  const r = await indexSearch({ out: site, archive: loadArchive(original) });
  assert.deepEqual(r.rebuilt, ['2016']);
  await assertLikeFresh(site, original);
});

function truncate(file: string): void {
  const bytes = fs.readFileSync(file);
  fs.writeFileSync(file, bytes.subarray(0, bytes.length >> 1));
}

function edit(file: string, fn: (text: string) => string): void {
  const text = fs.readFileSync(file, 'utf8');
  const next = fn(text);
  assert.notEqual(next, text, `${file} edited`);
  fs.writeFileSync(file, next);
}
