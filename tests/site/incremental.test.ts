// Incremental site builds: after articles are added, changed and removed, a rebuild into the same folder that
// renders only the pages whose inputs changed gives byte for byte the site a full build of the same content
// gives; a change of settings renders everything again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { buildSite } from '../../src/site/build.ts';
import { readMeta } from '../../src/site/archive.ts';
import { STATE_FILE } from '../../src/site/pages.ts';
import { parseArticle, serializeArticle, type ArticleMeta } from '../../src/store/article.ts';
import { contentDir, filesOf, tempDir } from '../helpers.ts';

const TOPICS = ['syria', 'russia', 'egypt', 'economy', 'lebanon'];
const OUTLETS = ['سانا', 'المغرب اليوم', 'بوابة النيل'];
const PARAS = [
  'أعلن وزير الخارجية أن المحادثات ستستأنف مطلع الشهر المقبل بمشاركة وفود من عدة دول عربية وأجنبية.',
  'وأضاف أن الحكومة ستواصل العمل على تنفيذ الخطة التي أعلنتها في الأسابيع الماضية رغم الصعوبات.',
  'وأشار إلى أن الاتصالات مستمرة مع الجهات الإقليمية والدولية لاحتواء الأزمة في أقرب وقت ممكن.',
];

function article(i: number, extra: Partial<ArticleMeta> = {}): { name: string; text: string } {
  const id = `a${String(i).padStart(9, '0')}`;
  const day = (i * 7) % 28 + 1;
  const meta: ArticleMeta = {
    id,
    title: `خبر رقم ${i}: ${PARAS[i % 3]!.slice(0, 30)}`,
    title_from: 'page',
    date: i % 9 === 0 ? undefined : `2016-${String((i % 4) + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
    date_kind: i % 9 === 0 ? 'none' : 'explicit',
    outlet: OUTLETS[i % 3],
    place: 'دمشق',
    topics: [TOPICS[i % 5]!, TOPICS[(i * 3 + 1) % 5]!].filter((t, k, arr) => arr.indexOf(t) === k).sort(),
    story: `s${Math.floor(i / 3)}`,
    sources: [`dump-${i}.txt`],
    words: 60,
    ...extra,
  };
  return { name: `${id}.md`, text: serializeArticle({ meta, body: `${PARAS.join('\n\n')}\n\nفقرة خاصة بالخبر ${i}.\n` }) };
}

function write(content: string, a: { name: string; text: string }): void {
  fs.mkdirSync(path.join(content, 'articles'), { recursive: true });
  fs.writeFileSync(path.join(content, 'articles', a.name), a.text);
}

/** Every file of a built site (but the build state) with its bytes. */
const tree = (dir: string) => filesOf(dir, STATE_FILE);

function assertSameTree(a: string, b: string): void {
  const ta = tree(a);
  const tb = tree(b);
  assert.deepEqual([...ta.keys()].sort(), [...tb.keys()].sort(), 'the same files');
  const differ = [...ta.keys()].filter((k) => !ta.get(k)!.equals(tb.get(k)!));
  assert.deepEqual(differ, [], 'the same bytes');
}

test('an incremental rebuild after adding, changing and removing articles equals a full build', async () => {
  const content = contentDir();
  fs.writeFileSync(path.join(content, '_data', 'site.yaml'), 'page_size: 5\n');
  for (let i = 1; i <= 40; i++) write(content, article(i));
  const out = path.join(tempDir(), 'site');
  const first = await buildSite({ content, out });
  assert.equal(first.incremental, false);
  assert.ok(fs.existsSync(path.join(out, STATE_FILE)));

  // Nothing changed: nothing is rendered again.
  const same = await buildSite({ content, out });
  assert.equal(same.incremental, true);
  assert.equal(same.rendered, 0);
  assert.equal(same.pages, first.pages);

  // A new article in the middle of the dates, a retitled one, a removed one (its day page goes with it).
  write(content, article(41, { date: '2016-02-10' }));
  write(content, article(12, { title: 'عنوان جديد للخبر الثاني عشر' }));
  const gone = article(20);
  const goneDay = parseArticle(gone.text).meta.date!;
  fs.rmSync(path.join(content, 'articles', gone.name));
  const next = await buildSite({ content, out });
  assert.equal(next.incremental, true);
  // Rendered by the templates run directly (src/site/direct.ts), compared below with Eleventy's full build.
  assert.ok(next.steps && 'render' in next.steps && !('eleventy' in next.steps), JSON.stringify(next.steps));
  assert.ok(next.rendered! > 0 && next.rendered! < first.pages / 2, `rendered ${next.rendered} of ${next.pages}`);
  assert.ok(next.deleted! >= 1);
  assert.ok(!fs.existsSync(path.join(out, 'a', 'a000000020')), 'the removed article has no page');

  const cold = path.join(tempDir(), 'cold');
  // In worker threads, which must render exactly what the main thread renders.
  const full = await buildSite({ content, out: cold, full: true, workers: 2 });
  assert.equal(full.incremental, false);
  assert.equal(next.pages, full.pages);
  assertSameTree(out, cold);
  assert.ok(goneDay);

  // Settings are in every page's signature: a change renders every page again (and an article removed
  // meanwhile still loses its page).
  fs.writeFileSync(path.join(content, '_data', 'site.yaml'), 'page_size: 5\ntitle: أرشيف التجربة\n');
  fs.rmSync(path.join(content, 'articles', article(21).name));
  const retitled = await buildSite({ content, out });
  assert.equal(retitled.incremental, false);
  const cold2 = path.join(tempDir(), 'cold2');
  await buildSite({ content, out: cold2 });
  assertSameTree(out, cold2);
  assert.match(fs.readFileSync(path.join(out, 'a', 'a000000001', 'index.html'), 'utf8'), /أرشيف التجربة/);
  assert.ok(!fs.existsSync(path.join(out, 'a', 'a000000021')));
});

test('a hand edit that keeps the file size is still seen', async () => {
  const content = contentDir();
  for (let i = 1; i <= 6; i++) write(content, article(i));
  const out = path.join(tempDir(), 'site');
  await buildSite({ content, out });
  const file = path.join(content, 'articles', article(3).name);
  const text = fs.readFileSync(file, 'utf8');
  // Same length, different words, and a time stamp the build saw before.
  const st = fs.statSync(file);
  fs.writeFileSync(file, text.replace('فقرة خاصة', 'جملة خاصة'));
  fs.utimesSync(file, st.atime, st.mtime);
  const r = await buildSite({ content, out });
  assert.ok(r.rendered! >= 1);
  assert.match(fs.readFileSync(path.join(out, 'a', 'a000000003', 'index.html'), 'utf8'), /جملة خاصة/);
});

test('front-matter is read the quick way exactly as the YAML parser reads it', () => {
  const cases = [
    article(5).text,
    article(9).text,
    '---\nid: 1234567890\ntitle: 12 قتيلا في غارة\ndate: 2016-03-25\ntopics: [syria, 2016, null]\nsources: [a.txt]\n---\n\nنص\n',
    '---\nid: 1e5\ntitle: "عنوان: مع نقطتين"\nwords: 007\ntopics: []\nsources: []\n---\n\nنص\n',
    "---\nid: abc\ntitle: 'مفرد ''مقتبس'''\nplace: true\ncredit: ~\ntopics: [\"a, b\", c]\nsources: x.txt\n---\n\nنص\n",
    '---\nid: abc\ntitle: عنوان # تعليق\nouter:\n  inner: 1\ntopics: [a]\nsources: []\n---\n\nنص\n',
    '---\nid: 0x1F\ntitle: -عنوان\ndate_kind: inferred\ntopics: [a]\nsources: []\nhashtags: [سوريا, لافروف]\n---\n\nنص\n',
  ];
  for (const text of cases) assert.deepEqual(readMeta(text), parseArticle(text).meta, text);
});

test('a change that no list shows (a new story id) renders the article pages and feeds again, not the lists', async () => {
  const content = contentDir();
  fs.writeFileSync(path.join(content, '_data', 'site.yaml'), 'page_size: 5\n');
  for (let i = 1; i <= 12; i++) write(content, article(i));
  const out = path.join(tempDir(), 'site');
  await buildSite({ content, out, search: false });
  const signatures = () => JSON.parse(fs.readFileSync(path.join(out, STATE_FILE), 'utf8')).pages as Record<string, string>;
  const before = signatures();
  write(content, article(4, { story: 'another-story' }));
  const r = await buildSite({ content, out, search: false });
  assert.equal(r.incremental, true);
  const after = signatures();
  const changed = Object.keys(after).filter((f) => after[f] !== before[f]);
  // Its page and those of its old story (their story lists), and the feeds that show it whole.
  assert.ok(changed.includes('a/a000000004/index.html'), changed.join(', '));
  assert.ok(changed.includes('feed.xml'), changed.join(', '));
  const lists = changed.filter((f) => !/^a\/|feed\.xml$/.test(f));
  assert.deepEqual(lists, [], 'lists show no story id');
  const cold = path.join(tempDir(), 'cold');
  await buildSite({ content, out: cold, full: true, search: false });
  assertSameTree(out, cold);
});
