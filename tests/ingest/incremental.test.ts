// Incremental ingest, as the contract and README promise, through the real binary on one content folder
// that lives through a sequence of runs: unchanged inputs are not parsed again, a new dump is the only one
// written, a changed dump rewrites its article (and leaves no stale copy), hand edits and hand-written articles
// are never overwritten, a removed dump's article stays (and the report says so) until `--prune`.
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, tempDir } from '../helpers.ts';
import { extra, gold, listFiles, parseArticleFile, parseReport, run as cli, textOf, type CliResult, type InputEntry, type Report } from '../fixtures/hostile/lib.ts';

const box = tempDir('arshif-incr-');
const dumps = path.join(box, 'dumps');
const content = path.join(box, 'content');
const articles = path.join(content, 'articles');

const FIRST = ['102_wire.txt', '106_minimal.txt', '108_levant.txt', '109_maroc.txt'];
const OLD_PHRASE = 'ويتضمن ثماني جلسات شعرية وثلاث جلسات نقدية';
const NEW_PHRASE = 'ويتضمن تسع جلسات شعرية وأربع جلسات نقدية';
const HAND_TITLE = 'مذكرة المحرر: كيف نختار الأخبار التي نؤرشفها';
const HAND = `---
id: hand-note-1
title: "${HAND_TITLE}"
title_from: page
date: 2024-01-15
date_kind: explicit
topics: []
---

نختار الأخبار التي تدخل الأرشيف بحسب أهميتها للقارئ العربي، ونحرص على أن يبقى نص كل خبر كما نشره مصدره من دون تعديل.

وتضاف هذه المذكرة يدويا إلى مجلد المقالات، ولا يقابلها أي ملف خام في مجلد النسخ الخام.
`;

async function ingest(...extraArgs: string[]): Promise<{ r: CliResult; report: Report }> {
  const r = await cli(['ingest', 'dumps', '--content', 'content', '--json', ...extraArgs], { cwd: box, timeoutMs: 60_000 });
  assert.equal(r.status, 0, `ingest ${extraArgs.join(' ')} exited ${r.status}: ${r.stderr.slice(0, 1500)}`);
  return { r, report: parseReport(r) };
}

const input = (report: Report, name: string): InputEntry => {
  const e = report.inputs.filter((i) => path.basename(i.path) === name);
  assert.equal(e.length, 1, `${name} appears ${e.length} times in the report`);
  return e[0]!;
};
const statuses = (report: Report) => Object.fromEntries(report.inputs.map((i) => [path.basename(i.path), i.status]));
/** Article files (relative to content/articles) whose front-matter lists `source`. */
const articlesOf = (source: string) =>
  listFiles(articles).filter((f) => f.endsWith('.md') && (parseArticleFile(fs.readFileSync(path.join(articles, f), 'utf8')).meta.sources as unknown[] | undefined)?.includes(source));
/** The report without its per-input list, as text: where run-level notes (orphans, removals, hand edits) live. */
const runLevel = (report: Report) => JSON.stringify({ ...report, inputs: undefined });
/** The number of records the run parsed, in whichever form the report gives it. */
function parsedCount(report: Report): number {
  const work = report.work as { parsed?: unknown } | undefined;
  if (typeof work?.parsed === 'number') return work.parsed;
  if (typeof report.totals.parsed === 'number') return report.totals.parsed;
  if (report.inputs.some((i) => typeof i.cached === 'boolean')) return report.inputs.filter((i) => i.cached !== true && i.status !== 'rejected').length;
  assert.fail('the run report says nothing about which inputs were parsed: wanted work.parsed / totals.parsed, or cached: true per input');
}

