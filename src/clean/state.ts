// What the cleaning and extraction plugins learn about one page, kept on the VFile.
import type { VFile } from 'vfile';
import type { DateKind } from '../extract/date.ts';
import type { PageEvidence } from '../parse/html.ts';

export interface Fact<T = string> {
  value: T;
  /** The text it came from. */
  evidence: string;
  /** Which rule found it. */
  from: string;
}

export interface PageState {
  /** Index range [start, end] into the page's blocks of the article region, or null when none was found. */
  region: { start: number; end: number } | null;
  title?: Fact & { line: number; titleFrom: 'page' | 'lead' };
  /** The title's match key after hashtags and site affixes are removed. */
  titleKey?: string;
  place?: Fact;
  outlet?: Fact;
  credit?: Fact;
  date?: { value: string; kind: DateKind; evidence: string };
  hashtags: string[];
  /** Set when the page holds no article (headline list, non-Arabic page…). */
  rejected?: string;
  /** Latest date the article can have (crawl time), when the input says. */
  notAfter?: string;
  /** What an HTML page's markup states about itself (meta, JSON-LD, <time>); absent for text dumps. */
  page?: PageEvidence;
  /** The article's original URL, when the input says. */
  url?: string;
  /** Template lines (hashed match keys) learned for the page's site. */
  template?: Set<string>;
  /**
   * When present, notes go here as plain records instead of VFile messages: the same notes, for a caller
   * that only turns messages into data (the ingest). A VFileMessage is an Error with some twenty fields;
   * making one per dropped line was a seventh of the cleaning time of a typical page.
   */
  notes?: Note[];
}

/** A note of a rule: what it dropped, doubted or decided, and on which line. */
export interface Note { rule: string; text: string; line?: number }

declare module 'vfile' {
  interface DataMap {
    arshif: PageState;
  }
}

/** The page state of a file, created on first use. */
export function stateOf(file: VFile): PageState {
  if (!file.data.arshif) file.data.arshif = { region: null, hashtags: [] };
  return file.data.arshif;
}

/** Records a message from a rule on the file (what was dropped, doubted, decided, and why). */
export function note(file: VFile, rule: string, text: string, line?: number): void {
  const notes = file.data.arshif?.notes;
  if (notes) {
    notes.push({ rule, text, line: line || undefined });
    return;
  }
  const msg = file.message(text, { ruleId: rule, source: 'arshif', place: line ? { line, column: 1 } : undefined });
  msg.fatal = undefined; // informational: a note, not a warning
}
