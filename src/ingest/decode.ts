// Bytes → text. Order (shared/notes/arabic.md §8): BOM, strict UTF-8, then the legacy Arabic code page.
// Binary files (images, archives, PDFs, anything with NUL bytes outside UTF-16) are refused with a reason.
import iconv from 'iconv-lite';
import { displayClean } from '../arabic/normalize.ts';

export type Decoded = { ok: true; text: string; encoding: string } | { ok: false; reason: string };

const MAGIC: [string, number[]][] = [
  ['a PNG image', [0x89, 0x50, 0x4e, 0x47]],
  ['a JPEG image', [0xff, 0xd8, 0xff]],
  ['a GIF image', [0x47, 0x49, 0x46, 0x38]],
  ['a ZIP archive', [0x50, 0x4b, 0x03, 0x04]],
  ['a PDF document', [0x25, 0x50, 0x44, 0x46]],
  ['a gzip archive', [0x1f, 0x8b]],
  ['a WebP or RIFF file', [0x52, 0x49, 0x46, 0x46]],
];

/** Decodes a dump's bytes, or says why it is not text. */
export function decode(bytes: Uint8Array): Decoded {
  if (bytes.length === 0) return { ok: false, reason: 'empty file' };
  for (const [name, magic] of MAGIC) {
    if (magic.every((b, i) => bytes[i] === b)) return { ok: false, reason: `not text: ${name}` };
  }
  let text: string;
  let encoding: string;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    text = new TextDecoder('utf-8').decode(bytes.subarray(3));
    encoding = 'utf-8 (BOM)';
  } else if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    text = new TextDecoder('utf-16le').decode(bytes.subarray(2));
    encoding = 'utf-16le';
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    text = new TextDecoder('utf-16be').decode(bytes.subarray(2));
    encoding = 'utf-16be';
  } else {
    const sample = bytes.subarray(0, 65536);
    if (sample.includes(0)) return { ok: false, reason: 'not text: binary data (NUL bytes)' };
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      encoding = 'utf-8';
    } catch {
      // Not UTF-8: Arabic text of this age is almost always windows-1256 (ISO-8859-6 detection: issue 11).
      text = iconv.decode(Buffer.from(bytes), 'windows-1256');
      encoding = 'windows-1256';
    }
  }
  text = displayClean(text);
  if (!text.trim()) return { ok: false, reason: 'no text: the file holds only white space' };
  return { ok: true, text, encoding };
}
