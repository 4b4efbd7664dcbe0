// Bytes → text. Order (shared/notes/arabic.md §8, extended in issue #11):
//   1. magic numbers (images, archives, PDFs) → refused
//   2. BOM (UTF-8, UTF-16 LE/BE)
//   3. UTF-16 without BOM, recognised by its code units (before the NUL check, which would call it binary)
//   4. NUL bytes → refused as binary
//   5. strict UTF-8 (then mojibake repair, see repairMojibake)
//   6. a declared charset: the HTTP Content-Type header, then (HTML) <meta charset>/http-equiv in the first 2 KB
//   7. detection among code pages (jschardet + an Arabic-aware scorer; see detectLegacy)
// Valid UTF-8 beats a declared legacy charset: Arabic text in windows-1256/ISO-8859-6/CP720 is never valid
// UTF-8 (its letters are lead bytes followed by letters, not continuation bytes), so a page whose bytes are
// valid UTF-8 but which declares windows-1256 is a page whose declaration is stale. Browsers would show it as
// mojibake; an archive should not.
import { createRequire } from 'node:module';
import iconv from 'iconv-lite';
import { displayClean, matchTokens } from '../arabic/normalize.ts';
import { isFunctionWord } from '../arabic/function-words.ts';

export type Decoded = { ok: true; text: string; encoding: string } | { ok: false; reason: string };

/** What the caller knows besides the bytes. */
export interface DecodeHints {
  /** A charset label declared outside the bytes (the HTTP Content-Type header of a WARC response). */
  charset?: string;
  /** Where `charset` came from, for the `encoding` string (default "HTTP header"). */
  charsetSource?: string;
  /** The bytes are an HTML page: look for <meta charset> / http-equiv in the first 2 KB. */
  html?: boolean;
}

const MAGIC: [string, number[]][] = [
  ['a PNG image', [0x89, 0x50, 0x4e, 0x47]],
  ['a JPEG image', [0xff, 0xd8, 0xff]],
  ['a GIF image', [0x47, 0x49, 0x46, 0x38]],
  ['a ZIP archive', [0x50, 0x4b, 0x03, 0x04]],
  ['a PDF document', [0x25, 0x50, 0x44, 0x46]],
  ['a gzip archive', [0x1f, 0x8b]],
  ['a WebP or RIFF file', [0x52, 0x49, 0x46, 0x46]],
];

/** The single-byte code pages Arabic text comes in (iconv-lite names; all three are supported by iconv-lite 0.7). */
export const ARABIC_CODE_PAGES = ['windows-1256', 'iso-8859-6', 'cp720'] as const;

/**
 * Decodes a page's bytes to NFC, display-clean text, or says why it is not text. `encoding` names the
 * encoding first ("windows-1256"), then, in parentheses, how it was chosen ("windows-1256 (meta charset)").
 */
export function decode(bytes: Uint8Array, hints: DecodeHints = {}): Decoded {
  if (bytes.length === 0) return { ok: false, reason: 'empty file' };
  for (const [name, magic] of MAGIC) {
    if (magic.every((b, i) => bytes[i] === b)) return { ok: false, reason: `not text: ${name}` };
  }
  const r = decodeRaw(bytes, hints);
  if (!r.ok) return r;
  const text = displayClean(r.text);
  // Invisible format characters (RLM, LRM, ZWNJ, ALM…) count as white space here.
  if (!/[^\s\p{Cf}]/u.test(text)) return { ok: false, reason: 'no text: the file holds only white space' };
  return { ok: true, text, encoding: r.encoding };
}

