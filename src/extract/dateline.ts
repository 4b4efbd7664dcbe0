// Datelines: "بيروت - اسم الموقع", "عمّان-بترا", "القاهرة - أ ف ب", "دمشق، سوريا (CNN) --",
// "كتب محمد علي - القاهرة". The place goes to `place`; the named medium to `outlet`, or to `credit` when it
// is a wire agency.
import type { Root } from 'hast';
import type { VFile } from 'vfile';
import { matchKey } from '../arabic/normalize.ts';
import { WIRE_AGENCIES } from '../clean/cues.ts';
import { blocksOf, drop, info } from '../parse/blocks.ts';
import { note, stateOf } from '../clean/state.ts';

export interface Dateline { place: string; party?: string; text: string }

const WORD = '[\\p{L}\\p{M}]+';
const PLACE = `${WORD}(?:\\s+${WORD}){0,2}`;
const PARTY = `[\\p{L}\\p{M}\\p{N}.()]+(?:\\s+[\\p{L}\\p{M}\\p{N}.()]+){0,3}`;
const LINE = new RegExp(`^(?<place>${PLACE})(?:\\s*[،,]\\s*${WORD}(?:\\s+${WORD})?)?\\s*(?:\\((?<paren>[^)]{1,20})\\))?\\s*(?:[-–—]{1,2}|:)\\s*(?<party>${PARTY})?\\s*(?:[-–—]{1,2})?$`, 'u');
const BYLINE = new RegExp(`^(?:كتب|كتبت|بقلم|إعداد)\\s*[:：]?\\s*(?<author>${WORD}(?:\\s+${WORD}){0,3})\\s*[-–—]\\s*(?<place>${PLACE})$`, 'u');
// A press-release dateline carries the date after a comma: "مسقط، 14 مايو 2025 - أعلنت …".
const LEAD_DATE = '(?:\\s*[،,]\\s*[\\p{L}\\s]{0,12}\\p{N}[\\p{L}\\p{N}\\s/.]{0,20}?)?';
const LEAD = new RegExp(`^(?<place>${WORD}(?:\\s+${WORD})?)${LEAD_DATE}\\s*(?:\\((?<paren>[^)]{1,20})\\))?\\s*[\\-–—]{1,2}\\s*(?:(?<party>[^\\s\\-–—]{1,15}(?:\\s[^\\s\\-–—]{1,15}){0,2})\\s*[\\-–—]{1,2})?\\s+`, 'u');

// Words that start a sentence or a label, never a place name.
const NOT_PLACE = new Set(['قال', 'قالت', 'أكد', 'اكد', 'المصدر', 'مصدر', 'صورة', 'تصوير', 'فيديو', 'كتب', 'كتبت', 'بقلم', 'آخر', 'اخر', 'تحديث', 'عاجل', 'شارك', 'تابعونا', 'الرئيسية', 'نشر', 'نشرت', 'تاريخ', 'بتاريخ', 'تم', 'حدث', 'محدث', 'اعداد', 'إعداد', 'تحرير'].map(matchKey));

/** A dateline's place in an Arabic article is written in Arabic letters ("id: 0000" is a field, not a place). */
const ARABIC = /[\u0621-\u064a]/u;

/** Parses a standalone dateline line, or returns null. */
export function parseDateline(text: string): Dateline | null {
  const t = text.trim();
  if (t.length > 70) return null;
  const by = BYLINE.exec(t);
  if (by) return { place: by.groups!.place!, text: t };
  const m = LINE.exec(t);
  if (!m) return null;
  const place = m.groups!.place!.trim();
  if (NOT_PLACE.has(matchKey(place.split(/\s+/)[0]!)) || !ARABIC.test(place)) return null;
  const party = (m.groups!.paren ?? m.groups!.party ?? '').trim() || undefined;
  if (!party && !/[-–—]\s*$/.test(t)) return null;
  if (party && party.split(/\s+/).length > 4) return null;
  return { place, party, text: t };
}

/** True when a line looks like a standalone dateline. */
export function looksLikeDateline(text: string): boolean {
  return parseDateline(text) !== null;
}

/** A dateline at the start of a paragraph ("القاهرة - أ ف ب - قال …"), or null. */
export function parseLeadDateline(text: string): Dateline | null {
  const m = LEAD.exec(text);
  if (!m) return null;
  const place = m.groups!.place!.trim();
  if (NOT_PLACE.has(matchKey(place.split(/\s+/)[0]!)) || !ARABIC.test(place)) return null;
  const party = (m.groups!.paren ?? m.groups!.party ?? '').trim() || undefined;
  return { place, party, text: m[0].trim() };
}

/** True when a party named in a dateline is a wire agency rather than the outlet. */
export function isWireAgency(party: string): boolean {
  const k = matchKey(party).replace(/[()]/g, '').trim();
  return WIRE_AGENCIES.includes(k);
}

/** unified plugin: finds the dateline just before the article or at the start of its first paragraph. */
export default function arshifDateline() {
  return (tree: Root, file: VFile) => {
    const state = stateOf(file);
    const blocks = blocksOf(tree);
    const region = state.region;
    if (!region) return;
    let found: { d: Dateline; line: number; standalone: boolean; index: number } | null = null;
    // Standalone dateline lines: nearest first, among the four blocks before the region and its first two.
    // A bare "Name -" line (a site-name strip) counts only when no full dateline is there.
    const order: number[] = [];
    for (let i = region.start - 1; i >= Math.max(0, region.start - 4); i--) order.push(i);
    for (let i = region.start; i <= Math.min(region.end, region.start + 1); i++) order.push(i);
    for (const full of [true, false]) {
      for (const i of order) {
        const b = info(blocks[i]!);
        if (b.role === 'title' || (b.drop && b.drop.rule !== 'outside-article')) continue;
        const d = parseDateline(b.text);
        if (d && (!full || d.party)) {
          found = { d, line: b.line, standalone: true, index: i };
          break;
        }
      }
      if (found) break;
    }
    if (!found) {
      const first = blocks.slice(region.start, region.end + 1).find((el) => !info(el).drop);
      if (first) {
        const d = parseLeadDateline(info(first).text);
        if (d) found = { d, line: info(first).line, standalone: false, index: -1 };
      }
    }
    if (!found) return;
    const { d } = found;
    state.place = { value: d.place, evidence: d.text, from: 'dateline' };
    if (d.party) {
      if (isWireAgency(d.party)) state.credit ??= { value: d.party, evidence: d.text, from: 'dateline' };
      if (!state.outlet || state.outlet.from !== 'title-affix') state.outlet = { value: d.party, evidence: d.text, from: 'dateline' };
    }
    note(file, 'dateline', `dateline: ${d.text}`, found.line);
    if (found.standalone) {
      const el = blocks[found.index]!;
      info(el).role = 'dateline';
      info(el).drop = undefined;
      drop(el, 'dateline', 'the dateline (kept as place/outlet)');
    }
  };
}
