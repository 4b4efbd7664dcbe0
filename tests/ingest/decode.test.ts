// Decoding (issue #11): every encoding of one Arabic text decodes to that text, declared charsets are
// honoured or overruled for stated reasons, mojibake is repaired only when unambiguous.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { ROOT } from '../helpers.ts';
import { bestArabicCodePage, decode, detectLegacy, metaCharset, repairMojibake, resolveCharset, sniffUtf16 } from '../../src/ingest/decode.ts';

const DIR = path.join(ROOT, 'tests/fixtures/formats/encodings');
const bytesOf = (name: string) => fs.readFileSync(path.join(DIR, name));
const TEXT = bytesOf('utf-8.txt').toString('utf8');

function ok(bytes: Uint8Array, hints?: Parameters<typeof decode>[1]) {
  const d = decode(bytes, hints);
  assert.ok(d.ok, d.ok ? '' : d.reason);
  return d as { ok: true; text: string; encoding: string };
}

const CASES: [file: string, encoding: string][] = [
  ['utf-8.txt', 'utf-8'],
  ['utf-8-bom.txt', 'utf-8 (BOM)'],
  ['utf-16le-bom.txt', 'utf-16le (BOM)'],
  ['utf-16be-bom.txt', 'utf-16be (BOM)'],
  ['utf-16le.txt', 'utf-16le (no BOM)'],
  ['utf-16be.txt', 'utf-16be (no BOM)'],
  ['windows-1256.txt', 'windows-1256 (detected)'],
  ['iso-8859-6.txt', 'iso-8859-6 (detected)'],
  ['cp720.txt', 'cp720 (detected)'],
  ['mojibake-windows-1256.txt', 'utf-8 (repaired mojibake from windows-1256)'],
  ['mojibake-latin1.txt', 'utf-8 (repaired mojibake from windows-1252/latin-1)'],
  ['mojibake-1256-as-latin1.txt', 'windows-1256 (repaired mojibake: read as latin-1, saved as UTF-8)'],
];

for (const [file, encoding] of CASES) {
  test(`${file} decodes to the same text, as ${encoding}`, () => {
    const d = ok(bytesOf(file));
    assert.equal(d.text, TEXT);
    assert.equal(d.encoding, encoding);
  });
}

test('HTML: <meta charset> and http-equiv name the code page; a Western default over Arabic bytes is overruled', () => {
  const first = TEXT.split('\n')[0];
  const a = ok(bytesOf('meta-windows-1256.html'), { html: true });
  assert.equal(a.encoding, 'windows-1256 (meta charset)');
  assert.ok(a.text.includes(first));
  const b = ok(bytesOf('meta-iso-8859-6.html'), { html: true });
  assert.equal(b.encoding, 'iso-8859-6 (meta charset)');
  assert.ok(b.text.includes(first));
  const c = ok(bytesOf('meta-wrong-latin1.html'), { html: true });
  assert.equal(c.encoding, 'windows-1256 (detected; the declared iso-8859-1 was ignored)');
  assert.ok(c.text.includes(first));
  assert.equal(metaCharset(Buffer.from('<html><head><META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=windows-1256">')), 'windows-1256');
});

test('the HTTP charset comes before <meta> and detection; valid UTF-8 beats a stale declaration', () => {
  const html = `<html><head><meta charset="windows-1256"></head><body><p>${TEXT}</p></body></html>`;
  const as8859 = iconv.encode(html, 'iso-8859-6');
  const d = ok(as8859, { charset: 'ISO-8859-6', html: true });
  assert.equal(d.encoding, 'iso-8859-6 (HTTP header)');
  assert.ok(d.text.includes(TEXT));
  const utf8 = ok(Buffer.from(html, 'utf8'), { charset: 'windows-1256', html: true });
  assert.equal(utf8.encoding, 'utf-8 (valid UTF-8; the declared windows-1256 was ignored)');
  assert.ok(utf8.text.includes(TEXT));
  // Declared UTF-8 over windows-1256 bytes: detection takes over.
  const wrong = ok(iconv.encode(TEXT, 'windows-1256'), { charset: 'utf-8' });
  assert.equal(wrong.text, TEXT);
  assert.match(wrong.encoding, /^windows-1256 \(detected; the declared utf-8 was not valid\)$/);
});

test('charset labels resolve through the WHATWG table, then iconv-lite', () => {
  assert.equal(resolveCharset('cp1256'), 'windows-1256');
  assert.equal(resolveCharset('"Windows-1256"'), 'windows-1256');
  assert.equal(resolveCharset('arabic'), 'iso-8859-6');
  assert.equal(resolveCharset('ISO_8859-6'), 'iso-8859-6');
  assert.equal(resolveCharset('latin1'), 'windows-1252');
  assert.equal(resolveCharset('UTF8'), 'utf-8');
  assert.equal(resolveCharset('cp720'), 'cp720');
  assert.equal(resolveCharset('no-such-charset'), undefined);
});

