// Incremental ingest at archive scale (issue #9): the same dumps give byte-identical content whether they are
// ingested at once or in two steps, a second step parses only the new dumps and clusters stories against the
// kept index, and a run with nothing new re-cleans nothing. Dumps from the benchmark generator (bench/generate.ts:
// eight sites with their chrome, near copies and rewrites of one story).
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { generate } from '../../bench/generate.ts';
import { ingest, type RunReport } from '../../src/ingest/run.ts';
import { contentDir, tempDir } from '../helpers.ts';
import { sha, snapshot } from '../fixtures/hostile/lib.ts';

const FIRST = 200;
const MORE = 40;

describe('ingest at once and in two steps', () => {
  const box = tempDir('arshif-steps-');
  const allDumps = path.join(box, 'all');
  const stepDumps = path.join(box, 'steps');
  const once = contentDir();
  const twice = contentDir();
  let cold: RunReport;
  let second: RunReport;

  before(async () => {
    generate(allDumps, 0, FIRST + MORE);
    generate(stepDumps, 0, FIRST);
    cold = await ingest({ paths: [allDumps], content: once, workers: 2 });
    await ingest({ paths: [stepDumps], content: twice, workers: 2 });
    generate(stepDumps, FIRST, MORE);
    second = await ingest({ paths: [stepDumps], content: twice });
  });

  it('the articles are byte-identical, stories included', () => {
    const a = snapshot(path.join(once, 'articles'));
    const b = snapshot(path.join(twice, 'articles'));
    assert.ok(Object.keys(a).length > FIRST, `${Object.keys(a).length} articles`);
    assert.deepEqual(Object.keys(b), Object.keys(a));
    const differ = Object.keys(a).filter((f) => a[f] !== b[f]);
    assert.deepEqual(differ, [], 'articles whose bytes differ');
    const texts = fs.readdirSync(path.join(once, 'articles')).map((f) => fs.readFileSync(path.join(once, 'articles', f), 'utf8'));
    const stories = new Set(texts.map((t) => /^story: (\S+)$/m.exec(t)?.[1]));
    assert.ok(stories.size < texts.length, 'no two articles share a story: the fixture tests nothing');
    assert.equal(fs.readFileSync(path.join(twice, '.arshif/stories.json'), 'utf8'), fs.readFileSync(path.join(once, '.arshif/stories.json'), 'utf8'));
    assert.deepEqual(second.totals, { ...cold.totals, written: second.totals.written, unchanged: second.totals.unchanged });
    assert.equal(second.totals.written + second.totals.unchanged, cold.totals.written);
  });

  it('the second step parses only the new dumps', () => {
    // Exact copies of a dump already read cost no parse either.
    const hashes = (files: string[]) => new Set(files.map((f) => sha(fs.readFileSync(path.join(stepDumps, f)))));
    const files = fs.readdirSync(stepDumps).sort();
    const old = hashes(files.slice(0, FIRST));
    const fresh = [...hashes(files.slice(FIRST))].filter((h) => !old.has(h));
    assert.ok(fresh.length >= MORE - 5);
    assert.equal(second.work.parsed, fresh.length);
    assert.equal(second.work.records, FIRST + MORE);
    // The others come from the cache, unless the new dumps of their site changed which of their lines are template.
    assert.equal(second.work.cached + second.work.cleaned, FIRST + MORE);
    assert.ok(second.work.cached > 0);
  });

  it('a run with nothing new re-cleans nothing, rewrites nothing and reuses every story edge', async () => {
    const before = fs.statSync(path.join(twice, '.arshif/stories.json')).mtimeMs;
    const r = await ingest({ paths: [stepDumps], content: twice, workers: 2 });
    assert.equal(r.work.parsed, 0);
    assert.equal(r.work.cleaned, 0);
    assert.equal(r.work.cached, FIRST + MORE);
    assert.equal(r.totals.written, 0);
    assert.equal(r.work.stories.reused, r.work.stories.edges);
    assert.ok(r.work.stories.edges > 0);
    assert.equal(fs.statSync(path.join(twice, '.arshif/stories.json')).mtimeMs, before, 'the story state was rewritten');
  });

  it('a lost story state is rebuilt to the same clusters', async () => {
    const state = fs.readFileSync(path.join(twice, '.arshif/stories.json'), 'utf8');
    const articles = snapshot(path.join(twice, 'articles'));
    fs.writeFileSync(path.join(twice, '.arshif/stories.json'), '{"version": "broken"');
    const r = await ingest({ paths: [stepDumps], content: twice, workers: 1 });
    assert.equal(r.work.stories.reused, 0);
    assert.equal(r.totals.written, 0);
    assert.deepEqual(snapshot(path.join(twice, 'articles')), articles);
    assert.equal(fs.readFileSync(path.join(twice, '.arshif/stories.json'), 'utf8'), state);
  });
});
