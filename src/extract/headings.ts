// Subheadings inside the article: a short line without sentence punctuation that introduces prose (a
// body paragraph follows it). Short lines that end like sentences stay as paragraphs; other short lines
// (labels, stray words) are dropped.
import type { Root } from 'hast';
import type { VFile } from 'vfile';
import { blocksOf, drop, info } from '../parse/blocks.ts';
import { note, stateOf } from '../clean/state.ts';

/** unified plugin: marks subheadings and settles every remaining short block of the region. */
export default function arshifHeadings() {
  return (tree: Root, file: VFile) => {
    const state = stateOf(file);
    if (!state.region) return;
    const blocks = blocksOf(tree);
    const body = blocks.slice(state.region.start, state.region.end + 1).filter((el) => !info(el).drop);
    body.forEach((el, i) => {
      const b = info(el);
      const tag = b.tag;
      if (/^h[1-6]$/.test(tag) && i > 0) {
        b.role = 'heading';
        return;
      }
      if (b.klass === 'good' || b.klass === 'neargood') {
        b.role = 'body';
        return;
      }
      const f = b.feat!;
      const next = body[i + 1] ? info(body[i + 1]!) : null;
      const nextIsProse = !!next && (next.klass === 'good' || next.klass === 'neargood');
      const text = b.text.trim();
      // A line ending in a colon introduces a quote or a list: it is a sentence of the text, not a heading.
      const leadIn = /[:：]$/.test(text) && f.words >= 3;
      // A short question standing alone between paragraphs ("من تشملهم الحملة؟") is a subheading; an interview's
      // "س: …" lines carry a colon and stay text.
      const questionHeading = /[؟?]$/.test(text) && !/[:：]/.test(text) && f.words >= 2 && f.words <= 8 && i > 0 && nextIsProse;
      if (leadIn) b.role = 'body';
      else if (questionHeading || (i > 0 && nextIsProse && !f.sentenceEnd && f.words >= 2 && f.words <= 25 && f.arabicShare > 0.6)) {
        b.role = 'heading';
        note(file, 'heading', `subheading: ${b.text}`, b.line);
      } else if (f.sentenceEnd && f.words >= 3) {
        b.role = 'body';
      } else if (drop(el, 'stray', 'short line that is neither a sentence nor a subheading')) {
        note(file, 'stray', `dropped short line: ${b.text.slice(0, 80)}`, b.line);
      }
    });
  };
}
