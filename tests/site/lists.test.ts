// List pages cut by the calendar (src/site/archive.ts, listParts): an article added in the middle of the
// archive's dates rewrites only the pages of the periods and lists it joins, never the pages of other
// periods nor the "latest" window; every article stays reachable from each of its topics, its outlet, the
// date archive or the undated shelf; no pager names a total.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { buildSite } from '../../src/site/build.ts';
import { listParts, loadArchive, type SiteArticle } from '../../src/site/archive.ts';
import { STATE_FILE } from '../../src/site/pages.ts';
import { serializeArticle, type ArticleMeta } from '../../src/store/article.ts';
import { contentDir, filesOf, tempDir } from '../helpers.ts';

const TOPICS = ['syria', 'russia', 'egypt'];
const OUTLETS = ['سانا', 'المغرب اليوم'];
const BODY = 'أعلن وزير الخارجية أن المحادثات ستستأنف مطلع الشهر المقبل بمشاركة وفود من عدة دول عربية وأجنبية.\n';

function write(content: string, i: number, extra: Partial<ArticleMeta> = {}): string {
  const id = `b${String(i).padStart(9, '0')}`;
  // Dates over 2015–2017, two or three a month; every eleventh article undated.
  const month = i % 36;
  const meta: ArticleMeta = {
    id,
    title: `خبر رقم ${i}`,
    title_from: 'page',
    date: i % 11 === 0 ? undefined : `${2015 + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}-${String((i % 27) + 1).padStart(2, '0')}`,
    date_kind: i % 11 === 0 ? 'none' : 'explicit',
    outlet: OUTLETS[i % 2],
    topics: i % 3 === 0 ? [TOPICS[0]!, TOPICS[1]!] : [TOPICS[i % 3]!],
    sources: [`dump-${i}.txt`],
    ...extra,
  };
  fs.mkdirSync(path.join(content, 'articles'), { recursive: true });
  fs.writeFileSync(path.join(content, 'articles', `${id}.md`), serializeArticle({ meta, body: `${BODY}\nفقرة ${i}.\n` }));
  return id;
}

/** Every file of a built site (but the build state) with its bytes. */
const tree = (dir: string) => filesOf(dir, STATE_FILE);

/** Article ids linked from the pages reachable from `start` without leaving the folder `scope` (site files). */
function reachableArticles(out: string, start: string, scope: string): Set<string> {
  const ids = new Set<string>();
  const seen = new Set<string>([start]);
  const queue = [start];
  while (queue.length) {
    const file = queue.pop()!;
    const html = fs.readFileSync(path.join(out, file), 'utf8');
    for (const m of html.matchAll(/\shref="([^"#]+)"/g)) {
      if (/^[a-z]+:/.test(m[1]!)) continue;
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), decodeURIComponent(m[1]!)));
      const a = /^a\/([^/]+)\/index\.html$/.exec(target);
      if (a) ids.add(a[1]!);
      else if (target.startsWith(scope) && target.endsWith('.html') && !seen.has(target)) {
        assert.ok(fs.existsSync(path.join(out, target)), `${file} links to missing ${target}`);
        seen.add(target);
        queue.push(target);
      }
    }
  }
  return ids;
}

