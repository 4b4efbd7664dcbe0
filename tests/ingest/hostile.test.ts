// Hostile and broken inputs through the real binary (issue #8). Each case is one input with its expected
// outcome; globally: exit code 0, every input exactly once in the --json report, nothing written outside the
// content folder, no crash and no hang. Then `build` over the same folders: whatever a dump holds is text on
// the rendered pages, never markup, script or template code, and pages forbid inline script by CSP.
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import iconv from 'iconv-lite';
import { ROOT, tempDir } from '../helpers.ts';
import {
  extra, generateDumps, gold, insertAfter, listFiles, parseArticleFile, parseReport, rng, run as cli, snapshot, textOf,
  type CliResult, type InputEntry, type ParsedArticle, type Report,
} from '../fixtures/hostile/lib.ts';

const IS_ROOT = process.getuid?.() === 0;

// ---------------------------------------------------------------------------------------------------------
// Bytes of the broken inputs.

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

function crc32(buf: Uint8Array): number {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

/** A real (stored) ZIP archive holding one Arabic dump, as someone zipping their crawl would make. */
function zipOf(name: string, data: Buffer): Buffer {
  const n = Buffer.from(name, 'utf8');
  const crc = crc32(data);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(0x0800, 6); // UTF-8 names
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(n.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(0x0800, 8);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(n.length, 28);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(46 + n.length, 12);
  end.writeUInt32LE(30 + n.length + data.length, 16);
  return Buffer.concat([local, n, data, central, n, end]);
}

/** A small PDF with a compressed (binary) content stream. */
function pdf(): Buffer {
  const stream = zlib.deflateSync(Buffer.from('BT /F1 12 Tf 72 712 Td (Annual report 2023) Tj ET'));
  return Buffer.concat([
    Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n3 0 obj\n<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>\nendobj\n', 'latin1'),
    Buffer.from(`4 0 obj\n<< /Length ${stream.length} /Filter /FlateDecode >>\nstream\n`, 'latin1'),
    stream,
    Buffer.from('\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n', 'latin1'),
  ]);
}

/** Random bytes in 0x80–0xFF with spaces and line breaks: not UTF-8, no NUL, no magic number. */
function garbageHigh(size: number): Buffer {
  const r = rng(8);
  const b = Buffer.alloc(size);
  for (let i = 0; i < size; i++) {
    const x = r();
    b[i] = x < 0.12 ? 0x20 : x < 0.14 ? 0x0a : 0x80 + Math.floor(r() * 128);
  }
  return b;
}

function garbageAny(size: number): Buffer {
  const r = rng(9);
  const b = Buffer.alloc(size);
  for (let i = 0; i < size; i++) b[i] = Math.floor(r() * 256);
  return b;
}

const ENGLISH = `Home
World
Business
Sport
Central bank holds interest rates steady as inflation eases
By Sarah Collins, Economics Correspondent
Published 14 March 2024
The central bank left its benchmark interest rate unchanged on Thursday, saying inflation had fallen faster than expected over the winter but warning that it was too early to declare victory.
Policymakers voted seven to two to hold the rate at 5.25 per cent, with the two dissenting members favouring an immediate cut of a quarter of a percentage point.
The governor told reporters that wage growth remained strong and that the bank would need to see further evidence that price pressures were easing before it could begin to lower borrowing costs.
Markets had priced in a small chance of a cut at this meeting, and the pound rose slightly against the dollar after the announcement.
Economists said the first reduction was now most likely to come in the summer, although some warned that a weaker economy could force the bank's hand sooner.
Share this article
Copyright 2024 Daily Ledger. All rights reserved.
`;

const FRENCH = `Accueil
International
Économie
Culture
Le gouvernement présente un plan pour réduire la consommation d'eau de 10 % d'ici 2030
Par Claire Dubois
Publié le 30 mars 2023 à 11h02
Le gouvernement a présenté jeudi un plan de cinquante-trois mesures destiné à réduire de 10 % les prélèvements d'eau dans tous les secteurs d'ici à la fin de la décennie, après un hiver marqué par une sécheresse inédite.
Parmi les mesures phares figure une tarification progressive de l'eau, qui fera payer davantage les ménages dont la consommation dépasse un certain seuil, tandis que les premiers mètres cubes resteront à un prix réduit.
Le plan prévoit également de porter à 10 % la part des eaux usées réutilisées, contre moins de 1 % aujourd'hui, et de consacrer 180 millions d'euros par an à la réparation des fuites dans les réseaux.
Les associations de défense de l'environnement ont salué une prise de conscience, tout en regrettant l'absence de mesures contraignantes pour l'agriculture, premier consommateur d'eau du pays.
Le ministre a assuré que des concertations seraient menées dans chaque bassin afin d'adapter les objectifs aux réalités locales.
Partager
© 2023 Le Quotidien du Matin
`;

// Article lines carrying Markdown, HTML and template syntax inside real Arabic prose (so the cleaner keeps them).
const PAYLOADS = [
  '# وقال مدير المسرعة إن البرنامج **يركز** على الشركات الناشئة التي تملك نموذجا أوليا قابلا للاختبار، مضيفا أن تفاصيل التسجيل متاحة عبر [هذا الرابط](javascript:alert(1)) وأن صور حفل الإطلاق ![](x) ستنشر خلال الأيام المقبلة.',
  'وأوضح المتحدث باسم المسرعة أن المنصة الإلكترونية ترفض أي شيفرة من قبيل <script>alert(1)</script> أو <img src=x onerror=alert(1)> في طلبات المشاركة، مؤكدا أن الأنظمة الأمنية تفحص جميع الملفات المرفوعة قبل قبولها ضمن البرنامج.',
  "وأشار إلى أن نماذج الطلبات لا تعالج عبارات مثل {{ 7*7 }} أو {% raw %} أو {{ constructor.constructor('x')() }} أو ${7*7} على أنها أوامر، بل تحفظها كما كتبها المتقدمون، وهو ما أكده خبراء أمن المعلومات المشاركون في لجنة التحكيم.",
];

// YAML front-matter look-alikes inside an article: short lines, and one long prose line starting like a key.
const YAML_LINES = ['---', 'title: عنوان مزور من داخل المقال', 'id: 0000000000', 'sources: [../../etc/passwd]', '---'];
const YAML_PROSE = 'title: وقال مصدر في المؤسسة إن خطة الطوارئ تشمل إعادة جدولة ساعات التقنين في المناطق الأكثر تضررا، على أن تعلن المؤسسة الجدول الجديد في بيان مفصل خلال الأيام المقبلة بعد التشاور مع البلديات.';

const SECRET = 'عبارة-سرية-من-خارج-مجلد-المقالات';

// ---------------------------------------------------------------------------------------------------------
// The cases.

type Expect =
  | { status: 'written'; title?: string; bodyHas?: string[]; sources?: string[] }
  | { status: 'rejected'; reason?: RegExp }
  | { status: 'duplicate'; of: string }
  | { status: 'written-or-rejected'; title?: string; reason: RegExp };

interface Case { rel: string; what: string; make: (abs: string) => void; expect: Expect }

const enc = (text: string, encoding: string) => iconv.encode(text, encoding);
const firstPara = (file: string) => gold(file).body![0]!;

const CASES: Case[] = [
  { rel: 'empty.txt', what: 'an empty file', make: (p) => fs.writeFileSync(p, ''), expect: { status: 'rejected', reason: /empty/i } },
  { rel: 'blank.txt', what: 'white space only (spaces, tabs, CRLF, NBSP, RLM)', make: (p) => fs.writeFileSync(p, '   \n\t\t\n \r\n\u00a0\u200f  \n\n'), expect: { status: 'rejected', reason: /empty|white ?space|no text|blank/i } },
  { rel: 'photo.png', what: 'a PNG image', make: (p) => fs.writeFileSync(p, PNG), expect: { status: 'rejected', reason: /png|image/i } },
  { rel: 'disguised-png.txt', what: 'a PNG image named .txt', make: (p) => fs.writeFileSync(p, PNG), expect: { status: 'rejected', reason: /png|image/i } },
  { rel: 'crawl.zip', what: 'a ZIP archive of a dump', make: (p) => fs.writeFileSync(p, zipOf('خبر.txt', Buffer.from(extra('106_minimal.txt')))), expect: { status: 'rejected', reason: /zip|archive/i } },
  { rel: 'report.pdf', what: 'a PDF document', make: (p) => fs.writeFileSync(p, pdf()), expect: { status: 'rejected', reason: /pdf/i } },
  { rel: 'garbage-high.txt', what: 'invalid UTF-8: random high bytes, no NUL', make: (p) => fs.writeFileSync(p, garbageHigh(8192)), expect: { status: 'rejected' } },
  { rel: 'garbage-any.txt', what: 'random bytes including NUL', make: (p) => fs.writeFileSync(p, garbageAny(8192)), expect: { status: 'rejected' } },
  {
    rel: 'utf16le-bom.txt',
    what: 'UTF-16LE with BOM and CRLF line ends (Windows Notepad "Unicode")',
    make: (p) => fs.writeFileSync(p, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(extra('110_tunis.txt').replace(/\n/g, '\r\n'), 'utf16le')])),
    expect: { status: 'written', title: gold('110_tunis.txt').title!, bodyHas: [firstPara('110_tunis.txt')] },
  },
  {
    rel: 'windows-1256.txt',
    what: 'windows-1256 Arabic',
    make: (p) => fs.writeFileSync(p, enc(extra('106_minimal.txt'), 'windows-1256')),
    expect: { status: 'written', title: gold('106_minimal.txt').title!, bodyHas: [firstPara('106_minimal.txt')] },
  },
  {
    rel: 'iso-8859-6.txt',
    what: 'ISO-8859-6 Arabic',
    make: (p) => fs.writeFileSync(p, enc(extra('102_wire.txt'), 'iso-8859-6')),
    expect: { status: 'written', title: gold('102_wire.txt').title!, bodyHas: [firstPara('102_wire.txt')] },
  },
  {
    rel: 'mojibake.txt',
    what: 'mojibake: UTF-8 Arabic read as windows-1256, saved as UTF-8 (must be repaired)',
    make: (p) => fs.writeFileSync(p, iconv.decode(Buffer.from(extra('109_maroc.txt'), 'utf8'), 'windows-1256'), 'utf8'),
    expect: { status: 'written', title: gold('109_maroc.txt').title!, bodyHas: [firstPara('109_maroc.txt')] },
  },
  { rel: 'english.txt', what: 'an English news page', make: (p) => fs.writeFileSync(p, ENGLISH), expect: { status: 'rejected', reason: /arab/i } },
  { rel: 'french.txt', what: 'a French news page', make: (p) => fs.writeFileSync(p, FRENCH), expect: { status: 'rejected', reason: /arab/i } },
  { rel: 'headlines.txt', what: 'a tag page: a headline list with no article', make: (p) => fs.writeFileSync(p, extra('107_tagpage.txt')), expect: { status: 'rejected' } },
  {
    rel: 'yaml-lines.txt',
    what: 'YAML front-matter look-alike lines inside an Arabic article',
    make: (p) => fs.writeFileSync(p, insertAfter(extra('108_levant.txt'), gold('108_levant.txt').body![1]!, ['', ...YAML_LINES, '', YAML_PROSE, ''])),
    expect: { status: 'written', title: gold('108_levant.txt').title!, bodyHas: [firstPara('108_levant.txt')], sources: ['yaml-lines.txt'] },
  },
  {
    rel: '<img src=x onerror=alert(1)> {{ 7*7 }}.txt',
    what: 'Markdown, HTML, script and template syntax inside article lines (and in the file name)',
    make: (p) => fs.writeFileSync(p, insertAfter(extra('113_site_c_tech.txt'), gold('113_site_c_tech.txt').body![1]!, ['', PAYLOADS[0]!, '', PAYLOADS[1]!, '', PAYLOADS[2]!, ''])),
    expect: { status: 'written', title: gold('113_site_c_tech.txt').title! },
  },
  {
    rel: 'title-injection.txt',
    what: 'script and template syntax in the headline',
    make: (p) => fs.writeFileSync(p, extra('104_live.txt').replaceAll('أمطار غزيرة غير مسبوقة تضرب الإمارات', 'أمطار غزيرة <script>alert("t")</script> تضرب الإمارات {{ 7*7 }} **عاجل**')),
    expect: { status: 'written' },
  },
  { rel: 'name with spaces.txt', what: 'a file name with spaces', make: (p) => fs.writeFileSync(p, extra('103_opinion_gulf.txt')), expect: { status: 'written', sources: ['name with spaces.txt'] } },
  { rel: 'خبر رياضي من عمّان.txt', what: 'an Arabic file name', make: (p) => fs.writeFileSync(p, extra('111_site_a_sport.txt')), expect: { status: 'written', title: gold('111_site_a_sport.txt').title!, sources: ['خبر رياضي من عمّان.txt'] } },
  { rel: 'a..b.txt', what: '".." inside the name', make: (p) => fs.writeFileSync(p, extra('112_site_b_oil.txt')), expect: { status: 'written', title: gold('112_site_b_oil.txt').title!, sources: ['a..b.txt'] } },
  { rel: '-rf.txt', what: 'a leading dash, found in the folder', make: (p) => fs.writeFileSync(p, extra('114_datetrap.txt')), expect: { status: 'written', sources: ['-rf.txt'] } },
  { rel: 'dup-a.txt', what: 'the first of two identical dumps', make: (p) => fs.writeFileSync(p, extra('101_portal_eg.txt')), expect: { status: 'written', title: gold('101_portal_eg.txt').title!, sources: ['dup-a.txt', 'dup-b.txt'] } },
  { rel: 'dup-b.txt', what: 'the second of two identical dumps', make: (p) => fs.writeFileSync(p, extra('101_portal_eg.txt')), expect: { status: 'duplicate', of: 'dup-a.txt' } },
  { rel: 'page.txt.gz', what: 'a gzip-compressed dump', make: (p) => fs.writeFileSync(p, zlib.gzipSync(Buffer.from(extra('105_headline4x.txt')))), expect: { status: 'written-or-rejected', title: gold('105_headline4x.txt').title!, reason: /gzip|compress/i } },
  { rel: 'link-out.txt', what: 'a symbolic link to a dump outside the dumps folder', make: (p) => fs.symlinkSync(path.join(path.dirname(p), '../outside/secret.txt'), p), expect: { status: 'rejected', reason: /link|outside/i } },
  { rel: 'link-out-dir', what: 'a symbolic link to a folder outside the dumps folder', make: (p) => fs.symlinkSync(path.join(path.dirname(p), '../outside/dir'), p), expect: { status: 'rejected', reason: /link|outside/i } },
  { rel: 'link-passwd.txt', what: 'a symbolic link to /etc/passwd', make: (p) => fs.symlinkSync('/etc/passwd', p), expect: { status: 'rejected', reason: /link|outside/i } },
  { rel: 'link-dangling.txt', what: 'a dangling symbolic link', make: (p) => fs.symlinkSync('/nonexistent/arshif/x.txt', p), expect: { status: 'rejected', reason: /link|missing|no such|ENOENT|broken/i } },
  { rel: 'link-loop.txt', what: 'a symbolic link to itself (unreadable: ELOOP)', make: (p) => fs.symlinkSync('link-loop.txt', p), expect: { status: 'rejected', reason: /link|loop|ELOOP|unreadable|broken/i } },
  {
    rel: 'folder.txt/inner.txt',
    what: 'a dump inside a directory named folder.txt (the directory is a sub-folder and is walked)',
    make: (p) => {
      const [name] = generateDumps(path.dirname(p), 1, 77, 'inner');
      fs.renameSync(path.join(path.dirname(p), name!), p);
    },
    expect: { status: 'written', sources: ['folder.txt/inner.txt'] },
  },
  ...(IS_ROOT
    ? []
    : [{ rel: 'locked.txt', what: 'a file with mode 000', make: (p: string) => { fs.writeFileSync(p, extra('106_minimal.txt')); fs.chmodSync(p, 0); }, expect: { status: 'rejected', reason: /unreadable|permission|EACCES|denied/i } } satisfies Case]),
];

