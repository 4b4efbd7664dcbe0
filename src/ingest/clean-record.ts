// One record → its cleaned article (or a rejection), as plain data. Pure: the same record and template give
// the same result, so results can be cached by the record's hash and computed in worker threads.
import { VFile } from 'vfile';
import type { Element, Root } from 'hast';
import { cleanTree, decisionsOf } from '../clean/pipeline.ts';
import { lineKeys } from '../clean/template.ts';
import { parseHtmlPage, type PageEvidence } from '../parse/html.ts';
import { parseTextDump } from '../parse/text.ts';
import { bodyToMarkdown } from '../store/markdown.ts';
import { note } from '../clean/state.ts';
import { isValidDate } from '../arabic/dates.ts';
import { scriptCounts } from '../arabic/normalize.ts';
import type { DumpRecord, LineDecision } from './record.ts';

/** The page as blocks, its text-dump lines and (HTML) its markup's evidence. */
export interface ParsedRecord { tree: Root; lines: string[]; page?: PageEvidence }

/**
 * Longest block that can be a paragraph. News paragraphs are a few hundred characters; a line of tens of
 * thousands is an inlined image, a data blob or a page with no line breaks, and reading it as prose would
 * cost more than the rest of the archive.
 */
export const MAX_BLOCK = 20_000;

/** The text with lines too long to be paragraphs blanked (line numbers kept), and their numbers. */
function withoutGiantLines(text: string): { text: string; giant: number[] } {
  if (text.length <= MAX_BLOCK) return { text, giant: [] };
  const lines = text.split('\n');
  const giant: number[] = [];
  lines.forEach((l, i) => {
    if (l.length > MAX_BLOCK) {
      giant.push(i + 1);
      lines[i] = '';
    }
  });
  return giant.length ? { text: lines.join('\n'), giant } : { text, giant };
}

/** Parses a record's text by its format. */
export function parseRecord(rec: Pick<DumpRecord, 'text' | 'format'>): ParsedRecord {
  if (rec.format === 'text') {
    const { text } = withoutGiantLines(rec.text);
    return { tree: parseTextDump(text), lines: text.split('\n') };
  }
  if (rec.format === 'html') {
    const html = parseHtmlPage(rec.text);
    return { tree: html.tree, lines: html.lines, page: html.evidence };
  }
  return { tree: parseTextDump(rec.text), lines: rec.text.split('\n') };
}

/** A record's distinct hashed line keys, for site-template learning. */
export function recordKeys(parsed: ParsedRecord): string[] {
  return [...lineKeys(parsed.lines)].sort();
}

export interface Facts {
  title?: string;
  title_from?: 'page' | 'lead';
  date?: string;
  date_kind: 'explicit' | 'inferred' | 'none';
  date_evidence?: string;
  outlet?: string;
  place?: string;
  credit?: string;
  hashtags?: string[];
  url?: string;
}

export interface CleanedRecord {
  reject?: string;
  facts: Facts;
  /** The article body as Markdown (empty when rejected). */
  body: string;
  /** Body paragraphs' text, one per line: what identity, topics and stories read. */
  text: string;
  /** The first paragraph. */
  lead: string;
  lines: LineDecision[];
  messages: { rule: string; text: string; line?: number }[];
}

/** Cleans one record with its site's template lines. */
export function cleanRecord(
  rec: Pick<DumpRecord, 'text' | 'format' | 'source' | 'url' | 'crawledAt' | 'hints'>,
  template?: Set<string>,
  parsed: ParsedRecord = parseRecord(rec),
): CleanedRecord {
  const file = new VFile({ path: rec.source });
  const giant = rec.format === 'text' ? withoutGiantLines(rec.text).giant : [];
  const giantLines: LineDecision[] = giant.map((line) => ({ line, text: `(${rec.text.split('\n')[line - 1]!.length} characters)`, rule: 'too-long', reason: `a line of more than ${MAX_BLOCK} characters is not a paragraph` }));
  const notAfter = rec.crawledAt && /^\d{4}-\d{2}-\d{2}/.test(rec.crawledAt) ? rec.crawledAt.slice(0, 10) : undefined;
  if (!hasArabic(parsed.lines)) {
    return {
      reject: giant.length
        ? `no article text: apart from ${giant.length === 1 ? `line ${giant[0]}` : `${giant.length} lines`} longer than any paragraph (over ${MAX_BLOCK} characters), the page holds too little Arabic text`
        : 'not Arabic: the page holds too little Arabic text to be an Arabic news article',
      facts: { date_kind: 'none' },
      body: '',
      text: '',
      lead: '',
      lines: parsed.lines.map((text, i) => ({ line: i + 1, text, rule: 'not-arabic', reason: 'the page is not in Arabic' })).filter((l) => l.text.trim()),
      messages: giant.map((line) => ({ rule: 'too-long', text: `dropped line ${line}: longer than ${MAX_BLOCK} characters`, line })),
    };
  }
  const result = cleanTree(parsed.tree, file, { template, notAfter, page: parsed.page, plainNotes: true });
  const { state } = result;
  // A date an exporter stated next to the text (JSON Lines `date`) is used only when the page itself says
  // nothing: exporters often put the crawl time there.
  if (!state.date && !state.rejected && rec.hints?.date) {
    const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(rec.hints.date);
    if (m && isValidDate(+m[1]!, +m[2]!, +m[3]!) && (!notAfter || m[0] <= notAfter)) {
      state.date = { value: m[0], kind: 'explicit', evidence: `date field of the record: ${rec.hints.date}` };
      note(file, 'date', `date from the record's date field: ${rec.hints.date}`);
    }
  }
  const paragraphs = result.body.children.map((el) => (el.type === 'element' && el.children[0]?.type === 'text' ? el.children[0].value : ''));
  const lead = result.body.children.find((el): el is Element => el.type === 'element' && el.tagName === 'p');
  for (const line of giant) note(file, 'too-long', `dropped line ${line}: longer than ${MAX_BLOCK} characters`, line);
  const messages = state.notes!.map((m) => ({ rule: m.rule, text: m.text, line: m.line }));
  const facts: Facts = {
    title: state.title?.value,
    title_from: state.title?.titleFrom,
    date: state.date?.value,
    date_kind: state.date?.kind ?? 'none',
    date_evidence: state.date?.evidence,
    outlet: state.outlet?.value,
    place: state.place?.value,
    credit: state.credit?.value,
    hashtags: state.hashtags.length ? state.hashtags : undefined,
    url: rec.url ?? state.url,
  };
  return {
    reject: state.rejected,
    facts,
    body: state.rejected ? '' : bodyToMarkdown(result.body),
    text: state.rejected ? '' : paragraphs.join('\n'),
    lead: lead && lead.children[0]?.type === 'text' ? lead.children[0].value : '',
    lines: [...decisionsOf(result), ...giantLines].sort((a, b) => a.line - b.line),
    messages,
  };
}

/** True when Arabic letters make up a real share of the page's letters (not one Arabic menu item). */
function hasArabic(lines: string[]): boolean {
  let left = 0;
  for (const l of lines) left += l.length;
  let arabic = 0;
  let letters = 0;
  for (const l of lines) {
    const c = scriptCounts(l);
    arabic += c.arabic;
    letters += c.letters;
    left -= l.length;
    // Decided already when even the rest of the page, every character a non-Arabic letter, could not bring
    // the share under 30%.
    if (arabic >= 200 && arabic >= 0.3 * (letters + left)) return true;
  }
  return arabic >= 200 && arabic >= 0.3 * letters;
}
