// Which date is the article's. A wrong date misleads readers; a missing one only sends the article to the
// undated shelf — so a date is taken only from places that state the article's own date:
//   1. a publication label anywhere before the article ends ("نشر في", "تاريخ النشر", "نُشر بتاريخ");
//   2. a short date line between the headline and the body;
//   3. a weekday + full date in the lead sentence ("قال … الجمعة 25 مارس 2016 إن …");
//   4. inference: weekday + day + month without a year, in the header or the lead, placed in the first year
//      — not before the latest year the article itself mentions — where that weekday falls on that day.
// Not the article's date: page clocks and crawl stamps ("بتوقيت …", "GMT"), "آخر تحديث" with no day, dates in
// related lists after the article, copyright years, and dates of other events inside the story.
import type { Root } from 'hast';
import type { VFile } from 'vfile';
import { matchKey } from '../arabic/normalize.ts';
import { findDates, isValidDate, weekdayOf, yearsMentioned, type DateMention } from '../arabic/dates.ts';
import { CLOCK_MARKERS } from '../clean/cues.ts';
import { blocksOf, info } from '../parse/blocks.ts';
import { note, stateOf } from '../clean/state.ts';

export type DateKind = 'explicit' | 'inferred' | 'none';

export interface DateDecision {
  date: string | null;
  kind: DateKind;
  evidence?: string;
  /** Doubts and reasons, for the run report. */
  messages: string[];
}

export interface DatePage {
  lines: string[];
  /** Index of the headline line, when there is one. */
  titleIndex?: number;
  /** Index of the first and last body line. */
  bodyStart: number;
  bodyEnd: number;
  /** Latest possible date (crawl time), ISO YYYY-MM-DD. */
  notAfter?: string;
}

const LABEL = new RegExp(
  `(?:${['نشر في', 'نشر بتاريخ', 'تاريخ النشر', 'تاريخ نشر', 'نشر يوم', 'تم النشر', 'نشر:', 'نشرت في', 'published'].map((s) => matchKey(s)).join('|')})`,
);
const UPDATE = new RegExp(`(?:${['آخر تحديث', 'اخر تحديث', 'تحديث', 'حدث في', 'محدث'].map((s) => matchKey(s)).join('|')})`);

const iso = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

function isClock(line: string): boolean {
  const k = matchKey(line);
  return CLOCK_MARKERS.some((c) => k.includes(c)) && !LABEL.test(k);
}

/** The Gregorian mention to trust in a line: with «الموافق» pairs, the Gregorian side. */
function pick(mentions: DateMention[], needYear: boolean): DateMention | null {
  const full = mentions.filter((m) => (needYear ? m.year !== null : true));
  return full.find((m) => m.calendar === 'gregorian' && m.year !== null) ?? full.find((m) => m.year !== null) ?? (needYear ? null : full[0] ?? null);
}

