// Synthetic Arabic news dumps for the benchmark: several made-up sites, each with its own menus, ticker,
// clock line, footer and date style; headlines repeated the way real pages repeat them; body paragraphs
// recombined from the sample dumps in dumps/ and from generated sentences that name topics of the taxonomy;
// some exact and some near duplicates. Dump i is a pure function of (seed, i), so the first N dumps of a
// larger run are the dumps of a smaller one and "10 new dumps" are simply dumps N … N+9.
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';

const ROOT = path.resolve(import.meta.dirname, '..');

interface Topic { slug: string; name: string; aliases?: string[] }

/** mulberry32: small, fast, good enough for test data. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: () => number, arr: readonly T[]): T => arr[Math.floor(r() * arr.length)]!;
const int = (r: () => number, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));

const LEVANT = ['كانون الثاني', 'شباط', 'آذار', 'نيسان', 'أيار', 'حزيران', 'تموز', 'آب', 'أيلول', 'تشرين الأول', 'تشرين الثاني', 'كانون الأول'];
const EGYPT = ['يناير', 'فبراير', 'مارس', 'أبريل', 'مايو', 'يونيو', 'يوليو', 'أغسطس', 'سبتمبر', 'أكتوبر', 'نوفمبر', 'ديسمبر'];
const MAGHREB = ['يناير', 'فبراير', 'مارس', 'أبريل', 'ماي', 'يونيو', 'يوليوز', 'غشت', 'شتنبر', 'أكتوبر', 'نونبر', 'دجنبر'];
const WEEKDAYS = ['الأحد', 'الاثنين', 'الثلاثاء', 'الأربعاء', 'الخميس', 'الجمعة', 'السبت'];

type DateStyle = 'levant' | 'egypt' | 'maghreb' | 'iso' | 'dmy';

function formatDate(d: Date, style: DateStyle): string {
  const day = d.getUTCDate();
  const m = d.getUTCMonth();
  const y = d.getUTCFullYear();
  const wd = WEEKDAYS[d.getUTCDay()]!;
  switch (style) {
    case 'levant':
      return `${wd} ${day} ${LEVANT[m]}/${EGYPT[m]} ${y}`;
    case 'egypt':
      return `${day} ${EGYPT[m]} ${y}`;
    case 'maghreb':
      return `${wd} ${day} ${MAGHREB[m]} ${y}`;
    case 'iso':
      return `${y}-${String(m + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    case 'dmy':
      return `${String(day).padStart(2, '0')}/${String(m + 1).padStart(2, '0')}/${y}`;
  }
}

interface Site {
  key: string;
  name: string;
  city: string;
  menu: string[];
  footer: string[];
  dateStyle: DateStyle;
  /** How the headline is repeated: as a "site - title" line, twice in a row, or with a hashtag copy. */
  repeat: 'prefixed' | 'twice' | 'hashtag';
  clock: (r: () => number) => string;
}

