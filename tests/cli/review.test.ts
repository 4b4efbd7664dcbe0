// The review page and `arshif report --lines/--html`: every input beside its article, dropped lines greyed
// with their rule, facts, doubts; hostile dump text shown literally; opens in a real browser without errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { renderReview, isDoubt, type ReviewItem, type ReviewRecord } from '../../src/cli/review.ts';
import { printReport } from '../../src/cli/report.ts';
import type { RunReport } from '../../src/ingest/run.ts';
import { ROOT, tempDir } from '../helpers.ts';

const BIN = path.join(ROOT, 'bin/arshif.mjs');
const run = (args: string[], cwd = ROOT) => spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

const HOSTILE = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned=2">';

function record(over: Partial<ReviewRecord> = {}): ReviewRecord {
  return {
    source: 'a.txt',
    format: 'text',
    lines: [
      { line: 1, text: 'الرئيسية | أخبار | رياضة', rule: 'template', reason: 'line shared with other pages of the same site' },
      { line: 2, text: 'لافروف: نتوقع إنجاز عملية تحرير تدمر', role: 'title' },
      { line: 3, text: 'موسكو - سيريان تلغراف', role: 'dateline' },
      { line: 4, text: 'قال وزير الخارجية الروسي سيرغي لافروف إن العملية ستنتهي قريباً.', role: 'body' },
      { line: 5, text: HOSTILE, rule: 'outside-article', reason: 'outside the article region (bad block)' },
      { line: 6, text: 'وأضاف أن موسكو مستعدة للتعاون.' },
    ],
    facts: { title: 'لافروف: نتوقع إنجاز عملية تحرير تدمر', title_from: 'page', date: '2016-03-25', date_kind: 'inferred', date_evidence: 'الجمعة 25 مارس/آذار', place: 'موسكو', outlet: 'سيريان تلغراف', topics: ['syria', 'russia'] },
    messages: [
      { rule: 'outside-article', text: 'dropped bad block outside the article: <script>', line: 5 },
      { rule: 'date', text: 'inferred 2016-03-25 from «الجمعة 25 مارس/آذار»: first year from 2016 where the weekday fits' },
    ],
    ...over,
  };
}

function items(): ReviewItem[] {
  const undated = record({ source: 'b.txt', facts: { title: 'خبر بلا تاريخ', title_from: 'lead', date_kind: 'none' }, messages: [] });
  return [
    { path: 'dumps/a.txt', status: 'written', article: 'content/articles/a-1234567890.md', messages: [], review: record() },
    { path: 'dumps/b.txt', status: 'unchanged', article: 'content/articles/b-0987654321.md', messages: [], review: undated },
    { path: 'dumps/c.txt', status: 'duplicate', article: 'content/articles/a-1234567890.md', duplicate_of: 'dumps/a.txt', messages: [], review: record({ source: 'c.txt', messages: [] }) },
    { path: 'dumps/empty.txt', status: 'rejected', reason: 'empty file', messages: [] },
    { path: 'dumps/<b>list</b>.txt', status: 'rejected', reason: 'a headline list, not an article', messages: [], review: record({ source: 'x', lines: [{ line: 1, text: 'عنوان', rule: 'list', reason: 'headline list' }], facts: { date_kind: 'none' }, messages: [] }) },
  ];
}

test('the review page is an RTL Arabic document with a table of contents that counts each group', () => {
  const html = renderReview(items());
  assert.match(html, /^<!doctype html>\n<html lang="ar" dir="rtl">/);
  const count = (id: string) => new RegExp(`href="#f-${id}">[^<]*<span class="n">(\\d+)</span>`).exec(html)?.[1];
  assert.equal(count('rejected'), '2');
  assert.equal(count('undated'), '1');
  assert.equal(count('doubts'), '1'); // a.txt's inferred date; its drop note is no doubt
  assert.equal(count('duplicate'), '1');
  assert.match(html, /<span class="n">5<\/span>/);
  // Cards carry their group classes, so the :target filters can show one group.
  assert.match(html, /<article class="card s-rejected g-rejected" id="i4">/);
  assert.match(html, /<article class="card s-unchanged g-undated" id="i2">/);
  // A duplicate links to the card of the input it duplicates.
  assert.match(html, /نسخة من <a href="#i1">/);
});