function decodeRaw(bytes: Uint8Array, hints: DecodeHints): Decoded {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return utf8Result(new TextDecoder('utf-8').decode(bytes.subarray(3)), 'utf-8 (BOM)');
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { ok: true, text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le (BOM)' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { ok: true, text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be (BOM)' };
  const utf16 = sniffUtf16(bytes);
  if (utf16) return { ok: true, text: new TextDecoder(utf16).decode(bytes), encoding: `${utf16} (no BOM)` };
  if (bytes.subarray(0, 65536).includes(0)) return { ok: false, reason: 'not text: binary data (NUL bytes)' };

  const declared = declaredCharset(bytes, hints);
  const utf8 = strictUtf8(bytes);
  if (utf8 === undefined) {
    // A file cut off in the middle of a character (an interrupted download) is UTF-8 all the same: read it
    // without its last incomplete character rather than as a legacy code page.
    const cut = incompleteUtf8Tail(bytes);
    const truncated = cut > 0 ? strictUtf8(bytes.subarray(0, bytes.length - cut)) : undefined;
    if (truncated !== undefined) return utf8Result(truncated, 'utf-8 (the last, incomplete character was dropped)');
  }
  if (utf8 !== undefined) {
    const ascii = !bytes.some((b) => b >= 0x80);
    if (!declared || ascii || declared.name === 'utf-8') {
      const how = declared && declared.name === 'utf-8' ? ` (${declared.source})` : '';
      return utf8Result(utf8, `utf-8${how}`);
    }
    return utf8Result(utf8, `utf-8 (valid UTF-8; the declared ${declared.label} was ignored)`);
  }
  if (declared && declared.name !== 'utf-8') {
    const text = decodeWith(bytes, declared.name);
    // A Western default (iso-8859-1/windows-1252, what old servers sent for every page) over bytes that read
    // as Arabic in an Arabic code page is a wrong declaration: trust the bytes.
    if (WESTERN.has(declared.name)) {
      const arabic = bestArabicCodePage(bytes.subarray(0, SAMPLE));
      if (arabic.arabic) {
        return { ok: true, text: decodeWith(bytes, arabic.encoding), encoding: `${arabic.encoding} (detected; the declared ${declared.label} was ignored)` };
      }
    }
    return { ok: true, text, encoding: `${declared.name} (${declared.source})` };
  }
  const detected = detectLegacy(bytes);
  const note = declared ? `detected; the declared utf-8 was not valid` : 'detected';
  return { ok: true, text: decodeWith(bytes, detected.encoding), encoding: `${detected.encoding} (${detected.how ?? note})` };
}

function utf8Result(text: string, encoding: string): Decoded {
  const repaired = repairMojibake(text);
  if (repaired.encoding) return { ok: true, text: repaired.text, encoding: repaired.encoding };
  return { ok: true, text, encoding };
}

const SAMPLE = 256 * 1024;
const WESTERN = new Set(['windows-1252', 'iso-8859-1', 'us-ascii', 'iso-8859-15']);

// ---------------------------------------------------------------------------------------------------------
// Declared charsets

/** The charset the caller or the page declares, resolved to a decoder name, or undefined. */
function declaredCharset(bytes: Uint8Array, hints: DecodeHints): { name: string; label: string; source: string } | undefined {
  if (hints.charset) {
    const name = resolveCharset(hints.charset);
    if (name) return { name, label: hints.charset.toLowerCase(), source: hints.charsetSource ?? 'HTTP header' };
  }
  if (hints.html) {
    const label = metaCharset(bytes);
    if (label) {
      let name = resolveCharset(label);
      // WHATWG encoding sniffing: a <meta> that claims UTF-16 in an ASCII-compatible file means UTF-8.
      if (name === 'utf-16le' || name === 'utf-16be') name = 'utf-8';
      if (name) return { name, label: label.toLowerCase(), source: 'meta charset' };
    }
  }
  return undefined;
}

/** The charset label of the first <meta charset=…> or <meta http-equiv content="…; charset=…"> in the first 2 KB. */
export function metaCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, 2048)).toString('latin1');
  for (const m of head.matchAll(/<meta\b[^>]*>/gi)) {
    const c = /\bcharset\s*=\s*["']?\s*([A-Za-z0-9_:.()+-]+)/i.exec(m[0]);
    if (c) return c[1];
  }
  return undefined;
}

