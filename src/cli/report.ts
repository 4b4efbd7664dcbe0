// Plain-text run report: per input, its fate and every message (the rule that dropped each line, doubts).
import type { RunReport } from '../ingest/run.ts';

/** Formats a run report for a terminal. */
export function printReport(report: RunReport): string {
  const out: string[] = [];
  for (const r of report.inputs) {
    const head = r.status === 'rejected' ? `rejected: ${r.reason}` : r.status === 'duplicate' ? `duplicate of ${r.duplicate_of}` : `${r.status} → ${r.article}`;
    out.push(`${r.path}  [${head}]${r.encoding && r.encoding !== 'utf-8' ? ` (${r.encoding})` : ''}`);
    for (const m of r.messages) out.push(`  ${m.line ? String(m.line).padStart(4) : '    '}  ${m.rule.padEnd(16)} ${m.text}`);
  }
  const t = report.totals;
  out.push(`totals: ${t.written} written, ${t.unchanged} unchanged, ${t.duplicate} duplicate, ${t.rejected} rejected`);
  return `${out.join('\n')}\n`;
}
