// Crash safety (issue #8): SIGKILL the real `arshif ingest` at several points of a run over a few hundred
// dumps, check after each kill that the content folder is consistent (every article parses, no temporary file
// passes for an article, every JSON state file parses), then finish the run and check the result equals a
// clean single run into a fresh folder: the same article files, byte for byte, and nothing mistaken for a
// hand edit. Kill points are events (files appearing), not clock times, so a slow or loaded machine moves
// them but does not remove them.
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, tempDir } from '../helpers.ts';
import { cliAsync, generateDumps, listFiles, parseArticleFile, parseReport, run as cli, type CliResult, type Report } from '../fixtures/hostile/lib.ts';

const N = 200;
const box = tempDir('arshif-kill-');
const dumps = path.join(box, 'dumps');

interface State { state: number; articles: number }

/** Files arshif keeps for itself (cache, manifest, reports) and article files, counted cheaply. */
function stateOf(content: string): State {
  let state = 0;
  let articles = 0;
  const walk = (d: string, inArticles: boolean) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.isDirectory()) walk(path.join(d, e.name), inArticles || (d === content && e.name === 'articles'));
      else if (inArticles && e.name.endsWith('.md')) articles++;
      else if (!inArticles && !(d === path.join(content, '_data'))) state++;
    }
  };
  walk(content, false);
  return { state, articles };
}

interface KillPoint { name: string; when: (now: State, start: State) => boolean }

const KILL_POINTS: KillPoint[] = [
  { name: 'as soon as the first state file appears', when: (n, s) => n.state > s.state },
  { name: 'when the state files have grown by a third of the inputs', when: (n, s) => n.state - s.state >= N / 3 },
  { name: 'as soon as the first article file appears', when: (n, s) => n.articles > s.articles },
  { name: 'when about half the articles exist', when: (n) => n.articles >= N / 2 },
  { name: 'when nearly all articles exist', when: (n) => n.articles >= N - 10 },
];

/** Starts an ingest into `content` and SIGKILLs it when `when` first holds. */
async function killedRun(content: string, when: KillPoint['when']): Promise<{ r: CliResult; killed: boolean; at: State | null }> {
  const start = stateOf(content);
  const { child, done } = cliAsync(['ingest', 'dumps', '--content', path.relative(box, content), '--json'], { cwd: box, timeoutMs: 120_000 });
  let killed = false;
  let at: State | null = null;
  let exited = false;
  void done.then(() => (exited = true));
  const timer = setInterval(() => {
    if (exited || killed) return;
    const now = stateOf(content);
    if (when(now, start)) {
      killed = child.kill('SIGKILL');
      at = now;
    }
  }, 2);
  const r = await done;
  clearInterval(timer);
  return { r, killed: killed && r.signal === 'SIGKILL', at };
}

/** What must hold in a content folder at any moment, even right after a kill. */
function assertConsistent(content: string, label: string): void {
  const articles = path.join(content, 'articles');
  for (const f of listFiles(articles)) {
    const base = path.basename(f);
    if (base.startsWith('.')) {
      assert.ok(base.endsWith('.tmp'), `${label}: unexpected hidden file ${f}`);
      continue;
    }
    assert.ok(f.endsWith('.md'), `${label}: a file in articles/ that is no article: ${f}`);
    const text = fs.readFileSync(path.join(articles, f), 'utf8');
    let a;
    try {
      a = parseArticleFile(text);
    } catch (e) {
      assert.fail(`${label}: ${f} does not parse (${(e as Error).message}); it is ${text.length} chars: ${JSON.stringify(text.slice(-120))}`);
    }
    assert.ok(typeof a.meta.id === 'string' && a.meta.id, `${label}: ${f} has no id`);
    assert.ok(typeof a.meta.title === 'string' && a.meta.title, `${label}: ${f} has no title`);
    assert.ok(Array.isArray(a.meta.sources) && a.meta.sources.length, `${label}: ${f} has no sources`);
    assert.ok(a.body.trim().length > 50 && text.endsWith('\n'), `${label}: ${f} is cut short`);
  }
  for (const f of listFiles(content)) {
    if (f.startsWith('articles/')) continue;
    const base = path.basename(f);
    if (base.endsWith('.tmp')) {
      assert.ok(base.startsWith('.'), `${label}: a visible temporary file ${f}`);
      continue;
    }
    if (f.endsWith('.json')) {
      const text = fs.readFileSync(path.join(content, f), 'utf8');
      assert.doesNotThrow(() => JSON.parse(text), `${label}: ${f} is not valid JSON (${text.length} chars)`);
    }
  }
}

