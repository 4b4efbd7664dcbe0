import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { clusterDocs, clusterStories, resemblance, sameStory, shingles, sortedShingles, sortedShinglesOf, type StoryDoc } from '../../src/enrich/stories.ts';
import { assignTopics, findMentions, loadTopics } from '../../src/enrich/topics.ts';
import { matchTokens, WordTable } from '../../src/arabic/normalize.ts';
import { isFunctionWord } from '../../src/arabic/function-words.ts';
import { randomStrings, ROOT, SHARED } from '../helpers.ts';

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

// 10,000 synthetic articles recombined from the sample paragraphs. Every story keeps the samples' names
// (لافروف, موسكو, سوريا, الإرهاب…) and sentence shapes, with its other content words drawn afresh, so thousands of
// distinct stories share their people; 1,000 of them are rewritten once more as another outlet would (sentences
// dropped, words changed, a sentence added), half lightly and half heavily (resemblance near the real pair 000/003).
function synthetic(n: number, pairs: number) {
  const index = loadTopics(path.join(ROOT, 'content/_data/topics.yaml'));
  const sentences = gold.flatMap((g) => g.body).flatMap((p) => p.split(/(?<=[.،؛:])\s+/)).map((x) => x.split(/\s+/)).filter((w) => w.length >= 6);
  const names = new Map<string, boolean>();
  const isName = (w: string) => {
    let v = names.get(w);
    if (v === undefined) names.set(w, (v = findMentions(index, w).length > 0));
    return v;
  };
  const isFunction = (w: string) => matchTokens(w).every((t) => isFunctionWord(t));
  const pool = sentences.flat().filter((w) => !isName(w) && !isFunction(w) && w.length >= 3);
  let seed = 7; // mulberry32
  const rnd = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T,>(a: T[]) => a[Math.floor(rnd() * a.length)]!;
  const sentence = (replace: number) => pick(sentences).map((w) => (isName(w) || isFunction(w) || rnd() >= replace ? w : pick(pool))).join(' ');
  const story = () => Array.from({ length: 10 + Math.floor(rnd() * 5) }, () => sentence(0.8));
  const rewrite = (base: string[], keep: number, change: number) => {
    const out = base.filter(() => rnd() < keep).map((x) => x.split(' ').map((w) => (rnd() < change ? pick(pool) : w)).join(' '));
    out.splice(Math.floor(rnd() * out.length), 0, sentence(0.8));
    return out;
  };
  const texts: string[] = [];
  const base: number[] = []; // which story each text tells
  const planted: [number, number][] = [];
  for (let s = 0; texts.length < n; s++) {
    const b = story();
    texts.push(b.join('\n'));
    base.push(s);
    if (planted.length < pairs) {
      const heavy = planted.length % 2 === 1;
      texts.push(rewrite(b, heavy ? 0.6 : 0.85, heavy ? 0.2 : 0.08).join('\n'));
      base.push(s);
      planted.push([texts.length - 2, texts.length - 1]);
    }
  }
  return { texts, base, planted };
}

