// Site templates learned across dumps: menus and footers of one site are template; an article's own lines
// never are, even when the same article was crawled twice; a lone dump learns nothing.
import assert from 'node:assert/strict';
import test from 'node:test';
import { learnTemplates, lineKeys, hashedKey } from '../../src/clean/template.ts';
import { matchKey } from '../../src/arabic/normalize.ts';

const MENU = ['الرئيسية', 'سياسة', 'اقتصاد', 'رياضة', 'ثقافة', 'منوعات', 'فيديو', 'اتصل بنا', 'من نحن', 'جميع الحقوق محفوظة لموقع الوادي 2024'];
const para = (n: number, i: number) =>
  `قال مسؤول في الوزارة في تصريح صحفي يوم ${n} إن الخطة رقم ${n}-${i} تشمل مشاريع جديدة في المحافظات الشمالية والجنوبية، وإن التمويل سيأتي من الموازنة العامة للدولة ومن قروض ميسرة تقدمها مؤسسات دولية شريكة في البرنامج منذ سنوات.`;
const page = (n: number) => [...MENU.slice(0, 7), `عنوان الخبر رقم ${n}`, para(n, 1), para(n, 2), para(n, 3), ...MENU.slice(7)];
const key = (line: string) => hashedKey(matchKey(line));

test('menus shared by the pages of one site are template; each article’s lines are not, even crawled twice', () => {
  const inputs = [1, 2, 3, 4, 2].map((n, i) => ({ id: `p${i}`, keys: lineKeys(page(n)) }));
  const t = learnTemplates(inputs);
  const template = t.get('p0')!;
  assert.ok(template, 'the five pages are one site');
  for (const m of MENU) assert.ok(template.has(key(m)), `menu line «${m}» is template`);
  // Page 2 appears twice (p1 and p4): its paragraphs are held by 2 of 5 pages but by one distinct article.
  for (const i of [1, 2, 3]) assert.ok(!template.has(key(para(2, i))), 'an article crawled twice is not template');
  assert.ok(!template.has(key('عنوان الخبر رقم 2')));
});

test('a lone dump, and dumps of different sites, learn no template', () => {
  assert.equal(learnTemplates([{ id: 'a', keys: lineKeys(page(1)) }]).size, 0);
  const other = ['Home', 'أخبار العالم', 'الطقس', `عنوان آخر`, para(9, 1), para(9, 2), 'حقوق النشر محفوظة لشبكة أخرى'];
  const t = learnTemplates([{ id: 'a', keys: lineKeys(page(1)) }, { id: 'b', keys: lineKeys(other) }]);
  assert.equal(t.get('a'), undefined);
  assert.equal(t.get('b'), undefined);
});

test('the same article crawled two or three times, and nothing else of its site, learns no template', () => {
  // With two or three pages every long line is on most of them: that is one article again, not furniture.
  for (const copies of [2, 3]) {
    const inputs = Array.from({ length: copies }, (_, i) => ({ id: `c${i}`, keys: lineKeys(page(5)) }));
    const template = learnTemplates(inputs).get('c0');
    assert.ok(!template || template.size === 0, `${copies} copies: ${template?.size} template lines`);
  }
  // Two different articles of the site still show their menus.
  const two = learnTemplates([1, 2].map((n) => ({ id: `p${n}`, keys: lineKeys(page(n)) }))).get('p1')!;
  for (const m of MENU) assert.ok(two.has(key(m)), `menu line «${m}» is template`);
  assert.ok(!two.has(key(para(1, 1))));
});

test('three sites of 300 pages each: each learns its own menus, no article line, and the sites stay apart', () => {
  const site = (s: number) => [`الرئيسية ${s}`, `أخبار الموقع ${s}`, `رياضة الموقع ${s}`, `اتصل بنا ${s}`, `جميع الحقوق محفوظة للموقع رقم ${s}`];
  const inputs: { id: string; keys: Set<string> }[] = [];
  // Interleaved, as a crawl folder sorted by name might hold them; every tenth page crawled twice.
  for (let n = 0; n < 300; n++) {
    for (const s of [1, 2, 3]) {
      const lines = [...site(s).slice(0, 3), `عنوان الخبر ${s}-${n}`, para(1000 * s + n, 1), para(1000 * s + n, 2), ...site(s).slice(3)];
      inputs.push({ id: `${s}-${n}`, keys: lineKeys(lines) });
      if (n % 10 === 0) inputs.push({ id: `${s}-${n}-again`, keys: lineKeys(lines) });
    }
  }
  const t = learnTemplates(inputs);
  for (const s of [1, 2, 3]) {
    const template = t.get(`${s}-7`)!;
    assert.deepEqual([...template].sort(), site(s).map(key).sort(), `site ${s}: its five menu lines, nothing else`);
    assert.equal(t.get(`${s}-250-again`), template, 'all pages of a site share one template');
  }
});
