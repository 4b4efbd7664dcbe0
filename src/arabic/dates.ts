// Finds date mentions in one line of Arabic news text: every regional month family, paired month names,
// weekdays, three digit families, numeric D/M/Y and Y-M-D, ISO stamps and Hijri dates.
// Matching runs on a folded copy of the line with a map back to the original, so evidence is quoted as written.
// Month names are only accepted inside a day–month(–year) pattern: «آب» folds to «اب» (father) and «مارس» is
// also a verb (shared/notes/arabic.md §3.1).
import { alternation, GREGORIAN_MONTHS, HIJRI_MONTHS, WEEKDAY_NAMES } from './calendar.ts';
import { hijriToGregorianSafe } from './hijri.ts';
import { matchKey } from './normalize.ts';

export interface DateMention {
  /** Gregorian year, or null when the text gives no year. */
  year: number | null;
  month: number;
  day: number;
  /** 0 = Sunday, when the text names the weekday. */
  weekday: number | null;
  /** The calendar the text was written in (Hijri mentions are converted to Gregorian). */
  calendar: 'gregorian' | 'hijri';
  /** The original text of the mention. */
  text: string;
  start: number;
  end: number;
}

/** matchKey of each UTF-16 unit, filled as met (a space, tab or no-break space folds to one space). */
const CHAR_FOLD: (string | undefined)[] = new Array(0x10000);
function foldChar(code: number): string {
  let out = CHAR_FOLD[code];
  if (out === undefined) CHAR_FOLD[code] = out = code === 0x20 || code === 0x09 || code === 0xa0 ? ' ' : matchKey(String.fromCharCode(code));
  return out;
}

/** Folds a line like matchKey, one character at a time, keeping each folded char's original index. */
function foldWithMap(line: string): { folded: string; map: number[] } {
  let folded = '';
  const map: number[] = [];
  for (let i = 0; i < line.length; i++) {
    const out = foldChar(line.charCodeAt(i));
    if (out.length === 1) {
      folded += out;
      map.push(i);
    } else {
      for (const c of out) {
        folded += c;
        map.push(i);
      }
    }
  }
  map.push(line.length);
  return { folded, map };
}

const W = alternation(WEEKDAY_NAMES);
const M = alternation(GREGORIAN_MONTHS);
const H = alternation(HIJRI_MONTHS);
const NOT_LETTER = '(?![\\p{L}])';
const SEP = '\\s*[،,]?\\s*';
const WEEKDAY = `(?:(?:يوم\\s+)?(?<wd>${W})${NOT_LETTER}${SEP}(?:الموافق\\s+)?)?`;
const YEAR_WORD = '(?:(?:من\\s+)?(?:عام|العام|سنه)\\s+)?';