test('lists are cut by year and month; period pages read oldest first; a short list is shown whole', () => {
  const content = contentDir();
  fs.writeFileSync(path.join(content, '_data', 'site.yaml'), 'page_size: 5\n');
  for (let i = 1; i <= 90; i++) write(content, i);
  const archive = loadArchive(content);
  const syria = archive.topics.find((t) => t.topic.slug === 'syria')!;
  const parts = listParts(syria.topic, syria.articles, 5);
  assert.equal(parts[0]!.kind, 'front');
  assert.deepEqual(parts[0]!.items, syria.articles.slice(0, 5), 'the front page shows the newest articles');
  // Every article of the list is on exactly one period page (or the undated part).
  const listed = parts.slice(1).flatMap((p) => p.items);
  assert.equal(listed.length, syria.articles.length);
  assert.deepEqual(new Set(listed), new Set(syria.articles));
  for (const p of parts.filter((x) => x.kind === 'year' || x.kind === 'month')) {
    const dates = p.items.map((a) => a.meta.date!);
    assert.deepEqual(dates, [...dates].sort(), 'oldest first');
    assert.ok(p.items.length <= 5);
    for (const a of p.items) assert.equal(Number(a.meta.date!.slice(0, 4)), p.year);
  }
  // Years over page_size are split into months; a month over page_size into parts.
  const front = parts[0]!;
  for (const y of front.periods!) {
    const yearPage = parts.find((p) => p.kind === 'year' && p.year === y.year)!;
    if (y.count > 5) {
      assert.ok(y.months && yearPage.items.length === 0);
      assert.equal(y.months.reduce((n, m) => n + m.count, 0), y.count);
    } else assert.equal(yearPage.items.length, y.count);
  }
  const short = listParts('x', syria.articles.slice(0, 5), 5);
  assert.equal(short.length, 1);
  assert.equal(short[0]!.all, true);
});

test('an article added in the middle of the dates rewrites only its own lists and periods; every article stays reachable', async () => {
  const content = contentDir();
  fs.writeFileSync(path.join(content, '_data', 'site.yaml'), 'page_size: 5\n');
  for (let i = 1; i <= 90; i++) write(content, i);
  const out = path.join(tempDir(), 'site');
  await buildSite({ content, out, search: false });
  const before = tree(out);

  // No pager names a page count ("الصفحة 2 من 9").
  for (const [file, bytes] of before) if (file.endsWith('.html')) assert.doesNotMatch(bytes.toString("utf8"), /<nav class="pager"[^>]*>(?:(?!<\/nav>)[^])*\sمن\s/, file);

  // One article in June 2016 (the archive runs from January 2015 to December 2017), of one topic and outlet.
  const id = write(content, 91, { date: '2016-06-14', topics: ['egypt'], outlet: 'سانا' });
  const r = await buildSite({ content, out, search: false });
  assert.equal(r.incremental, true);
  const after = tree(out);
  const changed = [...after.keys()].filter((f) => !before.get(f)?.equals(after.get(f)!)).sort();
  const html = changed.filter((f) => f.endsWith('.html'));

  const archive = loadArchive(content);
  const egypt = archive.topics.find((t) => t.topic.slug === 'egypt')!;
  const sana = archive.outlets.find((o) => o.name === 'سانا')!;
  const allowed = [
    // The new article and its neighbours by date (their previous/next links).
    /^a\/[^/]+\/index\.html$/,
    // Its day, its month (parts from where it lands), its year, the date index and home (counts).
    /^dates\/2016\/06\//,
    /^dates\/2016\/index\.html$/,
    /^dates\/index\.html$/,
    /^index\.html$/,
    // The topic and outlet indexes (counts), and the front page, year and June 2016 pages of its lists.
    /^topics\/index\.html$/,
    /^outlets\/index\.html$/,
    new RegExp(`^topics/egypt/(index\\.html|2016/index\\.html|2016/06/)`),
    new RegExp(`^outlets/${sana.key}/(index\\.html|2016/index\\.html|2016/06/)`),
    /^404\.html$|^search\/index\.html$/,
  ];
  const unexpected = html.filter((f) => !allowed.some((re) => re.test(f)));
  assert.deepEqual(unexpected, [], `pages rewritten that do not show the new article: ${unexpected.join(', ')}`);
  const articlePages = html.filter((f) => f.startsWith('a/'));
  assert.ok(articlePages.length <= 3, `article pages rewritten: ${articlePages.join(', ')}`);
  assert.ok(html.includes(`a/${id}/index.html`));
  assert.ok(html.includes('topics/egypt/index.html'));
  assert.ok(html.some((f) => f.startsWith("topics/egypt/2016/")), `the topic page of its period: ${html.join(", ")}`);
  assert.ok(!html.some((f) => f.startsWith('latest/')), 'the latest window does not hold a 2016 article');
  assert.ok(html.length < 25, `${html.length} pages rewritten: ${html.join(', ')}`);
  // Nothing the new article is not in changed: other topics' pages and feeds.
  assert.ok(!changed.some((f) => f.startsWith('topics/syria/') || f.startsWith('topics/russia/')));

  // The rebuilt folder is the site a full build of the same content gives.
  const cold = path.join(tempDir(), 'cold');
  await buildSite({ content, out: cold, full: true, search: false });
  const full = tree(cold);
  assert.deepEqual([...after.keys()].sort(), [...full.keys()].sort());
  assert.deepEqual([...after.keys()].filter((k) => !after.get(k)!.equals(full.get(k)!)), []);

  // Every article is linked from each of its topics' pages, its outlet's pages, and its day or the undated shelf.
  const byDay = new Map<string, SiteArticle[]>();
  for (const t of archive.topics) assert.deepEqual(reachableArticles(out, `topics/${t.topic.slug}/index.html`, `topics/${t.topic.slug}/`), new Set(t.articles.map((a) => a.meta.id)), `topic ${t.topic.slug}`);
  for (const o of archive.outlets) assert.deepEqual(reachableArticles(out, `outlets/${o.key}/index.html`, `outlets/${o.key}/`), new Set(o.articles.map((a) => a.meta.id)), `outlet ${o.name}`);
  const dated = reachableArticles(out, 'dates/index.html', 'dates/');
  for (const a of archive.articles) {
    assert.ok(dated.has(a.meta.id), `${a.meta.id} (${a.meta.date ?? 'undated'}) is not reachable from the date archive`);
    if (a.meta.date) byDay.set(a.meta.date, [...(byDay.get(a.meta.date) ?? []), a]);
  }
  for (const [day, arts] of byDay) {
    const page = fs.readFileSync(path.join(out, 'dates', ...day.split('-'), 'index.html'), 'utf8');
    for (const a of arts) assert.ok(page.includes(`a/${a.meta.id}/index.html`), `${a.meta.id} on its day page`);
  }
  assert.ok(egypt.articles.some((a) => a.meta.id === id));
});