const SITES: Site[] = [
  {
    key: 'maghreb-today', name: 'المغرب اليوم', city: 'الرباط', dateStyle: 'maghreb', repeat: 'prefixed',
    menu: ['الرئيسية', 'أخبار عاجلة', 'سياسة', 'اقتصاد', 'رياضة', 'فن وموسيقى', 'تكنولوجيا', 'صحة وتغذية'],
    footer: ['جميع الحقوق محفوظة © المغرب اليوم', 'من نحن | اتصل بنا | سياسة الخصوصية | شروط الاستخدام', 'تابعونا على فيسبوك وتويتر'],
    clock: (r) => `آخر تحديث GMT ${String(int(r, 0, 23)).padStart(2, '0')}:${String(int(r, 0, 59)).padStart(2, '0')}:${String(int(r, 0, 59)).padStart(2, '0')}`,
  },
  {
    key: 'sham-news', name: 'شبكة أخبار الشام', city: 'دمشق', dateStyle: 'levant', repeat: 'twice',
    menu: ['الصفحة الرئيسية', 'محليات', 'عربي ودولي', 'اقتصاد', 'ثقافة وفنون', 'رياضة', 'منوعات', 'كاريكاتير'],
    footer: ['حقوق النشر محفوظة لشبكة أخبار الشام 2024', 'أضف تعليقك', 'الاسم', 'البريد الإلكتروني', 'إرسال التعليق'],
    clock: (r) => `${String(int(r, 1, 28)).padStart(2, '0')}-${String(int(r, 1, 12)).padStart(2, '0')}-2024 ${String(int(r, 1, 12)).padStart(2, '0')}:${String(int(r, 0, 59)).padStart(2, '0')} AM بتوقيت دمشق`,
  },
  {
    key: 'nile-gate', name: 'بوابة النيل', city: 'القاهرة', dateStyle: 'egypt', repeat: 'prefixed',
    menu: ['أخبار مصر', 'حوادث', 'برلمان', 'اقتصاد وبورصة', 'رياضة', 'فن', 'مقالات', 'فيديو'],
    footer: ['رئيس مجلس الإدارة ورئيس التحرير', 'جميع الحقوق محفوظة لبوابة النيل ©', 'اشترك في النشرة البريدية'],
    clock: (r) => `الساعة ${int(r, 1, 12)}:${String(int(r, 0, 59)).padStart(2, '0')} م بتوقيت القاهرة`,
  },
  {
    key: 'gulf-wire', name: 'وكالة أنباء الخليج', city: 'الرياض', dateStyle: 'iso', repeat: 'hashtag',
    menu: ['محليات', 'الخليج', 'العالم', 'مال وأعمال', 'الرياضة', 'المرأة', 'الصور', 'الأرشيف'],
    footer: ['© وكالة أنباء الخليج - جميع الحقوق محفوظة', 'سياسة الخصوصية', 'للإعلان معنا', 'تطبيق الوكالة على الهاتف'],
    clock: (r) => `تحديث: ${int(r, 1, 59)} دقيقة مضت`,
  },
  {
    key: 'iraq-now', name: 'العراق الآن', city: 'بغداد', dateStyle: 'dmy', repeat: 'twice',
    menu: ['أخبار العراق', 'سياسة', 'أمن', 'اقتصاد', 'مجتمع', 'رياضة', 'آراء', 'ملفات'],
    footer: ['العراق الآن © جميع الحقوق محفوظة', 'الآراء المنشورة تعبر عن أصحابها', 'أرسل خبرا'],
    clock: (r) => `بغداد ${int(r, 10, 45)} درجة مئوية`,
  },
  {
    key: 'levant-post', name: 'بريد المشرق', city: 'بيروت', dateStyle: 'levant', repeat: 'prefixed',
    menu: ['لبنان', 'سوريا', 'فلسطين', 'دوليات', 'اقتصاد', 'ثقافة', 'رياضة', 'بودكاست'],
    footer: ['بريد المشرق - جميع الحقوق محفوظة', 'اتصل بنا', 'أعلن معنا', 'الأكثر قراءة'],
    clock: (r) => `آخر تحديث ${int(r, 1, 12)}:${String(int(r, 0, 59)).padStart(2, '0')}`,
  },
  {
    key: 'sahara-daily', name: 'يومية الصحراء', city: 'الجزائر', dateStyle: 'maghreb', repeat: 'hashtag',
    menu: ['الوطني', 'المغرب العربي', 'العالم', 'الاقتصاد', 'الثقافة', 'الرياضة', 'المجتمع', 'الرأي'],
    footer: ['يومية الصحراء ©', 'كل الحقوق محفوظة', 'شروط الاستعمال', 'هيئة التحرير'],
    clock: (r) => `${int(r, 1, 28)} ماي 2024 - ${int(r, 1, 12)}:${String(int(r, 0, 59)).padStart(2, '0')}`,
  },
  {
    key: 'arab-observer', name: 'المرصد العربي', city: 'عمّان', dateStyle: 'egypt', repeat: 'prefixed',
    menu: ['أخبار', 'تقارير', 'حوارات', 'اقتصاد', 'علوم', 'رياضة', 'منوعات', 'إنفوغراف'],
    footer: ['المرصد العربي جميع الحقوق محفوظة', 'من نحن', 'فريق العمل', 'اتصل بنا'],
    clock: (r) => `عمّان ${int(r, 1, 12)}:${String(int(r, 0, 59)).padStart(2, '0')}`,
  },
];

