// unified plugin: computes each block's text features once, and how often its text repeats on the page.
import type { Root } from 'hast';
import { blocksOf, info } from '../parse/blocks.ts';
import { featuresOf } from './features.ts';
import { memoize } from '../util/memo.ts';

/**
 * Features by text, shared (read-only) between pages: the pages of one site repeat their menus, tickers and
 * footers, so most lines of a big archive have been seen before. Long lines (article text) are not kept.
 */
const cachedFeatures = memoize((text) => Object.freeze(featuresOf(text)) as ReturnType<typeof featuresOf>, 100_000, 200);

/** Adds `feat` and `copies` to every block. */
export default function arshifFeatures() {
  return (tree: Root) => {
    const counts = new Map<string, number>();
    const blocks = blocksOf(tree);
    for (const el of blocks) {
      const b = info(el);
      b.feat = cachedFeatures(b.text);
      counts.set(b.feat.key, (counts.get(b.feat.key) ?? 0) + 1);
    }
    for (const el of blocks) info(el).copies = counts.get(info(el).feat!.key) ?? 1;
  };
}
