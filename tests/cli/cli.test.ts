// The real binary on temporary folders: exit codes, --json shape, messages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, tempDir } from '../helpers.ts';

const BIN = path.join(ROOT, 'bin/arshif.mjs');
const run = (args: string[], cwd = ROOT) => spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8' });

test('ingest --json prints the contract run report and nothing else; every input appears once', () => {
  const content = tempDir();
  const dumps = tempDir();
  for (const f of fs.readdirSync(path.join(ROOT, 'dumps'))) fs.copyFileSync(path.join(ROOT, 'dumps', f), path.join(dumps, f));
  fs.writeFileSync(path.join(dumps, 'empty.txt'), '');
  fs.copyFileSync(path.join(ROOT, 'dumps', fs.readdirSync(path.join(ROOT, 'dumps'))[0]!), path.join(dumps, 'copy.txt'));
  const r = run(['ingest', dumps, '--content', content, '--json']);
  assert.equal(r.status, 0, r.stderr);
  const report = JSON.parse(r.stdout);
  assert.equal(report.inputs.length, 7);
  assert.deepEqual(report.totals, { written: 5, unchanged: 0, duplicate: 1, rejected: 1 });
  const empty = report.inputs.find((i: { path: string }) => i.path.endsWith('empty.txt'));
  assert.equal(empty.status, 'rejected');
  assert.equal(empty.reason, 'empty file');
  const dup = report.inputs.find((i: { path: string }) => i.path.endsWith('copy.txt'));
  assert.equal(dup.status, 'duplicate');
  // The contract's shape: every input path exactly once, totals that add up, each status with its fields.
  const files = fs.readdirSync(dumps).sort();
  assert.deepEqual(report.inputs.map((i: { path: string }) => path.basename(i.path)).sort(), files);
  assert.equal(new Set(report.inputs.map((i: { path: string }) => i.path)).size, report.inputs.length);
  const sum = Object.values(report.totals as Record<string, number>).reduce((a, b) => a + b, 0);
  assert.equal(sum, report.inputs.length);
  for (const i of report.inputs as { path: string; status: string; article?: string; duplicate_of?: string; reason?: string; messages: { rule: string; text: string }[] }[]) {
    assert.ok(['written', 'unchanged', 'duplicate', 'rejected'].includes(i.status), i.path);
    assert.ok(Array.isArray(i.messages) && i.messages.every((m) => typeof m.rule === 'string' && typeof m.text === 'string'), i.path);
    if (i.status === 'rejected') assert.ok(i.reason, `${i.path} says why it was rejected`);
    else assert.ok(i.article && fs.existsSync(path.resolve(ROOT, i.article)), `${i.path} names its article`);
    if (i.status === 'duplicate') assert.ok(report.inputs.some((o: { path: string }) => o.path === i.duplicate_of), `${i.path} names the input it duplicates`);
  }
  // A second run changes nothing.
  const again = JSON.parse(run(['ingest', dumps, '--content', content, '--json']).stdout);
  assert.deepEqual(again.totals, { written: 0, unchanged: 5, duplicate: 1, rejected: 1 });
});

test('a missing folder is a run failure (1) with one sentence naming it; a bad option is a usage error (2)', () => {
  const r = run(['ingest', '/nonexistent/dumps', '--content', tempDir()]);
  assert.equal(r.status, 1);
  assert.equal(r.stderr, 'arshif: cannot read /nonexistent/dumps: no such file or folder\n');
  assert.equal(r.stdout, '');
  const u = run(['ingest', '--no-such-option']);
  assert.equal(u.status, 2);
  assert.match(u.stderr, /unknown option/);
});

test('a hand-edited article is never overwritten', () => {
  const content = tempDir();
  const dumps = path.join(ROOT, 'dumps');
  assert.equal(run(['ingest', dumps, '--content', content]).status, 0);
  const dir = path.join(content, 'articles');
  const file = path.join(dir, fs.readdirSync(dir)[0]!);
  const edited = fs.readFileSync(file, 'utf8').replace(/^title: .*$/m, 'title: عنوان حرره المحرر');
  fs.writeFileSync(file, edited);
  const r = run(['ingest', dumps, '--content', content]);
  assert.equal(r.status, 0);
  assert.match(r.stdout, /kept hand-edited/);
  assert.equal(fs.readFileSync(file, 'utf8'), edited);
});

test('--prune reaches ingest: an article whose dump is gone is kept and reported, then removed with --prune', () => {
  const content = tempDir();
  const dumps = tempDir();
  const names = fs.readdirSync(path.join(ROOT, 'dumps'));
  for (const f of names) fs.copyFileSync(path.join(ROOT, 'dumps', f), path.join(dumps, f));
  const first = JSON.parse(run(['ingest', dumps, '--content', content, '--json']).stdout);
  const gone = first.inputs.find((i: { path: string }) => i.path.endsWith(names[0]!));
  fs.rmSync(path.join(dumps, names[0]!));
  const kept = run(['ingest', dumps, '--content', content]);
  assert.equal(kept.status, 0, kept.stderr);
  assert.match(kept.stdout, /kept 1 article whose dumps are gone \(--prune removes them\)/);
  assert.ok(fs.existsSync(path.resolve(ROOT, gone.article)));
  const pruned = run(['ingest', dumps, '--content', content, '--prune', '--json']);
  assert.equal(pruned.status, 0, pruned.stderr);
  const report = JSON.parse(pruned.stdout);
  assert.equal(report.removed.length, 1);
  assert.ok(!fs.existsSync(path.resolve(ROOT, gone.article)));
  assert.equal(report.inputs.length, names.length - 1);
});