test('clustering 10,000 synthetic articles takes seconds: planted rewrites found, stories sharing only names kept apart', () => {
  const { texts, base, planted } = synthetic(10000, 1000);
  assert.equal(texts.length, 10000);
  const cpu = process.cpuUsage();
  const t = performance.now();
  const ids = clusterStories(texts);
  const ms = performance.now() - t;
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000;
  console.log(`clusterStories: ${texts.length} articles in ${Math.round(ms)} ms wall, ${Math.round(cpuMs)} ms CPU`);
  assert.equal(ids.length, 10000);
  // The inverted index loses no pair the resemblance test accepts, and nearly every planted pair is accepted.
  const accepted = planted.filter(([a, b]) => sameStory(shingles(texts[a]!), shingles(texts[b]!)));
  const lost = accepted.filter(([a, b]) => ids[a] !== ids[b]);
  assert.equal(lost.length, 0, `candidate generation lost ${lost.length} pairs`);
  const found = planted.filter(([a, b]) => ids[a] === ids[b]).length;
  console.log(`planted pairs found: ${found} of ${planted.length}`);
  assert.ok(found >= 0.99 * planted.length, `${found} of ${planted.length}`);
  // No cluster holds two different stories, although every story names the same people.
  const stories = new Map<number, Set<number>>();
  ids.forEach((c, i) => {
    let set = stories.get(c);
    if (!set) stories.set(c, (set = new Set()));
    set.add(base[i]!);
  });
  const merged = [...stories.values()].filter((set) => set.size > 1);
  assert.equal(merged.length, 0, `${merged.length} clusters merge different stories`);
  // The synthetic pairs are as hard as real ones: heavy rewrites resemble each other about as much as 000/003.
  const heavy = planted.filter((_, i) => i % 2 === 1).slice(0, 100).map(([a, b]) => resemblance(shingles(texts[a]!), shingles(texts[b]!)).jaccard);
  const real = resemblance(shingles(gold[0]!.body.join('\n')), shingles(gold[3]!.body.join('\n'))).jaccard;
  const mean = heavy.reduce((x, y) => x + y, 0) / heavy.length;
  console.log(`jaccard: heavy synthetic rewrites ${mean.toFixed(2)} (min ${Math.min(...heavy).toFixed(2)}), real pair 000/003 ${real.toFixed(2)}`);
  assert.ok(mean < 0.35, `synthetic rewrites too easy: ${mean}`);
  // CPU time, not wall time: the CI box may be shared; the work itself must take seconds.
  assert.ok(cpuMs < 30000, `${Math.round(cpuMs)} ms CPU`);
});

test('each sample article gets its expected topics', () => {
  const index = loadTopics(path.join(ROOT, 'content/_data/topics.yaml'));
  for (const g of gold) {
    const topics = assignTopics(index, { title: g.title ?? '', lead: g.body[0]!, body: g.body.join('\n') });
    assert.ok(topics.includes('syria'), `${g.file}: ${topics.join(', ')}`);
    assert.ok(topics.includes('russia') || topics.includes('russian-foreign-ministry'), `${g.file}: ${topics.join(', ')}`);
  }
});

// Incremental clustering (src/enrich/stories.ts clusterDocs): the state a run leaves lets the next one vote only
// for the documents it adds, and the result must be the one a cold clustering of all documents gives.
const sortedDocs = (docs: StoryDoc[]) => [...docs].sort((a, b) => (a.id < b.id ? -1 : 1));

test('adding documents to a clustered set gives exactly the cold clustering of all of them', () => {
  const { texts } = synthetic(3000, 300);
  // Ids in another order than the texts: the added documents fall between the old ones.
  const docs = texts.map((t, i) => ({ id: `${String((i * 7919) % 3001).padStart(5, '0')}-${i}`, sh: sortedShingles(shingles(t)) }));
  const all = sortedDocs(docs);
  const cold = clusterDocs(all, null, 'v1');
  assert.ok(cold.state.edges.length / 3 >= 250, `only ${cold.state.edges.length / 3} edges: the fixture has too few stories`);
  assert.equal(cold.reused, 0);
  for (const split of [0.5, 0.9, 0.999]) {
    const first = sortedDocs(docs.slice(0, Math.floor(split * docs.length)));
    const before = clusterDocs(first, null, 'v1');
    const after = clusterDocs(all, before.state, 'v1');
    assert.ok(after.reused > 0, `split ${split}: nothing reused, the run was not incremental`);
    assert.deepEqual(after.cluster, cold.cluster, `split ${split}: clusters differ from the cold run`);
    assert.deepEqual(after.state, cold.state, `split ${split}: state differs from the cold run`);
  }
  // The same documents again: every edge reused, nothing voted.
  const again = clusterDocs(all, cold.state, 'v1');
  assert.equal(again.reused, cold.state.edges.length / 3);
  assert.deepEqual(again.cluster, cold.cluster);
  // Another version of the story code, a removed document: computed afresh, still the cold result.
  assert.equal(clusterDocs(all, cold.state, 'v2').reused, 0);
  const fewer = sortedDocs(docs.slice(1));
  assert.deepEqual(clusterDocs(fewer, cold.state, 'v1').cluster, clusterDocs(fewer, null, 'v1').cluster);
});

