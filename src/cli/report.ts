// `arshif report`: what the last ingest kept, dropped, doubted and rejected, per input. Reads the run report
// (content/.arshif/last-run.json) and, for each input that names one by `hash`, the review record ingest wrote
// (in content/.arshif/entries/, src/ingest/entry-store.ts) with every line's fate.
import fs from 'node:fs';
import path from 'node:path';
import type { InputReport, RunReport } from '../ingest/run.ts';
import { readIndex, SegmentReader } from '../ingest/entry-store.ts';
import { parseArticle } from '../store/article.ts';
import { colors, safe, type Colors } from './progress.ts';
import { doubtsOf, isDropped, type ReviewItem, type ReviewRecord } from './review.ts';

/** An input of the run report as last-run.json holds it (newer ingests name their review record by hash). */
export type StoredInput = InputReport & { hash?: string };

/** The run report of the last ingest under `content`, or an error sentence naming the file. */
export function readRunReport(content: string): { report: RunReport; file: string } | { error: string } {
  const file = path.join(content, '.arshif', 'last-run.json');
  if (!fs.existsSync(file)) return { error: `no run report at ${file}: run "arshif ingest" first` };
  try {
    const report = JSON.parse(fs.readFileSync(file, 'utf8')) as RunReport;
    if (!report || !Array.isArray(report.inputs)) return { error: `${file} is not an arshif run report` };
    return { report, file };
  } catch (e) {
    return { error: `cannot read the run report ${file}: ${(e as Error).message}` };
  }
}

/** The run report's inputs joined with their review records (absent when ingest wrote none or it is unreadable). */
export function reviewItems(report: RunReport, content: string): ReviewItem[] {
  // Review records are in the entry store; content folders of earlier versions have one file per record.
  const oldDir = path.join(content, '.arshif', 'review');
  const storeDir = path.join(content, '.arshif', 'entries');
  const index = readIndex(storeDir);
  const reader = new SegmentReader(storeDir);
  const recordText = (hash: string): string | null => {
    const loc = index.get(hash);
    if (loc) return reader.review(loc);
    if (!/^[\w.-]+$/.test(hash)) return null;
    try {
      return fs.readFileSync(path.join(oldDir, `${hash}.json`), 'utf8');
    } catch {
      return null;
    }
  };
  const items = report.inputs.map((input: StoredInput) => {
    const item: ReviewItem = { ...input, messages: input.messages ?? [] };
    const text = input.hash ? recordText(input.hash) : null;
    if (text !== null) {
      try {
        const review = JSON.parse(text) as ReviewRecord;
        if (review && Array.isArray(review.lines)) item.review = { ...review, facts: { ...review.facts }, messages: review.messages ?? [] };
      } catch {
        /* no review record for this input: the report shows its messages only */
      }
    }
    // Topics and story belong to the article (decided across all inputs): take them from its front-matter.
    if (item.review && input.article && input.status !== 'rejected') {
      try {
        // The path is relative to where ingest ran: usually here, else the content folder's parent.
        const candidates = [path.resolve(input.article), path.resolve(content, '..', input.article)];
        const file = candidates.find((f) => fs.existsSync(f)) ?? candidates[0]!;
        const meta = parseArticle(fs.readFileSync(file, 'utf8')).meta;
        if (Array.isArray(meta.topics)) item.review.facts.topics ??= meta.topics.map(String);
        if (meta.story) item.review.facts.story ??= String(meta.story);
      } catch {
        /* the article was removed or hand-broken since the run: its topics are simply not shown */
      }
    }
    return item;
  });
  reader.close();
  return items;
}

export interface PrintOptions {
  /** Show every line of each input, kept or dropped with its rule (needs review records). */
  lines?: boolean;
  color?: Colors;
}

/** Formats a run report for a terminal. */
export function printReport(report: RunReport, items: ReviewItem[] = report.inputs.map((i) => ({ ...i })), options: PrintOptions = {}): string {
  const c = options.color ?? colors(false);
  const out: string[] = [];
  items.forEach((r) => {
    const head =
      r.status === 'rejected' ? c.red(`rejected: ${safe(r.reason)}`) : r.status === 'duplicate' ? c.yellow(`duplicate of ${safe(r.duplicate_of)}`) : `${r.status} → ${safe(r.article)}`;
    out.push(`${c.bold(safe(r.path))}  [${head}]${r.encoding && r.encoding !== 'utf-8' ? ` (${safe(r.encoding)})` : ''}`);
    const doubts = new Set(doubtsOf(r));
    // With --lines every drop is listed with its line below: of the messages, keep the doubts and the rest
    // that no line shows.
    const shown = options.lines && r.review ? new Set(r.review.lines.map((l) => l.line)) : new Set<number>();
    const messages = (r.review?.messages ?? r.messages).filter((m) => doubts.has(m) || m.line == null || !shown.has(m.line));
    for (const m of messages) {
      const text = `  ${m.line ? String(m.line).padStart(4) : '    '}  ${safe(m.rule).padEnd(16)} ${safe(m.text)}`;
      out.push(doubts.has(m) ? c.yellow(text) : text);
    }
    if (options.lines) {
      if (!r.review) {
        out.push(c.dim('  (no line record for this input: run "arshif ingest" again to get one)'));
      } else {
        const kept = r.review.lines.filter((l) => !isDropped(l)).length;
        out.push(c.dim(`  lines: ${kept} kept, ${r.review.lines.length - kept} dropped`));
        for (const l of r.review.lines) {
          const no = String(l.line).padStart(4);
          if (isDropped(l)) out.push(c.dim(`  - ${no}  ${`[${safe(l.rule)}]`.padEnd(18)} ${safe(l.text)}`));
          else out.push(`  + ${no}  ${(l.role && l.role !== 'body' ? `(${safe(l.role)})` : '').padEnd(18)} ${safe(l.text)}`);
        }
      }
    }
  });
  const t = report.totals;
  out.push(`totals: ${t.written} written, ${t.unchanged} unchanged, ${t.duplicate} duplicate, ${t.rejected} rejected`);
  return `${out.join('\n')}\n`;
}
