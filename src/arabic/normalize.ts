// Arabic text folding for matching (topics, dedup, search, template learning).
// Never used for what readers see: display text stays as written (NFC only).
// Recipe and lists: shared/notes/arabic.md §1.3 (Lucene ArabicNormalizer + PersianNormalizer + CAMeL arclean).

const ARABIC_INDIC = 0x0660;
const PERSIAN = 0x06f0;

/** Replaces Arabic-Indic (٠–٩) and Persian (۰–۹) digits and separators with ASCII. */
export function foldDigits(text: string): string {
  return text.replace(/[\u0660-\u0669\u06f0-\u06f9\u066b\u066c\u066a]/g, (ch) => {
    const c = ch.charCodeAt(0);
    if (c >= ARABIC_INDIC && c <= ARABIC_INDIC + 9) return String(c - ARABIC_INDIC);
    if (c >= PERSIAN && c <= PERSIAN + 9) return String(c - PERSIAN);
    if (ch === '\u066b') return '.';
    if (ch === '\u066c') return ',';
    return '%';
  });
}

const INVISIBLES = /[\u200b-\u200f\u202a-\u202e\u2066-\u2069\u061c\ufeff\u00ad]/g;
const MARKS = /[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]/g;

/** Removes harakat, Quranic marks, superscript alef and tatweel (letters untouched). */
export function stripMarks(text: string): string {
  return text.replace(MARKS, '');
}

/**
 * The match key of a text: NFKC, ASCII digits, no invisibles or marks, alef/ya/ta-marbuta/kaf/heh folded,
 * hamza carriers ؤ ئ folded to و ي, Latin lower-cased, whitespace collapsed.
 */
export function matchKey(text: string): string {
  return foldDigits(text.normalize('NFKC'))
    .replace(INVISIBLES, '')
    .replace(MARKS, '')
    .replace(/[\u0622\u0623\u0625\u0671\u0672\u0673]/g, '\u0627')
    .replace(/[\u0649\u06cc\u06d0\u06d2]/g, '\u064a')
    .replace(/\u0629/g, '\u0647')
    .replace(/[\u06a9\u06aa]/g, '\u0643')
    .replace(/[\u06c0\u06c1\u06c2\u06d5]/g, '\u0647')
    .replace(/\u0624/g, '\u0648')
    .replace(/\u0626/g, '\u064a')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Words of a text as match keys, split on anything that is not a letter, mark or digit. */
export function matchTokens(text: string): string[] {
  return matchKey(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/** Display-safe cleanup: NFC, unified line ends, no BOM, no C0 controls except tab/newline. */
export function displayClean(text: string): string {
  return text
    .replace(/^\ufeff/, '')
    .replace(/\r\n?/g, '\n')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
    .normalize('NFC');
}

/** True for letters of the Arabic script blocks. */
export function isArabicLetter(ch: string): boolean {
  return /[\u0621-\u064a\u0671-\u06d3\u06fa-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufefc]/.test(ch);
}

/** Counts Arabic letters, Latin letters and digits in a text. */
export function scriptCounts(text: string): { arabic: number; latin: number; digits: number; letters: number } {
  let arabic = 0;
  let latin = 0;
  let digits = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if ((c >= 0x0621 && c <= 0x064a) || (c >= 0x0671 && c <= 0x06d3) || (c >= 0x06fa && c <= 0x06ff) || (c >= 0x0750 && c <= 0x077f) || (c >= 0xfb50 && c <= 0xfefc)) arabic++;
    else if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0xc0 && c <= 0x24f)) latin++;
    else if ((c >= 0x30 && c <= 0x39) || (c >= 0x660 && c <= 0x669) || (c >= 0x6f0 && c <= 0x6f9)) digits++;
  }
  return { arabic, latin, digits, letters: arabic + latin };
}