test('dump text is escaped: a <script> line shows literally and no markup from inputs survives', () => {
  const html = renderReview(items());
  assert.ok(!/<script/i.test(html), 'no script element');
  assert.ok(!/<img/i.test(html), 'no element from the dump');
  assert.ok(html.includes('&lt;script&gt;window.__pwned = 1&lt;/script&gt;'));
  assert.ok(html.includes('dumps/&lt;b&gt;list&lt;/b&gt;.txt'));
  assert.ok(!/<[a-z][^>]*\sonerror=/i.test(html));
});

test('dropped lines are greyed with their rule and reason; kept lines are plain and make the article', () => {
  const html = renderReview(items());
  const row = (n: number) => new RegExp(`<li class="([^"]+)" id="i1-l${n}"[^>]*>.*?</li>`).exec(html);
  assert.equal(row(1)?.[1], 'l drop');
  assert.match(row(1)![0], /<span class="rule" title="line shared with other pages of the same site">template<\/span>/);
  assert.equal(row(5)?.[1], 'l drop');
  assert.equal(row(4)?.[1], 'l keep body');
  assert.equal(row(6)?.[1], 'l keep');
  assert.equal(row(2)?.[1], 'l keep title');
  const article = /<div class="article">(.*?)<\/div>/.exec(html)![1]!;
  assert.match(article, /<h4 dir="auto">لافروف: نتوقع إنجاز عملية تحرير تدمر<\/h4>/);
  assert.match(article, /<p dir="auto">قال وزير الخارجية/);
  assert.ok(!article.includes('الرئيسية'), 'a dropped line is not in the article');
  // Facts with their evidence; the doubt links to nothing (no line), the drop note to its line.
  assert.match(html, /الدليل: «<bdi>الجمعة 25 مارس\/آذار<\/bdi>»/);
  assert.match(html, /\(مستنتج\)/);
  assert.match(html, /<li class="doubt"><span class="rule">date<\/span>/);
  assert.match(html, /<li class="note"><span class="rule">outside-article<\/span>.*?<a href="#i1-l5">/);
});

test('doubts are what an editor must look at, not records of decisions shown elsewhere', () => {
  assert.equal(isDoubt({ rule: 'outside-article', text: 'dropped short block outside the article: x', line: 3 }), false);
  assert.equal(isDoubt({ rule: 'title', text: 'headline: x', line: 7 }), false);
  assert.equal(isDoubt({ rule: 'date', text: 'weekday in «الجمعة 26 مارس» does not match 2016-03-26' }), true);
  assert.equal(isDoubt({ rule: 'title', text: 'no headline on the page; title made from the lead: x', line: 4 }), true);
});

test('the plain-text report lists every line with --lines: kept (+) or dropped (-) with the rule', () => {
  const list = items();
  const report = { inputs: list, totals: { written: 1, unchanged: 1, duplicate: 1, rejected: 2 }, kept_hand_edits: [] } as unknown as RunReport;
  const plain = printReport(report, list);
  assert.ok(!plain.includes('[template]'));
  const text = printReport(report, list, { lines: true });
  assert.match(text, /^ {2}- {4}1 {2}\[template\] +الرئيسية/m);
  assert.match(text, /^ {2}\+ {4}2 {2}\(title\) +لافروف/m);
  assert.match(text, /^ {2}\+ {4}4 {2} +قال وزير/m);
  assert.match(text, /lines: 4 kept, 2 dropped/);
  assert.match(text, /no line record for this input/);
  // Escape sequences a dump could carry never reach the terminal.
  const evil = printReport(report, [{ ...list[0]!, review: record({ lines: [{ line: 1, text: 'a\u001b[2Jb', rule: 'x' }] }) }], { lines: true });
  assert.ok(!evil.includes('\u001b'));
});

