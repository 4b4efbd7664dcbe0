// Phrases that Arabic news pages of every kind use for their interface, not for news: sharing and follow
// calls, comment forms, navigation, related lists, legal footers, ad-block notices, page clocks.
// Written as match keys (see matchKey); none of them names a site. Kept apart from the rules so an editor
// can read the list, and so that a site profile can add its own.
import { matchKey } from '../arabic/normalize.ts';

const k = (list: string[]) => list.map((s) => matchKey(s));

/** A short line that is, or starts with, one of these is interface text. */
export const INTERFACE_LINES = k([
  'الرئيسية', 'الرئيسيه', 'اقرأ أيضا', 'اقرأ أيضاً', 'إقرأ أيضا', 'اقرأ المزيد', 'اقرأ أكثر', 'المزيد', 'اظهر المزيد', 'أظهر المزيد', 'عرض المزيد',
  'مقالات ذات صلة', 'أخبار ذات صلة', 'مواضيع ذات صلة', 'ذات صلة', 'موضوعات ذات صلة', 'الأكثر قراءة', 'الأكثر مشاهدة', 'الأكثر تداولا',
  'الأكثر تداولاً', 'الأكثر شعبية', 'آخر الأخبار', 'أخر الأخبار', 'أحدث الأخبار', 'آخر الأخبار العاجلة', 'عاجل', 'مباشر', 'بث مباشر', 'فيديو', 'فيديوهات', 'صور',
  'التعليقات', 'تعليقات', 'أضف تعليق', 'أضف تعليقك', 'اترك تعليقا', 'اترك تعليقاً', 'الإسم', 'الاسم', 'البريد الإلكتروني', 'البريد الألكتروني',
  'عنوان التعليق', 'تعليق', 'إلزامي', 'إرسال', 'ارسال', 'شروط الاستخدام', 'شروط النشر', 'أوافق على', 'اُوافق على', 'سياسة الخصوصية', 'اتصل بنا',
  'من نحن', 'أعلن معنا', 'اعلن معنا', 'خريطة الموقع', 'الأرشيف', 'أرشيف', 'جميع الحقوق محفوظة', 'كل الحقوق محفوظة', 'حقوق النشر', 'شارك', 'شارك الخبر',
  'مشاركة', 'شارك على', 'انشر على', 'تابعونا', 'تابعوا', 'تابعنا', 'تابعونا على', 'اشترك', 'اشترك الآن', 'اشتركوا', 'النشرة البريدية', 'النشرة الإخبارية',
  'القائمة البريدية', 'حمل التطبيق', 'حمّل تطبيق', 'زر الذهاب إلى الأعلى', 'العودة للأعلى', 'إلى الأعلى', 'إعلان', 'اعلان', 'الإعلانات',
  'مواقيت الصلاة', 'حالة الطقس', 'الطقس', 'أسعار العملات', 'حظك اليوم', 'طباعة', 'نسخ الرابط', 'تم نسخ الرابط', 'أقسام', 'الأقسام', 'بحث', 'ابحث',
  'آخر تحديث', 'اخر تحديث', 'تحديث', 'منذ', 'كلمات مفتاحية', 'الكلمات المفتاحية', 'وسوم', 'الوسوم', 'الكلمات الدلالية', 'اضغط هنا', 'للمزيد', 'تسجيل الدخول',
  'مساحة إعلانية', 'مساحة اعلانية', 'advertisement', 'ads', 'sponsored', 'محتوى مدعوم', 'محتوى ممول', 'إعلان ممول',
  'إنشاء حساب', 'القائمة', 'المصدر', 'أنت تستخدم', 'ملفات تعريف الارتباط', 'قبول', 'رفض', 'التالي', 'السابق', 'الخبر التالي', 'الخبر السابق',
]);

/** Phrases that mark a line as interface text wherever they stand in a line of modest length. */
export const INTERFACE_PHRASES = k([
  'جميع الحقوق محفوظة', 'كل الحقوق محفوظة', 'الحقوق محفوظة', 'حقوق النشر محفوظة', 'سياسة الخصوصية', 'شروط الاستخدام', 'شروط النشر', 'عبر الرابط',
  'على الرابط', 'اضغط هنا', 'انقر هنا', 'النشرة البريدية', 'بريدك الإلكتروني',
  'ملفات تعريف الارتباط', 'adblock', 'ad blocker', 'مانع الإعلانات', 'حاجب الإعلانات', 'يرجى تعطيل', 'تعطيل إضافة', 'زر الذهاب', 'الذهاب إلى الأعلى',
  'characters left', 'security code', 'all rights reserved', 'copyright', 'powered by', 'maintained and developed', 'cookie', 'subscribe', 'newsletter',
  'تابعوا صفحتنا', 'تابعونا على', 'تابعونا عبر', 'تابعوا آخر الأخبار', 'حسابنا على', 'قناتنا على',
  'سجل الدخول', 'لإضافة تعليق', 'التعليقات المنشورة', 'لا تعبر عن رأي', 'تعبر عن رأي كاتبها', 'مواقيت الصلاة', 'الفجر الشروق الظهر',
]);