const PLACES = ['دمشق', 'بيروت', 'القاهرة', 'الرياض', 'بغداد', 'الرباط', 'الجزائر', 'تونس', 'عمّان', 'موسكو', 'واشنطن', 'باريس', 'جنيف', 'أنقرة', 'طهران', 'الدوحة', 'أبوظبي', 'الخرطوم', 'صنعاء', 'طرابلس'];
const SUBJECTS = ['وزير الخارجية', 'رئيس الحكومة', 'المتحدث باسم الوزارة', 'مصدر مسؤول', 'الناطق الرسمي', 'رئيس البرلمان', 'وزير المالية', 'محافظ البنك المركزي', 'قائد الجيش', 'الأمين العام'];
const VERBS = ['أكد', 'أعلن', 'قال', 'شدد', 'أوضح', 'كشف', 'نفى', 'رحب', 'حذر', 'دعا'];
const OBJECTS = [
  'ضرورة إطلاق حوار شامل بين الأطراف المعنية في أقرب وقت ممكن',
  'أن الحكومة ستواصل العمل على تنفيذ الخطة التي أعلنتها في الأسابيع الماضية',
  'أهمية تعزيز التعاون الاقتصادي والتجاري بين البلدين في المرحلة المقبلة',
  'أن المفاوضات ستستأنف مطلع الشهر المقبل بمشاركة وفود من عدة دول',
  'أن الأوضاع الإنسانية تتطلب تحركا عاجلا من المجتمع الدولي',
  'أن الموازنة الجديدة تتضمن زيادة في الإنفاق على التعليم والصحة',
  'أن اللجنة المختصة ستعرض تقريرها النهائي على البرلمان خلال أيام',
  'رفض أي تدخل خارجي في الشؤون الداخلية للبلاد',
  'أن الاتصالات مستمرة مع الجهات الإقليمية والدولية لاحتواء الأزمة',
  'أن أسعار المواد الأساسية ستبقى مستقرة رغم الظروف الصعبة',
];
const CONNECT = ['وأضاف', 'وأشار إلى', 'ولفت إلى', 'وتابع قائلا', 'من جانبه قال', 'في المقابل', 'وفي السياق نفسه', 'إلى ذلك'];

