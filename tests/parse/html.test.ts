// HTML pages become the same blocks a text dump gives, with the markup's evidence.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import test from 'node:test';
import { parseHtmlPage } from '../../src/parse/html.ts';
import { cleanRecord } from '../../src/ingest/clean-record.ts';
import { ROOT } from '../helpers.ts';

const FORMATS = path.join(ROOT, 'tests/fixtures/formats');

const page = `<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>الحكومة تقر خطة لدعم المزارعين - شبكة الوادي</title>
<meta property="og:site_name" content="شبكة الوادي">
<meta property="article:published_time" content="2024-03-08T09:15:00+02:00">
<link rel="canonical" href="https://alwadi.example/news/123">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"الحكومة تقر خطة لدعم المزارعين","datePublished":"2024-03-07T22:40:00+02:00","publisher":{"@type":"Organization","name":"شبكة الوادي"}}</script>
<script>var clock = "الجمعة 12 أبريل 2024";</script><style>p{color:red}</style></head>
<body><header><nav><a href="/">الرئيسية</a> <a href="/a">سياسة</a> <a href="/b">اقتصاد</a></nav></header>
<main><article><h1>الحكومة تقر خطة لدعم المزارعين</h1>
<time datetime="2024-03-07T22:40:00+02:00">الخميس 7 مارس 2024</time>
<figure><img src="x.jpg" alt=""><figcaption>مزارعون في حقل قمح خلال موسم الحصاد</figcaption></figure>
<p>أقر مجلس الوزراء في جلسته الأسبوعية خطة لدعم صغار المزارعين بقيمة مليار جنيه، تشمل قروضاً ميسرة وتوزيع بذور محسنة على الجمعيات الزراعية في المحافظات.</p>
<p>وقال المتحدث باسم الحكومة إن الخطة تستهدف نحو مئتي ألف مزارع<br>وتبدأ في الربع الثاني من العام.</p>
<p>وأضاف أن وزارة الزراعة ستنشر قوائم المستفيدين على موقعها خلال أسبوعين، وأن لجاناً في كل محافظة ستتابع التوزيع.</p>
<aside class="related"><h3>اقرأ أيضا</h3><ul><li><a href="/c">أسعار الأسمدة ترتفع للمرة الثالثة</a> <time datetime="2024-03-01">1 مارس</time></li></ul></aside>
<p hidden>نص مخفي لا يراه القارئ</p>
</article></main><footer><p>© 2024 شبكة الوادي. جميع الحقوق محفوظة</p></footer></body></html>`;

test('an HTML page flattens to the text-dump lines: title first, one visible block per line, no script or hidden text', () => {
  const { lines, tree } = parseHtmlPage(page);
  assert.equal(lines[0], 'الحكومة تقر خطة لدعم المزارعين - شبكة الوادي');
  assert.ok(lines.includes('الحكومة تقر خطة لدعم المزارعين'));
  assert.ok(lines.includes('وتبدأ في الربع الثاني من العام.'), '<br> splits a block as a crawler does');
  assert.ok(!lines.some((l) => l.includes('var clock') || l.includes('color:red')), 'script and style are not text');
  assert.ok(!lines.some((l) => l.includes('نص مخفي')), 'hidden blocks are not visible text');
  const zoneOf = (text: string) => tree.children.map((c) => (c.type === 'element' ? c.data?.block : undefined)).find((b) => b?.text === text);
  assert.equal(zoneOf('مزارعون في حقل قمح خلال موسم الحصاد')?.zone, 'figcaption');
  assert.equal(zoneOf('اقرأ أيضا')?.zone, 'aside');
  assert.equal(zoneOf('© 2024 شبكة الوادي. جميع الحقوق محفوظة')?.zone, 'footer');
  assert.equal(zoneOf('الحكومة تقر خطة لدعم المزارعين')?.tag, 'h1');
  const menu = zoneOf('الرئيسية سياسة اقتصاد');
  assert.equal(menu?.zone, 'nav');
  assert.ok((menu?.linkDensity ?? 0) > 0.9);
});

test('page evidence: JSON-LD first, then meta, then <time> inside the article; related-list times are not claims', () => {
  const { evidence } = parseHtmlPage(page);
  assert.equal(evidence.siteName, 'شبكة الوادي');
  assert.equal(evidence.url, 'https://alwadi.example/news/123');
  assert.deepEqual(
    evidence.published.map((p) => p.value),
    ['2024-03-07T22:40:00+02:00', '2024-03-08T09:15:00+02:00', '2024-03-07T22:40:00+02:00'],
  );
  assert.ok(!evidence.published.some((p) => p.value === '2024-03-01'), 'a related item’s <time> is not the article’s');
});

test('cleaning an HTML page: the article only, the publisher’s date as written in its own time zone, outlet and URL', () => {
  const r = cleanRecord({ text: page, format: 'html', source: 'p.html' });
  assert.equal(r.reject, undefined);
  assert.equal(r.facts.title, 'الحكومة تقر خطة لدعم المزارعين');
  assert.equal(r.facts.date, '2024-03-07');
  assert.equal(r.facts.date_kind, 'explicit');
  assert.match(r.facts.date_evidence!, /datePublished/);
  assert.equal(r.facts.outlet, 'شبكة الوادي');
  assert.equal(r.facts.url, 'https://alwadi.example/news/123');
  assert.deepEqual(r.text.split('\n'), [
    'أقر مجلس الوزراء في جلسته الأسبوعية خطة لدعم صغار المزارعين بقيمة مليار جنيه، تشمل قروضاً ميسرة وتوزيع بذور محسنة على الجمعيات الزراعية في المحافظات.',
    'وقال المتحدث باسم الحكومة إن الخطة تستهدف نحو مئتي ألف مزارع',
    'وتبدأ في الربع الثاني من العام.',
    'وأضاف أن وزارة الزراعة ستنشر قوائم المستفيدين على موقعها خلال أسبوعين، وأن لجاناً في كل محافظة ستتابع التوزيع.',
  ]);
});

test('a structured date after the crawl time is not believed', () => {
  const r = cleanRecord({ text: page, format: 'html', source: 'p.html', crawledAt: '2024-03-05T00:00:00Z' });
  assert.notEqual(r.facts.date, '2024-03-07');
  assert.ok(!r.facts.date || r.facts.date <= '2024-03-05');
});

test('the same page as a text dump and as HTML gives the same article text', () => {
  const txt = cleanRecord({ text: fs.readFileSync(path.join(FORMATS, 'article.txt'), 'utf8'), format: 'text', source: 'a.txt' });
  const html = cleanRecord({ text: fs.readFileSync(path.join(FORMATS, 'article.html'), 'utf8'), format: 'html', source: 'a.html' });
  assert.equal(txt.reject, undefined);
  assert.equal(html.text, txt.text);
  assert.equal(html.facts.title, txt.facts.title);
  assert.equal(html.facts.date, txt.facts.date);
  assert.ok(html.text.split('\n').length >= 5);
});

test('an English page is rejected as not Arabic', () => {
  const r = cleanRecord({ text: fs.readFileSync(path.join(FORMATS, 'pages/english.html'), 'utf8'), format: 'html', source: 'e.html' });
  assert.match(r.reject ?? '', /not Arabic/);
});