test('existing behaviour: binary, empty and blank inputs are refused with a reason', () => {
  assert.deepEqual(decode(new Uint8Array()), { ok: false, reason: 'empty file' });
  assert.deepEqual(decode(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a])), { ok: false, reason: 'not text: a PNG image' });
  assert.deepEqual(decode(Buffer.from([0x1f, 0x8b, 8, 0])), { ok: false, reason: 'not text: a gzip archive' });
  assert.deepEqual(decode(Buffer.from([1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 0xff, 0xee])), { ok: false, reason: 'not text: binary data (NUL bytes)' });
  assert.deepEqual(decode(Buffer.from('  \n\t\n')), { ok: false, reason: 'no text: the file holds only white space' });
  assert.deepEqual(decode(Buffer.from(' \r\n\u00a0\u200f\u200e\u061c \n')), { ok: false, reason: 'no text: the file holds only white space' });
  const d = ok(Buffer.from('\ufeffسطر\r\nآخر\r\n', 'utf8'));
  assert.equal(d.text, 'سطر\nآخر\n');
});

test('UTF-16 without a BOM is recognised only from UTF-16 code units', () => {
  assert.equal(sniffUtf16(Buffer.from('plain ASCII text, long enough to sniff', 'utf8')), undefined);
  assert.equal(sniffUtf16(Buffer.from(TEXT, 'utf8')), undefined);
  assert.equal(sniffUtf16(iconv.encode(TEXT, 'windows-1256')), undefined);
  assert.equal(sniffUtf16(Buffer.from('English only, in UTF-16LE.', 'utf16le')), 'utf-16le');
  assert.equal(sniffUtf16(Buffer.from('English only, in UTF-16LE.', 'utf16le').swap16()), 'utf-16be');
  assert.equal(sniffUtf16(new Uint8Array(64)), undefined); // all NUL: binary, not text
});

test('mojibake is left alone when the text is right', () => {
  // Correct Arabic heavy in ط/ظ (the windows-1256 mojibake signature letters).
  const tt = 'ضبط الطائرات في مطار الظهران وتنظيم خطط الطوارئ وضغط الظروف على الطيارين والمظليين';
  assert.deepEqual(repairMojibake(tt), { text: tt });
  // French UTF-8 text with accents.
  const fr = 'Le président a été reçu à l’Élysée après une journée très chargée à Genève où il a déjeuné.';
  assert.deepEqual(repairMojibake(fr), { text: fr });
  // Arabic with many «» and © (Latin-1 characters) is not latin-1 mojibake.
  const guill = '«المعرض» «الكتاب» «عمّان» «الأردن» © 2023';
  assert.deepEqual(repairMojibake(guill), { text: guill });
});

test('non-Arabic legacy text keeps its own code page', () => {
  const fr = 'Le café est une boisson très populaire en France et dans le monde entier, où les cafés sont nombreux.';
  const d = ok(iconv.encode(fr, 'windows-1252'));
  assert.equal(d.text, fr);
  assert.match(d.encoding, /^windows-1252 \(detected\)$/);
});

test('detection among the Arabic code pages holds on short lines of the sample dumps', () => {
  // The measurement behind detectLegacy's comment: every line of ≥ 20 characters of the five dumps, in
  // each of the three Arabic code pages. (jschardet alone: 87.5–100% per bucket; this: ≥ 95.8%.)
  const lines: string[] = [];
  for (const f of fs.readdirSync(path.join(ROOT, 'dumps'))) {
    for (const l of fs.readFileSync(path.join(ROOT, 'dumps', f), 'utf8').split('\n')) if (l.trim().length >= 20) lines.push(l.trim());
  }
  assert.ok(lines.length > 100);
  for (const enc of ['windows-1256', 'iso-8859-6', 'cp720']) {
    let right = 0;
    let n = 0;
    for (const l of lines) {
      const b = iconv.encode(l, enc);
      if (!b.some((x) => x >= 0x80)) continue;
      n++;
      if (detectLegacy(b).encoding === enc) right++;
      else {
        // A miss must at least be a page under which the line reads the same (letters shared by both pages).
        const got = detectLegacy(b).encoding;
        if (iconv.decode(b, got) === iconv.decode(b, enc)) right++;
      }
    }
    assert.ok(right / n >= 0.97, `${enc}: ${right}/${n}`);
  }
  assert.equal(bestArabicCodePage(iconv.encode('قال الرئيس في مؤتمر صحفي', 'iso-8859-6')).encoding, 'iso-8859-6');
});

test('a UTF-8 file cut off in the middle of a character is still read as UTF-8, without the broken character', () => {
  const text = 'أعلنت وزارة الزراعة اليوم الأحد أن موسم قطف الزيتون سيبدأ مطلع الشهر المقبل';
  const bytes = Buffer.from(text, 'utf8');
  const cut = bytes.subarray(0, bytes.length - 1); // the last letter is two bytes: keep only its first
  const d = decode(cut);
  assert.ok(d.ok);
  assert.equal(d.text, text.slice(0, -1));
  assert.match(d.encoding, /^utf-8 \(the last, incomplete character was dropped\)$/);
  // Bytes that are broken in the middle are not UTF-8 with a cut tail.
  const broken = Buffer.concat([bytes.subarray(0, 11), Buffer.from([0xd8]), bytes.subarray(11)]);
  const b = decode(broken);
  assert.ok(!b.ok || !b.encoding.startsWith('utf-8 (the last'));
});