/** Made in the dumps folder but are not inputs themselves. */
const EMPTY_DIR = 'empty-dir.txt';

describe('hostile inputs: ingest --json on one folder of them', () => {
  const box = tempDir('arshif-hostile-');
  const dumps = path.join(box, 'dumps');
  const content = path.join(box, 'content');
  const outside = path.join(box, 'outside');
  const site = path.join(box, 'site');
  let run: CliResult;
  let report: Report;
  let beforeDumps: Record<string, string>;
  let beforeOutside: Record<string, string>;
  const entries = new Map<string, InputEntry[]>();

  before(async () => {
    // The slow separate runs go at the same time as this one (the machine may have two cores; none of them waits on another).
    void bigRun();
    void fifoRun();
    void dashRuns();
    fs.mkdirSync(dumps);
    fs.mkdirSync(path.join(content, '_data'), { recursive: true });
    fs.copyFileSync(path.join(ROOT, 'content/_data/topics.yaml'), path.join(content, '_data/topics.yaml'));
    fs.mkdirSync(path.join(outside, 'dir'), { recursive: true });
    const secret = extra('106_minimal.txt').split('\n').map((l, i) => (i > 3 && l.length > 60 ? `${l} ${SECRET}` : l)).join('\n');
    fs.writeFileSync(path.join(outside, 'secret.txt'), secret);
    fs.writeFileSync(path.join(outside, 'dir/secret2.txt'), secret.replace(/مهرجان/g, 'ملتقى'));
    for (const c of CASES) c.make(path.join(dumps, c.rel));
    fs.mkdirSync(path.join(dumps, EMPTY_DIR));
    beforeDumps = snapshot(dumps);
    beforeOutside = snapshot(outside);
    run = await cli(['ingest', 'dumps', '--content', 'content', '--json'], { cwd: box, timeoutMs: 60_000 });
    report = parseReport(run);
    for (const e of report.inputs) {
      const rel = path.relative(dumps, path.resolve(box, e.path)).split(path.sep).join('/').normalize('NFC');
      entries.set(rel, [...(entries.get(rel) ?? []), e]);
    }
  });

  it('finishes in time with exit code 0 and nothing on stderr that looks like a crash', () => {
    assert.equal(run.timedOut, false, `ingest did not finish within 60 s`);
    assert.equal(run.signal, null);
    assert.equal(run.status, 0, run.stderr);
    assert.doesNotMatch(run.stderr, /\n\s+at .+:\d+:\d+\)?\n|Unhandled|TypeError|RangeError|FATAL ERROR/, run.stderr);
  });

  it('lists every input exactly once, and nothing else; totals add up', () => {
    const want = CASES.map((c) => c.rel.normalize('NFC')).sort();
    const got = [...entries.keys()].sort();
    assert.deepEqual(got, want);
    for (const [rel, list] of entries) assert.equal(list.length, 1, `${rel} appears ${list.length} times`);
    const counts: Record<string, number> = {};
    for (const e of report.inputs) counts[e.status] = (counts[e.status] ?? 0) + 1;
    for (const s of ['written', 'unchanged', 'duplicate', 'rejected']) assert.equal(report.totals[s] ?? 0, counts[s] ?? 0, `totals.${s}`);
  });

  it('writes nothing outside the content folder and leaves the dumps untouched', () => {
    assert.deepEqual(fs.readdirSync(box).sort(), ['content', 'dumps', 'outside']);
    assert.deepEqual(snapshot(dumps), beforeDumps);
    assert.deepEqual(snapshot(outside), beforeOutside);
    for (const f of listFiles(content)) {
      const text = fs.readFileSync(path.join(content, f), 'utf8');
      assert.ok(!text.includes(SECRET), `${f} holds text from a file outside the dumps folder`);
      assert.ok(!/root:x?:0:0:/.test(text), `${f} holds /etc/passwd`);
    }
  });

  it('every article file parses (front-matter + body) and has a non-empty title and sources', () => {
    const files = listFiles(path.join(content, 'articles')).filter((f) => f.endsWith('.md'));
    assert.ok(files.length > 0);
    for (const f of files) {
      const a = parseArticleFile(fs.readFileSync(path.join(content, 'articles', f), 'utf8'));
      assert.ok(typeof a.meta.title === 'string' && a.meta.title.trim(), `${f}: title`);
      assert.ok(Array.isArray(a.meta.sources) && a.meta.sources.length, `${f}: sources`);
      assert.ok(!/[\\/]|^\.|\.\./.test(path.basename(f, '.md')), `${f}: unsafe file name`);
    }
  });

  const article = (e: InputEntry): ParsedArticle & { file: string } => {
    assert.ok(e.article, `${e.path}: no article path in the report`);
    const file = path.resolve(box, e.article);
    assert.ok(file.startsWith(path.join(content, 'articles') + path.sep), `${e.article} is not under content/articles`);
    return { ...parseArticleFile(fs.readFileSync(file, 'utf8')), file };
  };

  for (const c of CASES) {
    it(`${c.rel} — ${c.what}: ${c.expect.status}${'reason' in c.expect && c.expect.reason ? ` (${c.expect.reason})` : ''}`, (t) => {
      const list = entries.get(c.rel.normalize('NFC'));
      assert.ok(list?.length === 1, `${c.rel} is not in the report exactly once`);
      const e = list[0]!;
      t.diagnostic(`observed: ${e.status}${e.reason ? ` — ${e.reason}` : ''}${e.encoding ? ` [${String(e.encoding)}]` : ''}`);
      const x = c.expect;
      const ctx = `${c.rel}: ${JSON.stringify({ status: e.status, reason: e.reason, article: e.article })}`;
      if (x.status === 'rejected') {
        assert.equal(e.status, 'rejected', ctx);
        assert.ok(typeof e.reason === 'string' && e.reason.trim().length > 3, `${ctx}: a rejection needs a reason`);
        if (x.reason) assert.match(e.reason, x.reason, ctx);
        return;
      }
      if (x.status === 'duplicate') {
        assert.equal(e.status, 'duplicate', ctx);
        assert.ok(e.duplicate_of, `${ctx}: duplicate_of`);
        assert.equal(path.relative(dumps, path.resolve(box, e.duplicate_of)), x.of);
        const original = entries.get(x.of)![0]!;
        assert.equal(e.article, original.article, 'a duplicate names the article of its original');
        assert.deepEqual(article(e).meta.sources, [x.of, c.rel], 'the article lists both sources');
        return;
      }
      if (x.status === 'written-or-rejected') {
        if (e.status === 'rejected') assert.match(e.reason ?? '', x.reason, ctx);
        else {
          assert.equal(e.status, 'written', ctx);
          if (x.title) assert.equal(article(e).meta.title, x.title);
        }
        return;
      }
      assert.equal(e.status, 'written', ctx);
      const a = article(e);
      if (x.title) assert.equal(a.meta.title, x.title, `${c.rel}: title`);
      for (const p of x.bodyHas ?? []) assert.ok(a.body.includes(p), `${c.rel}: body lacks «${p.slice(0, 50)}…»:\n${a.body.slice(0, 400)}`);
      assert.deepEqual(a.meta.sources, x.sources ?? [c.rel], `${c.rel}: sources`);
      assert.ok(!/[\ufffd]|Ø|Ù|ط§ظ/.test(a.body + String(a.meta.title)), `${c.rel}: replacement characters or mojibake left in the article`);
    });
  }

  it('YAML look-alike lines stay in the body: the front-matter keeps the real id, title and sources', () => {
    const a = article(entries.get('yaml-lines.txt')![0]!);
    assert.notEqual(a.meta.id, '0000000000');
    assert.equal(a.meta.title, gold('108_levant.txt').title);
    assert.deepEqual(a.meta.sources, ['yaml-lines.txt']);
    assert.equal(a.meta.place, gold('108_levant.txt').dateline!.place, 'the dateline place comes from the dateline, not from a "key: value" line');
    assert.ok(a.body.includes(YAML_PROSE.slice('title: '.length)), 'the prose line starting with "title:" is body text');
    assert.equal((fs.readFileSync(a.file, 'utf8').match(/^---$/gm) ?? []).length, 2, 'only the two front-matter fences are bare --- lines');
  });

  // -------------------------------------------------------------------------------------------------------
  describe('then build: the rendered site shows dump text as text', () => {
    let build: CliResult;
    let pages: string[] = [];
    const pageOf = (e: InputEntry): { html: string; title: string } => {
      const title = String(article(e).meta.title);
      for (const f of pages) {
        const html = fs.readFileSync(path.join(site, f), 'utf8');
        const h1 = /<article[\s\S]*?<h1[^>]*>([\s\S]*?)<\/h1>/.exec(html);
        if (h1 && textOf(h1[1]!) === title) return { html, title };
      }
      assert.fail(`no article page whose <h1> is «${title}»`);
    };
    const articleElement = (html: string) => /<article[\s\S]*<\/article>/.exec(html)?.[0] ?? assert.fail('no <article> element');

    before(async () => {
      build = await cli(['build', '--dumps', 'dumps', '--content', 'content', '--out', 'site'], { cwd: box, timeoutMs: 90_000 });
      pages = listFiles(site).filter((f) => f.endsWith('.html'));
    });

    it('build exits 0 and writes only into the output and content folders', () => {
      assert.equal(build.status, 0, build.stderr);
      assert.deepEqual(fs.readdirSync(box).sort(), ['content', 'dumps', 'outside', 'site']);
      assert.deepEqual(snapshot(dumps), beforeDumps);
      assert.ok(pages.length > 5);
    });

    it('the article with Markdown/HTML/template payloads renders them literally, as text', () => {
      const { html } = pageOf(entries.get('<img src=x onerror=alert(1)> {{ 7*7 }}.txt')![0]!);
      const art = articleElement(html);
      const text = textOf(art).replace(/\s+/g, ' ');
      for (const p of PAYLOADS) assert.ok(text.includes(p), `the page does not show this line as written in the dump:\n${p}\n--- page text:\n${text.slice(0, 3000)}`);
      assert.ok(text.includes('{{ 7*7 }}') && text.includes('{% raw %}'), 'template syntax is shown, not evaluated');
      assert.doesNotMatch(art, /<(script|img|iframe|object|embed|svg|math|form|input|button|style|link|meta|base)\b/i);
      assert.doesNotMatch(art, /<h[1-6][^>]*>[^<]*وقال مدير المسرعة/, 'a "# " line in a dump becomes no heading');
      assert.doesNotMatch(art, /<strong>|<em>/i, '"**" in a dump stays text');
      assert.doesNotMatch(art, /<a\s[^>]*href=["']?javascript:/i);
    });

    it('YAML look-alike lines render as text: no <hr>, no setext heading', () => {
      const { html } = pageOf(entries.get('yaml-lines.txt')![0]!);
      const art = articleElement(html);
      assert.doesNotMatch(art, /<hr\b/i);
      assert.ok(textOf(art).includes(YAML_PROSE), 'the "title: …" prose line is shown as written');
      assert.doesNotMatch(art, /<h[1-6][^>]*>\s*title:/i);
    });

    it('the article page forbids inline script by CSP (script-src without unsafe-inline)', () => {
      const { html } = pageOf(entries.get('<img src=x onerror=alert(1)> {{ 7*7 }}.txt')![0]!);
      const meta = /<meta\s+http-equiv=["']Content-Security-Policy["']\s+content=["']([^"']+)["']/i.exec(html);
      assert.ok(meta, 'no Content-Security-Policy meta tag');
      const directives = new Map(meta[1]!.split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map((d) => [d[0]!.toLowerCase(), d.slice(1)]));
      const scriptSrc = directives.get('script-src') ?? directives.get('default-src');
      assert.ok(scriptSrc, 'neither script-src nor default-src');
      assert.ok(!scriptSrc.includes("'unsafe-inline'"), `script-src allows inline script: ${scriptSrc.join(' ')}`);
      assert.ok(!scriptSrc.includes("'unsafe-eval'"), `script-src allows eval: ${scriptSrc.join(' ')}`);
      assert.ok(!scriptSrc.includes('*') && !scriptSrc.some((s) => /^(https?:|data:|blob:)$/.test(s)), `script-src allows any origin: ${scriptSrc.join(' ')}`);
      const objectSrc = directives.get('object-src') ?? directives.get('default-src');
      assert.ok(objectSrc && !objectSrc.includes('*'), 'plugins (object-src) are not restricted');
    });

    it('every page of the site: no inline script, no event-handler attribute, no javascript: URL', () => {
      const problems: string[] = [];
      for (const f of pages) {
        const html = fs.readFileSync(path.join(site, f), 'utf8');
        for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
          if (!/\ssrc\s*=/.test(m[1]!) || m[2]!.trim()) problems.push(`${f}: inline <script>${m[2]!.slice(0, 60)}`);
        }
        for (const m of html.matchAll(/<[a-zA-Z][^>]*>/g)) {
          const tag = m[0].replace(/"[^"]*"|'[^']*'/g, '""');
          if (/\son[a-z]+\s*=/i.test(tag)) problems.push(`${f}: event handler in ${m[0].slice(0, 120)}`);
          for (const a of m[0].matchAll(/\s(?:href|src|action|formaction|xlink:href)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi)) {
            const url = textOf(a[1] ?? a[2] ?? a[3] ?? '').replace(/[\s\u0000-\u001f]/g, '').toLowerCase();
            if (/^(javascript|vbscript|data):/.test(url)) problems.push(`${f}: ${m[0].slice(0, 120)}`);
          }
        }
      }
      assert.deepEqual(problems, []);
    });

    it('the headline with script and template syntax is text everywhere it appears', () => {
      const e = entries.get('title-injection.txt')![0]!;
      const { html, title } = pageOf(e);
      const head = /<head>[\s\S]*<\/head>/.exec(html)![0];
      const t = /<title>([\s\S]*?)<\/title>/.exec(head);
      assert.ok(t && textOf(t[1]!).includes(title), '<title> shows the headline as text');
      assert.doesNotMatch(html, /<script>alert/);
      assert.doesNotMatch(html, />\s*49\s*</);
    });
  });
});

// ---------------------------------------------------------------------------------------------------------
// Runs of their own, started by the first suite's hook so that they overlap with it.

const once = <T>(f: () => Promise<T>): (() => Promise<T>) => {
  let p: Promise<T> | undefined;
  return () => (p ??= f());
};

const fifoBox = tempDir('arshif-fifo-');
const fifoRun = once(async () => {
  fs.mkdirSync(path.join(fifoBox, 'dumps'));
  fs.writeFileSync(path.join(fifoBox, 'dumps/good.txt'), extra('106_minimal.txt'));
  execFileSync('mkfifo', [path.join(fifoBox, 'dumps/pipe.txt')]);
  return cli(['ingest', 'dumps', '--content', 'content', '--json'], { cwd: fifoBox, timeoutMs: 45_000 });
});

const dashBox = tempDir('arshif-dash-');
const dashBox2 = tempDir('arshif-dash-');
const dashRuns = once(async () => {
  fs.writeFileSync(path.join(dashBox, '-rf.txt'), extra('114_datetrap.txt'));
  fs.writeFileSync(path.join(dashBox2, '-rf.txt'), extra('114_datetrap.txt'));
  const before = snapshot(dashBox);
  const [withDashes, without] = await Promise.all([
    cli(['ingest', '--content', 'content', '--json', '--', '-rf.txt'], { cwd: dashBox, timeoutMs: 45_000 }),
    cli(['ingest', '--content', 'content', '-rf.txt'], { cwd: dashBox2, timeoutMs: 45_000 }),
  ]);
  return { withDashes, without, before };
});

const bigBox = tempDir('arshif-big-');
const BIG_LINE = 'data:image/png;base64,' + 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kg'.repeat(Math.ceil(5_000_000 / 80));
const BIG = ['huge-50mb.txt', 'one-line-5mb.txt', 'article-with-5mb-line.txt'] as const;
/** Each huge input in a folder and a run of its own (so one slow input does not hide what the others do), all at once. */
const bigRun = once(async () => {
  for (const name of BIG) fs.mkdirSync(path.join(bigBox, name.replace('.txt', ''), 'dumps'), { recursive: true });
  const at = (name: (typeof BIG)[number]) => path.join(bigBox, name.replace('.txt', ''), 'dumps', name);
  // 50 MB of real Arabic lines (every fixture line of prose length, numbered so that they are all distinct).
  const lines: string[] = [];
  for (const f of fs.readdirSync(path.join(ROOT, 'tests/fixtures/extra')).filter((n) => n.endsWith('.txt')).sort()) {
    lines.push(...extra(f).split('\n').filter((l) => l.length > 40));
  }
  const out: string[] = [];
  let size = 0;
  for (let i = 0; size < 50 * 1024 * 1024; i++) {
    const l = `${lines[i % lines.length]} (${i})`;
    out.push(l);
    size += Buffer.byteLength(l) + 1;
  }
  fs.writeFileSync(at('huge-50mb.txt'), out.join('\n'));
  // One line of 5 MB of Arabic prose: no headline, no paragraphs.
  const prose = gold('102_wire.txt').body!.join(' ');
  fs.writeFileSync(at('one-line-5mb.txt'), prose.repeat(Math.ceil((5 * 1024 * 1024) / Buffer.byteLength(prose))));
  // A real article with one 5 MB line (an inlined data URI) in the middle.
  fs.writeFileSync(at('article-with-5mb-line.txt'), insertAfter(extra('106_minimal.txt'), gold('106_minimal.txt').body![2]!, [BIG_LINE]));
  const runs = await Promise.all(BIG.map((name) => cli(['ingest', 'dumps', '--content', 'content', '--json'], { cwd: path.dirname(path.dirname(at(name))), timeoutMs: 60_000 })));
  return new Map(BIG.map((name, i) => [name, runs[i]!]));
});

describe('a FIFO named like a dump (unreadable in a way root cannot bypass): rejected, no hang', () => {
  it(`${IS_ROOT ? 'running as root, so chmod 000 would not stop reading: a FIFO stands in' : 'chmod 000 is covered above'}; the FIFO is rejected with a reason and the run ends`, async () => {
    const r = await fifoRun();
    assert.equal(r.timedOut, false, 'ingest hung on a FIFO (it opened it and waited for a writer)');
    assert.equal(r.status, 0, r.stderr);
    const report = parseReport(r);
    const paths = report.inputs.map((i) => i.path).sort();
    assert.deepEqual(paths, ['dumps/good.txt', 'dumps/pipe.txt']);
    const pipe = report.inputs.find((i) => i.path === 'dumps/pipe.txt')!;
    assert.equal(pipe.status, 'rejected');
    assert.ok(pipe.reason && pipe.reason.length > 3);
    assert.equal(report.inputs.find((i) => i.path === 'dumps/good.txt')!.status, 'written');
  });
});

describe('a leading-dash file name as a path argument', () => {
  it('after --, "-rf.txt" is a path: read and written, sources [-rf.txt]', async () => {
    const { withDashes: r, before } = await dashRuns();
    assert.equal(r.status, 0, r.stderr);
    const report = parseReport(r);
    assert.equal(report.inputs.length, 1);
    assert.equal(report.inputs[0]!.path, '-rf.txt');
    assert.equal(report.inputs[0]!.status, 'written');
    const a = parseArticleFile(fs.readFileSync(path.resolve(dashBox, report.inputs[0]!.article!), 'utf8'));
    assert.deepEqual(a.meta.sources, ['-rf.txt']);
    assert.deepEqual(fs.readdirSync(dashBox).sort(), ['-rf.txt', 'content']);
    assert.equal(snapshot(dashBox)['-rf.txt'], before['-rf.txt']);
  });

  it('without --, "-rf.txt" is an unknown option: usage error (2), nothing written', async () => {
    const { without: r } = await dashRuns();
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /-rf\.txt|unknown option/);
    assert.deepEqual(fs.readdirSync(dashBox2), ['-rf.txt']);
  });
});

describe('huge inputs: a 50 MB dump, a 5 MB single line, an article with a 5 MB line (each its own run, alongside the others)', () => {
  let runs: Map<(typeof BIG)[number], CliResult>;
  const entry = (name: (typeof BIG)[number]): InputEntry => {
    const r = runs.get(name)!;
    assert.equal(r.timedOut, false, `ingest of ${name} did not finish within 60 s (killed after ${Math.round(r.ms)} ms)`);
    assert.equal(r.status, 0, r.stderr.slice(0, 2000));
    const report = parseReport(r);
    assert.deepEqual(report.inputs.map((i) => i.path), [`dumps/${name}`]);
    return report.inputs[0]!;
  };
  const folder = (name: (typeof BIG)[number]) => path.join(bigBox, name.replace('.txt', ''));

  before(async () => {
    runs = await bigRun();
  });

  it('the 50 MB dump: finishes within 60 s, exit 0, rejected with a reason (a 50 MB "page" is no news article)', () => {
    const e = entry('huge-50mb.txt');
    assert.equal(e.status, 'rejected', JSON.stringify({ status: e.status, article: e.article }));
    assert.ok(e.reason && e.reason.length > 3);
  });

  it('a single 5 MB line: finishes within 60 s, exit 0, rejected with a reason (one 5 MB paragraph is no news article)', () => {
    const e = entry('one-line-5mb.txt');
    assert.equal(e.status, 'rejected', JSON.stringify({ status: e.status, article: e.article }));
    assert.ok(e.reason && e.reason.length > 3);
  });

  it('an article with one 5 MB line: finishes within 60 s, written without that line (or rejected for its size, saying so)', () => {
    const e = entry('article-with-5mb-line.txt');
    if (e.status === 'rejected') {
      assert.match(e.reason ?? '', /large|size|long|MB|bytes/i);
      return;
    }
    assert.equal(e.status, 'written');
    const text = fs.readFileSync(path.resolve(folder('article-with-5mb-line.txt'), e.article!), 'utf8');
    const a = parseArticleFile(text);
    assert.equal(a.meta.title, gold('106_minimal.txt').title);
    assert.ok(Buffer.byteLength(text) < 100_000, `the article is ${Buffer.byteLength(text)} bytes: the 5 MB line was kept`);
  });

  it('no article or data file in any of their content folders is larger than 2 MB (arshif state in .arshif/ aside)', () => {
    for (const name of BIG) {
      const content = path.join(folder(name), 'content');
      for (const f of listFiles(content)) {
        if (f.startsWith('.arshif/')) continue;
        const size = fs.statSync(path.join(content, f)).size;
        assert.ok(size < 2 * 1024 * 1024, `${name}: ${f}: ${size} bytes`);
      }
    }
  });
});