test('the latest window holds the newest articles only and leads to the date archive; a newer article moves it', async () => {
  const content = contentDir();
  fs.writeFileSync(path.join(content, '_data', 'site.yaml'), 'page_size: 5\n');
  for (let i = 1; i <= 60; i++) write(content, i);
  const out = path.join(tempDir(), 'site');
  await buildSite({ content, out, search: false });
  const pages = fs.readdirSync(path.join(out, 'latest')).filter((f) => f.startsWith('page-'));
  assert.equal(pages.length, 3, 'four pages of five');
  const last = fs.readFileSync(path.join(out, 'latest', 'page-4', 'index.html'), 'utf8');
  assert.match(last, /dates\/index\.html/, 'the last page leads to the date archive');
  // The newest article lands on the first page and moves the window by one.
  write(content, 200, { date: '2018-01-01' });
  // In worker threads (an incremental build runs the templates without Eleventy: src/site/direct.ts).
  const r = await buildSite({ content, out, search: false, workers: 2 });
  assert.ok(r.rendered! > 0 && r.rendered! < 30, `rendered ${r.rendered}`);
  assert.match(fs.readFileSync(path.join(out, 'latest', 'index.html'), 'utf8'), /a\/b000000200\/index\.html/);
  const cold = path.join(tempDir(), 'cold');
  await buildSite({ content, out: cold, full: true, search: false });
  const [a, b] = [tree(out), tree(cold)];
  assert.deepEqual([...a.keys()].sort(), [...b.keys()].sort());
  assert.deepEqual([...a.keys()].filter((k) => !a.get(k)!.equals(b.get(k)!)), []);
});