let SAMPLE: string[] | null = null;
/** Long Arabic paragraphs from the sample dumps (not tickers or menus). */
function samples(): string[] {
  if (SAMPLE) return SAMPLE;
  const out: string[] = [];
  const dir = path.join(ROOT, 'dumps');
  for (const f of fs.readdirSync(dir).sort()) {
    if (!f.endsWith('.txt')) continue;
    for (const line of fs.readFileSync(path.join(dir, f), 'utf8').split('\n')) {
      const t = line.trim();
      if (t.length < 90 || t.length > 700 || t.includes('�')) continue;
      const arabic = (t.match(/[\u0600-\u06ff]/g) ?? []).length;
      if (arabic / t.length < 0.7 || !/[.،"”]$/.test(t)) continue;
      out.push(t);
    }
  }
  return (SAMPLE = out);
}

let WORDS: string[] | null = null;
/** Every word of the sample paragraphs, repeats kept, so that drawing from it follows their frequencies. */
function words(): string[] {
  return (WORDS ??= samples().flatMap((p) => p.replace(/["“”«»().،:]/g, ' ').split(/\s+/).filter((w) => /[\u0600-\u06ff]/.test(w))));
}

/** A sentence of sample words in a new order, with a topic named in it. */
function prose(r: () => number, ts: Topic[]): string {
  const w = words();
  const len = int(r, 12, 28);
  const out: string[] = [];
  for (let k = 0; k < len; k++) {
    if (k === 4 || (k > 6 && r() < 0.04)) out.push(mention(r, pick(r, ts)));
    out.push(pick(r, w));
    if (k > 3 && k < len - 3 && r() < 0.08) out[out.length - 1] += '،';
  }
  return `${out.join(' ')}.`;
}

let TOPICS: Topic[] | null = null;
function topics(): Topic[] {
  if (TOPICS) return TOPICS;
  return (TOPICS = (YAML.parse(fs.readFileSync(path.join(ROOT, 'content/_data/topics.yaml'), 'utf8')) as Topic[]).filter((t) => t && t.slug && t.name));
}

const mention = (r: () => number, t: Topic) => (t.aliases?.length && r() < 0.4 ? pick(r, t.aliases) : t.name);

function sentence(r: () => number, ts: Topic[]): string {
  const t = pick(r, ts);
  const kind = r();
  if (kind < 0.35) return `${pick(r, VERBS)} ${pick(r, SUBJECTS)} في ${mention(r, t)} ${pick(r, OBJECTS)}.`;
  if (kind < 0.6) return `${pick(r, CONNECT)} أن الملف المتعلق بـ${mention(r, t)} يحظى باهتمام واسع، و${pick(r, OBJECTS)}.`;
  if (kind < 0.8) return `وجاءت هذه التصريحات بعد أيام من اجتماع عقد في ${pick(r, PLACES)} لبحث تطورات ${mention(r, t)} و${mention(r, pick(r, ts))}.`;
  return `${pick(r, CONNECT)} أن ${int(r, 3, 97)} في المئة من المشاركين أيدوا ${pick(r, OBJECTS)}، بحسب ما نقلت وسائل إعلام محلية عن ${mention(r, t)}.`;
}

interface Article { site: Site; title: string; date?: Date; place: string; paragraphs: string[]; hashtags: string[]; ts: Topic[] }

const START = Date.UTC(2015, 0, 1);
const DAYS = 365 * 10;

/** The article behind dump i (before chrome). */
function article(seed: number, i: number): Article {
  const r = rng(seed * 1_000_003 + i * 7919 + 1);
  const site = SITES[i % SITES.length]!;
  const all = topics();
  const ts = Array.from({ length: int(r, 1, 3) }, () => all[Math.floor(Math.pow(r(), 1.6) * all.length)]!);
  const main = ts[0]!;
  const heads = [
    `${pick(r, SUBJECTS)}: ${pick(r, OBJECTS).split(" ").slice(0, int(r, 5, 9)).join(" ")} بشأن ${mention(r, main)}`,
    `${mention(r, main)} ${pick(r, ['تبحث', 'تعلن', 'ترفض', 'تستعد', 'تدعو إلى'])} ${pick(r, OBJECTS).split(' ').slice(1, int(r, 5, 8)).join(' ')}`,
    `${pick(r, PLACES)}: ${pick(r, VERBS)} ${pick(r, SUBJECTS)} ${int(r, 2, 40)} إجراء جديدا بشأن ${mention(r, main)}`,
  ];
  const title = pick(r, heads);
  const date = r() < 0.88 ? new Date(START + int(r, 0, DAYS) * 86400000) : undefined;
  const sample = samples();
  const n = int(r, 6, 12);
  const paragraphs: string[] = [];
  // Mostly new prose (words drawn by their frequency in the sample dumps, so function-word density and
  // punctuation look like news and content-word pairs rarely repeat across articles), a sentence or two
  // naming the topics, and now and then a whole paragraph taken from a sample dump.
  for (let k = 0; k < n; k++) {
    if (sample.length && r() < 0.04) paragraphs.push(pick(r, sample));
    else paragraphs.push(Array.from({ length: int(r, 2, 4) }, () => (r() < 0.25 ? sentence(r, ts) : prose(r, ts))).join(' '));
  }
  // A unique sentence so that two generated articles never collide by chance.
  paragraphs.splice(1, 0, `${pick(r, VERBS)} ${pick(r, SUBJECTS)} في بيان حمل الرقم ${i + 1} ${pick(r, OBJECTS)}، وذلك خلال زيارة إلى ${pick(r, PLACES)}.`);
  // About 5% are rewrites of a recent article by another outlet: the same story, half its paragraphs.
  if (i > 10 && r() < 0.05) {
    const j = i - int(r, 1, 10);
    const src = article(seed, j);
    for (let k = 0; k < src.paragraphs.length; k += 2) paragraphs[k % paragraphs.length] = src.paragraphs[k]!;
    return { site, title: `${src.title.split(' ').slice(0, -2).join(' ')} ${pick(r, ['وفق مصادر', 'بحسب مسؤولين', 'في تطور جديد'])}`, date: src.date, place: src.place, paragraphs, hashtags: [], ts: src.ts };
  }
  const hashtags = site.repeat === 'hashtag' ? [main.name.replace(/\s+/g, '_')] : [];
  return { site, title, date, place: pick(r, PLACES), paragraphs, hashtags, ts };
}

/** The text of dump i. */
export function dumpText(seed: number, i: number): string {
  const r = rng(seed * 31 + i * 104729 + 7);
  // About 3% exact copies and 3% near copies (other chrome, one sentence changed) of an earlier dump.
  const roll = r();
  if (i > 20 && roll < 0.03) return dumpText(seed, int(r, 0, i - 1));
  let a = article(seed, i);
  if (i > 20 && roll < 0.06) {
    const j = int(r, 0, i - 1);
    const orig = article(seed, j);
    const paragraphs = [...orig.paragraphs];
    paragraphs[paragraphs.length - 1] = sentence(r, orig.ts);
    a = { ...orig, site: SITES[(j + 3) % SITES.length]!, paragraphs };
  }
  const s = a.site;
  const lines: string[] = [];
  // Header chrome: menu, clock, ticker of other headlines, section label.
  lines.push(s.menu.join(' '));
  lines.push(s.clock(r));
  lines.push(`${s.name} -`);
  const ticker = Array.from({ length: int(r, 4, 8) }, (_, k) => article(seed, (i * 13 + k * 101) % (i + 50)).title).join(' ');
  lines.push(ticker);
  lines.push(pick(r, ['أخر الأخبار', 'عاجل', 'الأكثر قراءة']));
  lines.push('');
  // Headline, repeated as this site repeats it.
  const head = a.hashtags.length ? `#${a.hashtags[0]} ${a.title}` : a.title;
  lines.push(head, '');
  if (s.repeat === 'prefixed') lines.push(`${s.name} - ${a.title}`, '');
  if (s.repeat === 'twice') lines.push(a.title, '');
  if (s.repeat === 'hashtag') lines.push(head, '');
  if (a.date) lines.push(formatDate(a.date, r() < 0.7 ? s.dateStyle : pick(r, ['levant', 'egypt', 'iso'] as DateStyle[])), '');
  lines.push(`${a.place} - ${s.name}`, '');
  for (const p of a.paragraphs) lines.push(p, '');
  // Related items with their own dates (never the article's date), then the footer.
  lines.push('اقرأ أيضا');
  for (let k = 0; k < 3; k++) {
    const o = article(seed, (i * 7 + k * 37 + 11) % (i + 60));
    lines.push(o.title);
    if (o.date) lines.push(formatDate(o.date, s.dateStyle));
  }
  lines.push('');
  for (const f of s.footer) lines.push(f);
  return `${lines.join('\n')}\n`;
}

/** Writes dumps [from, from + count) into dir. */
export function generate(dir: string, from: number, count: number, seed = 1): void {
  fs.mkdirSync(dir, { recursive: true });
  for (let i = from; i < from + count; i++) {
    const site = SITES[i % SITES.length]!.key;
    fs.writeFileSync(path.join(dir, `${site}-${String(i).padStart(6, '0')}.txt`), dumpText(seed, i));
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) {
  const args = process.argv.slice(2);
  const get = (k: string, d: string) => {
    const i = args.indexOf(k);
    return i >= 0 ? args[i + 1]! : d;
  };
  const n = Number(get('--n', '10000'));
  const from = Number(get('--from', '0'));
  const out = path.resolve(get('--out', path.join(ROOT, 'bench/work/dumps')));
  generate(out, from, n, Number(get('--seed', '1')));
  process.stdout.write(`${n} dumps in ${out}\n`);
}
