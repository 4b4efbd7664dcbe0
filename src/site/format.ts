// Text for pages: escaping (dump text is data, never markup), bidi isolation of Latin fragments, numerals
// and Arabic dates as readers expect them.
import { DateTime } from 'luxon';
import { monthName, WEEKDAY_DISPLAY, type MonthStyle } from '../arabic/calendar.ts';
import { memoize } from '../util/memo.ts';

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML content and attribute values. */
export function esc(text: unknown): string {
  return String(text ?? '').replace(/[&<>"']/g, (c) => ESC[c]!);
}

const LATIN_RUN = /[A-Za-z\u00c0-\u024f][A-Za-z\u00c0-\u024f0-9.,&'’+\-_/:@ ]*[A-Za-z\u00c0-\u024f0-9+]|[A-Za-z]/g;

/** Escapes text and isolates Latin runs («COP29», «BBC News») in <bdi> so they do not scramble RTL lines. */
export function bidi(text: unknown): string {
  const s = String(text ?? '');
  let out = '';
  let last = 0;
  for (const m of s.matchAll(LATIN_RUN)) {
    out += esc(s.slice(last, m.index)) + `<bdi dir="ltr">${esc(m[0])}</bdi>`;
    last = m.index! + m[0].length;
  }
  return out + esc(s.slice(last));
}

/** Writes ASCII digits as Arabic-Indic ones when the site is set to them. */
export function digits(text: string | number, style: 'latn' | 'arab'): string {
  const s = String(text);
  return style === 'arab' ? s.replace(/[0-9]/g, (d) => String.fromCharCode(0x0660 + Number(d))) : s;
}

/** "الجمعة 25 آذار/مارس 2016" for an ISO date. */
export function arabicDate(iso: string, style: MonthStyle, digitStyle: 'latn' | 'arab'): string {
  return arabicDates(`${iso}\0${style}\0${digitStyle}`);
}

// Memoised: list pages print the same few thousand dates tens of thousands of times.
const arabicDates = memoize((key) => {
  const [iso, style, digitStyle] = key.split('\0') as [string, MonthStyle, 'latn' | 'arab'];
  // The proleptic Gregorian calendar of Date (what luxon's ISO calendar is too), without luxon's start-up cost.
  const d = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(`${iso}T00:00:00Z`) : null;
  if (!d || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso) return '';
  return `${WEEKDAY_DISPLAY[d.getUTCDay()]} ${digits(d.getUTCDate(), digitStyle)} ${monthName(d.getUTCMonth() + 1, style)} ${digits(d.getUTCFullYear(), digitStyle)}`;
}, 100_000);

/** "16 جمادى الآخرة 1437 هـ" (Umm al-Qura) for an ISO date, formatted by luxon's output calendar. */
export function hijriDate(iso: string, digitStyle: 'latn' | 'arab'): string {
  return hijriDates(`${iso}\0${digitStyle}`);
}

const hijriDates = memoize((key) => {
  const [iso, digitStyle] = key.split('\0') as [string, 'latn' | 'arab'];
  const d = DateTime.fromISO(iso, { zone: 'utc' });
  return d.isValid ? `${d.reconfigure({ outputCalendar: 'islamic-umalqura', locale: 'ar', numberingSystem: digitStyle }).toFormat('d MMMM yyyy')} هـ` : '';
}, 100_000);

/** "آذار/مارس 2016" for a year and month. */
export function arabicMonth(year: number, month: number, style: MonthStyle, digitStyle: 'latn' | 'arab'): string {
  return `${monthName(month, style)} ${digits(year, digitStyle)}`;
}
