import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ingest } from '../../src/ingest/run.ts';
import { parseArticle, type ArticleFile } from '../../src/store/article.ts';
import { assignTopics, findMentions, loadTopics, scoreTopics, topicTokens, type ArticleText } from '../../src/enrich/topics.ts';
import { matchTokens } from '../../src/arabic/normalize.ts';
import { stripClitics } from '../../src/arabic/stem.ts';
import { ROOT, contentDir, randomStrings, tempDir } from '../helpers.ts';

const index = loadTopics(path.join(ROOT, 'content/_data/topics.yaml'));
const topicsOf = (a: Partial<ArticleText> & { body: string }) =>
  assignTopics(index, { title: a.title ?? '', lead: a.lead ?? a.body.split('\n')[0]!, body: a.body, hashtags: a.hashtags, place: a.place });

// What an editor would tag the five sample articles with (must), and what a passing mention must not make (never).
const expected: Record<string, { must: string[]; never: string[] }> = {
  // Lavrov with the OSCE secretary-general, then the army's communiqué on Hama, Latakia and Idlib.
  '000_c165a42ed11c2292.txt': {
    must: ['syria', 'russia', 'russian-foreign-ministry', 'terrorism', 'hama'],
    never: ['morocco', 'homs', 'iran', 'iraq', 'turkey', 'saudi-arabia', 'uae', 'protests', 'gulf'],
  },
  // Putin and King Mohammed VI at the Kremlin: Syria, terrorism, Lavrov's press conference.
  '001_bf99efbfbe9b4f54.txt': {
    must: ['syria', 'russia', 'morocco', 'terrorism', 'russian-foreign-ministry'],
    never: ['jordan', 'palestinian-question', 'libya-crisis', 'yemen-war', 'middle-east', 'bashar-al-assad', 'rabat'],
  },
  // Zakharova: every Russian step in Syria serves the political settlement.
  '002_62a002b87947c43e.txt': {
    must: ['syria', 'russia', 'russian-foreign-ministry', 'terrorism'],
    never: ['media', 'united-states', 'international-coalition'],
  },
  // The same Lavrov press conference as 000, from another outlet (hashtags #لافروف #سوريا).
  '003_146a293be66b7c19.txt': {
    must: ['syria', 'russia', 'russian-foreign-ministry', 'terrorism', 'syrian-crisis'],
    never: ['iran', 'iraq', 'turkey', 'saudi-arabia', 'uae', 'riyadh', 'al-qaeda', 'osce'],
  },
  // Lavrov and Gentiloni: Palmyra, the truce, NATO, sanctions; the tail lists other visitors to Moscow.
  '004_7089cb4340764ae9.txt': {
    must: ['syria', 'russia', 'russian-foreign-ministry', 'palmyra', 'italy', 'terrorism'],
    never: ['ukraine', 'germany', 'abu-dhabi', 'mohammed-bin-zayed', 'uae', 'vladimir-putin', 'us-state-department', 'european-union'],
  },
};

let articles: ArticleFile[] | undefined;
async function samples(): Promise<ArticleFile[]> {
  if (articles) return articles;
  const dir = contentDir();
  await ingest({ paths: [path.join(ROOT, 'dumps')], content: dir });
  const folder = path.join(dir, 'articles');
  articles = fs.readdirSync(folder).filter((f) => f.endsWith('.md')).map((f) => parseArticle(fs.readFileSync(path.join(folder, f), 'utf8')));
  return articles;
}

test('the five sample dumps get the topics an editor expects, and none from passing mentions', async () => {
  const list = await samples();
  assert.equal(list.length, 5);
  for (const a of list) {
    const src = a.meta.sources[0]!;
    const exp = expected[src];
    assert.ok(exp, `unexpected source ${src}`);
    const got = a.meta.topics;
    assert.ok(got.length <= 8, `${src}: ${got.join(', ')}`);
    for (const t of exp.must) assert.ok(got.includes(t), `${src} lacks ${t}: ${got.join(', ')}`);
    for (const t of exp.never) assert.ok(!got.includes(t), `${src} has ${t}: ${got.join(', ')}`);
  }
});