/** A charset label ("cp1256", "ISO_8859-6", "utf8", "cp720") → the decoder name used here, or undefined if unknown. */
export function resolveCharset(label: string): string | undefined {
  const l = label.trim().replace(/^["']|["']$/g, '').toLowerCase();
  if (!l) return undefined;
  try {
    // WHATWG label table (what browsers do): "latin1" → windows-1252, "arabic"/"asmo-708" → iso-8859-6, …
    const enc = new TextDecoder(l).encoding;
    if (enc === 'replacement' || enc === 'x-user-defined') return undefined;
    return enc;
  } catch {
    // Not a WHATWG label (cp720, ibm864, …): iconv-lite knows more code pages.
    return iconv.encodingExists(l) ? l : undefined;
  }
}

/** Decodes with a resolved charset name: Node's WHATWG TextDecoder when it knows it, else iconv-lite. */
function decodeWith(bytes: Uint8Array, name: string): string {
  try {
    return new TextDecoder(name).decode(bytes);
  } catch {
    return iconv.decode(Buffer.from(bytes), name);
  }
}

// ---------------------------------------------------------------------------------------------------------
// UTF-16 without a BOM

/**
 * 'utf-16le' / 'utf-16be' when the bytes read as UTF-16 text without a BOM. Arabic and ASCII code units
 * have a high byte of 0x06 or 0x00, so every other byte is one of those two; the test is that ≥ 97% of the
 * code units of one byte order are plausible text (ASCII, Latin-1, Arabic blocks, general punctuation,
 * presentation forms) and that at least a fifth have that 0x00/0x06 high byte. UTF-8 or single-byte text
 * read as UTF-16 gives CJK and Hangul code units instead, and binary data gives U+0000 (not plausible).
 */
export function sniffUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const n = Math.min(bytes.length, 8192) & ~1;
  if (n < 8) return undefined;
  const units = n / 2;
  // More implausible units than 3% of the sample settle it: UTF-8 or single-byte text fails within a few dozen
  // units instead of walking all 4096, twice (a tenth of a millisecond a dump).
  const allowed = 0.03 * units;
  for (const order of ['utf-16le', 'utf-16be'] as const) {
    const hi = order === 'utf-16le' ? 1 : 0;
    let plausible = 0;
    let pattern = 0;
    let i = 0;
    for (; i < n; i += 2) {
      const unit = (bytes[i + hi]! << 8) | bytes[i + 1 - hi]!;
      if (PLAUSIBLE_UTF16(unit)) plausible++;
      else if ((i >> 1) + 1 - plausible > allowed) break;
      if (bytes[i + hi] === 0x00 || bytes[i + hi] === 0x06) pattern++;
    }
    if (i >= n && plausible / units >= 0.97 && pattern / units >= 0.2) return order;
  }
  return undefined;
}

function PLAUSIBLE_UTF16(u: number): boolean {
  return (
    u === 0x09 || u === 0x0a || u === 0x0d ||
    (u >= 0x20 && u <= 0x7e) ||
    (u >= 0xa0 && u <= 0x24f) ||
    (u >= 0x0600 && u <= 0x06ff) ||
    (u >= 0x0750 && u <= 0x077f) ||
    (u >= 0x2000 && u <= 0x206f) ||
    (u >= 0x20a0 && u <= 0x20cf) ||
    (u >= 0xfb50 && u <= 0xfdff) ||
    (u >= 0xfe70 && u <= 0xfeff)
  );
}

// ---------------------------------------------------------------------------------------------------------
// Detection among legacy code pages

/**
 * How Arabic a decoded text looks: `share` = Arabic-script characters among the non-ASCII ones (the wrong
 * code page turns some bytes into box drawing, Latin accents or symbols instead of letters), `words` = share
 * of tokens that are Arabic function words or ال- words.
 */
export function arabicScore(text: string): { share: number; words: number; score: number } {
  let arabic = 0;
  let nonAscii = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    nonAscii++;
    if ((c >= 0x0621 && c <= 0x0652) || c === 0x060c || c === 0x061b || c === 0x061f || c === 0x00a0) arabic++;
  }
  const tokens = matchTokens(text);
  let hits = 0;
  for (const t of tokens) if (isFunctionWord(t) || (t.startsWith('ال') && t.length > 3)) hits++;
  const share = nonAscii ? arabic / nonAscii : 0;
  const words = tokens.length ? hits / tokens.length : 0;
  return { share, words, score: share + 2 * words };
}

/**
 * Picks the Arabic code page under which the bytes read most like Arabic prose. `arabic` is true when the
 * winner really is Arabic text (most non-ASCII characters Arabic, and function words / ال- words present).
 */
export function bestArabicCodePage(bytes: Uint8Array): { encoding: string; arabic: boolean; score: number; share: number; scores: Map<string, number> } {
  const scores = new Map<string, number>();
  let best: { encoding: string; score: number; share: number; words: number } | undefined;
  for (const enc of ARABIC_CODE_PAGES) {
    const s = arabicScore(iconv.decode(Buffer.from(bytes), enc));
    scores.set(enc, s.score);
    if (!best || s.score > best.score + 1e-9) best = { encoding: enc, ...s };
  }
  return { encoding: best!.encoding, score: best!.score, share: best!.share, scores, arabic: best!.share >= 0.5 && best!.words >= 0.08 };
}