/** A content folder holding a run report and review records, as ingest leaves them. */
function fakeRun(): string {
  const content = tempDir();
  fs.mkdirSync(path.join(content, '.arshif', 'review'), { recursive: true });
  const inputs = items().map((item, i) => {
    const { review, ...input } = item;
    if (review) fs.writeFileSync(path.join(content, '.arshif', 'review', `h${i}.json`), JSON.stringify(review));
    return { ...input, hash: review ? `h${i}` : undefined };
  });
  fs.writeFileSync(path.join(content, '.arshif', 'last-run.json'), JSON.stringify({ inputs, totals: { written: 1, unchanged: 1, duplicate: 1, rejected: 2 }, kept_hand_edits: [] }));
  return content;
}

test('arshif report --html writes one self-contained page; --lines lists lines; --out needs --html', () => {
  const content = fakeRun();
  const r = run(['report', '--content', content, '--html']);
  assert.equal(r.status, 0, r.stderr);
  const file = path.join(content, '.arshif', 'review.html');
  assert.match(r.stdout, /review page written to .*review\.html \(5 inputs\)/);
  const html = fs.readFileSync(file, 'utf8');
  assert.ok(html.includes('&lt;script&gt;window.__pwned'));
  assert.ok(!/\s(?:src|href)="(?!#)/.test(html), 'no external asset or link: only in-page anchors');
  assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline';/);
  const out = path.join(tempDir(), 'r.html');
  assert.equal(run(['report', '--content', content, '--html', '--out', out]).status, 0);
  assert.ok(fs.existsSync(out));
  const lines = run(['report', '--content', content, '--lines']);
  assert.equal(lines.status, 0, lines.stderr);
  assert.match(lines.stdout, /- {4}5 {2}\[outside-article\] +<script>/);
  const bad = run(['report', '--content', content, '--out', out]);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--out goes with --html/);
  const none = run(['report', '--content', tempDir()]);
  assert.equal(none.status, 1);
  assert.match(none.stderr, /^arshif: no run report at .*last-run\.json: run "arshif ingest" first\n$/);
});

/** A real ingest of the sample dumps plus a hostile one and an empty one; returns the content folder. */
function realRun(): { content: string; hostile: string } {
  const content = tempDir();
  const dumps = tempDir();
  const names = fs.readdirSync(path.join(ROOT, 'dumps'));
  for (const f of names) fs.copyFileSync(path.join(ROOT, 'dumps', f), path.join(dumps, f));
  // The same page with a script line in its footer: the line must reach the page as text.
  const hostile = 'zz-hostile.txt';
  fs.writeFileSync(path.join(dumps, hostile), `${fs.readFileSync(path.join(ROOT, 'dumps', names[1]!), 'utf8').trimEnd()}\n<script>window.__pwned = 3</script>\n`);
  fs.writeFileSync(path.join(dumps, 'empty.txt'), '');
  const r = run(['ingest', dumps, '--content', content, '--quiet']);
  assert.equal(r.status, 0, r.stderr);
  return { content, hostile };
}

const real = realRun();

