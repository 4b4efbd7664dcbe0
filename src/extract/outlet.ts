// The outlet: named by a dateline, a signature line after the article, a title affix or a copyright line —
// and absent when the page never names it (a photo agency credit is not the outlet).
import type { Root } from 'hast';
import type { VFile } from 'vfile';
import { matchKey } from '../arabic/normalize.ts';
import { MEDIA_WORDS } from '../clean/cues.ts';
import { blocksOf, drop, info } from '../parse/blocks.ts';
import { note, stateOf } from '../clean/state.ts';
import { isWireAgency } from './dateline.ts';

/** True when a short name holds a word that names a news medium (نيوز، تلغراف، صحيفة، اليوم، 24 …). */
export function isMediaName(name: string): boolean {
  const words = matchKey(name).split(/[\s\-–—.]+/).filter(Boolean);
  if (words.length === 0 || words.length > 5) return false;
  return words.some((w) => MEDIA_WORDS.includes(w) || MEDIA_WORDS.includes(w.replace(/^ال/, '')));
}

const COPYRIGHT_MARK = /©|(?:جميع|كل)\s+الحقوق\s+محفوظة|حقوق\s+(?:النشر|الطبع)(?:\s+محفوظة)?|copyright/iu;

/** The name a copyright line gives ("جميع الحقوق محفوظة © 2024 صوت الكنانة" → صوت الكنانة), or null. */
export function copyrightName(text: string): string | null {
  if (!COPYRIGHT_MARK.test(text) || text.length > 120) return null;
  const rest = text
    .replace(/(?:جميع|كل)\s+الحقوق\s+محفوظة|حقوق\s+(?:النشر|الطبع)(?:\s+محفوظة)?|copyright|all rights reserved/giu, ' ')
    .replace(/©|\(c\)/giu, ' ')
    .replace(/[0-9\u0660-\u0669]{4}(?:\s*[-–]\s*[0-9\u0660-\u0669]{4})?/gu, ' ')
    .replace(/^[\s.\-–—|,،:]+|[\s.\-–—|,،:]+$/gu, '')
    .replace(/\s*[.\-–—|]\s*$/u, '')
    .trim();
  // "محفوظة لـX" / "محفوظة للX" (ل + ال): the preposition is not part of the name.
  let name = rest;
  if (/محفوظة\s+ل/u.test(text) && /^ل/u.test(rest)) name = rest.startsWith('لل') ? `ال${rest.slice(2)}` : rest.replace(/^لـ?\s*/u, '');

  const words = name.split(/\s+/).filter(Boolean);
  if (words.length === 0 || words.length > 4 || /[.،,;:]/.test(name)) return null;
  if (/^ل?مجموع[ةه]/u.test(name) || (/[A-Za-z]/.test(name) && !/[\u0600-\u06ff]/.test(name))) return null;
  return name;
}

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
    let fromCopyright: { name: string; text: string; line: number } | null = null;
    for (const el of blocks) {
      const name = copyrightName(info(el).text);
      if (name) {
        fromCopyright = { name, text: info(el).text, line: info(el).line };
        break;
      }
    }
    if (!fromCopyright) return;
    // A dateline may name a reporter ("الرباط - عبد الإله السباعي"): when the page's copyright names the
    // site, a dateline party that is neither a medium nor an agency gives way to it.
    const weakDateline = state.outlet?.from === 'dateline' && !isMediaName(state.outlet.value) && !isWireAgency(state.outlet.value);
    if (!state.outlet || weakDateline) {
      state.outlet = { value: fromCopyright.name, evidence: fromCopyright.text, from: 'copyright' };
      note(file, 'outlet', `outlet from the copyright line: ${fromCopyright.name}`, fromCopyright.line);
    }
  };
}