test('the Putin–Mohammed VI sample supports both leaders and Morocco (through its caution alias and the king)', async () => {
  const a = (await samples()).find((x) => x.meta.sources[0] === '001_bf99efbfbe9b4f54.txt')!;
  const body = a.body.replace(/^#+\s*/gm, '').split(/\n\n+/).join('\n');
  const scores = scoreTopics(index, { title: a.meta.title, lead: body.split('\n')[0]!, body });
  assert.ok((scores.get('vladimir-putin') ?? 0) >= 3, `putin ${scores.get('vladimir-putin')}`);
  assert.ok((scores.get('mohammed-vi') ?? 0) >= 3, `mohammed-vi ${scores.get('mohammed-vi')}`);
  assert.ok((scores.get('morocco') ?? 0) >= 3);
  assert.equal(scores.get('jordan'), undefined); // «قاعدة عسكرية في الأردن», once
});

test('one passing mention in the tail makes no topic; three in one aside neither; two paragraphs do', () => {
  const lead = 'أعلن البنك المركزي المصري اليوم رفع أسعار الفائدة بمقدار نقطتين لمواجهة التضخم الذي بلغ مستويات قياسية.';
  const middle = 'وقال محافظ البنك إن القرار يهدف إلى احتواء الضغوط على الجنيه وتشجيع الادخار بالعملة المحلية.';
  const once = [lead, middle, 'وكان المحافظ قد شارك الأسبوع الماضي في مؤتمر مصرفي عقد في بيروت.'].join('\n');
  assert.ok(!topicsOf({ title: 'المركزي المصري يرفع الفائدة', body: once }).includes('beirut'));
  assert.ok(!topicsOf({ title: 'المركزي المصري يرفع الفائدة', body: once }).includes('lebanon'));
  const aside = [lead, middle, 'وكان المحافظ في بيروت الأسبوع الماضي، ومن بيروت انتقل إلى عمّان، ثم عاد من بيروت إلى القاهرة.'].join('\n');
  assert.ok(!topicsOf({ title: 'المركزي المصري يرفع الفائدة', body: aside }).includes('beirut'));
  const spread = [lead, 'وقال المحافظ في بيروت إن القرار يهدف إلى احتواء الضغوط على الجنيه.', middle, 'وأضاف أن مؤتمر بيروت المصرفي ناقش أزمة السيولة.', 'ويعود المحافظ من بيروت غدا.'].join('\n');
  const got = topicsOf({ title: 'المركزي المصري يرفع الفائدة', body: spread });
  assert.ok(got.includes('beirut'), got.join(', '));
  assert.ok(got.includes('egypt') && got.includes('economy'), got.join(', '));
});

test('a city gives its country (بيروت → lebanon), and clitics never hide a name', () => {
  const body = [
    'شهدت بيروت اليوم احتجاجات واسعة على انقطاع الكهرباء في معظم أحياء العاصمة.',
    'وتجمع مئات المحتجين في وسط بيروت مطالبين بحلول عاجلة لأزمة الطاقة.',
    'وقال متظاهر إن ببيروت أحياء لم تصلها الكهرباء منذ أسبوع، ولبيروت حق في الضوء كغيرها.',
  ].join('\n');
  const got = topicsOf({ title: 'احتجاجات في بيروت على انقطاع الكهرباء', body });
  assert.ok(got.includes('beirut') && got.includes('lebanon'), got.join(', '));
  assert.ok(!got.includes('syria'));
  // لبنان is not ل + بنان, فلسطين not ف + لسطين: with clitics in front they still match.
  const m = findMentions(index, 'وصل الوفد إلى للبنان وبفلسطين وواشنطن وبكين ولافروف').map((x) => x.senses[0]!.slug);
  assert.deepEqual(m, ['lebanon', 'palestine', 'united-states', 'china', 'russian-foreign-ministry']);
});

test('hashtags count like the title: #سوريا alone makes syria; #الانتخابات_البرلمانية makes elections', () => {
  const body = 'قال المتحدث إن الاجتماع تناول قضايا عدة دون أن يوضح تفاصيلها.\nوأضاف أن الجولة المقبلة ستعقد الشهر المقبل.';
  assert.ok(!topicsOf({ title: 'اجتماع جديد', body }).includes('syria'));
  assert.ok(topicsOf({ title: 'اجتماع جديد', body, hashtags: ['سوريا'] }).includes('syria'));
  assert.ok(topicsOf({ title: 'اجتماع جديد', body, hashtags: ['#سوريا'] }).includes('syria'));
  assert.ok(topicsOf({ title: 'اجتماع جديد', body, hashtags: ['#الانتخابات_البرلمانية'] }).includes('elections'));
});

test('Amman or Oman: diacritics, then the article\'s Jordan or Oman mentions, then a dateline; else neither', () => {
  const has = (got: string[], yes: string[], no: string[]) => {
    for (const t of yes) assert.ok(got.includes(t), `missing ${t}: ${got.join(', ')}`);
    for (const t of no) assert.ok(!got.includes(t), `has ${t}: ${got.join(', ')}`);
  };
  // Jordanian context.
  has(topicsOf({
    title: 'اجتماع وزاري عربي في عمان',
    body: 'عمان - استضافت العاصمة الأردنية عمان اليوم اجتماعا لوزراء الخارجية العرب.\nوقال وزير الخارجية الأردني إن الأردن يدعم الحل السياسي.\nواختتم الاجتماع في عمان بيان مشترك.',
  }), ['amman', 'jordan'], ['oman']);
  // Omani context.
  has(topicsOf({
    title: 'عمان تستضيف جولة مفاوضات جديدة',
    body: 'مسقط - أعلنت سلطنة عمان استضافة جولة جديدة من المفاوضات.\nوقال وزير الخارجية العماني إن عمان مستعدة لتسهيل الحوار.\nوتعد عمان وسيطا تقليديا في المنطقة.',
  }), ['oman'], ['amman', 'jordan']);
  // Diacritics decide without any context.
  const neutral = (w: string) => `زار الوفد ${w} الأسبوع الماضي.\nوقال رئيس الوفد إن زيارة ${w} كانت مثمرة.\nوسيعود الوفد إلى ${w} العام المقبل.`;
  has(topicsOf({ title: `وفد تجاري يزور ${'عُمان'}`, body: neutral('عُمان') }), ['oman'], ['amman']);
  has(topicsOf({ title: `وفد تجاري يزور ${'عمّان'}`, body: neutral('عمّان') }), ['amman', 'jordan'], ['oman']);
  has(topicsOf({ title: 'وفد تجاري يزور عَمّان', body: neutral('عَمّان') }), ['amman'], ['oman']);
  // No diacritics, no context: the mention needs support it does not have.
  has(topicsOf({ title: 'وفد تجاري يزور عمان', body: neutral('عمان') }), [], ['amman', 'oman', 'jordan']);
  // A dateline is a city.
  has(topicsOf({ title: 'افتتاح معرض للكتاب', body: 'عمان - افتتح اليوم معرض الكتاب بمشاركة مئات الناشرين.\nويستمر المعرض عشرة أيام في عمان.' }), ['amman'], ['oman']);
  has(topicsOf({ title: 'افتتاح معرض للكتاب', place: 'عمان', body: 'افتتح اليوم في عمان معرض الكتاب بمشاركة مئات الناشرين.\nويستمر المعرض عشرة أيام في عمان.' }), ['amman'], ['oman']);
  has(topicsOf({ title: 'افتتاح معرض للكتاب', body: 'افتتح اليوم في عمان معرض الكتاب بمشاركة مئات الناشرين.\nويستمر المعرض عشرة أيام في عمان.' }), [], ['amman', 'oman']);
  // «سلطنة عمان» and «العاصمة الأردنية» are plain aliases.
  assert.deepEqual(findMentions(index, 'بين سلطنة عمان والعاصمة الأردنية').map((x) => x.senses.map((s) => s.slug)), [['oman'], ['amman']]);
});

test('caution aliases need support from the same country; exclude phrases block the alias', () => {
  const dish = 'يعد طبق الحمص بالطحينة من أشهر المقبلات.\nويحضر حمص الشام بالليمون والثوم.\nويقدم الحمص ساخنا في الشتاء مع حمص إضافي.';
  assert.ok(!topicsOf({ title: 'طريقة تحضير الحمص', body: dish }).includes('homs'));
  const war = 'قصفت الطائرات أحياء في حمص وسط سوريا.\nوقال ناشطون سوريون إن القصف على حمص أوقع قتلى.\nوتشهد حمص معارك عنيفة منذ أيام.';
  const got = topicsOf({ title: 'قصف على حمص', body: war });
  assert.ok(got.includes('homs') && got.includes('syria'), got.join(', '));
  // حماس "enthusiasm" in a sports report; Hamas with Gaza.
  const match = 'استقبل الجمهور اللاعبين بحماس كبير قبل المباراة.\nولعب الفريق بحماس طوال الشوط الأول.\nوقال المدرب إن حماس اللاعبين صنع الفوز.';
  assert.ok(!topicsOf({ title: 'فوز ثمين للفريق', body: match }).includes('hamas'));
  const gaza = 'قالت حماس إن وفدها سيصل إلى القاهرة غدا.\nوأضاف بيان لحماس أن المحادثات تتناول الوضع في غزة.\nوتطالب حماس بوقف إطلاق النار.';
  assert.ok(topicsOf({ title: 'وفد حماس إلى القاهرة', body: gaza }).includes('hamas'));
  // Sunset prayer and kindergartens.
  const ramadan = 'يبدأ الإفطار بعد أذان المغرب مباشرة.\nوتقام صلاة المغرب في المساجد.\nوبعد صلاة المغرب تجتمع العائلات.';
  assert.ok(!topicsOf({ title: 'عادات رمضان', body: ramadan }).includes('morocco'));
  assert.deepEqual(findMentions(index, 'افتتاح رياض الأطفال الجديدة').length, 0);
  assert.deepEqual(findMentions(index, 'مسقط رأسه في الجنوب').length, 0);
  assert.deepEqual(findMentions(index, 'اجتمع مجلس الأمن القومي').length, 0);
  assert.deepEqual(findMentions(index, 'اجتمع مجلس الأمن الدولي').map((m) => m.senses[0]!.slug), ['un']);
  // «نفى صحة الأنباء»: الصحة under caution, unsupported.
  const denial = 'نفى المتحدث صحة الأنباء عن استقالة الوزير.\nوقال إن صحة ما نشر لا أساس لها.\nوأكد أن الوزير يمارس مهامه.';
  assert.ok(!topicsOf({ title: 'نفي استقالة الوزير', body: denial }).includes('health'));
});

test('the longest alias wins: «الجيش السوري الحر» is the Free Syrian Army, not the Syrian army', () => {
  const m = findMentions(index, 'قاتل الجيش السوري الحر في ريف حلب ضد الجيش السوري').map((x) => x.senses[0]!.slug);
  assert.deepEqual(m, ['free-syrian-army', 'aleppo', 'syrian-army']);
});

test('every parent in the taxonomy exists, every city has a country, and the only clash is Amman/Oman', () => {
  assert.ok(index.topics.size >= 60);
  for (const t of index.topics.values()) {
    assert.match(t.slug, /^[a-z0-9-]+$/);
    if (t.parent) assert.ok(index.topics.has(t.parent), `${t.slug} → ${t.parent}`);
    if (t.kind === 'city') assert.equal(index.topics.get(index.anchor.get(t.slug)!)?.kind, 'country', t.slug);
  }
  const clashes = [...index.byFirst.values()].flat().filter((e) => e.senses.length > 1).map((e) => e.senses.map((s) => s.slug).sort().join('/'));
  assert.deepEqual(clashes, ['amman/oman']);
});

// topicTokens and findMentions run on a hand-written splitter and a word table (src/arabic/normalize.ts): they
// must give what the regex split and the plain matching loop gave.
test('topicTokens and findMentions equal the regex-split reference on real and random text', () => {
  const refTokens = (text: string) =>
    text
      .normalize('NFC')
      .split(/[^\p{L}\p{M}\p{N}\p{Cf}]+/u)
      .filter(Boolean)
      .flatMap((raw) => matchTokens(raw).map((k) => ({ key: stripClitics(k, index.guard), raw })));
  const refMentions = (text: string) => {
    const tokens = refTokens(text);
    const out: { slugs: (string | null)[]; tokens: typeof tokens; start: number }[] = [];
    for (let i = 0; i < tokens.length; i++) {
      for (const c of index.byFirst.get(tokens[i]!.key) ?? []) {
        if (c.tokens.every((t, j) => tokens[i + j]?.key === t)) {
          if (c.senses.length) out.push({ slugs: c.senses.map((s) => s.slug), tokens: tokens.slice(i, i + c.tokens.length), start: i });
          i += c.tokens.length - 1;
          break;
        }
      }
    }
    return out;
  };
  const texts: string[] = [];
  for (const f of fs.readdirSync(path.join(ROOT, 'dumps'))) {
    const text = fs.readFileSync(path.join(ROOT, 'dumps', f), 'utf8');
    texts.push(...text.split('\n'), text.normalize('NFD'));
  }
  const pool = [...'ابلومنسعىةأإآ', 'عمان', 'عَمّان', 'سوريا', 'بيروت', 'الجيش السوري الحر', 'مجلس الأمن', '\u064e', '\u0651', '\u0653', '\u0654', '\u0640', '\u200c', '\u200f', '\u00ad', '٣', 'ﷲ', 'ﷺ', 'é', '😀', '𝔸', '\ud800', ' ', ' ', '\n', '-', '#'];
  texts.push(...randomStrings(pool, 2000, 40, 5));
  for (const s of texts) {
    assert.deepEqual(topicTokens(index, s), refTokens(s), JSON.stringify(s).slice(0, 80));
    assert.deepEqual(findMentions(index, s).map((m) => ({ slugs: m.senses.map((x) => x.slug), tokens: m.tokens, start: m.start })), refMentions(s));
  }
});

test('a parsed taxonomy is cached as JSON by its text: the same index, a changed file read afresh, a damaged cache ignored', () => {
  const dir = tempDir();
  const file = path.join(dir, 'topics.yaml');
  const cache = path.join(dir, 'state', 'taxonomy.json');
  fs.copyFileSync(path.join(ROOT, 'content/_data/topics.yaml'), file);
  const body = 'قال وزير الخارجية الروسي سيرغي لافروف في موسكو إن الوضع في سوريا يتطلب حلا سياسيا.\nوأضاف لافروف أن روسيا تدعم الحوار السوري.';
  const of = (i: ReturnType<typeof loadTopics>) => assignTopics(i, { title: 'لافروف: الحل في سوريا سياسي', lead: body.split('\n')[0]!, body });
  const fresh = of(loadTopics(file, { cache }));
  assert.deepEqual(fresh, ['russia', 'russian-foreign-ministry', 'syria']);
  const written = JSON.parse(fs.readFileSync(cache, 'utf8')) as { key: string; list: { slug: string }[] };
  assert.equal(written.list.some((t) => t.slug === 'syria'), true);
  // Read from the cache: the YAML file is not what answers (a marker topic planted in the cache shows it).
  written.list.push({ slug: 'planted', name: 'لافروف', aliases: [] } as never);
  fs.writeFileSync(cache, JSON.stringify(written));
  assert.equal(loadTopics(file, { cache }).topics.has('planted'), true);
  assert.deepEqual(of(loadTopics(file, { cache })).filter((t) => t !== 'planted'), fresh);
  // The taxonomy edited: the cache's key no longer matches, the YAML is parsed and the cache replaced.
  fs.appendFileSync(file, '\n- slug: tallinn-test\n  name: تالين\n  kind: city\n');
  const edited = loadTopics(file, { cache });
  assert.equal(edited.topics.has('tallinn-test'), true);
  assert.equal(edited.topics.has('planted'), false);
  const tallinn = 'اجتمع وزراء الخارجية في تالين أمس.\nوقال مسؤول في تالين إن الاجتماع ناجح.';
  assert.equal(assignTopics(edited, { title: 'اجتماع في تالين', lead: tallinn.split('\n')[0]!, body: tallinn }).includes('tallinn-test'), true);
  // A damaged cache is parsed around and rewritten.
  fs.writeFileSync(cache, '{"key": "trunc');
  assert.equal(loadTopics(file, { cache }).topics.has('tallinn-test'), true);
  assert.equal((JSON.parse(fs.readFileSync(cache, 'utf8')) as { list: unknown[] }).list.length, edited.topics.size);
});
