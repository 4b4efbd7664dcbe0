// The command line as a person and a script meet it: help with examples for every command, the version,
// progress bars only on a terminal and never with --quiet, colours only when wanted, the end-of-run summary.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { colorEnabled, formatMs, formatSummary, colors, StepTimer } from '../../src/cli/progress.ts';
import type { RunReport } from '../../src/ingest/run.ts';
import { contentDir, ROOT, tempDir } from '../helpers.ts';

const BIN = path.join(ROOT, 'bin/arshif.mjs');
const ENV = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined } as NodeJS.ProcessEnv;
const run = (args: string[], env: NodeJS.ProcessEnv = ENV) => spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', env });
const ANSI = /\u001b\[/;

/** Runs the binary with stderr on a pseudo-terminal (stdout to a file); returns what reached the terminal. */
function onTerminal(args: string[]): { status: number | null; terminal: string; stdout: string } | null {
  if (spawnSync('script', ['--version'], { encoding: 'utf8' }).status !== 0) return null;
  const dir = tempDir();
  const out = path.join(dir, 'stdout.txt');
  const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const cmd = `${quote(process.execPath)} ${quote(BIN)} ${args.map(quote).join(' ')} > ${quote(out)}`;
  const r = spawnSync('script', ['-qec', cmd, '/dev/null'], { cwd: ROOT, encoding: 'utf8', env: { ...ENV, TERM: 'xterm' } });
  return { status: r.status, terminal: r.stdout, stdout: fs.existsSync(out) ? fs.readFileSync(out, 'utf8') : '' };
}

/** The sub-commands a help text lists (without `help`). */
function commands(help: string): string[] {
  const block = help.split(/^Commands:$/m)[1]?.split(/^\S/m)[0] ?? '';
  return [...block.matchAll(/^ {2}([a-z][\w-]*)/gm)].map((m) => m[1]!).filter((c) => c !== 'help');
}

test('--help of the program and of every command shows examples; exit 0', () => {
  const top = run(['--help']);
  assert.equal(top.status, 0);
  assert.match(top.stdout, /Examples:/);
  assert.match(top.stdout, /--quiet/);
  const names = commands(top.stdout);
  for (const required of ['ingest', 'build', 'serve', 'report']) assert.ok(names.includes(required), `${required} listed in --help`);
  const help: Record<string, string> = {};
  // Every command that does something (a leaf; a group like `topics` lists its own) has examples.
  const visit = (words: string[]) => {
    const r = run([...words, '--help']);
    assert.equal(r.status, 0, `${words.join(' ')} --help`);
    help[words.join(' ')] = r.stdout;
    const subs = commands(r.stdout);
    if (subs.length) for (const sub of subs) visit([...words, sub]);
    else assert.match(r.stdout, /Examples:\n {2}arshif /, `arshif ${words.join(' ')} --help has examples`);
  };
  for (const name of names) visit([name]);
  assert.match(help.build!, /--path-prefix/);
  assert.match(help.build!, /--prune/);
  assert.match(help.ingest!, /--prune/);
  assert.match(help.report!, /--html/);
  assert.match(help.report!, /--lines/);
});

test('--version prints the package version', () => {
  const version = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  for (const flag of ['--version', '-V']) {
    const r = run([flag]);
    assert.equal(r.status, 0);
    assert.equal(r.stdout, `${version}\n`);
  }
});

test('usage errors exit 2 with the reason on stderr', () => {
  for (const args of [['ingest', '--no-such-option'], ['serve', '--port', 'abc'], ['no-such-command'], ['report', '--out', 'x.html'], []]) {
    const r = run(args);
    assert.equal(r.status, 2, `arshif ${args.join(' ')}: ${r.stderr}`);
    assert.ok(r.stderr.trim().length > 0, `arshif ${args.join(' ')} says why`);
    assert.equal(r.stdout, '');
  }
  assert.match(run(['serve', '--port', 'abc']).stderr, /port/);
});

test('a dumps folder named with --dumps that does not exist fails the build (1), naming it in one sentence', () => {
  const r = run(['build', '--dumps', '/nonexistent/dumps', '--content', tempDir(), '--out', path.join(tempDir(), 'site')]);
  assert.equal(r.status, 1);
  assert.equal(r.stderr, 'arshif: cannot read /nonexistent/dumps: no such file or folder\n');
});

test('progress bars reach a terminal on stderr, stdout keeps only the summary; --quiet silences them', (t) => {
  const content = contentDir();
  const loud = onTerminal(['ingest', 'dumps', '--content', content]);
  if (!loud) {
    t.skip('no script(1) to make a pseudo-terminal');
    return;
  }
  assert.equal(loud.status, 0, loud.terminal);
  assert.match(loud.terminal, /reading|cleaning|writing/);
  assert.match(loud.terminal, /█|░/);
  assert.match(loud.stdout, /^arshif: 5 written, 0 unchanged, 0 duplicate, 0 rejected \(5 inputs\)\ntime: /);
  assert.ok(!ANSI.test(loud.stdout), 'no colour into a file');
  const quiet = onTerminal(['ingest', 'dumps', '--content', content, '--quiet']);
  assert.equal(quiet!.status, 0);
  assert.equal(quiet!.terminal, '', 'nothing on stderr with --quiet');
  assert.match(quiet!.stdout, /^arshif: 0 written, 5 unchanged/);
  // --json on a terminal: the bar on stderr, only JSON on stdout.
  const json = onTerminal(['ingest', 'dumps', '--content', content, '--json']);
  assert.equal(JSON.parse(json!.stdout).inputs.length, 5);
});

test('without a terminal nothing reaches stderr; --quiet is global and can come before the command', () => {
  const content = contentDir();
  const r = run(['ingest', 'dumps', '--content', content]);
  assert.equal(r.status, 0);
  assert.equal(r.stderr, '');
  const q = run(['--quiet', 'ingest', 'dumps', '--content', content, '--json']);
  assert.equal(q.status, 0);
  assert.equal(q.stderr, '');
  assert.equal(JSON.parse(q.stdout).totals.unchanged, 5);
});

test('output is coloured only when asked (FORCE_COLOR) and never with NO_COLOR or --no-color; JSON never', () => {
  const content = contentDir();
  const forced = run(['ingest', 'dumps', '--content', content], { ...ENV, FORCE_COLOR: '1' });
  assert.equal(forced.status, 0);
  assert.ok(ANSI.test(forced.stdout), 'the ingest summary is coloured');
  const json = run(['ingest', 'dumps', '--content', content, '--json'], { ...ENV, FORCE_COLOR: '1' });
  assert.ok(!ANSI.test(json.stdout));
  JSON.parse(json.stdout);
  // `report` reads the same settings and starts fast: the matrix runs on it.
  assert.ok(!ANSI.test(run(['report', '--content', content]).stdout));
  assert.ok(ANSI.test(run(['report', '--content', content], { ...ENV, FORCE_COLOR: '1' }).stdout));
  assert.ok(!ANSI.test(run(['report', '--content', content], { ...ENV, FORCE_COLOR: '1', NO_COLOR: '1' }).stdout));
  assert.ok(!ANSI.test(run(['report', '--content', content, '--no-color'], { ...ENV, FORCE_COLOR: '1' }).stdout));
});

test('colour rules and the summary text', () => {
  assert.equal(colorEnabled({ isTTY: true }, {}), true);
  assert.equal(colorEnabled({ isTTY: false }, {}), false);
  assert.equal(colorEnabled({ isTTY: true }, { NO_COLOR: '1' }), false);
  assert.equal(colorEnabled({ isTTY: true }, { NO_COLOR: '' }), true);
  assert.equal(colorEnabled({ isTTY: true }, {}, false), false);
  assert.equal(colorEnabled({ isTTY: false }, { FORCE_COLOR: '1' }), true);
  assert.equal(formatMs(840), '840 ms');
  assert.equal(formatMs(3240), '3.2 s');
  assert.equal(formatMs(125_000), '2 min 05 s');
  const report = {
    inputs: [
      { path: 'dumps/a.txt', status: 'written', messages: [] },
      { path: 'dumps/e\u001b[31m.txt', status: 'rejected', reason: 'empty file', messages: [] },
    ],
    totals: { written: 1, unchanged: 0, duplicate: 0, rejected: 1 },
    kept_hand_edits: ['articles/x.md'],
  } as unknown as RunReport;
  const timer = { steps: [{ name: 'ingest', ms: 1200 }, { name: 'site pages', ms: 4100 }, { name: 'search index', ms: 300 }], total: () => 5600 };
  const text = formatSummary(report, timer);
  assert.equal(
    text,
    [
      'arshif: 1 written, 0 unchanged, 0 duplicate, 1 rejected (2 inputs)',
      '  rejected dumps/e\ufffd[31m.txt: empty file',
      '  kept hand-edited articles/x.md (not overwritten)',
      'time: 5.6 s · slowest step: site pages 4.1 s (ingest 1.2 s, site pages 4.1 s, search index 300 ms)',
    ].join('\n'),
  );
  assert.ok(ANSI.test(formatSummary(report, timer, colors(true))));
});

test('StepTimer records each step, also one that throws', async () => {
  const t = new StepTimer();
  assert.equal(await t.time('a', () => 1), 1);
  await assert.rejects(t.time('b', async () => {
    throw new Error('x');
  }));
  assert.deepEqual(t.steps.map((s) => s.name), ['a', 'b']);
});

test('build: summary with the slowest step; the review page is published only with review: true in site.yaml', () => {
  const content = contentDir();
  fs.writeFileSync(path.join(content, '_data', 'site.yaml'), 'review: true\npath_prefix: /archive/\n');
  const out = path.join(tempDir(), 'site');
  const r = run(['build', '--dumps', 'dumps', '--content', content, '--out', out]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^arshif: 5 written, 0 unchanged, 0 duplicate, 0 rejected \(5 inputs\)$/m);
  assert.match(r.stdout, /^time: [\d.]+ m?s · slowest step: (ingest|site pages|search index|review page) [\d.]+ m?s \(ingest [\d.]+ m?s, site pages [\d.]+ m?s/m);
  assert.match(r.stdout, /site built in .*\((\d+) pages/);
  const review = fs.readFileSync(path.join(out, 'review', 'index.html'), 'utf8');
  assert.match(review, /<html lang="ar" dir="rtl">/);
  assert.equal((review.match(/<article class="card /g) ?? []).length, 5);
  // Off by default: no review page in the site.
  fs.writeFileSync(path.join(content, '_data', 'site.yaml'), 'title: أرشيف\n');
  const out2 = path.join(tempDir(), 'site');
  assert.equal(run(['build', '--dumps', 'dumps', '--content', content, '--out', out2, '--quiet']).status, 0);
  assert.ok(!fs.existsSync(path.join(out2, 'review')));
  // Turned off again: the page an earlier build published is removed.
  assert.equal(run(['build', '--dumps', 'dumps', '--content', content, '--out', out, '--quiet']).status, 0);
  assert.ok(!fs.existsSync(path.join(out, 'review', 'index.html')));
});
