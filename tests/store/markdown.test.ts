// The Markdown writer's fast path (text the serialiser would leave unchanged is written as is) must give
// exactly the bytes remark-stringify gives for the whole body, on real paragraphs and on hostile text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Root } from 'hast';
import type { Root as MdRoot, RootContent } from 'mdast';
import remarkStringify from 'remark-stringify';
import { unified } from 'unified';
import { bodyToMarkdown } from '../../src/store/markdown.ts';

const reference = unified().use(remarkStringify, { bullet: '-', emphasis: '_', fences: true, rule: '-' });

function body(blocks: { h?: boolean; text: string }[]): Root {
  return { type: 'root', children: blocks.map((b) => ({ type: 'element', tagName: b.h ? 'h2' : 'p', properties: {}, children: [{ type: 'text', value: b.text }] })) };
}
function viaSerialiser(blocks: { h?: boolean; text: string }[]): string {
  const children: RootContent[] = blocks
    .map((b) => ({ ...b, text: b.text.replace(/[\r\n]+/g, ' ').trim() }))
    .filter((b) => b.text)
    .map((b) => (b.h ? { type: 'heading', depth: 2, children: [{ type: 'text', value: b.text }] } : { type: 'paragraph', children: [{ type: 'text', value: b.text }] }));
  const out = reference.stringify({ type: 'root', children } as MdRoot) as string;
  return `${out.replace(/\r\n?/g, '\n').replace(/\n+$/, '')}\n`;
}

const root = path.resolve(import.meta.dirname, '../..');
const realLines: string[] = [];
for (const d of ['dumps', 'tests/fixtures/extra', 'tests/fixtures/extra2', 'tests/fixtures/extra3']) {
  for (const f of fs.readdirSync(path.join(root, d)).sort()) {
    if (f.endsWith('.txt')) realLines.push(...fs.readFileSync(path.join(root, d, f), 'utf8').split('\n').filter((l) => l.trim()));
  }
}

test('every line of the sample and development dumps is written as the serialiser writes it', () => {
  assert.ok(realLines.length > 1000);
  for (let i = 0; i < realLines.length; i += 50) {
    const blocks = realLines.slice(i, i + 50).map((text, k) => ({ text, h: k % 7 === 3 }));
    assert.equal(bodyToMarkdown(body(blocks)), viaSerialiser(blocks));
  }
});

test('Markdown syntax in the text is escaped exactly as the serialiser escapes it', () => {
  const hostile = [
    '# ليس عنوانا', '1. ليس قائمة', '2) ولا هذه', '- ولا هذه', '+ ولا هذه', '> ولا اقتباس', '= خط', '~~~ سياج', '```js',
    'نص فيه *نجمة* و_شرطة_ و`رمز`', 'رابط [هنا](http://x.y) و![صورة](a.png)', '<script>alert(1)</script> نص', 'A&amp;B &copy; &#123;',
    'مسار C:\\dir\\file', 'سطر\tبه مسافة', '   يبدأ بمسافات', 'ينتهي بمسافة   ', '2024 عام الانتخابات', 'نص عادي تماما.', '---', '***', '___',
    'عنوان # في الوسط', 'علامة | عمودية', 'نص (بين قوسين) و"مقتبس" و«مقتبس»', '\u0007 جرس', 'كلمة\u200fبعلامة اتجاه',
  ];
  for (const text of hostile) {
    for (const h of [false, true]) assert.equal(bodyToMarkdown(body([{ text, h }])), viaSerialiser([{ text, h }]), `${h ? 'heading' : 'paragraph'}: ${text}`);
  }
  assert.equal(bodyToMarkdown(body(hostile.map((text) => ({ text })))), viaSerialiser(hostile.map((text) => ({ text }))));
});

test('random mixes of Markdown characters and Arabic give the serialiser bytes', () => {
  const alphabet = ['ب', 'ك', ' ', '.', '1', '#', '*', '_', '[', ']', '(', ')', '<', '>', '&', '-', '+', '=', '~', '`', '\\', '!', ':', '|', 'a'];
  let seed = 42;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
  for (let n = 0; n < 5000; n++) {
    const len = 1 + Math.floor(rnd() * 12);
    let text = '';
    for (let k = 0; k < len; k++) text += alphabet[Math.floor(rnd() * alphabet.length)];
    const h = rnd() < 0.3;
    assert.equal(bodyToMarkdown(body([{ text, h }])), viaSerialiser([{ text, h }]), JSON.stringify(text));
  }
});

test('an empty body is one newline', () => {
  assert.equal(bodyToMarkdown({ type: 'root', children: [] }), '\n');
});
