// Prints what the cleaner decided for each line of one dump (.txt or .html): `node --import tsx
// scripts/debug-clean.ts DUMP [md]`. With a second argument, also the article's Markdown.
import fs from 'node:fs';
import { VFile } from 'vfile';
import { cleanTree } from '../src/clean/pipeline.ts';
import { bodyToMarkdown } from '../src/store/markdown.ts';
import { parseRecord } from '../src/ingest/clean-record.ts';
const f = process.argv[2]!;
const text = fs.readFileSync(f, 'utf8');
const file = new VFile({ path: f, value: text });
const parsed = parseRecord({ text, format: /\.x?html?$/i.test(f) ? 'html' : 'text' });
const r = cleanTree(parsed.tree, file, { page: parsed.page });
for (const b of r.blocks)
  console.log(String(b.line).padStart(3), (b.drop ? 'X ' + b.drop.rule : '  ' + (b.role ?? '')).padEnd(18), (b.klass ?? '').padEnd(8), (b.zone ?? b.tag).padEnd(10), b.feat!.functionDensity.toFixed(2), b.text.slice(0, 70));
const { state } = r;
console.log(JSON.stringify({ title: state.title?.value, tf: state.title?.titleFrom, outlet: state.outlet, place: state.place?.value, credit: state.credit?.value, date: state.date, rejected: state.rejected, region: state.region, url: state.url }, null, 0));
if (process.argv[3]) console.log(bodyToMarkdown(r.body));
