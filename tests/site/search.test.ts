// Site search: the browser's query engine (templates/assets/search.js, run in a Node VM over the index files
// on disk) finds Arabic words whatever clitics the query or the text carries, needs every query word, ranks
// title matches first and shows the real title and text; the browser script reduces queries exactly as the
// index was built; shards are rewritten only when their articles change; the output is deterministic.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { ingest } from '../../src/ingest/run.ts';
import { buildSite } from '../../src/site/build.ts';
import { loadArchive, type SiteArticle } from '../../src/site/archive.ts';
import {
  assignShards, indexForms, indexSearch, indexWords, plainText, plainTextMarkdown, queryForm, queryTerm, searchForms, searchQuery, suffixStem, textPieces,
  lengthCode, type ShardMeta, type ShardState,
} from '../../src/site/search.ts';
import { matchKey, matchTokens } from '../../src/arabic/normalize.ts';
import { contentDir, ROOT, tempDir } from '../helpers.ts';

const content = contentDir();
await ingest({ paths: [path.join(ROOT, 'dumps')], content });
const out = path.join(tempDir(), '_site');
const built = buildSite({ content, out });

interface Hit { key: string; doc: number; score: number }
interface Found { query: string; terms: string[]; total: number; hits: Hit[] }
interface Result { url: string; title: string; date: string; outlet: string; iso: string; excerpt: string }
interface Engine {
  search(q: string): Promise<Found>;
  load(hits: Hit[], terms: string[]): Promise<Result[]>;
  results(q: string, from?: number, count?: number): Promise<{ total: number; terms: string[]; results: Result[] }>;
}
interface BrowserApi {
  matchKey(t: string): string;
  matchTokens(t: string): string[];
  searchForms(w: string): string[];
  queryForm(w: string): string;
  suffixStem(w: string): string;
  indexForms(w: string): string[];
  queryTerm(w: string): string;
  searchQuery(q: string): string;
  excerpt(text: string, forms: string[], length: number): string;
  decodeLengths(text: string): number[];
  digits(n: number, style: string): string;
  countText(total: number, style: string): string;
  resultHtml(r: Result, root: string): string;
  createEngine(fetchJson: (p: string) => Promise<unknown>): Engine;
}

function loadBrowserScript(): BrowserApi {
  const code = fs.readFileSync(path.join(ROOT, 'templates/assets/search.js'), 'utf8');
  const sandbox: Record<string, unknown> = {};
  vm.runInNewContext(code, sandbox);
  return sandbox.arshifSearch as BrowserApi;
}

const api = loadBrowserScript();

/** The browser's engine over a built site's index, reading the files from disk; `fetched` lists what it read. */
function engineFor(site: string, fetched: string[] = []): Engine {
  return api.createEngine(async (p: string) => {
    fetched.push(p);
    return JSON.parse(fs.readFileSync(path.join(site, p), 'utf8'));
  });
}

let siteEngine: Engine | undefined;
async function engine(): Promise<Engine> {
  await built;
  return (siteEngine ??= engineFor(out));
}

/** Result URLs (relative to the site root) for what a reader types, best first. */
async function find(query: string, e?: Engine): Promise<string[]> {
  const en = e ?? (await engine());
  const r = await en.search(query);
  // Arrays made in the VM's realm: copied into this one for deepEqual.
  return [...(await en.load(r.hits, r.terms))].map((x) => x.url);
}

const urlOf = (a: SiteArticle) => `${a.url.replace(/^\//, '')}index.html`;

function articleWith(word: string, dir = content): SiteArticle {
  const arts = loadArchive(dir).articles.filter((a) => a.body.includes(word) || a.meta.title.includes(word));
  assert.ok(arts.length >= 1, `no sample article has «${word}»`);
  return arts[0]!;
}

