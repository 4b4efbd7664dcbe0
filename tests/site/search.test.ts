// Site search: a real Pagefind search (the bundles' own pagefind.js, run in Node over the built files) finds
// Arabic words whatever clitics the query or the text carries; the browser script reduces queries exactly as
// the index was built; shards are rebuilt only when their articles change; the output is deterministic.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ingest } from '../../src/ingest/run.ts';
import { buildSite } from '../../src/site/build.ts';
import { loadArchive, type SiteArticle } from '../../src/site/archive.ts';
import { assignShards, indexForms, indexSearch, queryForm, queryTerm, searchForms, searchQuery, suffixStem, type ShardState } from '../../src/site/search.ts';
import { matchKey, matchTokens } from '../../src/arabic/normalize.ts';
import { contentDir, ROOT, tempDir } from '../helpers.ts';

const content = contentDir();
await ingest({ paths: [path.join(ROOT, 'dumps')], content });
const out = path.join(tempDir(), '_site');
const built = buildSite({ content, out });

interface PagefindResult { url: string; meta: Record<string, string>; excerpt: string }
interface Pagefind {
  options(o: Record<string, unknown>): Promise<void>;
  mergeIndex(p: string, o?: Record<string, unknown>): Promise<void>;
  search(q: string): Promise<{ results: { data(): Promise<PagefindResult> }[] }>;
}

// Pagefind's browser module runs in Node when fetch can read the bundle files (Node's fetch has no file:).
const realFetch = globalThis.fetch;
globalThis.fetch = (async (input: string | URL | Request, init?: RequestInit) => {
  const url = String(input instanceof Request ? input.url : input);
  if (!url.startsWith('file:')) return realFetch(input, init);
  return new Response(fs.readFileSync(fileURLToPath(new URL(url))));
}) as typeof fetch;

let engine: Promise<Pagefind> | undefined;
/** The site's search over every shard, as search.js sets it up in the browser. */
function pagefind(): Promise<Pagefind> {
  engine ??= (async () => {
    await built;
    const state = JSON.parse(fs.readFileSync(path.join(out, 'pagefind/shards.json'), 'utf8')) as ShardState;
    const keys = state.shards.map((s) => s.key);
    const pf = (await import(pathToFileURL(path.join(out, 'pagefind', keys[0]!, 'pagefind.js')).href)) as Pagefind;
    await pf.options({ baseUrl: '/' });
    for (const k of keys.slice(1)) await pf.mergeIndex(pathToFileURL(path.join(out, 'pagefind', k) + '/').href, { baseUrl: '/' });
    return pf;
  })();
  return engine;
}

