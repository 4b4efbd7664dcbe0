// Month and weekday names as Arabic news pages print them, keyed by their match-key form.
// Families from CLDR (Intl month names for ar, ar-SY, ar-MA, ar-DZ, ar-MR) plus the spellings listed in
// shared/notes/arabic.md §3.1–3.2. Display names for the site come from here too.
import { matchKey } from './normalize.ts';

const GREGORIAN: Record<number, string[]> = {
  1: ['يناير', 'كانون الثاني', 'كانون ثاني', 'جانفي', 'جانفييه', 'ينار'],
  2: ['فبراير', 'شباط', 'فيفري', 'فيفريه', 'فبرير'],
  3: ['مارس', 'آذار', 'أذار'],
  4: ['أبريل', 'إبريل', 'ابريل', 'نيسان', 'أفريل', 'افريل'],
  5: ['مايو', 'أيار', 'ماي', 'ايار'],
  6: ['يونيو', 'يونيه', 'يونية', 'حزيران', 'جوان'],
  7: ['يوليو', 'يوليه', 'يولية', 'تموز', 'يوليوز', 'جويلية', 'جويليه'],
  8: ['أغسطس', 'آب', 'غشت', 'أوت', 'اوت', 'أغشت', 'اغسطس'],
  9: ['سبتمبر', 'أيلول', 'شتنبر', 'شتمبر', 'ايلول'],
  10: ['أكتوبر', 'تشرين الأول', 'تشرين أول', 'تشرین الأول', 'اكتوبر'],
  11: ['نوفمبر', 'تشرين الثاني', 'تشرين ثاني', 'نونبر', 'تشرین الثاني'],
  12: ['ديسمبر', 'كانون الأول', 'كانون أول', 'دجنبر', 'دجمبر'],
};

const HIJRI: Record<number, string[]> = {
  1: ['محرم', 'المحرم', 'محرّم'],
  2: ['صفر'],
  3: ['ربيع الأول', 'ربيع أول', 'ربيع الاول'],
  4: ['ربيع الآخر', 'ربيع الثاني', 'ربيع ثاني', 'ربيع الاخر'],
  5: ['جمادى الأولى', 'جمادى الأول', 'جمادى الاولى', 'جمادي الأولى'],
  6: ['جمادى الآخرة', 'جمادى الثانية', 'جمادى الثاني', 'جمادى الاخرة', 'جمادي الآخرة'],
  7: ['رجب'],
  8: ['شعبان'],
  9: ['رمضان'],
  10: ['شوال'],
  11: ['ذو القعدة', 'ذي القعدة', 'ذو القعده', 'ذي القعده'],
  12: ['ذو الحجة', 'ذي الحجة', 'ذو الحجه', 'ذي الحجه'],
};

/** Weekday names, 0 = Sunday (الأحد), as in Date.getUTCDay(). */
const WEEKDAYS: Record<number, string[]> = {
  0: ['الأحد', 'الاحد', 'أحد'],
  1: ['الاثنين', 'الإثنين', 'الأثنين', 'اثنين'],
  2: ['الثلاثاء', 'الثلاثا'],
  3: ['الأربعاء', 'الاربعاء', 'الأربعا'],
  4: ['الخميس'],
  5: ['الجمعة', 'الجمعه'],
  6: ['السبت'],
};

function keyed(table: Record<number, string[]>): Map<string, number> {
  const map = new Map<string, number>();
  for (const [n, names] of Object.entries(table)) for (const name of names) map.set(matchKey(name), Number(n));
  return map;
}

/** Gregorian month names (match keys) → month 1–12. */
export const GREGORIAN_MONTHS = keyed(GREGORIAN);
/** Hijri month names (match keys) → month 1–12. */
export const HIJRI_MONTHS = keyed(HIJRI);
/** Weekday names (match keys) → 0–6, Sunday first. */
export const WEEKDAY_NAMES = keyed(WEEKDAYS);

/** A regex alternation of the keys of a map, longest first so that multi-word names win. */
export function alternation(map: Map<string, number>): string {
  return [...map.keys()].sort((a, b) => b.length - a.length).map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
}

/** Month-name styles readers of each region expect, for display. */
export type MonthStyle = 'levant' | 'egypt' | 'maghreb' | 'paired';
const DISPLAY: Record<Exclude<MonthStyle, 'paired'>, string[]> = {
  egypt: ['يناير', 'فبراير', 'مارس', 'أبريل', 'مايو', 'يونيو', 'يوليو', 'أغسطس', 'سبتمبر', 'أكتوبر', 'نوفمبر', 'ديسمبر'],
  levant: ['كانون الثاني', 'شباط', 'آذار', 'نيسان', 'أيار', 'حزيران', 'تموز', 'آب', 'أيلول', 'تشرين الأول', 'تشرين الثاني', 'كانون الأول'],
  maghreb: ['يناير', 'فبراير', 'مارس', 'أبريل', 'ماي', 'يونيو', 'يوليوز', 'غشت', 'شتنبر', 'أكتوبر', 'نونبر', 'دجنبر'],
};
export const HIJRI_DISPLAY = ['محرم', 'صفر', 'ربيع الأول', 'ربيع الآخر', 'جمادى الأولى', 'جمادى الآخرة', 'رجب', 'شعبان', 'رمضان', 'شوال', 'ذو القعدة', 'ذو الحجة'];
export const WEEKDAY_DISPLAY = ['الأحد', 'الاثنين', 'الثلاثاء', 'الأربعاء', 'الخميس', 'الجمعة', 'السبت'];

/** The month's display name (1–12) in a regional style; 'paired' gives "آذار/مارس" as pan-Arab outlets write. */
export function monthName(month: number, style: MonthStyle): string {
  if (style === 'paired') return `${DISPLAY.levant[month - 1]}/${DISPLAY.egypt[month - 1]}`;
  return DISPLAY[style][month - 1]!;
}