test('queries with and without ال, و, ب, لل find the article whatever form its text uses', async () => {
  const kremlin = articleWith('الكرملين');
  for (const q of ['الكرملين', 'كرملين', 'والكرملين', 'بالكرملين', 'للكرملين', 'وكرملين', 'الكِرْمِلين', 'الكرمـــلين', 'كرمل']) {
    assert.ok((await find(q)).includes(urlOf(kremlin)), `«${q}» should find ${kremlin.url}`);
  }
  const palmyra = articleWith('تدمر');
  for (const q of ['تدمر', 'وتدمر', 'بتدمر', 'لتدمر']) assert.ok((await find(q)).includes(urlOf(palmyra)), `«${q}» should find ${palmyra.url}`);
  const rabat = articleWith('والرباط');
  for (const q of ['الرباط', 'رباط', 'بالرباط']) assert.ok((await find(q)).includes(urlOf(rabat)), `«${q}» should find ${rabat.url}`);
});

test('every query word must match (AND); a query that matches nothing finds nothing', async () => {
  const e = await engine();
  const keys = async (q: string) => new Set((await e.search(q)).hits.map((h) => `${h.key}/${h.doc}`));
  const kremlin = articleWith('الكرملين');
  assert.ok((await find('الكرملين والرباط')).includes(urlOf(kremlin)), 'both words are in that article');
  for (const [a, b] of [['الكرملين', 'الرباط'], ['تدمر', 'روسيا'], ['المغرب', 'لبنان']] as const) {
    const both = await keys(`${a} ${b}`);
    const ka = await keys(a);
    const kb = await keys(b);
    assert.deepEqual([...both].sort(), [...ka].filter((k) => kb.has(k)).sort(), `«${a} ${b}» = «${a}» ∩ «${b}»`);
  }
  assert.deepEqual(await find('الكرملين زنجبيلستانية'), [], 'one word matching nothing empties the result');
  assert.deepEqual(await find('زنجبيلستانية'), []);
  assert.deepEqual(await find('و ب'), [], 'lone letters are not searched');
  const none = await e.results('قرنبيطستان');
  assert.equal(none.total, 0);
  assert.equal(none.results.length, 0);
});

test('results carry the real title, date and an excerpt of the real text with the words marked', async () => {
  const e = await engine();
  const kremlin = articleWith('الكرملين');
  const r = await e.results('كرملين', 0, 10);
  const hit = r.results.find((x) => x.url === urlOf(kremlin))!;
  assert.ok(hit, 'found');
  assert.equal(hit.title, kremlin.meta.title);
  if (kremlin.meta.date) {
    assert.equal(hit.iso, kremlin.meta.date);
    assert.ok(hit.date, 'an Arabic date');
  } else assert.equal(hit.date, '');
  assert.match(hit.excerpt, /<mark>الكرملين<\/mark>/);
  assert.doesNotMatch(hit.excerpt, /كرملين كرملين/, 'the excerpt is the text, not the indexed forms');
  // The excerpt's words (marks taken off) are a run of the article's own text.
  const plain = hit.excerpt.replace(/<\/?mark>/g, '').replace(/^… |…$/g, '').trim().replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  assert.ok(plainText(kremlin.body).replace(/\n/g, ' ').includes(plain.split(' ').slice(0, 6).join(' ')), plain);
  // The list item a page shows: the title links to the article under the page's root.
  const li = api.resultHtml(hit, '../');
  assert.ok(li.startsWith(`<li><a href="../${urlOf(kremlin)}">`), li.slice(0, 120));
  assert.match(li, /<mark>الكرملين<\/mark>/);
  assert.equal(api.countText(1234, 'arab'), 'عدد النتائج: ١٢٣٤');
  assert.equal(api.countText(12, 'latn'), 'عدد النتائج: 12');
});

