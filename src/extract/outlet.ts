// The outlet: named by a dateline, a signature line after the article, a title affix or a copyright line —
// and absent when the page never names it (a photo agency credit is not the outlet).
import type { Root } from 'hast';
import type { VFile } from 'vfile';
import { matchKey } from '../arabic/normalize.ts';
import { MEDIA_WORDS } from '../clean/cues.ts';
import { blocksOf, drop, info } from '../parse/blocks.ts';
import { note, stateOf } from '../clean/state.ts';

/** True when a short name holds a word that names a news medium (نيوز، تلغراف، صحيفة، اليوم، 24 …). */
export function isMediaName(name: string): boolean {
  const words = matchKey(name).split(/[\s\-–—.]+/).filter(Boolean);
  if (words.length === 0 || words.length > 5) return false;
  return words.some((w) => MEDIA_WORDS.includes(w) || MEDIA_WORDS.includes(w.replace(/^ال/, '')));
}

const COPYRIGHT = /(?:جميع|كل)\s+الحقوق\s+محفوظة\s+(?:ل|لـ\s*|لموقع\s+|لصحيفة\s+|لجريدة\s+)?(.{2,40}?)\s*(?:©|\d{4}|$)|©\s*(?:\d{4}\s*)?(.{2,40}?)\s*(?:\d{4}|$)/u;

/**
 * unified plugin: a signature line right after the article (a short name holding a media word) names the
 * outlet; so, as a last resort, does a copyright line. Runs after the dateline and title plugins, whose
 * evidence wins.
 */
export default function arshifOutlet() {
  return (tree: Root, file: VFile) => {
    const state = stateOf(file);
    const blocks = blocksOf(tree);
    const region = state.region;
    if (!region) return;
    // Signature: among the first blocks after the region, before any other prose.
    for (let i = region.end + 1; i < Math.min(blocks.length, region.end + 4); i++) {
      const b = info(blocks[i]!);
      const f = b.feat!;
      if (f.interfaceText || f.url) break;
      if (f.words >= 1 && f.words <= 4 && !f.sentenceEnd && f.arabicShare > 0.6 && isMediaName(b.text) && !/^(?:المصدر|كتب)/.test(f.key)) {
        if (!state.outlet) {
          state.outlet = { value: b.text.trim(), evidence: b.text, from: 'signature' };
          note(file, 'outlet', `outlet from the signature line: ${b.text}`, b.line);
        }
        b.role = 'signature';
        drop(blocks[i]!, 'signature', 'signature line naming the outlet');
        break;
      }
    }
    if (state.outlet) return;
    for (const el of blocks) {
      const m = COPYRIGHT.exec(info(el).text);
      const name = (m?.[1] ?? m?.[2])?.trim();
      if (name && isMediaName(name) && !/مجموع[ةه]/.test(name)) {
        state.outlet = { value: name, evidence: info(el).text, from: 'copyright' };
        note(file, 'outlet', `outlet from the copyright line: ${name}`, info(el).line);
        return;
      }
    }
  };
}
