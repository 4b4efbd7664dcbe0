// When a page has no headline, the lead sentence gives one (title_from: lead): the first sentence of the
// first body paragraph, cut at a word boundary when long.
import type { Root } from 'hast';
import type { VFile } from 'vfile';
import { blocksOf, info } from '../parse/blocks.ts';
import { note, stateOf } from '../clean/state.ts';

const MAX_WORDS = 18;

/** A title made from a lead paragraph: its first sentence, at most 18 words, ending in "…" when cut. */
export function titleFromLead(lead: string): string {
  const first = lead.trim().split(/(?<=[.!؟?])\s+/u)[0]!.replace(/[.]+$/u, '').trim();
  const words = first.split(/\s+/);
  if (words.length <= MAX_WORDS) return first;
  return `${words.slice(0, MAX_WORDS).join(' ').replace(/[،,؛;:]+$/u, '')}…`;
}

/** unified plugin: sets the title from the lead when no headline was found. */
export default function arshifLeadTitle() {
  return (tree: Root, file: VFile) => {
    const state = stateOf(file);
    if (state.title || !state.region) return;
    const lead = blocksOf(tree).find((el) => info(el).role === 'body');
    if (!lead) return;
    const value = titleFromLead(info(lead).text);
    state.title = { value, evidence: info(lead).text, from: 'lead', line: info(lead).line, titleFrom: 'lead' };
    note(file, 'title', `no headline on the page; title made from the lead: ${value}`, info(lead).line);
  };
}