/** A copy of the sample archive with one article's title and another's body given a rare word. */
function editedArchive(): { dir: string; inTitle: SiteArticle; inBody: SiteArticle } {
  const dir = contentDir();
  fs.cpSync(content, dir, { recursive: true });
  const arts = loadArchive(dir).articles;
  // Title match on the shorter article, body-only match on the longer one: BM25's length normalisation
  // then works against the title match, which still has to win.
  const [shorter, longer] = [...arts].sort((a, b) => a.body.length - b.body.length);
  const edit = (a: SiteArticle, fn: (text: string) => string) => {
    const file = path.join(dir, a.file);
    fs.writeFileSync(file, fn(fs.readFileSync(file, 'utf8')));
  };
  edit(shorter!, (t) => t.replace(/^title: (.*)$/m, (_, title: string) => `title: "<b>الزنجبيل</b> & ${title.replace(/^["']|["']$/g, '').replace(/"/g, '')}"`));
  edit(longer!, (t) => t.replace(/\n\n([^\n]+)\n/, '\n\n$1 وأضاف الخبير أن الزنجبيل مفيد.\n'));
  const again = loadArchive(dir).articles;
  return { dir, inTitle: again.find((a) => a.meta.id === shorter!.meta.id)!, inBody: again.find((a) => a.meta.id === longer!.meta.id)! };
}

test('a title match outranks a body-only match; HTML in titles is shown as text', async () => {
  const { dir, inTitle, inBody } = editedArchive();
  assert.match(inTitle.meta.title, /<b>الزنجبيل<\/b> &/);
  const site = tempDir();
  await indexSearch({ out: site, archive: loadArchive(dir) });
  const e = engineFor(site);
  for (const q of ['زنجبيل', 'الزنجبيل', 'والزنجبيل']) assert.deepEqual(await find(q, e), [urlOf(inTitle), urlOf(inBody)], q);
  const r = await e.results('زنجبيل');
  assert.equal(r.results[0]!.title, inTitle.meta.title, 'the title as written, for textContent or escaping');
  const li = api.resultHtml(r.results[0]!, '');
  assert.doesNotMatch(li, /<b>/);
  assert.match(li.replace(/<\/?bdi[^>]*>/g, ''), /&lt;b&gt;الزنجبيل&lt;\/b&gt; &amp;/, 'escaped (Latin runs isolated in <bdi>)');
  assert.match(r.results[1]!.excerpt, /<mark>الزنجبيل<\/mark>/);
});

test('shards.json lists every shard; each shard has its meta, term and doc files, in the documented shape', async () => {
  await built;
  const dir = path.join(out, 'search-index');
  const state = JSON.parse(fs.readFileSync(path.join(dir, 'shards.json'), 'utf8')) as ShardState;
  const arts = loadArchive(content).articles;
  assert.equal(state.shards.reduce((n, s) => n + s.count, 0), arts.length);
  assert.deepEqual(state.shards.map((s) => s.key), [...assignShards(arts).keys()]);
  const folders = fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
  assert.deepEqual(folders, state.shards.map((s) => s.key).sort(), 'no folder that shards.json does not list');
  for (const s of state.shards) {
    const meta = JSON.parse(fs.readFileSync(path.join(dir, s.key, 'meta.json'), 'utf8')) as ShardMeta;
    assert.equal(meta.count, s.count);
    assert.equal(meta.len.length, s.count);
    assert.match(meta.len, /^[A-Za-z0-9_-]*$/);
    assert.deepEqual(fs.readdirSync(path.join(dir, s.key, 't')).sort(), meta.files.map((_, n) => `${n}.json`).sort());
    const allTerms: string[] = [];
    meta.files.forEach((keys, n) => {
      const entries = JSON.parse(fs.readFileSync(path.join(dir, s.key, 't', `${n}.json`), 'utf8')) as [string, ...number[]][];
      const terms = entries.map((e) => e[0]);
      allTerms.push(...terms);
      // Every term sits in a file that lists the group of its prefix.
      for (const t of terms) assert.ok(keys.some((k) => t.slice(0, k.length) === k), `«${t}» in t/${n}.json (${keys.join(' ')})`);
    });
    assert.deepEqual(allTerms, [...allTerms].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)), 'sorted across files, no term twice');
    assert.equal(new Set(allTerms).size, allTerms.length);
    const docs = fs.readdirSync(path.join(dir, s.key, 'd')).flatMap((f) => JSON.parse(fs.readFileSync(path.join(dir, s.key, 'd', f), 'utf8')) as { u: string; t: string; b: string }[]);
    assert.equal(docs.length, s.count);
    for (const d of docs) assert.ok(d.u.startsWith('a/') && d.u.endsWith('/index.html') && d.t && d.b, JSON.stringify(d).slice(0, 100));
  }
  for (const f of ['assets/search.js', 'assets/search.css']) assert.ok(fs.existsSync(path.join(out, f)), f);
  assert.ok(!fs.existsSync(path.join(out, 'pagefind')), 'no Pagefind output');
});