/** Decides the article's date from its page lines and where the headline and body are. */
export function decideDate(page: DatePage): DateDecision {
  const messages: string[] = [];
  const { lines, bodyStart, bodyEnd } = page;
  const notAfter = page.notAfter ?? new Date().toISOString().slice(0, 10);
  const ok = (m: DateMention, kind: DateKind, why: string): DateDecision | null => {
    const value = iso(m.year!, m.month, m.day);
    if (value > notAfter) {
      messages.push(`ignored ${m.text}: later than ${notAfter}`);
      return null;
    }
    if (m.weekday !== null && weekdayOf(m.year!, m.month, m.day) !== m.weekday) messages.push(`weekday in «${m.text}» does not match ${value}`);
    messages.push(`${kind} date from ${why}: ${m.text}`);
    return { date: value, kind, evidence: m.text, messages };
  };

  // 1. Publication labels, up to the end of the article.
  for (let i = 0; i <= Math.min(lines.length - 1, bodyEnd + 2); i++) {
    if (lines[i]!.length > 160 || !LABEL.test(matchKey(lines[i]!))) continue;
    const m = pick(findDates(lines[i]!), true);
    if (m) {
      const r = ok(m, 'explicit', 'a publication label');
      if (r) return r;
    }
  }

  // 2. Short date lines between the headline and the body (or just before the body when there is no headline).
  // Without a headline, the few lines above the body are the article's header; page clocks among them
  // (marked as such) are left out.
  const headerFrom = page.titleIndex !== undefined ? page.titleIndex + 1 : Math.max(0, bodyStart - 5);
  const header: string[] = [];
  for (let i = headerFrom; i < bodyStart; i++) if (lines[i]!.length <= 120 && (page.titleIndex !== undefined || !isClock(lines[i]!))) header.push(lines[i]!);
  const updates: DateMention[] = [];
  for (const line of header) {
    if (UPDATE.test(matchKey(line)) && !LABEL.test(matchKey(line))) {
      const m = pick(findDates(line), true);
      if (m) updates.push(m);
      continue;
    }
    // Between the headline and the body, a stamp with a full date is the article's, GMT or not: page clocks
    // sit above the headline, where this zone does not reach.
    const m = pick(findDates(line), true);
    if (m) {
      const r = ok(m, 'explicit', 'the date line under the headline');
      if (r) return r;
    }
  }

  // 2b. A date line right above the headline (a kicker line "13 جوان 2024 | 15:47"): many templates print the
  // article's stamp there. Page clocks sit at the top of the page, behind the menus, not against the headline;
  // a line marked as a clock is left out all the same.
  if (page.titleIndex !== undefined) {
    for (let i = page.titleIndex - 1; i >= Math.max(0, page.titleIndex - 1); i--) {
      const line = lines[i]!;
      if (line.length > 60 || isClock(line) || /^\s*(?:اليوم|today)\b/iu.test(line)) continue;
      const m = pick(findDates(line), true);
      if (m && m.text.length >= line.replace(/[\s|،,\-–—:0-9٠-٩صمAPMapm]+$/u, '').length - 12) {
        const r = ok(m, 'explicit', 'the date line above the headline');
        if (r) return r;
      }
    }
  }

  // 3. A full date in the lead's dateline ("الكويت، 3 يونيو 2017 (كونا) --"), or a weekday with a full date
  // in the lead sentence.
  const lead = lines[bodyStart] ?? '';
  const all = findDates(lead);
  const leadMentions = all.filter((m) => m.weekday !== null);
  const datelineEnd = lead.search(/\s[-–—]{1,2}\s/u);
  const inDateline = all.find((m) => m.year !== null && datelineEnd > 0 && m.end <= datelineEnd && datelineEnd < 60);
  const leadFull = inDateline ?? leadMentions.find((m) => m.year !== null);
  if (leadFull) {
    const r = ok(leadFull, 'explicit', 'the lead sentence');
    if (r) return r;
  }

  // An update stamp with a day is a bound, and the best we have when nothing else dates the article.
  if (updates.length) {
    const r = ok(updates[0]!, 'explicit', 'the last-update stamp (publication may be earlier)');
    if (r) return r;
  }

  // 4. Weekday + day + month without a year: infer the year from the years the article mentions.
  const partial = [...header.flatMap((l) => (isClock(l) ? [] : findDates(l))), ...leadMentions].find((m) => m.year === null && m.weekday !== null);
  if (partial) {
    const text = [page.titleIndex !== undefined ? lines[page.titleIndex]! : '', ...lines.slice(bodyStart, bodyEnd + 1)].join('\n');
    const years = yearsMentioned(text).filter((y) => y <= Number(notAfter.slice(0, 4)));
    if (years.length === 0) {
      messages.push(`no year for «${partial.text}»: the article mentions none`);
      return { date: null, kind: 'none', messages };
    }
    const floor = Math.max(...years);
    for (let y = floor; y <= floor + 28; y++) {
      if (!isValidDate(y, partial.month, partial.day) || weekdayOf(y, partial.month, partial.day) !== partial.weekday) continue;
      const value = iso(y, partial.month, partial.day);
      if (value > notAfter) break;
      messages.push(`inferred ${value} from «${partial.text}»: first year from ${floor} (the latest year the article mentions) where the weekday fits`);
      return { date: value, kind: 'inferred', evidence: partial.text, messages };
    }
    messages.push(`no year fits «${partial.text}»`);
  }
  return { date: null, kind: 'none', messages };
}

/** unified plugin: decides the date from the page's blocks and the article region. */
export default function arshifDate() {
  return (tree: Root, file: VFile) => {
    const state = stateOf(file);
    if (!state.region) return;
    const blocks = blocksOf(tree);
    const lines = blocks.map((el) => info(el).text);
    // The body starts at the region's first kept block (headline copies and datelines come before it).
    let bodyStart = state.region.start;
    while (bodyStart < state.region.end && info(blocks[bodyStart]!).drop) bodyStart++;
    // The article's header starts at the headline copy nearest the body (the title, or the h1 under a title
    // taken from the page's <title> line).
    let titleIndex = -1;
    for (let i = 0; i < bodyStart; i++) if (info(blocks[i]!).role === 'title' || info(blocks[i]!).drop?.rule === 'title-copy') titleIndex = i;
    const decision = decideDate({
      lines,
      // A headline taken from the page's <title> line (the first) says nothing about where the header starts.
      titleIndex: titleIndex > 0 && titleIndex < bodyStart ? titleIndex : undefined,
      bodyStart,
      bodyEnd: state.region.end,
      notAfter: state.notAfter,
    });
    for (const m of decision.messages) note(file, 'date', m);
    if (decision.date) state.date = { value: decision.date, kind: decision.kind, evidence: decision.evidence! };
    // An HTML page's structured claim (JSON-LD datePublished, article:published_time, <time datetime> in the
    // article) is the publisher's own statement of the date: it wins over a date read from the text, and a
    // disagreement is reported as a doubt.
    const claim = structuredDate(state);
    if (claim) {
      if (state.date && state.date.value !== claim.value) note(file, 'date', `doubt: the page's ${claim.from} says ${claim.value}, the text says ${state.date.value} (${state.date.evidence}); kept ${claim.value}`);
      state.date = { value: claim.value, kind: 'explicit', evidence: claim.evidence };
    }
  };
}

/** The first structured publication date of an HTML page that is a real calendar date not after the crawl. */
export function structuredDate(state: { page?: { published: { value: string; from: string }[] }; notAfter?: string }): { value: string; from: string; evidence: string } | null {
  for (const claim of state.page?.published ?? []) {
    // The calendar date as the publisher wrote it (its own time zone), from an ISO 8601 stamp or a date.
    const m = /^\s*(\d{4})-(\d{2})-(\d{2})(?:$|[T\s])/.exec(claim.value);
    if (!m) continue;
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (!isValidDate(y, mo, d) || y < 1990) continue;
    const value = `${m[1]}-${m[2]}-${m[3]}`;
    if (state.notAfter && value > state.notAfter) continue;
    return { value, from: claim.from, evidence: `${claim.from}: ${claim.value}` };
  }
  return null;
}
