// Credits and bylines: "المصدر: وكالات", "المصدر : رويترز", "كتب: …", "بقلم …". They leave the body and
// become front-matter.
import type { Root } from 'hast';
import type { VFile } from 'vfile';
import { blocksOf, drop, info } from '../parse/blocks.ts';
import { note, stateOf } from '../clean/state.ts';

const SOURCE = /^(?:المصدر|مصدر الخبر|المصادر|نقلا عن|نقلاً عن|عن)\s*[:：]\s*(.{2,60}?)\s*\.?$/u;
const BYLINE = /^(?:كتب|كتبت|بقلم|إعداد|تحرير|تقرير)\s*[:：]\s*(.{2,50}?)\s*$/u;

/** The credited source of a credit line, or null. */
export function parseCredit(text: string): string | null {
  const m = SOURCE.exec(text.trim());
  return m ? m[1]!.trim() : null;
}

/** unified plugin: takes credit and byline lines near the article out of the body. */
export default function arshifCredit() {
  return (tree: Root, file: VFile) => {
    const state = stateOf(file);
    const region = state.region;
    if (!region) return;
    const blocks = blocksOf(tree);
    const from = Math.max(0, region.start - 4);
    const to = Math.min(blocks.length - 1, region.end + 4);
    for (let i = from; i <= to; i++) {
      const b = info(blocks[i]!);
      const credit = parseCredit(b.text);
      if (credit) {
        if (!state.credit) state.credit = { value: credit, evidence: b.text, from: 'credit-line' };
        b.role = 'credit';
        b.drop = undefined;
        drop(blocks[i]!, 'credit', 'credit line (kept as credit)');
        note(file, 'credit', `credit: ${credit}`, b.line);
        continue;
      }
      const by = BYLINE.exec(b.text.trim());
      if (by && b.feat!.words <= 8) {
        b.role = 'byline';
        b.drop = undefined;
        drop(blocks[i]!, 'byline', `byline: ${by[1]}`);
      }
    }
  };
}