test('the search page is a real form that works without script, with no inline script and no Pagefind', async () => {
  await built;
  const page = fs.readFileSync(path.join(out, 'search/index.html'), 'utf8');
  assert.match(page, /<form role="search"[^>]*method="get"/);
  assert.match(page, /<label for="search-q">[^<]+<\/label>/);
  assert.match(page, /<input type="search" id="search-q" name="q"/);
  assert.match(page, /id="search-status"[^>]*aria-live="polite"|aria-live="polite"[^>]*id="search-status"/);
  assert.match(page, /<ol id="search-results"/);
  assert.match(page, /data-root="\.\.\/"/);
  assert.match(page, /data-digits="(latn|arab)"/);
  assert.match(page, /<script src="\.\.\/assets\/search\.js" defer><\/script>/);
  assert.doesNotMatch(page, /<script(?![^>]*\ssrc=)[^>]*>/, 'no inline script');
  assert.doesNotMatch(page, /pagefind/i);
  assert.match(page, /من القرص/, 'the page says search needs a web server');
  const article = fs.readFileSync(path.join(out, urlOf(loadArchive(content).articles[0]!)), 'utf8');
  assert.doesNotMatch(article, /pagefind/i);
});

test('an unchanged archive rewrites no shard; a changed article rewrites only its shard; same content, same bytes', async () => {
  await built;
  const archive = loadArchive(content);
  const dir = path.join(out, 'search-index');
  const before = snapshot(dir);
  const again = await indexSearch({ out, archive });
  assert.deepEqual(again.rebuilt, []);
  assert.equal(again.indexed, 0);
  assert.deepEqual(snapshot(dir), before, 'nothing rewritten');

  // Determinism: a second site from the same content has byte-identical index files.
  const other = tempDir();
  await indexSearch({ out: other, archive });
  assert.deepEqual(contents(path.join(other, 'search-index')), contents(dir));

  // Change one article: only its shard is written again, and the new text is found.
  const copy = contentDir();
  fs.cpSync(content, copy, { recursive: true });
  const target = archive.articles[0]!;
  const file = path.join(copy, target.file);
  fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/\n\n([^\n]+)\n/, '\n\n$1 وأضاف الخبير أن القرنفل مفيد.\n'));
  const otherBefore = snapshot(path.join(other, 'search-index'));
  const changed = await indexSearch({ out: other, archive: loadArchive(copy) });
  const shardOf = [...assignShards(archive.articles)].find(([, arts]) => arts.some((a) => a.meta.id === target.meta.id))![0];
  assert.deepEqual(changed.rebuilt, [shardOf]);
  const after = snapshot(path.join(other, 'search-index'));
  for (const [f, stamp] of Object.entries(otherBefore)) {
    if (!f.startsWith(`${shardOf}/`) && f !== 'shards.json') assert.equal(after[f], stamp, `${f} untouched`);
  }
  assert.deepEqual(await find('القرنفل', engineFor(other)), [urlOf(target)]);
  // The shard written alone (after the others, in an earlier run) has the bytes of a fresh index.
  const fresh = tempDir();
  await indexSearch({ out: fresh, archive: loadArchive(copy) });
  assert.deepEqual(contents(path.join(other, 'search-index')), contents(path.join(fresh, 'search-index')));
});