test('a shingle that added documents make too common stops voting for the old pairs that shared it', () => {
  // 64 documents hold shingle 1; documents 0 and 1 also share shingle 2: two votes, enough for small sets.
  const own = (i: number) => Array.from({ length: 6 }, (_, k) => 1000 + 10 * i + k);
  const docs: StoryDoc[] = Array.from({ length: 64 }, (_, i) => ({ id: `d${String(i).padStart(3, '0')}`, sh: sortedShingles([1, ...(i < 2 ? [2] : []), ...own(i)]) }));
  const before = clusterDocs(docs, null, 'v');
  assert.equal(before.cluster[1], 0, 'documents 0 and 1 are one story');
  // One more holder of shingle 1: it is held by 65 documents and no longer votes; 0 and 1 part.
  const more = sortedDocs([...docs, { id: 'e000', sh: sortedShingles([1, ...own(99)]) }]);
  const cold = clusterDocs(more, null, 'v');
  const inc = clusterDocs(more, before.state, 'v');
  assert.equal(cold.cluster[1], 1, 'a shingle held by 65 documents still votes');
  assert.deepEqual(inc.cluster, cold.cluster);
  assert.deepEqual(inc.state, cold.state);
});

// The hand-written word splitter (words, WordTable) must cut exactly where the Unicode regex split did.
const WORD_SPLIT = /[^\p{L}\p{M}\p{N}\p{Cf}]+/u;
const regexWords = (s: string) => s.split(WORD_SPLIT).filter(Boolean);

/** Real text (the gold seeds, the sample dumps, the fixtures) and random strings of marks, digits, Cf characters, surrogates. */
function splitterTexts(): string[] {
  const texts = gold.flatMap((g) => [g.title ?? '', ...g.body, g.body.join('\n')]);
  for (const dir of ['dumps', 'tests/fixtures']) {
    const abs = path.join(ROOT, dir);
    for (const f of fs.readdirSync(abs, { recursive: true }) as string[]) {
      if (!/\.(txt|md|html|json|jsonl|wet)$/.test(f)) continue;
      const text = fs.readFileSync(path.join(abs, f), 'utf8');
      texts.push(text, text.normalize('NFC'), text.normalize('NFD'));
    }
  }
  const pool = [...'ابلومنسعىةأإآؤئ', '\u064b', '\u064e', '\u0651', '\u0652', '\u0670', '\u0653', '\u0654', '\u0655', '\u0640', '\u06d6', '\u0301', 'e\u0301',
    '\u200c', '\u200d', '\u200e', '\u200f', '\u061c', '\u00ad', '\ufeff', '\u2066', '\u202b', '٣', '۵', '0', '9', 'a', 'Z', 'é', 'ß', 'ﷲ', 'ﻻ', 'Ⅻ', '²',
    '😀', '🇸🇾', '𝔸', '\u{1d7d8}', '\u{e0001}', '\u{110bd}', '𐐷', '\ud800', '\udfff', '\udbff', ' ', '\n', '\t', '\u00a0', '-', '_', '#', '،', '.', '؟'];
  texts.push(...randomStrings(pool, 3000, 80, 99));
  return texts;
}

test('WordTable splits exactly like the Unicode regex, on real text, random strings and every BMP unit', () => {
  const table = new WordTable((w) => w.length, 1_000);
  const check = (s: string) => {
    const want = regexWords(s);
    const n = table.scan(s);
    const got = Array.from(table.ids.subarray(0, n), (id) => table.word[id]!);
    assert.deepEqual(got, want, JSON.stringify(s).slice(0, 80));
    assert.deepEqual(Array.from(table.ids.subarray(0, n), (id) => table.value[id]!), want.map((w) => w.length));
  };
  for (const s of splitterTexts()) check(s);
  for (let c = 0; c < 0x10000; c += 64) {
    let s = '';
    for (let d = c; d < c + 64; d++) s += `ب${String.fromCharCode(d)}${d % 3 ? ' ' : ''}`;
    check(s);
  }
  for (let cp = 0x10000; cp < 0x110000; cp += 0x101) check(`ا${String.fromCodePoint(cp)}ب ${String.fromCodePoint(cp)}\ud800x`);
});

test('sortedShinglesOf is sortedShingles(shingles()), and the Set path keeps its values', () => {
  for (const s of splitterTexts().slice(0, 1500)) {
    const want = sortedShingles(shingles(s));
    assert.deepEqual(Array.from(sortedShinglesOf(s)), Array.from(want));
    assert.deepEqual(Array.from(sortedShingles([...shingles(s)])), Array.from(want)); // any iterable, not only a Set
  }
});
