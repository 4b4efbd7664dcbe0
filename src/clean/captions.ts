// Photo captions, image file names and photo credits inside the article region. A caption names what a
// picture shows ("وزير الخارجية خلال المؤتمر الصحفي"), often with a photo credit ("/ AGENCY NAME",
// "(رويترز)", "صورة أرشيفية"); a file name is words joined by hyphens. None of them is body text.
import type { Root } from 'hast';
import type { VFile } from 'vfile';
import { matchKey } from '../arabic/normalize.ts';
import { blocksOf, drop, info } from '../parse/blocks.ts';
import { note, stateOf } from './state.ts';

const PHOTO_WORDS = ['صورة', 'صوره', 'الصورة', 'صورة أرشيفية', 'أرشيفية', 'ارشيفيه', 'أرشيف', 'ارشيف', 'تصوير', 'بعدسة', 'مصدر الصورة', 'حقوق الصورة', 'photo', 'getty', 'afp', 'reuters', 'epa', 'ap'].map(matchKey);

/** True when a short line ends in a photo credit: "… / AGENCY NAME", "… (رويترز)", "… - Getty Images", "صورة: …". */
export function isCaptionLine(text: string): boolean {
  const t = text.trim();
  if (t.length > 200 || /[.!؟?]["”»]?$/.test(t)) return false;
  if (/\s[/|]\s*[A-Z][A-Za-z .&-]{1,40}$/.test(t)) return true; // Arabic caption / LATIN AGENCY
  const k = matchKey(t);
  if (/^(?:صوره|الصوره|تصوير|بعدسه)\s*[:：(]/.test(k)) return true;
  const paren = /\(([^)]{1,30})\)\s*$/.exec(k);
  if (paren && PHOTO_WORDS.some((w) => paren[1]!.includes(w))) return true;
  if (/(?:صوره ارشيفيه|ارشيفيه)\s*\)?$/.test(k)) return true;
  return false;
}

/** unified plugin: drops captions, file-name slugs and photo credits inside the article region. */
export default function arshifCaptions() {
  return (tree: Root, file: VFile) => {
    const state = stateOf(file);
    if (!state.region) return;
    const blocks = blocksOf(tree);
    for (let i = state.region.start; i <= state.region.end; i++) {
      const el = blocks[i]!;
      const b = info(el);
      if (b.drop) continue;
      if (b.feat!.slug) {
        if (drop(el, 'caption', 'image file name')) note(file, 'caption', `dropped file-name slug: ${b.text}`, b.line);
      } else if (b.zone === 'figcaption' || isCaptionLine(b.text)) {
        if (drop(el, 'caption', 'photo caption or credit')) note(file, 'caption', `dropped caption: ${b.text.slice(0, 80)}`, b.line);
      }
    }
  };
}