/** File → inode and modification time: changes when a file is written again. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of (fs.readdirSync(dir, { recursive: true }) as string[]).sort()) {
    const st = fs.statSync(path.join(dir, f));
    if (st.isFile()) out[f] = `${st.ino} ${st.mtimeMs}`;
  }
  return out;
}

function contents(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of (fs.readdirSync(dir, { recursive: true }) as string[]).sort()) {
    const p = path.join(dir, f);
    if (fs.statSync(p).isFile()) out[f] = fs.readFileSync(p, 'base64');
  }
  return out;
}

test('shards: a year per shard, a big year or the undated shelf in hash buckets', () => {
  const art = (id: string, date?: string) => ({ meta: { id, date } }) as unknown as SiteArticle;
  const arts = [
    ...Array.from({ length: 3 }, (_, i) => art(`a${i}`, '2015-05-01')),
    ...Array.from({ length: 5 }, (_, i) => art(`b${i}`, `2016-0${1 + (i % 2)}-01`)),
    ...Array.from({ length: 9 }, (_, i) => art(`c${i}`)),
  ];
  const shards = assignShards(arts, 4);
  const keys = [...shards.keys()];
  assert.ok(keys.slice(0, 2).every((k) => /^2016-h[01]$/.test(k)), keys.join(' '));
  assert.equal(keys[2], '2015');
  assert.ok(keys.slice(3).every((k) => /^undated-h[0-3]$/.test(k)), keys.join(' '));
  assert.equal([...shards.values()].reduce((n, a) => n + a.length, 0), arts.length);
  assert.deepEqual([...assignShards(arts, 4).keys()], keys, 'stable');
});

test('plainText without a parser gives what markdown-it gives', () => {
  const bodies = loadArchive(content).articles.map((a) => a.body);
  const tricky = [
    'فقرة أولى\nتكملتها  \nوسطر ثالث \n\n## عنوان فرعي ##\n\nفقرة *مائلة* و**عريضة**',
    '1. بند\n2. بند\n\n- نقطة\n\n> اقتباس', '    شيفرة\n\nنص', 'نص \\* نجمة &amp; [رابط](http://x)', '#وسم ليس عنواناً\n\nنص',
    'سطر\n===\n\nنص', 'نص\u00a0بمسافة', '\n\n\nنص\n\n\n', '###### ستة\n####### سبعة', 'نص - شرطة و 2015-09-23 و 3.5',
  ];
  for (const b of [...bodies, ...tricky]) assert.equal(plainText(b), plainTextMarkdown(b), b.slice(0, 60));
});

test('the index reads texts piece by piece between white space, with the words matchTokens gives', () => {
  const texts = [
    ...loadArchive(content).articles.flatMap((a) => [a.meta.title, plainText(a.body)]),
    'ﷺ والـ«الكهرباء»، ٢٠٢٤\u00a0COP29\u200cكتاب\ufeffمصر\u2003الرباط\tو ك 5 ﻻ',
  ];
  for (const t of texts) assert.deepEqual(textPieces(t).flatMap(indexWords), indexWords(t), t.slice(0, 60));
  // Every character the index splits pieces on separates words for matchTokens too.
  for (let c = 0; c < 0x10000; c++) {
    const s = `كتب${String.fromCharCode(c)}علم`;
    if (textPieces(s).length === 2) assert.deepEqual(matchTokens(s), ['كتب', 'علم'], `U+${c.toString(16)}`);
  }
});

// Real words from Arabic news text: clitic clusters, ال, ة/ه, hamza forms, nisbas, names, digits.
const WORDS = [
  'والكهرباء', 'الكهرباء', 'كهرباء', 'بالكهرباء', 'للكهرباء', 'بالمباراة', 'المباراة', 'مباراة', 'وللاقتصاد', 'الاقتصادية',
  'اقتصاد', 'وزير', 'الوزير', 'ووزير', 'والسعودية', 'السعودية', 'لبنان', 'وللبنان', 'فلبنان', 'بيروت', 'وبيروت', 'القاهرة',
  'غزة', 'لافروف', 'ولافروف', 'بوتين', 'فلاديمير', 'سيرغي', 'الكرملين', 'تدمر', 'بتدمر', 'الفلسطينيين', 'فلسطينيون',
  'إسرائيل', 'وإسرائيل', 'الأمم', 'مسؤول', 'مسئول', 'رئيس', 'الرئيس', 'فالرئيس', 'كالرئيس', 'أَحْمَدُ', 'العـــربية',
  '٢٠١٦', '۱۳۹۵', 'مؤتمر', 'المؤتمر', 'للمؤتمر', 'ی', 'کتاب', 'الكتاب', 'كتاب', 'وقال', 'قال', 'بالمئة', 'COP29', 'BBC',
];

test('the browser script reduces words exactly as the index was built', () => {
  const js = api;
  for (const w of WORDS) {
    assert.equal(js.matchKey(w), matchKey(w), w);
    assert.deepEqual([...js.matchTokens(w)], matchTokens(w), w);
    for (const k of matchTokens(w)) {
      assert.deepEqual([...js.searchForms(k)], searchForms(k), k);
      assert.deepEqual([...js.indexForms(k)], indexForms(k), k);
      assert.equal(js.queryForm(k), queryForm(k), k);
      assert.equal(js.suffixStem(k), suffixStem(k), k);
      assert.equal(js.queryTerm(k), queryTerm(k), k);
    }
  }
  assert.equal(js.searchQuery(WORDS.join(' ')), searchQuery(WORDS.join(' ')));
  // Document lengths survive the one-character code within a fifth.
  for (const n of [0, 1, 7, 80, 464, 3000, 20000]) {
    const back = js.decodeLengths(lengthCode(n))[0]!;
    assert.ok(Math.abs(back - n) <= Math.max(0.5, n / 5), `${n} → ${back}`);
  }
});

test('every form a reader may type is among the indexed forms of the word in the text', () => {
  const same: [string, string[]][] = [
    ['كهرباء', ['والكهرباء', 'الكهرباء', 'بالكهرباء', 'للكهرباء', 'وكهرباء', 'بكهرباء']],
    ['مباراة', ['بالمباراة', 'المباراة', 'والمباراة', 'للمباراة']],
    ['اقتصاد', ['وللاقتصاد', 'الاقتصاد', 'والاقتصاد', 'الاقتصادية']],
    ['وزير', ['الوزير', 'ووزير', 'والوزير', 'للوزير']],
    ['لبنان', ['وللبنان', 'ولبنان', 'بلبنان']],
  ];
  for (const [bare, variants] of same) {
    for (const a of [bare, ...variants]) {
      for (const b of [bare, ...variants]) {
        const q = queryTerm(matchKey(a));
        assert.ok(indexForms(matchKey(b)).some((f) => f.startsWith(q)), `query «${a}» (${q}) vs text «${b}» (${indexForms(matchKey(b)).join(' ')})`);
      }
    }
  }
  // Short remainders are not made (query forms match indexed forms as prefixes): «كتاب» is not searched as «تاب».
  assert.equal(queryTerm('كتاب'), 'كتاب');
  assert.equal(queryTerm('بيان'), 'بيان');
});

test('a two-word query downloads only the term files of its words’ prefixes and the doc files of shown results', async () => {
  await built;
  const fetched: string[] = [];
  const e = engineFor(out, fetched);
  await e.results('الكرملين والرباط');
  const state = JSON.parse(fs.readFileSync(path.join(out, 'search-index/shards.json'), 'utf8')) as ShardState;
  const terms = fetched.filter((f) => f.includes('/t/'));
  assert.ok(terms.length <= 2 * state.shards.length, terms.join(' '));
  for (const f of terms) {
    const [, key, n] = /^search-index\/([^/]+)\/t\/(\d+)\.json$/.exec(f)!;
    const meta = JSON.parse(fs.readFileSync(path.join(out, 'search-index', key!, 'meta.json'), 'utf8')) as ShardMeta;
    assert.ok(meta.files[Number(n)]!.some((k) => 'كرملين'.startsWith(k) || 'رباط'.startsWith(k)), `${f}: ${meta.files[Number(n)]!.join(' ')}`);
  }
  const docs = fetched.filter((f) => f.includes('/d/'));
  assert.ok(docs.length <= 10, docs.join(' '));
});
