// The article serialiser's fast path (plain front-matter written directly) must give the bytes the yaml library
// gives, for every value: it is checked here against the library on awkward values, and falls back to it on
// anything it does not handle itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseArticle, serializeArticle, serializeArticleSlow, type ArticleFile } from '../../src/store/article.ts';

const AWKWARD = [
  'لافروف: نتوقع إنجاز عملية تحرير تدمر',
  'عنوان عادي بلا علامات',
  'سعر النفط #عاجل',
  'عاجل#النفط',
  '- قائمة',
  '-',
  '?',
  '? سؤال',
  'نهاية بنقطتين:',
  ' مسافة في البداية',
  'مسافة في النهاية ',
  'قال "كلاما" مهما',
  "قال 'كلاما' مهما",
  'خط\\مائل',
  '2024',
  '2024-05-12',
  '12/05/2024',
  'true',
  'False',
  'null',
  '~',
  '',
  '1e3',
  '.5',
  '0x1F',
  '0o17',
  '.inf',
  '-.Inf',
  '+12',
  '3.14',
  '---',
  '--- فاصل',
  '... نقاط',
  '%YAML',
  '@اسم',
  '`رمز`',
  '[قوس]',
  '{معقوف}',
  'فاصلة, ثم نص',
  'a: b',
  'سطر\nثان',
  'tab\there',
  'ctl\u0001x',
  'nbsp\u00a0x',
  'ls\u2028x',
  'bom\ufeffx',
  'lone \ud800 surrogate',
  'emoji 😀 ok',
  '!tag',
  '&anchor',
  '*alias',
  '|pipe',
  '>fold',
  'x #y',
  'x#y',
  'https://example.com/a?b=c#d',
];

test('the fast front-matter writer gives the yaml library\'s bytes for awkward values', () => {
  const base: ArticleFile = {
    meta: { id: '7f3a9c2e1b', title: 'عنوان', title_from: 'page', date_kind: 'none', topics: ['syria', 'russia'], sources: ['004_7089cb4340764ae9.txt'], words: 12 },
    body: 'نص الخبر.\n',
  };
  assert.equal(serializeArticle(base), serializeArticleSlow(base));
  for (const v of AWKWARD) {
    for (const meta of [
      { ...base.meta, title: v },
      { ...base.meta, place: v, outlet: v },
      { ...base.meta, topics: [v, 'syria'] },
      { ...base.meta, sources: ['a.txt', v] },
      { ...base.meta, hashtags: [v] },
      { ...base.meta, date: v, date_kind: 'explicit' as const },
    ]) {
      const a = { ...base, meta };
      assert.equal(serializeArticle(a), serializeArticleSlow(a), JSON.stringify(v));
      if (!/[\ud800-\udfff]/.test(v)) assert.deepEqual(parseArticle(serializeArticle(a)).meta.title, meta.title, JSON.stringify(v));
    }
  }
  // Other value types and extra fields, in the library's order.
  for (const extra of [{ flag: true }, { n: 1.5 }, { n: -3 }, { nested: { a: 1 } }, { empty: [] }, { zeta: 'z', alpha: 'a' }, { words: Number.NaN }]) {
    const a = { ...base, meta: { ...base.meta, ...extra } };
    assert.equal(serializeArticle(a), serializeArticleSlow(a), JSON.stringify(extra));
  }
});