describe('incremental ingest on one content folder, run after run', () => {
  const ino = new Map<string, number>();
  let first: Report;

  before(async () => {
    fs.mkdirSync(dumps, { recursive: true });
    fs.mkdirSync(path.join(content, '_data'), { recursive: true });
    fs.copyFileSync(path.join(ROOT, 'content/_data/topics.yaml'), path.join(content, '_data/topics.yaml'));
    for (const f of FIRST) fs.writeFileSync(path.join(dumps, f), extra(f));
    first = (await ingest()).report;
  });

  it('1. a first run writes one article per dump', () => {
    assert.deepEqual(statuses(first), Object.fromEntries(FIRST.map((f) => [f, 'written'])));
    for (const f of FIRST) {
      const files = articlesOf(f);
      assert.equal(files.length, 1, `${f}: ${files.join(', ')}`);
      ino.set(f, fs.statSync(path.join(articles, files[0]!)).ino);
    }
  });

  it('2. the same dumps again: every input unchanged, nothing parsed, no article file rewritten', async () => {
    const { report } = await ingest();
    assert.deepEqual(statuses(report), Object.fromEntries(FIRST.map((f) => [f, 'unchanged'])));
    const t = report.totals;
    assert.deepEqual([t.written, t.unchanged, t.duplicate, t.rejected], [0, 4, 0, 0], JSON.stringify(t));
    for (const f of FIRST) assert.equal(fs.statSync(path.join(articles, articlesOf(f)[0]!)).ino, ino.get(f), `${f}: its article file was replaced`);
    assert.equal(parsedCount(report), 0, 'an unchanged input was parsed again');
  });

  it('3. one dump added: only it is written (and parsed)', async () => {
    fs.writeFileSync(path.join(dumps, '110_tunis.txt'), extra('110_tunis.txt'));
    const { report } = await ingest();
    assert.deepEqual(statuses(report), { ...Object.fromEntries(FIRST.map((f) => [f, 'unchanged'])), '110_tunis.txt': 'written' });
    assert.equal(articlesOf('110_tunis.txt').length, 1);
    for (const f of FIRST) assert.equal(fs.statSync(path.join(articles, articlesOf(f)[0]!)).ino, ino.get(f), `${f}: its article file was replaced`);
    assert.equal(parsedCount(report), 1);
  });

  it('4. one dump changed: its article is rewritten with the new text, no stale copy is left, the others are untouched', async () => {
    const file = path.join(dumps, '106_minimal.txt');
    const text = fs.readFileSync(file, 'utf8');
    assert.ok(text.includes(OLD_PHRASE));
    fs.writeFileSync(file, text.replace(OLD_PHRASE, NEW_PHRASE));
    const { report } = await ingest();
    assert.equal(input(report, '106_minimal.txt').status, 'written');
    for (const f of ['102_wire.txt', '108_levant.txt', '109_maroc.txt', '110_tunis.txt']) assert.equal(input(report, f).status, 'unchanged', f);
    const files = articlesOf('106_minimal.txt');
    assert.equal(files.length, 1, `articles listing 106_minimal.txt after the change: ${files.join(', ')}`);
    const body = fs.readFileSync(path.join(articles, files[0]!), 'utf8');
    assert.ok(body.includes(NEW_PHRASE), 'the article has the new text');
    assert.ok(!body.includes(OLD_PHRASE), 'the article still has the old text');
    assert.equal(parseArticleFile(body).meta.title, gold('106_minimal.txt').title);
    const everywhere = listFiles(articles).map((f) => fs.readFileSync(path.join(articles, f), 'utf8')).join('\n');
    assert.ok(!everywhere.includes(OLD_PHRASE), 'an article file with the old text is still there');
    assert.equal(parsedCount(report), 1);
  });

  let edited = '';
  let editedFile = '';
  it('5. a hand-edited article is not overwritten and is listed in kept_hand_edits; a hand-written one without sources is left alone', async () => {
    editedFile = path.join(articles, articlesOf('102_wire.txt')[0]!);
    const original = fs.readFileSync(editedFile, 'utf8');
    edited = original.replace(/^title: .*$/m, 'title: عنوان حرره المحرر يدويا').replace(/\n\n([^\n]+)\n/, '\n\n$1 (تصحيح من المحرر)\n');
    assert.notEqual(edited, original);
    fs.writeFileSync(editedFile, edited);
    fs.mkdirSync(path.join(articles, 'hand'), { recursive: true });
    fs.writeFileSync(path.join(articles, 'hand/مذكرة-المحرر.md'), HAND);
    const { report } = await ingest();
    assert.equal(fs.readFileSync(editedFile, 'utf8'), edited, 'the hand edit was overwritten');
    assert.equal(fs.readFileSync(path.join(articles, 'hand/مذكرة-المحرر.md'), 'utf8'), HAND, 'the hand-written article was changed');
    const kept = report.kept_hand_edits as string[] | undefined;
    assert.ok(Array.isArray(kept), 'the report has no kept_hand_edits list');
    assert.ok(kept.some((k) => path.basename(k) === path.basename(editedFile)), `kept_hand_edits = ${JSON.stringify(kept)}`);
    assert.ok(!kept.some((k) => k.includes('مذكرة-المحرر')), 'a hand-written article is no hand edit of a generated one');
    assert.equal(articlesOf('102_wire.txt').length, 1, 'a second article for 102_wire.txt was written beside the hand-edited one');
  });

  let orphan = '';
  it('6. a dump removed: its article stays and the report says so', async () => {
    orphan = articlesOf('109_maroc.txt')[0]!;
    const before = fs.readFileSync(path.join(articles, orphan), 'utf8');
    fs.rmSync(path.join(dumps, '109_maroc.txt'));
    const { report } = await ingest();
    assert.ok(!report.inputs.some((i) => path.basename(i.path) === '109_maroc.txt'), 'a removed dump is no input');
    assert.equal(fs.readFileSync(path.join(articles, orphan), 'utf8'), before, 'the article of a removed dump was changed or removed without --prune');
    assert.ok(runLevel(report).includes(path.basename(orphan)), `the report does not mention ${orphan} (wanted e.g. "orphaned": [...]): ${runLevel(report).slice(0, 600)}`);
    assert.ok(!runLevel(report).includes('مذكرة-المحرر'), 'the hand-written article (no sources) is reported as orphaned');
    assert.equal(fs.readFileSync(editedFile, 'utf8'), edited);
  });

  it('7. --prune removes the article of the removed dump, and only it (hand-written and hand-edited articles stay)', async () => {
    const others = listFiles(articles).filter((f) => f !== orphan);
    const snapshot = new Map(others.map((f) => [f, fs.readFileSync(path.join(articles, f), 'utf8')]));
    const r = await cli(['ingest', 'dumps', '--content', 'content', '--json', '--prune'], { cwd: box, timeoutMs: 60_000 });
    assert.notEqual(r.status, 2, `ingest does not know --prune: ${r.stderr.slice(0, 300)}`);
    assert.equal(r.status, 0, r.stderr.slice(0, 1500));
    const report = parseReport(r);
    assert.ok(!fs.existsSync(path.join(articles, orphan)), `${orphan} is still there after --prune`);
    assert.ok(runLevel(report).includes(path.basename(orphan)), `the report does not say ${orphan} was removed (wanted e.g. "removed": [...])`);
    assert.deepEqual(listFiles(articles).filter((f) => !f.startsWith('.')), others.filter((f) => !f.startsWith('.')));
    for (const [f, text] of snapshot) assert.equal(fs.readFileSync(path.join(articles, f), 'utf8'), text, `${f} changed under --prune`);
    for (const e of report.inputs) assert.equal(e.status, 'unchanged', `${e.path}: ${e.status}`);
  });

  it('8. build: the hand-written article (no sources) and the hand edit appear in the site', async () => {
    const r = await cli(['build', '--dumps', 'dumps', '--content', 'content', '--out', 'site'], { cwd: box, timeoutMs: 90_000 });
    assert.equal(r.status, 0, r.stderr.slice(0, 1500));
    assert.equal(fs.readFileSync(path.join(articles, 'hand/مذكرة-المحرر.md'), 'utf8'), HAND, 'build changed the hand-written article');
    assert.equal(fs.readFileSync(editedFile, 'utf8'), edited, 'build overwrote the hand edit');
    const pages = listFiles(path.join(box, 'site')).filter((f) => f.endsWith('.html'));
    const h1s = pages.map((f) => {
      const html = fs.readFileSync(path.join(box, 'site', f), 'utf8');
      const m = /<article[\s\S]*?<h1[^>]*>([\s\S]*?)<\/h1>/.exec(html);
      return { f, h1: m ? textOf(m[1]!) : '', html };
    });
    const hand = h1s.find((p) => p.h1 === HAND_TITLE);
    assert.ok(hand, `no article page for the hand-written article; article headlines: ${h1s.filter((p) => p.h1).map((p) => p.h1).join(' | ')}`);
    assert.ok(textOf(hand.html).includes('ولا يقابلها أي ملف خام'), 'its body is on its page');
    const home = h1s.find((p) => p.f === 'index.html');
    assert.ok(home && textOf(home.html).includes(HAND_TITLE), 'the hand-written article is not listed on the home page');
    assert.ok(h1s.some((p) => p.h1 === 'عنوان حرره المحرر يدويا'), 'the hand-edited title is not on any article page');
  });
});