/** Result URLs for what a reader types. */
async function find(query: string): Promise<string[]> {
  const pf = await pagefind();
  const r = await pf.search(searchQuery(query));
  return Promise.all(r.results.map(async (x) => (await x.data()).url.replace(/^.*?\/a\//, '/a/')));
}

function articleWith(word: string): SiteArticle {
  const arts = loadArchive(content).articles.filter((a) => a.body.includes(word) || a.meta.title.includes(word));
  assert.ok(arts.length >= 1, `no sample article has «${word}»`);
  return arts[0]!;
}

test('queries with and without ال, و, ب, لل find the article whatever form its text uses', async () => {
  const kremlin = articleWith('الكرملين');
  for (const q of ['الكرملين', 'كرملين', 'والكرملين', 'بالكرملين', 'للكرملين', 'وكرملين', 'الكِرْمِلين', 'الكرمـــلين']) {
    assert.ok((await find(q)).includes(`${kremlin.url}index.html`), `«${q}» should find ${kremlin.url}`);
  }
  const palmyra = articleWith('تدمر');
  for (const q of ['تدمر', 'وتدمر', 'بتدمر', 'لتدمر']) assert.ok((await find(q)).includes(`${palmyra.url}index.html`), `«${q}» should find ${palmyra.url}`);
  const rabat = articleWith('والرباط');
  for (const q of ['الرباط', 'رباط', 'بالرباط']) assert.ok((await find(q)).includes(`${rabat.url}index.html`), `«${q}» should find ${rabat.url}`);
  // Two words: both must be there.
  assert.ok((await find('الكرملين والرباط')).includes(`${kremlin.url}index.html`));
});

test('results carry the real title and text, never the normalised copy', async () => {
  const pf = await pagefind();
  const kremlin = articleWith('الكرملين');
  const r = await pf.search(searchQuery('كرملين'));
  const data = await Promise.all(r.results.map((x) => x.data()));
  const hit = data.find((d) => d.url.endsWith(`${kremlin.url}index.html`))!;
  assert.equal(hit.meta.title, kremlin.meta.title);
  assert.match(hit.meta.body!, /في الكرملين/);
  // The browser script cuts the shown excerpt from meta.body around the words the query matched.
  const api = loadBrowserScript();
  const html = api.excerpt(hit.meta.body!, searchQuery('كرملين').split(' '), 30);
  assert.match(html, /<mark>الكرملين<\/mark>/);
  assert.doesNotMatch(html, /كرملين كرملين/);
});

test('every shard is a Pagefind bundle listed in shards.json; the UI is written once; search.js is copied', async () => {
  await built;
  const state = JSON.parse(fs.readFileSync(path.join(out, 'pagefind/shards.json'), 'utf8')) as ShardState;
  assert.equal(state.shards.reduce((n, s) => n + s.count, 0), loadArchive(content).articles.length);
  for (const s of state.shards) {
    assert.ok(fs.existsSync(path.join(out, 'pagefind', s.key, 'pagefind-entry.json')), s.key);
    assert.ok(!fs.existsSync(path.join(out, 'pagefind', s.key, 'pagefind-ui.js')), 'UI files are not repeated per shard');
  }
  for (const f of ['pagefind/ui/pagefind-ui.js', 'pagefind/ui/pagefind-ui.css', 'assets/search.js', 'assets/search.css']) assert.ok(fs.existsSync(path.join(out, f)), f);
  const page = fs.readFileSync(path.join(out, 'search/index.html'), 'utf8');
  assert.match(page, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.match(page, /<script src="\.\.\/pagefind\/ui\/pagefind-ui\.js" defer><\/script>/);
  assert.doesNotMatch(page, /<script(?![^>]*\ssrc=)[^>]*>/, 'no inline script');
  assert.match(page, /من القرص/, 'the page says search needs a web server');
  const home = fs.readFileSync(path.join(out, 'index.html'), 'utf8');
  assert.doesNotMatch(home, /wasm-unsafe-eval/, 'only the search page may run WebAssembly');
});

test('an unchanged archive reindexes nothing; a changed article reindexes only its shard; same content, same bytes', async () => {
  await built;
  const archive = loadArchive(content);
  const again = await indexSearch({ out, archive });
  assert.deepEqual(again.rebuilt, []);
  assert.equal(again.indexed, 0);

  // Determinism: a second site from the same content has byte-identical index files.
  const other = tempDir();
  await indexSearch({ out: other, archive });
  assert.deepEqual(snapshot(path.join(other, 'pagefind')), snapshot(path.join(out, 'pagefind')));

  // Change one article: only its shard is indexed again, and the new text is found.
  const target = archive.articles[0]!;
  const file = path.join(content, target.file);
  fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/\n\n([^\n]+)\n/, '\n\n$1 وأضاف الخبير أن الزنجبيل مفيد.\n'));
  const changed = await indexSearch({ out: other, archive: loadArchive(content) });
  const shardOf = [...assignShards(archive.articles)].find(([, arts]) => arts.some((a) => a.meta.id === target.meta.id))![0];
  assert.deepEqual(changed.rebuilt, [shardOf]);
});

function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of (fs.readdirSync(dir, { recursive: true }) as string[]).sort()) {
    const p = path.join(dir, f);
    if (fs.statSync(p).isFile()) out[f] = fs.readFileSync(p).toString('base64').slice(0, 64) + fs.statSync(p).size;
  }
  return out;
}

test('shards: a year per bundle, a big year or the undated shelf in hash buckets', () => {
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

// Real words from Arabic news text: clitic clusters, ال, ة/ه, hamza forms, nisbas, names, digits.
const WORDS = [
  'والكهرباء', 'الكهرباء', 'كهرباء', 'بالكهرباء', 'للكهرباء', 'بالمباراة', 'المباراة', 'مباراة', 'وللاقتصاد', 'الاقتصادية',
  'اقتصاد', 'وزير', 'الوزير', 'ووزير', 'والسعودية', 'السعودية', 'لبنان', 'وللبنان', 'فلبنان', 'بيروت', 'وبيروت', 'القاهرة',
  'غزة', 'لافروف', 'ولافروف', 'بوتين', 'فلاديمير', 'سيرغي', 'الكرملين', 'تدمر', 'بتدمر', 'الفلسطينيين', 'فلسطينيون',
  'إسرائيل', 'وإسرائيل', 'الأمم', 'مسؤول', 'مسئول', 'رئيس', 'الرئيس', 'فالرئيس', 'كالرئيس', 'أَحْمَدُ', 'العـــربية',
  '٢٠١٦', '۱۳۹۵', 'مؤتمر', 'المؤتمر', 'للمؤتمر', 'ی', 'کتاب', 'الكتاب', 'كتاب', 'وقال', 'قال', 'بالمئة', 'COP29', 'BBC',
];

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
}

function loadBrowserScript(): BrowserApi {
  const code = fs.readFileSync(path.join(ROOT, 'templates/assets/search.js'), 'utf8');
  const sandbox: Record<string, unknown> = {};
  vm.runInNewContext(code, sandbox);
  return sandbox.arshifSearch as BrowserApi;
}

test('the browser script reduces words exactly as the index was built', () => {
  const js = loadBrowserScript();
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
  // Short remainders are not made (Pagefind matches query words as prefixes): «كتاب» is not searched as «تاب».
  assert.equal(queryTerm('كتاب'), 'كتاب');
  assert.equal(queryTerm('بيان'), 'بيان');
});
