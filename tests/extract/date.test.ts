// Table-driven: date text as it appears on real pages (every month family, Hijri, three digit families,
// clocks and traps), each with its expected decision.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { decideDate } from '../../src/extract/date.ts';

interface Case { id: string; family: string; lines: string[]; expected: string | null; kind: string | null; title?: string; bodyStart?: number; bodyEnd?: number; note: string }

const cases = JSON.parse(fs.readFileSync(new URL('../fixtures/dates.json', import.meta.url), 'utf8')) as Case[];

test('the table has at least 80 cases across the families', () => {
  assert.ok(cases.length >= 80, `only ${cases.length} cases`);
  for (const fam of ['egyptian', 'levantine', 'maghreb-ma', 'maghreb-dz', 'paired', 'numeric', 'iso', 'hijri', 'digits', 'weekday-inference', 'clock-trap', 'related-trap', 'copyright-trap']) {
    assert.ok(cases.some((c) => c.family === fam), `no case of family ${fam}`);
  }
});

for (const c of cases) {
  test(`date ${c.family}: ${c.id}`, () => {
    const titleIndex = c.title !== undefined ? c.lines.indexOf(c.title) : undefined;
    const bodyStart = c.bodyStart ?? (titleIndex !== undefined && titleIndex >= 0 ? titleIndex + 1 : 0);
    const d = decideDate({
      lines: c.lines,
      titleIndex: titleIndex !== undefined && titleIndex >= 0 ? titleIndex : undefined,
      bodyStart,
      bodyEnd: c.bodyEnd !== undefined ? c.bodyEnd - 1 : c.lines.length - 1,
      notAfter: '2026-11-23',
    });
    assert.equal(d.date, c.expected, `${c.note}\n${d.messages.join('\n')}`);
    if (c.expected) assert.equal(d.kind, c.kind);
  });
}
