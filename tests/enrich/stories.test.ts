import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { clusterStories, resemblance, shingles } from '../../src/enrich/stories.ts';
import { assignTopics, loadTopics } from '../../src/enrich/topics.ts';
import { ROOT, SHARED } from '../helpers.ts';

const gold = JSON.parse(fs.readFileSync(path.join(SHARED, 'gold/seeds.json'), 'utf8')) as { file: string; body: string[]; cluster: string; title: string | null }[];

test('the same story from two outlets clusters; other stories about the same minister do not', () => {
  const ids = clusterStories(gold.map((g) => g.body.join('\n')));
  for (let i = 0; i < gold.length; i++) {
    for (let j = i + 1; j < gold.length; j++) {
      assert.equal(ids[i] === ids[j], gold[i]!.cluster === gold[j]!.cluster, `${gold[i]!.file} vs ${gold[j]!.file}`);
    }
  }
});

test('resemblance separates rewrites of one story from different stories', () => {
  const s = gold.map((g) => shingles(g.body.join('\n')));
  assert.ok(resemblance(s[0]!, s[3]!).jaccard >= 0.1);
  assert.ok(resemblance(s[0]!, s[4]!).jaccard < 0.05);
});

test('clustering 10,000 synthetic articles takes seconds, not minutes', () => {
  const words = gold.flatMap((g) => g.body.join(' ').split(/\s+/));
  let seed = 7;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const texts = Array.from({ length: 10000 }, () => Array.from({ length: 250 }, () => words[Math.floor(rnd() * words.length)]).join(' '));
  const t = performance.now();
  const ids = clusterStories(texts);
  const ms = performance.now() - t;
  assert.equal(ids.length, 10000);
  assert.ok(ms < 60000, `${ms} ms`);
});

test('each sample article gets its expected topics', () => {
  const index = loadTopics(path.join(ROOT, 'content/_data/topics.yaml'));
  for (const g of gold) {
    const topics = assignTopics(index, { title: g.title ?? '', lead: g.body[0]!, body: g.body.join('\n') });
    assert.ok(topics.includes('syria'), `${g.file}: ${topics.join(', ')}`);
    assert.ok(topics.includes('russia') || topics.includes('russian-foreign-ministry'), `${g.file}: ${topics.join(', ')}`);
  }
});
