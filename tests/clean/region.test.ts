// The article region over what cuts an article in parts: ad slots and promotions between paragraphs, a live
// blog's time stamps, a table under the lead, pull quotes, a press release's appendix; and what must stop it:
// tags, share calls, comments and related lists after the text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cleanRecord } from '../../src/ingest/clean-record.ts';

const MENU = ['الرئيسية', 'سياسة', 'اقتصاد', 'رياضة', 'ثقافة', 'منوعات', 'اتصل بنا'];
const P = [
  'أعلنت وزارة النقل، اليوم الأحد، عن خطة جديدة لتطوير شبكة الطرق الريفية في ثلاث محافظات، تشمل رصف أكثر من مئتي كيلومتر خلال العام المقبل بتكلفة تقديرية تتجاوز مليار جنيه.',
  'وقال وزير النقل، في مؤتمر صحفي عقده بمقر الوزارة، إن الخطة تأتي استجابة لشكاوى الأهالي من تردي حالة الطرق، وإن الأعمال ستبدأ مطلع الشهر المقبل بالتعاون مع المحافظين.',
  'وأوضح أن الأولوية ستكون للطرق التي تربط القرى بالمستشفيات والمدارس، مشيرا إلى أن الوزارة خصصت فرقا هندسية لمتابعة التنفيذ ميدانيا وضمان الالتزام بالمواصفات الفنية.',
  'وأضاف الوزير أن الوزارة ستنشر تقارير شهرية عن نسب التنفيذ في كل محافظة، وأن المواطنين يستطيعون الإبلاغ عن أي تأخير عبر الخط الساخن المخصص لذلك.',
];
const HEAD = 'وزارة النقل تعلن خطة لتطوير الطرق الريفية في ثلاث محافظات';

function clean(lines: string[]) {
  const r = cleanRecord({ text: `${lines.join('\n')}\n`, format: 'text', source: 'test.txt' });
  assert.equal(r.reject, undefined, r.reject);
  return { body: r.text.split('\n'), lines: r.lines };
}

test('an article cut by an ad slot, a newsletter box and an app promotion is kept whole, without them', () => {
  const { body } = clean([
    `${HEAD} - موقع الطريق`, ...MENU, HEAD, 'القاهرة - موقع الطريق',
    P[0]!, 'إعلان', 'Advertisement', 'مساحة إعلانية',
    P[1]!, 'اشترك في النشرة البريدية', 'البريد الإلكتروني', 'اشترك الآن',
    'أولوية للطرق المؤدية إلى المستشفيات', P[2]!, 'حمل التطبيق', 'Google Play',
    P[3]!, 'الكلمات المفتاحية', 'الطرق', 'شارك الخبر', 'فيسبوك', 'جميع الحقوق محفوظة',
  ]);
  assert.deepEqual(body, [P[0], P[1], 'أولوية للطرق المؤدية إلى المستشفيات', P[2], P[3]]);
});

test('reader comments after tags and a comments label are not pulled into the article', () => {
  const comment = 'والله خطة ممتازة لكن نريد أن نرى التنفيذ على أرض الواقع وليس مجرد وعود كما حدث في السنوات الماضية مع مشاريع كثيرة.';
  const { body } = clean([`${HEAD} - موقع الطريق`, ...MENU, HEAD, P[0]!, P[1]!, P[2]!, 'التعليقات', 'أحمد محمود', comment, 'جميع الحقوق محفوظة']);
  assert.deepEqual(body, [P[0], P[1], P[2]]);
});

test('a live blog: every update between bare time stamps is kept, the stamps go', () => {
  const { body, lines } = clean([`${HEAD} - موقع الطريق`, ...MENU, HEAD, P[0]!, '21:40', P[1]!, '21:05', P[2]!, '20:30', P[3]!, 'ذات صلة', 'خبر آخر عن الطرق']);
  assert.deepEqual(body, P);
  assert.ok(lines.filter((l) => /^\d\d:\d\d$/.test(l.text)).every((l) => l.rule), 'time stamps dropped');
});

test('paragraphs above a price table under the headline stay in the article', () => {
  const table = ['جدول الأسعار', 'الصنف', 'السعر', 'بنزين 92', '13.75', 'بنزين 95', '15', 'سولار', '13.5'];
  const { body } = clean([`${HEAD} - موقع الطريق`, ...MENU, HEAD, P[0]!, P[1]!, ...table, P[2]!, P[3]!, 'شارك', 'جميع الحقوق محفوظة']);
  assert.deepEqual(body, P);
});

test('a pull quote printed twice goes; the paragraph that holds the words stays', () => {
  const quote = '"الطرق الريفية ليست رفاهية بل شريان حياة للقرى"';
  const withQuote = `وقال المهندس المسؤول عن المشروع: ${quote}، مضيفا أن العمل سيستمر حتى في أشهر الصيف الحارة لتعويض التأخير.`;
  const { body, lines } = clean([`${HEAD} - موقع الطريق`, ...MENU, HEAD, P[0]!, quote, P[1]!, withQuote, P[2]!, quote, P[3]!, 'شارك']);
  assert.deepEqual(body, [P[0], P[1], withQuote, P[2], P[3]]);
  assert.ok(lines.filter((l) => l.text === quote).every((l) => l.rule === 'pull-quote' || l.rule === 'repeat'));
});

test('a press release ends before its "about the company" appendix', () => {
  const about = 'تأسست الشركة عام 2010 وتعمل في مجال تصنيع مواد البناء، ولديها ثلاثة مصانع في مدن مختلفة وتصدر منتجاتها إلى عشر دول.';
  const { body } = clean([`${HEAD} - موقع الطريق`, ...MENU, HEAD, P[0]!, P[1]!, P[2]!, 'نبذة عن شركة الطرق الحديثة', about, 'للتواصل الإعلامي: info@example.com']);
  assert.deepEqual(body, [P[0], P[1], P[2]]);
});