const articleFiles = (content: string) => listFiles(path.join(content, 'articles')).filter((f) => !path.basename(f).startsWith('.'));

describe(`SIGKILL in the middle of an ingest of ${N} dumps`, () => {
  const ref = path.join(box, 'ref');
  const killed = path.join(box, 'killed');
  let refRun: Promise<CliResult>;
  const outcomes: { name: string; killed: boolean; at: State | null; status: number | null }[] = [];

  before(() => {
    generateDumps(dumps, N, 20240);
    for (const c of [ref, killed]) {
      fs.mkdirSync(path.join(c, '_data'), { recursive: true });
      fs.copyFileSync(path.join(ROOT, 'content/_data/topics.yaml'), path.join(c, '_data/topics.yaml'));
    }
    // The clean single run goes alongside the killed ones.
    refRun = cli(['ingest', 'dumps', '--content', 'ref', '--json'], { cwd: box, timeoutMs: 150_000 });
  });

  for (const k of KILL_POINTS) {
    it(`killed ${k.name}: the content folder is consistent`, async () => {
      const { r, killed: wasKilled, at } = await killedRun(killed, k.when);
      outcomes.push({ name: k.name, killed: wasKilled, at, status: r.status });
      if (!wasKilled) assert.equal(r.status, 0, `the run was not killed and did not succeed: ${r.stderr.slice(0, 1500)}`);
      assertConsistent(killed, `after a kill ${k.name}`);
    });
  }

  it('most kill points really interrupted a run', (t) => {
    for (const o of outcomes) t.diagnostic(`${o.killed ? 'killed' : 'ran to the end'} ${o.name}${o.at ? ` (state files ${o.at.state}, articles ${o.at.articles})` : ''}`);
    const n = outcomes.filter((o) => o.killed).length;
    assert.ok(n >= 3, `only ${n} of ${KILL_POINTS.length} kills landed before the run ended: ${JSON.stringify(outcomes)}`);
  });

  let finish: Report;
  let reference: Report;
  it('a run to completion afterwards equals a clean single run: the same article files, byte for byte', async () => {
    const r = await cli(['ingest', 'dumps', '--content', 'killed', '--json'], { cwd: box, timeoutMs: 150_000 });
    assert.equal(r.status, 0, r.stderr.slice(0, 1500));
    finish = parseReport(r);
    const rr = await refRun;
    assert.equal(rr.status, 0, rr.stderr.slice(0, 1500));
    reference = parseReport(rr);
    assertConsistent(killed, 'after the finishing run');
    const a = articleFiles(ref);
    const b = articleFiles(killed);
    assert.ok(a.length > N * 0.8, `the clean run wrote only ${a.length} articles from ${N} dumps`);
    assert.deepEqual(b, a, 'not the same set of article files');
    const differ = a.filter((f) => fs.readFileSync(path.join(ref, 'articles', f), 'utf8') !== fs.readFileSync(path.join(killed, 'articles', f), 'utf8'));
    assert.deepEqual(differ, [], 'article files whose bytes differ from the clean run');
    assert.deepEqual(listFiles(killed).filter((f) => f.endsWith('.tmp')), [], 'temporary files left after a complete run');
    assert.deepEqual(finish.kept_hand_edits ?? [], [], 'articles written by a killed run are taken for hand edits');
    const t = (x: Report) => [x.totals.written + x.totals.unchanged, x.totals.duplicate, x.totals.rejected];
    assert.deepEqual(t(finish), t(reference), 'the finishing run accounts for the inputs differently from the clean run');
  });

  it('and one more run finds nothing to do: every input unchanged, nothing taken for a hand edit', async () => {
    const r = await cli(['ingest', 'dumps', '--content', 'killed', '--json'], { cwd: box, timeoutMs: 150_000 });
    assert.equal(r.status, 0, r.stderr.slice(0, 1500));
    const again = parseReport(r);
    assert.equal(again.totals.written, 0, JSON.stringify(again.totals));
    assert.equal(again.totals.unchanged, reference.totals.written);
    assert.deepEqual(again.kept_hand_edits ?? [], []);
    assert.deepEqual(articleFiles(killed), articleFiles(ref));
  });
});
