// Hijri ⇄ Gregorian through @tabby_ai/hijri-converter (Umm al-Qura tables, AH 1343–1500). Intl can format
// the islamic-umalqura calendar but cannot parse it, and luxon only formats it (shared/notes/arabic.md §4).
import { gregorianToHijri, hijriToGregorian } from '@tabby_ai/hijri-converter';

export interface Ymd { year: number; month: number; day: number }

/** Gregorian date of a Hijri date, or null when it is invalid or outside the supported range. */
export function hijriToGregorianSafe(date: Ymd): Ymd | null {
  try {
    return hijriToGregorian(date);
  } catch {
    return null;
  }
}

/** Hijri (Umm al-Qura) date of a Gregorian date, or null outside the supported range. */
export function gregorianToHijriSafe(date: Ymd): Ymd | null {
  try {
    return gregorianToHijri(date);
  } catch {
    return null;
  }
}
