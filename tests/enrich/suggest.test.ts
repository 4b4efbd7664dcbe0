import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { loadTopics } from '../../src/enrich/topics.ts';
import { suggestPhrases } from '../../src/enrich/suggest.ts';
import { serializeArticle } from '../../src/store/article.ts';
import { ROOT, SHARED, contentDir } from '../helpers.ts';

const index = loadTopics(path.join(ROOT, 'content/_data/topics.yaml'));
const gold = JSON.parse(fs.readFileSync(path.join(SHARED, 'gold/seeds.json'), 'utf8')) as { title: string | null; body: string[] }[];

// Three short articles about a subject the taxonomy has no topic for (the Aswan dam's hydropower station).
const docs = [
  'افتتح وزير الكهرباء محطة توليد جديدة في أسوان.\nوقال الوزير إن محطة التوليد تضيف ألف ميغاواط إلى الشبكة القومية، وإن بالمحطة توربينات حديثة.',
  'أعلنت الشركة القابضة للكهرباء تشغيل محطة التوليد الجديدة في أسوان.\nوأضافت أن للمحطة قدرة كبيرة على تلبية الطلب في الصيف.',
  'زار رئيس الوزراء محطة توليد أسوان، وتفقد غرفة التحكم.\nوأكد أن محطات التوليد ستغطي حاجة الشبكة القومية.',
];

test('frequent phrases are counted per article on folded keys and shown as most often written', () => {
  const got = suggestPhrases(docs, index, { limit: 50 });
  const by = new Map(got.map((p) => [p.phrase, p]));
  // «محطة», «بالمحطة», «للمحطة», «المحطة» count as one word; its written form has no clitic.
  const station = got.find((p) => p.key === 'محطه')!;
  assert.equal(station.phrase, 'محطة');
  assert.equal(station.count, 3);
  assert.ok(station.occurrences >= 5);
  // «محطة توليد» and «محطة التوليد» are one phrase (the article is a clitic); shown as written more often.
  assert.equal(by.get('محطة التوليد')?.count, 3);
  assert.equal(by.get('محطة توليد'), undefined);
  assert.equal(by.get('أسوان')?.count, 3);
  assert.equal(by.get('الشبكة القومية')?.count, 2);
  assert.equal(by.get('الشبكة القومية')?.words, 2);
  // Document frequency first: the list is sorted by count.
  for (let i = 1; i < got.length; i++) assert.ok(got[i - 1]!.count >= got[i]!.count);
});

test('function words, reporting verbs, numbers and words the taxonomy already covers are not suggested', () => {
  const keys = new Set(suggestPhrases(docs, index, { limit: 500, minCount: 1 }).map((p) => p.key));
  for (const w of ['في', 'ان', 'قال', 'اضاف', 'اكد', 'الي']) assert.ok(!keys.has(w), w);
  // «الكهرباء» is an alias of energy, so neither it nor a bigram with it is suggested.
  assert.ok(![...keys].some((k) => k.split(' ').includes('كهرباء')), 'كهرباء');
  // No phrase runs across punctuation: «أسوان» ends a sentence and «وقال» starts the next.
  assert.ok(![...keys].some((k) => k.startsWith('اسوان ')), [...keys].filter((k) => k.startsWith('اسوان ')).join(','));
});

test('on the samples, taxonomy names are left out and the limit holds', () => {
  const texts = gold.map((g) => `${g.title ?? ''}\n${g.body.join('\n')}`);
  const got = suggestPhrases(texts, index, { limit: 20 });
  assert.equal(got.length, 20);
  const keys = got.map((p) => p.key);
  for (const covered of ['لافروف', 'سوريا', 'سوريه', 'موسكو', 'روسيا', 'ارهاب', 'داعش']) assert.ok(!keys.includes(covered), covered);
  assert.ok(keys.includes('عمليه سياسيه'), keys.join(', ')); // «العملية السياسية», in four of the five
  assert.equal(got.find((p) => p.key === 'عمليه سياسيه')!.phrase, 'العملية السياسية');
});

test('arshif topics suggest --json on a content folder, through the real binary', () => {
  const dir = contentDir();
  fs.mkdirSync(path.join(dir, 'articles'));
  docs.forEach((body, i) => {
    const meta = { id: `a${i}`, title: `خبر ${i + 1}`, title_from: 'page' as const, date_kind: 'none' as const, topics: [], sources: [`d${i}.txt`] };
    fs.writeFileSync(path.join(dir, 'articles', `a${i}.md`), serializeArticle({ meta, body: `${body}\n` }));
  });
  const r = spawnSync(process.execPath, ['bin/arshif.mjs', 'topics', 'suggest', '--content', dir, '--json', '--limit', '5'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { articles: number; phrases: { phrase: string; count: number }[] };
  assert.equal(out.articles, 3);
  assert.equal(out.phrases.length, 5);
  assert.deepEqual(out.phrases[0], { phrase: out.phrases[0]!.phrase, key: (out.phrases[0] as { key?: string }).key, words: (out.phrases[0] as { words?: number }).words, count: 3, occurrences: (out.phrases[0] as { occurrences?: number }).occurrences });
  assert.ok(out.phrases.some((p) => p.phrase === 'محطة' && p.count === 3), r.stdout);
  const text = spawnSync(process.execPath, ['bin/arshif.mjs', 'topics', 'suggest', '--content', dir, '--limit', '3'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(text.status, 0, text.stderr);
  assert.match(text.stdout, /محطة/);
  const bad = spawnSync(process.execPath, ['bin/arshif.mjs', 'topics', 'suggest', '--content', dir, '--limit', 'many'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--limit/);
  const none = spawnSync(process.execPath, ['bin/arshif.mjs', 'topics', 'suggest', '--content', path.join(dir, 'missing')], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(none.status, 1);
  assert.match(none.stderr, /no articles folder/);
});