const PATTERNS: { re: RegExp; calendar: 'gregorian' | 'hijri'; order: 'dmy' | 'ymd' | 'text' | 'year-first' }[] = [
  // الجمعة 25 مارس/آذار 2016 · 01 كانون الثاني / يناير · 25 آذار (مارس) 2016 · 3 يوليوز 2022
  {
    re: new RegExp(
      `${WEEKDAY}(?<!\\d)(?<d>\\d{1,2})\\s*(?:من\\s+)?(?:شهر\\s+)?(?<m>${M})${NOT_LETTER}(?:\\s*(?:[/\\-–]|\\()\\s*(?<m2>${M})${NOT_LETTER}\\s*\\)?)?${SEP}${YEAR_WORD}(?:(?<y>\\d{4})(?!\\d))?`,
      'gu',
    ),
    calendar: 'gregorian',
    order: 'text',
  },
  // GMT 18:06 2021 الجمعة ,01 كانون الثاني / يناير (year before the weekday, as some CMSs print)
  {
    re: new RegExp(
      `(?<!\\d)(?<y>\\d{4})\\s+(?<wd>${W})${NOT_LETTER}${SEP}(?<d>\\d{1,2})\\s*(?<m>${M})${NOT_LETTER}(?:\\s*[/\\-]\\s*(?<m2>${M})${NOT_LETTER})?`,
      'gu',
    ),
    calendar: 'gregorian',
    order: 'year-first',
  },
  // 15 رجب 1442هـ
  {
    re: new RegExp(`${WEEKDAY}(?<!\\d)(?<d>\\d{1,2})\\s*(?<m>${H})${NOT_LETTER}${SEP}(?:(?<y>\\d{4})(?!\\d))?`, 'gu'),
    calendar: 'hijri',
    order: 'text',
  },
  // 2016-03-25, 2016/3/25, 1427/4/9 هـ, 2016-03-25T10:00:00
  {
    re: new RegExp(`${WEEKDAY}(?<![\\d/.\\-])(?<y>\\d{4})(?<s>[/\\-.])(?<m>\\d{1,2})\\k<s>(?<d>\\d{1,2})(?![\\d/])`, 'gu'),
    calendar: 'gregorian',
    order: 'ymd',
  },
  // 25/03/2016, 25-3-2016, 8/5/2006 م, 9/4/1427 هـ
  {
    re: new RegExp(`${WEEKDAY}(?<![\\d/.\\-])(?<d>\\d{1,2})(?<s>[/\\-.])(?<m>\\d{1,2})\\k<s>(?<y>\\d{4})(?![\\d/])`, 'gu'),
    calendar: 'gregorian',
    order: 'dmy',
  },
];

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** True when year-month-day is a real Gregorian date. */
export function isValidDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Weekday (0 = Sunday) of a Gregorian date. */
export function weekdayOf(year: number, month: number, day: number): number {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

const HIJRI_ERA = /^\s*(?:ه(?![\p{L}])|هجري|هجريه|للهجره)/u;

/** All date mentions in a line, in order, overlapping matches resolved in favour of the earlier/longer one. */
/** Every date pattern has a day number: a line without a digit (in any digit script) has no date. */
const ANY_DIGIT = /[\p{Nd}\p{No}]/u;

export function findDates(line: string): DateMention[] {
  if (!ANY_DIGIT.test(line)) return [];
  const { folded, map } = foldWithMap(line);
  const found: DateMention[] = [];
  for (const { re, calendar, order } of PATTERNS) {
    re.lastIndex = 0;
    for (const m of folded.matchAll(re)) {
      const g = m.groups ?? {};
      const start = m.index!;
      const end = start + m[0].length;
      let year = g.y ? Number(g.y) : null;
      const month = order === 'text' || order === 'year-first' ? (calendar === 'hijri' ? HIJRI_MONTHS : GREGORIAN_MONTHS).get(g.m!)! : Number(g.m);
      const day = Number(g.d);
      const weekday = g.wd ? WEEKDAY_NAMES.get(g.wd)! : null;
      // A paired name («مارس/آذار») must name the same month twice; otherwise it is two different things.
      if (g.m2 && GREGORIAN_MONTHS.get(g.m2) !== month) continue;
      let cal = calendar;
      const after = folded.slice(end);
      if ((order === 'ymd' || order === 'dmy') && year !== null && (HIJRI_ERA.test(after) || (year >= 1300 && year < 1600))) cal = 'hijri';
      let y = year;
      let mo = month;
      let d = day;
      if (cal === 'hijri') {
        if (year === null) continue; // a Hijri day without its year cannot be placed
        const g2 = hijriToGregorianSafe({ year, month, day });
        if (!g2) continue;
        y = g2.year;
        mo = g2.month;
        d = g2.day;
        year = g2.year;
      } else if (y !== null && !isValidDate(y, mo, d)) continue;
      else if (y === null && !isValidDate(2000, mo, d)) continue; // 2000 is a leap year: 29 February is possible
      if (y !== null && (y < 1900 || y > 2100)) continue;
      const oStart = map[start]!;
      const oEnd = map[end - 1]! + 1;
      found.push({ year: y === null ? null : y, month: mo, day: d, weekday, calendar: cal, text: line.slice(oStart, oEnd).trim(), start: oStart, end: oEnd });
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: DateMention[] = [];
  for (const f of found) {
    const last = out[out.length - 1];
    if (last && f.start < last.end) continue;
    out.push(f);
  }
  return out;
}

/** Four-digit Gregorian years (1900–2100) written in a text, e.g. «في العام 2015». */
export function yearsMentioned(text: string): number[] {
  const years: number[] = [];
  for (const m of matchKey(text).matchAll(/(?<!\d)(19\d\d|20\d\d)(?!\d)/g)) years.push(Number(m[1]));
  return years;
}
