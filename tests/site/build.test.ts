// The built site: RTL documents, every internal link and asset resolving on disk (which is what a static
// host or the file system does, whatever the path prefix), text from dumps escaped, never executed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ingest } from '../../src/ingest/run.ts';
import { buildSite } from '../../src/site/build.ts';
import { contentDir, ROOT, tempDir } from '../helpers.ts';

function htmlFiles(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.html')).map((f) => path.join(dir, f));
}

/** Every href/src in every page that is not external resolves to a file in the output folder. */
function brokenLinks(out: string): string[] {
  const broken: string[] = [];
  for (const file of htmlFiles(out)) {
    const html = fs.readFileSync(file, 'utf8');
    for (const m of html.matchAll(/\s(?:href|src)="([^"]+)"/g)) {
      const link = m[1]!;
      if (/^(https?:|mailto:|#)/.test(link)) continue;
      const target = path.resolve(path.dirname(file), decodeURIComponent(link.split('#')[0]!));
      if (!target.startsWith(out) || !fs.existsSync(target) || fs.statSync(target).isDirectory()) broken.push(`${path.relative(out, file)} → ${link}`);
    }
  }
  return broken;
}

const content = contentDir();
await ingest({ paths: [path.join(ROOT, 'dumps')], content });
const out = path.join(tempDir(), '_site');
const built = buildSite({ content, out });

test('the site has the pages of an archive, each an RTL Arabic document', async () => {
  const r = await built;
  assert.ok(r.pages >= 20);
  for (const p of ['index.html', 'topics/index.html', 'dates/index.html', 'dates/undated/index.html', 'dates/2016/index.html', 'dates/2016/03/index.html', 'dates/2016/03/25/index.html', 'outlets/index.html', 'latest/index.html', '404.html']) {
    assert.ok(fs.existsSync(path.join(out, p)), `missing ${p}`);
  }
  for (const file of htmlFiles(out)) assert.match(fs.readFileSync(file, 'utf8'), /<html lang="ar" dir="rtl">/, file);
  assert.equal(fs.readdirSync(path.join(out, 'a')).length, 5);
});

test('article pages show headline, outlet, place, Arabic dates and body', async () => {
  await built;
  const id = fs.readdirSync(path.join(out, 'a')).find((d) => fs.readFileSync(path.join(out, 'a', d, 'index.html'), 'utf8').includes('تدمر'))!;
  const html = fs.readFileSync(path.join(out, 'a', id, 'index.html'), 'utf8');
  assert.match(html, /<h1>لافروف : نتوقع إنجاز عملية تحرير تدمر في أقرب وقت<\/h1>/);
  assert.match(html, /الجمعة 25 آذار\/مارس 2016/);
  assert.match(html, /تاريخ تقديري/);
  assert.match(html, /16 جمادى الآخرة 1437 هـ/);
  assert.match(html, /سيريان تلغراف/);
  assert.match(html, /<h2>رفع العقوبات<\/h2>/);
});

test('every internal link and asset resolves, so the site works from any prefix and from the file system', async () => {
  await built;
  assert.deepEqual(brokenLinks(out), []);
  const prefixed = path.join(tempDir(), 'public');
  await buildSite({ content, out: prefixed, pathPrefix: '/archive/' });
  assert.deepEqual(brokenLinks(prefixed), []);
  const home = fs.readFileSync(path.join(prefixed, 'index.html'), 'utf8');
  assert.doesNotMatch(home, /href="\/(?!\/)/, 'no root-absolute links');
});

test('markup and template syntax from a dump are printed as text, never run', async () => {
  const c = contentDir();
  const dumps = tempDir();
  const evil = '<script>alert(1)</script> {{ 7*7 }} {% raw %} ${process.exit(1)}';
  const paras = [
    `وقال المسؤول في بيانه إن الحكومة ستواصل العمل على تنفيذ الخطة التي أعلنتها في الأسابيع الماضية. ${evil}`,
    'وأضاف أن المرحلة الثانية من المشروع ستبدأ مع مطلع العام المقبل، على أن تشمل المدن الكبرى والقرى المجاورة لها.',
    'وأشار إلى أن التمويل مؤمن بالكامل من الموازنة العامة، وأن اللجنة المختصة ستعرض تقريرها على البرلمان خلال الشهر المقبل.',
  ];
  fs.writeFileSync(path.join(dumps, 'evil.txt'), `عنوان الخبر ${evil}\n\n${paras.join('\n\n')}\n`);
  const report = await ingest({ paths: [dumps], content: c });
  assert.equal(report.inputs[0]!.status, 'written');
  const o = path.join(tempDir(), 'site');
  await buildSite({ content: c, out: o });
  const id = fs.readdirSync(path.join(o, 'a'))[0]!;
  const html = fs.readFileSync(path.join(o, 'a', id, 'index.html'), 'utf8');
  assert.doesNotMatch(html, /<script/);
  // The tag is shown as text (Latin runs are isolated in <bdi>, so strip those to read it back).
  assert.match(html.replace(/<\/?bdi[^>]*>/g, ''), /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  assert.match(html, /\{\{ 7\*7 \}\}/);
  assert.doesNotMatch(html, /\b49\b/);
  assert.match(html, /Content-Security-Policy/);
});