/** How far below the scorer's best jschardet's Arabic page may score and still be taken. */
const JSCHARDET_MARGIN = 0.3;

/** jschardet, loaded on the first legacy-encoded page: a UTF-8 archive never needs it (about 50 ms a process). */
let chardet: typeof import('jschardet') | undefined;
const detectAll = (sample: Uint8Array) => (chardet ??= createRequire(import.meta.url)('jschardet') as typeof import('jschardet')).detectAll(sample as Buffer);

/**
 * Guesses the code page of bytes that are neither UTF-8 nor declared.
 *
 * Measured (issue #11) on the lines of the five sample dumps, each encoded in windows-1256, ISO-8859-6 and
 * CP720 (tests/ingest/decode.test.ts repeats it): jschardet 4 alone is right on every line of ≥ 100
 * characters and on every whole dump, but on 8–40-character lines it names the wrong Arabic page for 4–12%
 * of them. Scoring each Arabic page by how Arabic the result reads (share of Arabic characters among the
 * non-ASCII ones, plus share of function words and ال- words from the project's closed-class list) fixes
 * most of those (the wrong page gives wrong letters, box drawing and no function words) but is itself weak
 * on 8–20-character lines with few words («آخر تحديث GMT 17:43:48»). So the two are combined:
 *  - jschardet names an Arabic page that scores within JSCHARDET_MARGIN of the best, or the text has
 *    fewer than 16 non-ASCII bytes → jschardet's page;
 *  - otherwise, the bytes read as Arabic under some Arabic page → the scorer's page (this also overrules a
 *    non-Arabic jschardet guess: this is an Arabic archive, and short texts are where jschardet errs);
 *  - otherwise jschardet's guess when it is confident (French in windows-1252 stays French); then an Arabic
 *    page under which ≥ 80% of the non-ASCII characters are Arabic; nothing → windows-1256, the common
 *    legacy Arabic web encoding.
 * Right answers (a miss that reads the same under both pages counts as right), jschardet alone → combined:
 *   8–20 chars:  1256 91.3 → 100%   8859-6 95.7 → 95.7%   CP720 100 → 100%   (23 lines)
 *   20–40 chars: 1256 95.8 → 100%   8859-6 87.5 → 95.8%   CP720 95.8 → 100%  (24 lines)
 *   40+ chars and the 15 whole dumps: 100% for both.
 */
export function detectLegacy(bytes: Uint8Array): { encoding: string; how?: string } {
  const sample = bytes.subarray(0, SAMPLE);
  const arabic = bestArabicCodePage(sample);
  let guess: { name: string; confidence: number } | undefined;
  try {
    for (const g of detectAll(sample)) {
      const name = g.encoding ? resolveCharset(g.encoding) : undefined;
      if (!name || name === 'utf-8' || name.startsWith('utf-16') || name.startsWith('utf-32')) continue;
      guess = { name, confidence: g.confidence };
      break;
    }
  } catch {
    guess = undefined;
  }
  if (guess && arabic.scores.has(guess.name)) {
    // On a handful of bytes (a one-line file) the word score means little; jschardet's letter model more.
    let high = 0;
    for (const b of sample) if (b >= 0x80) high++;
    if (high < 16 || arabic.scores.get(guess.name)! >= arabic.score - JSCHARDET_MARGIN) return { encoding: guess.name };
    return { encoding: arabic.encoding };
  }
  if (arabic.arabic) return { encoding: arabic.encoding };
  if (guess && guess.confidence >= 0.2) return { encoding: guess.name };
  if (arabic.share >= 0.8) return { encoding: arabic.encoding };
  return { encoding: 'windows-1256', how: 'default: nothing detected' };
}

// ---------------------------------------------------------------------------------------------------------
// Mojibake

/**
 * Repairs text that was decoded with the wrong code page and saved again as UTF-8, when the repair is
 * unambiguous; returns the text unchanged (no `encoding`) otherwise. `encoding` describes the repair:
 * "utf-8 (repaired mojibake from windows-1256)" or "windows-1256 (repaired mojibake: read as latin-1)".
 *  - UTF-8 read as windows-1256 («ط§ظ„ط±ط¦ظٹط³») or as windows-1252/latin-1 («Ø§Ù„Ø±Ø¦ÙŠØ³»): every character
 *    maps back to one byte of that page, and the bytes are strict UTF-8 that reads as Arabic.
 *  - windows-1256 / ISO-8859-6 / CP720 read as latin-1 («ÇáÑÆíÓ»): every character is ≤ U+00FF (or a
 *    windows-1252 extra), and the bytes read as Arabic in an Arabic code page.
 * "Reads as Arabic" = most letters Arabic and function words present, and the repaired text scores higher
 * than the text as found; text that has correct Arabic in it never maps back losslessly, so it is left alone.
 */