/**
 * Phrases that mark interface text only in a short line: news prose mentions messaging apps and social
 * networks ("مقاطع متداولة على مواقع التواصل"), a share or follow call is a short line naming them.
 */
export const SHORT_INTERFACE_PHRASES = k([
  'تطبيق تيلغرام', 'تطبيق تلغرام', 'تطبيق واتس', 'واتساب', 'تيليجرام', 'تليجرام', 'للتواصل الاجتماعي', 'مواقع التواصل', 'اشترك في', 'اشترك الآن',
  'تشغيل الفيديو', 'شاهد الفيديو', 'مدة الفيديو',
]);

/**
 * Labels of a link to another article placed inside the text ("اقرأ أيضا: …", or the label alone on a line
 * with the linked headline on the next). Such a line is never the article's, however long the headline.
 */
export const RELATED_LABELS = k([
  'اقرأ أيضا', 'اقرأ أيضاً', 'إقرأ أيضا', 'إقرأ أيضاً', 'اقرأ كذلك', 'اقرأ المزيد', 'طالع أيضا', 'طالع أيضاً', 'شاهد أيضا', 'شاهد أيضاً',
  'يهمك أيضا', 'قد يهمك', 'قد يهمك أيضا', 'ذات صلة', 'مواضيع ذات صلة', 'أخبار ذات صلة', 'مقالات ذات صلة', 'موضوعات ذات صلة', 'اقرأ ايضا',
]);

/**
 * Lines that close an article: what a page prints after the text (tags, share calls, comments, the lists of
 * other articles, the footer), never between two parts of it. Ads, newsletter boxes and app promotions are
 * not here: pages put those inside the text too.
 */
export const ARTICLE_END_LINES = k([
  'الكلمات المفتاحية', 'كلمات مفتاحية', 'الكلمات الدلالية', 'الوسوم', 'وسوم', 'العلامات', 'tags', 'شارك', 'شارك الخبر', 'شارك المقال', 'شارك هذا', 'مشاركة',
  'انشر على', 'التعليقات', 'تعليقات', 'أضف تعليق', 'أضف تعليقك', 'اترك تعليقا', 'اترك تعليقاً', 'تعليقات القراء', 'الأكثر قراءة', 'الأكثر مشاهدة',
  'الأكثر تداولا', 'الأكثر تداولاً', 'الأكثر شعبية', 'أخبار متعلقة', 'أخبار ذات صلة', 'مقالات ذات صلة', 'مواضيع ذات صلة', 'موضوعات ذات صلة', 'ذات صلة',
  'مقالات متعلقة', 'المزيد من الأخبار', 'آخر الأخبار', 'أخر الأخبار', 'أحدث الأخبار', 'تابعونا', 'تابعونا على', 'جميع الحقوق محفوظة',
  'تحميل المزيد', 'عرض المزيد', 'المزيد',
]);

/**
 * Headings that open what a press release appends to its text: the issuer's standard "about" paragraph and
 * the media contacts. The article ends before them.
 */
export const APPENDIX_HEADINGS = k([
  'نبذة عن', 'لمحة عن', 'عن الشركة', 'حول الشركة', 'عن المجموعة', 'حول المجموعة', 'about', 'للتواصل الإعلامي', 'للاستفسارات الإعلامية',
  'جهات الاتصال الإعلامي', 'media contact', 'media contacts',
]);

/** Markers of a page clock or crawl stamp: the time the page was shown, not when the article was written. */
export const CLOCK_MARKERS = k(['بتوقيت', 'توقيت', 'gmt', 'غرينتش', 'غرينيتش', 'آخر تحديث', 'اخر تحديث', 'تحديث']);

/** Words that name a news medium; a short signature line holding one names the outlet. */
export const MEDIA_WORDS = k([
  'نيوز', 'news', 'تلغراف', 'تلغراف', 'تايمز', 'بوست', 'برس', 'press', 'اليوم', 'الخبر', 'الأخبار', 'أخبار', 'جريدة', 'صحيفة', 'موقع', 'وكالة',
  'وكالة أنباء', 'قناة', 'تلفزيون', 'إذاعة', 'راديو', 'الشرق', 'الغد', 'الحياة', 'الوطن', 'الرأي', 'الدستور', 'الجريدة', 'المصري', 'العربي',
  'بوابة', 'نت', 'أونلاين', 'اونلاين', 'online', 'tv', 'times', 'post', '24', 'ميديا', 'media', 'إنفو', 'انفو', 'info', 'الإخبارية', 'الاخباريه', 'الإخباري',
]);

/** Agencies that file wire copy; named in a dateline they credit the copy, not the outlet that ran it. */
export const WIRE_AGENCIES = k([
  'أ ف ب', 'ا ف ب', 'أ.ف.ب', 'فرانس برس', 'رويترز', 'أ ب', 'أسوشيتد برس', 'د ب أ', 'الأناضول', 'وكالات', 'وكالة الأنباء', 'شينخوا', 'سبوتنيك', 'afp', 'reuters', 'ap',
]);
