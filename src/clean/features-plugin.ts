// unified plugin: computes each block's text features once, and how often its text repeats on the page.
import type { Root } from 'hast';
import { blocksOf, info } from '../parse/blocks.ts';
import { featuresOf } from './features.ts';

/** Adds `feat` and `copies` to every block. */
export default function arshifFeatures() {
  return (tree: Root) => {
    const counts = new Map<string, number>();
    const blocks = blocksOf(tree);
    for (const el of blocks) {
      const b = info(el);
      b.feat = featuresOf(b.text);
      counts.set(b.feat.key, (counts.get(b.feat.key) ?? 0) + 1);
    }
    for (const el of blocks) info(el).copies = counts.get(info(el).feat!.key) ?? 1;
  };
}