export function repairMojibake(text: string): { text: string; encoding?: string } {
  // Cheap gate: the signatures need many ط/ظ (UTF-8 lead bytes D8/D9 in windows-1256) or Latin-1 letters.
  let sig1256 = 0;
  let latin1 = 0;
  let arabic = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0637 || c === 0x0638) sig1256++;
    if (c >= 0x0621 && c <= 0x064a) arabic++;
    else if (c >= 0x80 && c <= 0xff) latin1++;
  }
  // The score of the text as found is only needed once a candidate repair exists (it is the slow part).
  let before: number | undefined;
  const better = (fixed: string) => readsAsArabic(fixed, (before ??= arabicScore(text.slice(0, 65536)).score));
  if (sig1256 >= 4 && sig1256 >= 0.3 * arabic) {
    const bytes = encodeExact(text, 'windows-1256');
    const fixed = bytes && strictUtf8(bytes);
    if (fixed && better(fixed)) return { text: fixed, encoding: 'utf-8 (repaired mojibake from windows-1256)' };
  }
  if (latin1 >= 4 && latin1 >= 0.3 * (arabic + latin1)) {
    const bytes = encodeLatin1(text);
    if (bytes) {
      const fixed = strictUtf8(bytes);
      if (fixed && better(fixed)) return { text: fixed, encoding: 'utf-8 (repaired mojibake from windows-1252/latin-1)' };
      if (!fixed) {
        const page = bestArabicCodePage(bytes.subarray(0, SAMPLE));
        const asArabic = iconv.decode(Buffer.from(bytes), page.encoding);
        if (page.arabic && better(asArabic)) return { text: asArabic, encoding: `${page.encoding} (repaired mojibake: read as latin-1, saved as UTF-8)` };
      }
    }
  }
  return { text };
}

function readsAsArabic(fixed: string, scoreBefore: number): boolean {
  const s = arabicScore(fixed.slice(0, 65536));
  return s.share >= 0.5 && s.words >= 0.08 && s.score > scoreBefore + 0.3;
}

/** How many bytes at the end form the start of a UTF-8 sequence that the file cuts off (0 when none). */
function incompleteUtf8Tail(bytes: Uint8Array): number {
  for (let k = 1; k <= 3 && k <= bytes.length; k++) {
    const b = bytes[bytes.length - k]!;
    if ((b & 0xc0) === 0x80) continue; // a continuation byte: look further back
    const need = b >= 0xf0 && b <= 0xf4 ? 4 : b >= 0xe0 ? 3 : b >= 0xc2 && b < 0xe0 ? 2 : 0;
    return need > k ? k : 0;
  }
  return 0;
}

function strictUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** The bytes of `text` in a single-byte code page, or undefined when some character is not in it. */
function encodeExact(text: string, enc: string): Uint8Array | undefined {
  const bytes = iconv.encode(text, enc);
  return iconv.decode(bytes, enc) === text ? bytes : undefined;
}

// Windows-1252's 0x80–0x9F extras; the five bytes it leaves undefined (81 8D 8F 90 9D) come through as
// U+0081… when a program decodes "latin-1", so U+0000–U+00FF map to themselves.
let CP1252_EXTRAS: Map<number, number> | undefined;

/** The bytes of text read as windows-1252/latin-1, or undefined when some character is in neither. */
function encodeLatin1(text: string): Uint8Array | undefined {
  if (!CP1252_EXTRAS) {
    CP1252_EXTRAS = new Map();
    for (let b = 0x80; b < 0xa0; b++) {
      const ch = iconv.decode(Buffer.from([b]), 'windows-1252');
      if (ch !== '\ufffd') CP1252_EXTRAS.set(ch.charCodeAt(0), b);
    }
  }
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const b = c <= 0xff ? c : CP1252_EXTRAS.get(c);
    if (b === undefined) return undefined;
    out[i] = b;
  }
  return out;
}