test('on a real ingest, report --html shows a <script> line of a dump literally, with the rule that dropped or kept it', () => {
  const file = path.join(tempDir(), 'review.html');
  const r = run(['report', '--content', real.content, '--html', '--out', file]);
  assert.equal(r.status, 0, r.stderr);
  const html = fs.readFileSync(file, 'utf8');
  assert.ok(!/<script/i.test(html));
  const row = /<li class="[^"]*" id="i\d+-l\d+"[^>]*><span class="no">\d+<\/span><span class="tx" dir="auto">&lt;script&gt;window.__pwned = 3&lt;\/script&gt;<\/span>/.exec(html);
  assert.ok(row, 'the script line is listed, escaped, among the lines of its dump');
  // The empty file is a rejected input with its reason, counted in the table of contents.
  assert.match(html, /href="#f-rejected">[^<]*<span class="n">1<\/span>/);
  assert.match(html, /سبب الرفض: <bdi>empty file<\/bdi>/);
  // Every input of the run has its card and its lines.
  const runReport = JSON.parse(fs.readFileSync(path.join(real.content, '.arshif', 'last-run.json'), 'utf8')) as RunReport;
  assert.equal((html.match(/<article class="card /g) ?? []).length, runReport.inputs.length);
  assert.ok(!html.includes('لا بيانات مراجعة'), 'every article input has its review record');
  assert.match(html, /لا أسطر مقروءة/);
  const lines = run(['report', '--content', real.content, '--lines']);
  assert.equal(lines.status, 0, lines.stderr);
  assert.match(lines.stdout, /^ {2}[+-] +\d+ +(\[[\w-]+\]|\(\w+\))? +<script>window.__pwned = 3<\/script>$/m);
});

test('the review page opens in a real browser without console errors, runs nothing from a dump, filters without script', async (t) => {
  let chromium: typeof import('@sparticuz/chromium').default;
  let pw: typeof import('playwright-core');
  try {
    chromium = (await import('@sparticuz/chromium')).default;
    pw = await import('playwright-core');
  } catch {
    t.skip('playwright-core or @sparticuz/chromium not installed');
    return;
  }
  const content = fakeRun();
  const file = path.join(content, 'review.html');
  assert.equal(run(['report', '--content', content, '--html', '--out', file]).status, 0);
  const browser = await pw.chromium.launch({ executablePath: await chromium.executablePath(), args: chromium.args });
  try {
    const page = await browser.newPage();
    const problems: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('request', (r) => {
      if (!r.url().startsWith('file:')) requests.push(r.url());
    });
    const url = pathToFileURL(file).href;
    await page.goto(url);
    assert.deepEqual(problems, []);
    assert.deepEqual(requests, [], 'self-contained: no request leaves the file');
    assert.equal(await page.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned), undefined);
    assert.equal(await page.locator('script').count(), 0);
    // The hostile line is displayed as text.
    assert.ok((await page.locator('#i1-l5 .tx').textContent())?.includes('<script>window.__pwned = 1</script>'));
    assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
    // Dropped lines look different from kept ones.
    const bg = (sel: string) => page.locator(sel).evaluate((el) => (globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }).getComputedStyle(el).backgroundColor);
    assert.notEqual(await bg('#i1-l1'), await bg('#i1-l4'));
    // All cards show; the "rejected" filter (CSS :target) shows only the rejected ones.
    assert.equal(await page.locator('.card:visible').count(), 5);
    await page.click('a[href="#f-rejected"]');
    assert.equal(await page.locator('.card:visible').count(), 2);
    assert.deepEqual(await page.locator('.card:visible').evaluateAll((els) => els.map((e) => e.id)), ['i4', 'i5']);
    await page.click('a[href="#f-undated"]');
    assert.deepEqual(await page.locator('.card:visible').evaluateAll((els) => els.map((e) => e.id)), ['i2']);
    await page.click('.filter-note.note-undated a[href="#all"]');
    assert.equal(await page.locator('.card:visible').count(), 5);
    // The page of a real run, too.
    const realFile = path.join(real.content, '.arshif', 'review.html');
    assert.equal(run(['report', '--content', real.content, '--html']).status, 0);
    await page.goto(pathToFileURL(realFile).href);
    assert.equal(await page.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned), undefined);
    assert.ok((await page.locator('.card').count()) >= 7);
    // Readable by everyone: no WCAG A/AA violation that axe can find (contrast of the greyed lines included).
    // (The page forbids every script by its Content-Security-Policy; axe runs in a page that bypasses it.)
    const axe = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    const checked = await browser.newPage({ bypassCSP: true });
    await checked.goto(pathToFileURL(realFile).href);
    await checked.addScriptTag({ content: axe });
    const violations = await checked.evaluate(async () => {
      const r = await (globalThis as unknown as { axe: { run(o: unknown): Promise<{ violations: { id: string; nodes: { html: string }[] }[] }> } }).axe.run({ runOnly: ['wcag2a', 'wcag2aa'] });
      return r.violations.map((v) => `${v.id}: ${v.nodes.length} × ${v.nodes[0]?.html.slice(0, 120)}`);
    });
    assert.deepEqual(violations, []);
    assert.deepEqual(problems, []);
    assert.deepEqual(requests, []);
  } finally {
    await browser.close();
  }
});
