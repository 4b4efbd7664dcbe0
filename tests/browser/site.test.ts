// The built site in a real browser (issue #6): right-to-left Arabic documents with the self-hosted font
// actually rendering, no sideways scrolling on a 360 px phone, no serious/critical axe-core findings, clean
// loads (no console errors, no failed requests) at the root, under a path prefix and from file://, Arabic
// search, readable typography, and screenshots for a human to look at (bench/screenshots/).
//
// Chromium comes from the npm package @sparticuz/chromium (so CI always has one), /usr/bin/chromium is the
// fallback; with neither the suite fails, it never skips.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { AddressInfo } from 'node:net';
import { chromium as pwChromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import sparticuz from '@sparticuz/chromium';
import { ingest } from '../../src/ingest/run.ts';
import { buildSite } from '../../src/site/build.ts';
import { contentDir, ROOT, tempDir } from '../helpers.ts';

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const SHOTS = path.join(ROOT, 'bench', 'screenshots');
const PREFIX = '/archive/';
const FONT = 'Noto Naskh Arabic';

// ---------------------------------------------------------------------------------------------------------
// Browser

/** Chromium from @sparticuz/chromium, else /usr/bin/chromium; throws (failing every test) when neither starts. */
async function launchBrowser(): Promise<Browser> {
  const errors: string[] = [];
  try {
    const executablePath = await sparticuz.executablePath();
    // Of the package's serverless flags, drop those that switch web security off (a reader's browser has it
    // on, and the file:// and CSP checks must see what a reader sees), the single process (it dies when a
    // context closes) and software WebGL (it only slows page rendering down).
    const drop = /^--(disable-web-security|allow-running-insecure-content|disable-site-isolation-trials|single-process|use-gl|use-angle|enable-unsafe-swiftshader|in-process-gpu|ignore-gpu-blocklist)\b/;
    const args = sparticuz.args.filter((a) => !drop.test(a));
    return await pwChromium.launch({ executablePath, args, headless: true, timeout: 30_000 });
  } catch (e) {
    errors.push(`@sparticuz/chromium: ${(e as Error).message.split('\n')[0]}`);
  }
  const system = '/usr/bin/chromium';
  if (fs.existsSync(system)) {
    try {
      return await pwChromium.launch({ executablePath: system, args: ['--no-sandbox'], headless: true, timeout: 30_000 });
    } catch (e) {
      errors.push(`${system}: ${(e as Error).message.split('\n')[0]}`);
    }
  } else errors.push(`${system}: not installed`);
  throw new Error(`no browser could be started:\n  ${errors.join('\n  ')}`);
}

// ---------------------------------------------------------------------------------------------------------
// A tiny static server, like any static host: folders serve index.html, everything outside the prefix is 404.

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

interface Server { base: string; close(): Promise<void> }

async function serve(dir: string, prefix = '/'): Promise<Server> {
  const root = path.resolve(dir);
  const server = http.createServer((req, res) => {
    const notFound = () => res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    let p: string;
    try {
      p = decodeURIComponent(new URL(req.url ?? '/', 'http://host').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (!p.startsWith(prefix)) return notFound();
    let file = path.join(root, p.slice(prefix.length));
    if (file !== root && !file.startsWith(root + path.sep)) return notFound();
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!fs.existsSync(file) || !fs.statSync(file).isFile()) return notFound();
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}${prefix}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// ---------------------------------------------------------------------------------------------------------
// The sites under test

/** Every HTML page of a built site, as paths relative to its folder ("a/<id>/index.html"). */
function htmlPages(out: string): string[] {
  return (fs.readdirSync(out, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.html'))
    .map((f) => f.split(path.sep).join('/'))
    .sort();
}

interface KeyPages { home: string; article: string; topics: string; topic: string; dates: string; month: string; outlets: string; search: string }

function keyPages(out: string): KeyPages {
  const pages = htmlPages(out);
  const first = (re: RegExp, what: string) => {
    const p = pages.find((f) => re.test(f));
    assert.ok(p, `the site has no ${what} page (${re})`);
    return p;
  };
  // The Palmyra article: place, estimated date with its Hijri twin, sub-headings, topics, prev/next.
  const article = pages.find((f) => /^a\/[^/]+\/index\.html$/.test(f) && fs.readFileSync(path.join(out, f), 'utf8').includes('تدمر'));
  assert.ok(article, 'no article page mentions تدمر');
  return {
    home: 'index.html',
    article,
    topics: first(/^topics\/index\.html$/, 'topics'),
    topic: first(/^topics\/[^/]+\/index\.html$/, 'topic'),
    dates: first(/^dates\/index\.html$/, 'dates'),
    month: first(/^dates\/\d{4}\/\d{2}\/index\.html$/, 'month'),
    outlets: first(/^outlets\/index\.html$/, 'outlets'),
    search: first(/^search\/index\.html$/, 'search'),
  };
}

let browser: Browser | undefined;
let site = '';
let prefixed = '';
let big = '';
let pages: KeyPages;
let root: Server;
let archive: Server;
let bigServer: Server;
const contexts = new Set<BrowserContext>();

before(async () => {
  // The browser starts while the sites build (a failure to start is reported once the builds are done).
  const launching = launchBrowser();
  launching.catch(() => {});
  // The five sample dumps, at the root and under a path prefix.
  const content = contentDir();
  await ingest({ paths: [path.join(ROOT, 'dumps')], content });
  site = path.join(tempDir('arshif-browser-'), '_site');
  await buildSite({ content, out: site });
  prefixed = path.join(tempDir('arshif-browser-'), 'public');
  await buildSite({ content, out: prefixed, pathPrefix: PREFIX });
  // A bigger archive (samples + the project's extra pages) with small list pages, so pagers, long topic
  // lists and undated shelves exist.
  const bigContent = contentDir();
  fs.writeFileSync(path.join(bigContent, '_data/site.yaml'), 'page_size: 5\n');
  await ingest({ paths: [path.join(ROOT, 'dumps'), path.join(ROOT, 'tests/fixtures/extra')], content: bigContent });
  big = path.join(tempDir('arshif-browser-'), '_site');
  await buildSite({ content: bigContent, out: big });
  pages = keyPages(site);
  root = await serve(site);
  archive = await serve(prefixed, PREFIX);
  bigServer = await serve(big);
  browser = await launching;
});

after(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await browser?.close().catch(() => {});
  await Promise.all([root, archive, bigServer].filter(Boolean).map((s) => s.close()));
});

async function newContext(options: BrowserContextOptions = {}): Promise<BrowserContext> {
  assert.ok(browser, 'no browser');
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  ctx.setDefaultTimeout(10_000);
  ctx.setDefaultNavigationTimeout(15_000);
  contexts.add(ctx);
  return ctx;
}

async function closeContext(ctx: BrowserContext): Promise<void> {
  contexts.delete(ctx);
  await ctx.close();
}

/** Starts recording what goes wrong on a page: console errors, uncaught errors, failed or 4xx/5xx requests. */
function watch(page: Page): { problems: string[]; stop(): void } {
  const problems: string[] = [];
  const onConsole = (m: { type(): string; text(): string }) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  };
  const onPageError = (e: Error) => problems.push(`uncaught: ${e.message}`);
  // ERR_ABORTED is the browser cancelling a request because the test navigated on (the search page's index
  // fetch still in flight when the next page loads), not a missing resource: those fail as HTTP 404 (below)
  // or with another network error.
  const onFailed = (r: { url(): string; failure(): { errorText: string } | null }) => {
    if (r.failure()?.errorText !== 'net::ERR_ABORTED') problems.push(`request failed: ${r.url()} (${r.failure()?.errorText})`);
  };
  const onResponse = (r: { url(): string; status(): number }) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  };
  page.on('console', onConsole);
  page.on('pageerror', onPageError);
  page.on('requestfailed', onFailed);
  page.on('response', onResponse);
  return {
    problems,
    stop() {
      page.off('console', onConsole);
      page.off('pageerror', onPageError);
      page.off('requestfailed', onFailed);
      page.off('response', onResponse);
    },
  };
}

/** Runs `fn` over `items` on a few pages of one context at once (page loads mostly wait on the browser). */
async function onPages<T>(ctx: BrowserContext, items: T[], fn: (page: Page, item: T) => Promise<void>, width = 3): Promise<void> {
  let next = 0;
  const worker = async () => {
    const page = await ctx.newPage();
    try {
      while (next < items.length) await fn(page, items[next++]!);
    } finally {
      await page.close();
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
}

/** One or two pages of each kind (template) of a site, and every article page. */
function sample(out: string): string[] {
  const seen = new Map<string, number>();
  return htmlPages(out).filter((p) => {
    if (p.startsWith('search-index/')) return false;
    if (p.startsWith('a/')) return true;
    const kind = p.replace(/page-\d+/g, 'page-N').replace(/\d+/g, '#').replace(/^(topics|outlets)\/[^/]+\//, '$1/*/');
    seen.set(kind, (seen.get(kind) ?? 0) + 1);
    return seen.get(kind)! <= 2;
  });
}

/** Opens a page and waits for it and its fonts; returns the problems seen while loading. */
async function open(page: Page, url: string): Promise<string[]> {
  const w = watch(page);
  try {
    await page.goto(url, { waitUntil: 'load' });
    await page.evaluate('document.fonts.ready.then(() => true)');
  } catch (e) {
    w.problems.push(`navigation: ${(e as Error).message.split('\n')[0]}`);
  } finally {
    w.stop();
  }
  return w.problems;
}

// ---------------------------------------------------------------------------------------------------------
// In-page probes (strings: the project's TypeScript has no DOM lib)

interface Direction { lang: string | null; dir: string | null; html: string; body: string; main: string }
const DIRECTION = `(() => ({
  lang: document.documentElement.getAttribute('lang'),
  dir: document.documentElement.getAttribute('dir'),
  html: getComputedStyle(document.documentElement).direction,
  body: getComputedStyle(document.body).direction,
  main: getComputedStyle(document.querySelector('main')).direction,
}))()`;

interface Fonts { faces: { status: string; range: string; weight: string }[]; check: boolean; family: string }
const FONTS = `(async () => {
  await document.fonts.ready;
  const faces = [...document.fonts].filter((f) => f.family.replace(/["']/g, '') === ${JSON.stringify(FONT)});
  return {
    faces: faces.map((f) => ({ status: f.status, range: f.unicodeRange, weight: f.weight })),
    check: document.fonts.check('1em "${FONT}"', 'أرشيف الأخبار العربية'),
    family: getComputedStyle(document.body).fontFamily,
  };
})()`;

interface Overflow { scrollWidth: number; clientWidth: number; culprits: string[] }
const OVERFLOW = `(() => {
  const de = document.documentElement;
  const cw = de.clientWidth;
  const culprits = [];
  if (de.scrollWidth > cw) {
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && (r.left < -1 || r.right > cw + 1)) {
        const name = el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
        culprits.push(name + ' [' + Math.round(r.left) + '…' + Math.round(r.right) + '] «' + (el.textContent || '').trim().slice(0, 50) + '»');
      }
    }
  }
  return { scrollWidth: de.scrollWidth, clientWidth: cw, culprits: culprits.slice(0, 10) };
})()`;

interface AxeViolation { id: string; impact: string | null; help: string; helpUrl: string; nodes: { target: string; summary: string }[] }
const AXE_RUN = `axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({
  id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
  nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: (n.failureSummary || '').replace(/\\s+/g, ' ') })),
})))`;

async function axe(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol, so the page's Content-Security-Policy (script-src 'self') does
  // not block it and the policy stays in force for everything else.
  if ((await page.evaluate('typeof window.axe')) !== 'object') await page.evaluate(AXE_SOURCE);
  return page.evaluate<AxeViolation[]>(AXE_RUN);
}

function describeViolations(where: string, vs: AxeViolation[]): string {
  return vs
    .map((v) => `${where}: ${v.impact} ${v.id} — ${v.help} (${v.helpUrl})\n${v.nodes.slice(0, 5).map((n) => `      ${n.target}: ${n.summary}`).join('\n')}`)
    .join('\n');
}

// ---------------------------------------------------------------------------------------------------------
// The checks

test('pages are right-to-left Arabic documents and the self-hosted Naskh font renders the text', { timeout: 60_000 }, async () => {
  const ctx = await newContext();
  const page = await ctx.newPage();
  const cdp = await ctx.newCDPSession(page);
  try {
    for (const key of ['home', 'article', 'topic', 'month'] as const) {
      const url = root.base + pages[key];
      assert.deepEqual(await open(page, url), [], `${key}: problems while loading`);
      const d = await page.evaluate<Direction>(DIRECTION);
      assert.deepEqual(d, { lang: 'ar', dir: 'rtl', html: 'rtl', body: 'rtl', main: 'rtl' }, `${key}: direction and language`);
      const f = await page.evaluate<Fonts>(FONTS);
      assert.match(f.family, new RegExp(`^["']?${FONT}`), `${key}: body font-family is ${f.family}`);
      const arabicFace = f.faces.find((x) => x.status === 'loaded' && /U\+600-6FF|U\+0600-06FF/i.test(x.range));
      assert.ok(arabicFace, `${key}: no loaded ${FONT} face covering Arabic; faces: ${JSON.stringify(f.faces)}`);
      assert.ok(f.check, `${key}: document.fonts.check says ${FONT} is not ready for Arabic text`);
      // What Chromium actually drew the headline with (not a system fallback).
      await cdp.send('DOM.enable');
      await cdp.send('CSS.enable');
      const { root: doc } = await cdp.send('DOM.getDocument');
      const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: doc.nodeId, selector: 'main h1' });
      const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
      const used = fonts.filter((x) => x.glyphCount > 0);
      assert.ok(used.length > 0 && used.every((x) => x.isCustomFont && x.familyName.startsWith(FONT)), `${key}: h1 drawn with ${JSON.stringify(used)}`);
    }
  } finally {
    await closeContext(ctx);
  }
});

test('no horizontal scrolling on a 360 px wide screen', { timeout: 90_000 }, async () => {
  const ctx = await newContext({ viewport: { width: 360, height: 800 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 });
  const failures: string[] = [];
  try {
    const targets: [string, string][] = [
      ...Object.entries(pages).map(([k, p]): [string, string] => [k, root.base + p]),
      // The bigger archive: pagers, long topic and outlet lists, the undated shelf, every article.
      ...sample(big).map((p): [string, string] => [`big:${p}`, bigServer.base + p]),
    ];
    await onPages(ctx, targets, async (page, [name, url]) => {
      const problems = await open(page, url);
      if (problems.length) failures.push(`${name}: ${problems.join('; ')}`);
      const o = await page.evaluate<Overflow>(OVERFLOW);
      if (o.scrollWidth > o.clientWidth) failures.push(`${name}: scrollWidth ${o.scrollWidth} > ${o.clientWidth}\n    ${o.culprits.join('\n    ')}`);
    });
  } finally {
    await closeContext(ctx);
  }
  assert.deepEqual(failures, [], failures.join('\n'));
});

test('axe-core finds nothing serious or critical (light and dark schemes)', { timeout: 60_000 }, async () => {
  const found: string[] = [];
  for (const colorScheme of ['light', 'dark'] as const) {
    const ctx = await newContext({ colorScheme });
    const page = await ctx.newPage();
    try {
      const targets: [string, string][] = [
        ['home', root.base + pages.home],
        ['article', root.base + pages.article],
        ['topic', root.base + pages.topic],
        ['month', root.base + pages.month],
        ['search', root.base + pages.search],
        ['latest page 2 (pager)', bigServer.base + 'latest/page-2/index.html'],
      ];
      for (const [name, url] of targets) {
        const problems = await open(page, url);
        assert.deepEqual(problems, [], `${name}: problems while loading`);
        const bad = (await axe(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
        if (bad.length) found.push(describeViolations(`${name} [${colorScheme}]`, bad));
      }
    } finally {
      await closeContext(ctx);
    }
  }
  assert.equal(found.length, 0, `axe-core violations:\n${found.join('\n')}`);
});

test('every page loads without console errors or failed requests, at the root and under a path prefix', { timeout: 90_000 }, async () => {
  const ctx = await newContext();
  const failures: string[] = [];
  try {
    const targets: string[] = [];
    for (const [server, dir] of [[root, site], [archive, prefixed]] as const) {
      const all = htmlPages(dir).filter((p) => !p.startsWith('search-index/'));
      assert.ok(all.length >= 20, `only ${all.length} pages in ${dir}`);
      targets.push(...all.map((p) => server.base + p));
    }
    await onPages(ctx, targets, async (page, url) => {
      const problems = await open(page, url);
      if (problems.length) failures.push(`${url}:\n    ${problems.join('\n    ')}`);
      // The stylesheet applied (a missing or blocked one leaves the browser's default serif and no layout).
      const family = await page.evaluate<string>('getComputedStyle(document.body).fontFamily');
      if (!family.includes(FONT)) failures.push(`${url}: stylesheet not applied (font-family ${family})`);
    });
    // Following links works under the prefix: home → an article → its first topic → back home.
    const page = await ctx.newPage();
    await open(page, archive.base);
    await page.locator('ul.articles a').first().click();
    await page.waitForLoadState('load');
    assert.match(page.url(), new RegExp(`${PREFIX}a/[^/]+/index\\.html$`));
    await page.locator('.topics a').first().click();
    await page.waitForLoadState('load');
    assert.match(page.url(), new RegExp(`${PREFIX}topics/[^/]+/index\\.html$`));
    await page.locator('header.site .brand a').click();
    await page.waitForLoadState('load');
    assert.equal(new URL(page.url()).pathname, `${PREFIX}index.html`);
  } finally {
    await closeContext(ctx);
  }
  assert.deepEqual(failures, [], failures.join('\n'));
});

test('the site works opened straight from the file system (file://)', { timeout: 60_000 }, async () => {
  const ctx = await newContext();
  const page = await ctx.newPage();
  const failures: string[] = [];
  try {
    for (const key of ['home', 'article', 'topics', 'topic', 'dates', 'month', 'outlets'] as const) {
      const url = pathToFileURL(path.join(site, pages[key])).href;
      const problems = await open(page, url);
      if (problems.length) failures.push(`${key}: ${problems.join('; ')}`);
      const d = await page.evaluate<Direction>(DIRECTION);
      if (d.html !== 'rtl' || d.body !== 'rtl') failures.push(`${key}: direction ${JSON.stringify(d)}`);
      const f = await page.evaluate<Fonts>(FONTS);
      if (!f.faces.some((x) => x.status === 'loaded')) failures.push(`${key}: ${FONT} not loaded from file:// (${JSON.stringify(f.faces)})`);
    }
    // Links point at files (…/index.html), so clicking through works without a server.
    await open(page, pathToFileURL(path.join(site, 'index.html')).href);
    await page.locator('ul.articles a').first().click();
    await page.waitForLoadState('load');
    assert.match(page.url(), /^file:.*\/a\/[^/]+\/index\.html$/);
    assert.ok((await page.locator('main h1').textContent())?.trim(), 'article page has a headline');
  } finally {
    await closeContext(ctx);
  }
  assert.deepEqual(failures, [], failures.join('\n'));
});

test('typography: no letter-spacing on Arabic, roomy line height, a comfortable measure, visible focus', { timeout: 60_000 }, async () => {
  const ctx = await newContext();
  const page = await ctx.newPage();
  try {
    for (const key of ['home', 'article', 'topic', 'month', 'outlets'] as const) {
      assert.deepEqual(await open(page, root.base + pages[key]), []);
      const spaced = await page.evaluate<string[]>(`[...document.querySelectorAll('body *')]
        .filter((el) => /[\\u0600-\\u06FF]/.test(el.textContent || '') && !['normal', '0px'].includes(getComputedStyle(el).letterSpacing))
        .map((el) => el.tagName + ' ' + getComputedStyle(el).letterSpacing)`);
      assert.deepEqual(spaced, [], `${key}: letter-spacing on Arabic text`);
    }
    await open(page, root.base + pages.article);
    const body = await page.evaluate<{ ratio: number; perLine: number; lines: number }>(`(() => {
      const ps = [...document.querySelectorAll('article .body p')];
      const p = ps.sort((a, b) => b.textContent.length - a.textContent.length)[0];
      const cs = getComputedStyle(p);
      const lh = parseFloat(cs.lineHeight), fs = parseFloat(cs.fontSize);
      const lines = Math.round(p.getBoundingClientRect().height / lh);
      return { ratio: lh / fs, perLine: p.textContent.length / lines, lines };
    })()`);
    assert.ok(body.ratio >= 1.6 && body.ratio <= 2.1, `article body line-height ${body.ratio.toFixed(2)}× the font size`);
    assert.ok(body.perLine >= 40 && body.perLine <= 95, `article body has ${body.perLine.toFixed(0)} characters a line at 1280 px (over ${body.lines} lines)`);
    // Keyboard: the first Tab shows the skip link inside the viewport, and focused links get a visible outline.
    await page.keyboard.press('Tab');
    const skip = await page.evaluate<{ cls: string; inView: boolean; outline: string }>(`(() => {
      const el = document.activeElement, r = el.getBoundingClientRect(), cs = getComputedStyle(el);
      return { cls: el.className, inView: r.left >= 0 && r.right <= innerWidth && r.top >= 0 && r.bottom <= innerHeight && r.width > 0, outline: cs.outlineStyle + ' ' + cs.outlineWidth };
    })()`);
    assert.equal(skip.cls, 'skip', 'first Tab stop is the skip link');
    assert.ok(skip.inView, 'the focused skip link is visible');
    assert.doesNotMatch(skip.outline, /^none|\s0px$/, `skip link focus outline: ${skip.outline}`);
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press('Tab');
      const outline = await page.evaluate<string>(`(() => { const cs = getComputedStyle(document.activeElement); return document.activeElement.tagName + ' ' + cs.outlineStyle + ' ' + cs.outlineWidth; })()`);
      assert.match(outline, /^A (solid|auto|dotted|dashed|double) [1-9]/, `focused link outline: ${outline}`);
    }
  } finally {
    await closeContext(ctx);
  }
});

test('search finds an article from an Arabic word, with and without ال/و prefixes', { timeout: 60_000 }, async () => {
  // Words from two sample headlines, as typed bare and with the clitics Arabic glues to them.
  const cases: { title: string; queries: string[] }[] = [
    { title: 'تدمر', queries: ['تدمر', 'وتدمر'] },
    { title: 'والمغرب', queries: ['مغرب', 'المغرب', 'والمغرب'] },
  ];
  const idOf = (needle: string) => {
    const p = htmlPages(site).find((f) => /^a\/[^/]+\/index\.html$/.test(f) && (/<h1>([^<]*)<\/h1>/.exec(fs.readFileSync(path.join(site, f), 'utf8'))?.[1] ?? '').includes(needle));
    assert.ok(p, `no article headline contains ${needle}`);
    return p.split('/')[1]!;
  };
  const ctx = await newContext();
  const page = await ctx.newPage();
  const failures: string[] = [];
  try {
    for (const server of [root, archive]) {
      const w = watch(page);
      for (const c of cases) {
        const id = idOf(c.title);
        for (const q of c.queries) {
          // A fresh page per query, so a result still showing from the previous query cannot count.
          await page.goto(server.base + 'search/index.html', { waitUntil: 'load' });
          const box = page.locator('main input[type="search"], main input[type="text"], main [role="searchbox"]').first();
          try {
            await box.waitFor({ state: 'visible', timeout: 10_000 });
          } catch {
            w.stop();
            assert.fail(`${server.base}search/: no search box on the search page (is assets/search.js wired in?)`);
          }
          await box.fill(q);
          // A locator, not waitForFunction(string): that one evaluates the string in the page, which the
          // page's CSP (no 'unsafe-eval') rightly refuses.
          const hit = page.locator(`main a[href*="a/${id}/"]`).first();
          try {
            await hit.waitFor({ state: 'attached', timeout: 8_000 });
          } catch {
            const shown = await page.locator('main a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
            failures.push(`${server.base}search/: «${q}» does not list a/${id}/ (links shown: ${shown.join(', ') || 'none'})`);
            continue;
          }
          // The result must lead to the article where the site is actually served (path prefix included).
          const target = new URL((await hit.getAttribute('href')) ?? '', page.url()).href;
          const expected = [`${server.base}a/${id}/`, `${server.base}a/${id}/index.html`];
          if (!expected.includes(target)) failures.push(`${server.base}search/: «${q}» links to ${target}, not ${expected[1]}`);
        }
      }
      w.stop();
      if (w.problems.length) failures.push(`${server.base}search/: ${w.problems.join('; ')}`);
    }
    // A link with ?q= (what the form submits without script) searches on load; the status line counts the
    // results; typing puts the query into the address; a long list grows by «مزيد من النتائج».
    const w = watch(page);
    const id = idOf('تدمر');
    await page.goto(`${archive.base}search/index.html?q=${encodeURIComponent('تدمر')}`, { waitUntil: 'load' });
    await page.locator(`main ol a[href*="a/${id}/"]`).first().waitFor({ state: 'attached', timeout: 8_000 });
    assert.match((await page.locator('#search-status').textContent()) ?? '', /^عدد النتائج: [0-9٠-٩]+$/);
    assert.equal(await page.locator('main input[type="search"]').inputValue(), 'تدمر');
    await page.locator('main input[type="search"]').fill('المغرب');
    await page.waitForURL((u) => u.searchParams.get('q') === 'المغرب', { timeout: 8_000 });
    await page.goto(`${bigServer.base}search/index.html?q=${encodeURIComponent('في')}`, { waitUntil: 'load' });
    const items = page.locator('#search-results > li');
    await items.nth(9).waitFor({ state: 'attached', timeout: 8_000 });
    const more = page.locator('#search-more');
    if (await more.isVisible()) {
      await more.click();
      await items.nth(10).waitFor({ state: 'attached', timeout: 8_000 });
    } else failures.push('a query with many results shows no «مزيد من النتائج» button');
    assert.ok((await page.locator('#search-results mark').count()) > 0, 'excerpts mark the query words');
    w.stop();
    if (w.problems.length) failures.push(`search with ?q=: ${w.problems.join('; ')}`);
  } finally {
    await closeContext(ctx);
  }
  assert.deepEqual(failures, [], failures.join('\n'));
});

test('screenshots of home and article pages, desktop and phone, light and dark (bench/screenshots/)', { timeout: 60_000 }, async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  const shots: { name: string; url: string }[] = [
    { name: 'home', url: root.base + pages.home },
    { name: 'article', url: root.base + pages.article },
  ];
  const extra: { name: string; url: string }[] = [
    { name: 'latest-page2', url: bigServer.base + 'latest/page-2/index.html' },
    { name: 'topics', url: bigServer.base + 'topics/index.html' },
    { name: 'month', url: bigServer.base + pages.month },
    { name: 'outlets', url: bigServer.base + 'outlets/index.html' },
  ];
  const written: string[] = [];
  for (const [width, height] of [[1280, 900], [360, 800]] as const) {
    for (const colorScheme of ['light', 'dark'] as const) {
      const ctx = await newContext({ viewport: { width, height }, colorScheme, deviceScaleFactor: 1 });
      const page = await ctx.newPage();
      try {
        for (const s of [...shots, ...(colorScheme === 'light' ? extra : [])]) {
          assert.deepEqual(await open(page, s.url), [], `${s.name}: problems while loading`);
          const file = path.join(SHOTS, `${s.name}-${width}-${colorScheme}.png`);
          await page.screenshot({ path: file, fullPage: true });
          written.push(file);
        }
        // Keyboard focus on a link in the navigation, as a keyboard user sees it.
        await open(page, root.base + pages.home);
        for (let i = 0; i < 3; i++) await page.keyboard.press('Tab');
        const file = path.join(SHOTS, `focus-${width}-${colorScheme}.png`);
        await page.screenshot({ path: file });
        written.push(file);
      } finally {
        await closeContext(ctx);
      }
    }
  }
  for (const f of written) assert.ok(fs.statSync(f).size > 5_000, `${f} looks empty`);
});
