// `npm run bench:clean`: how fast one core cleans text dumps of ordinary size, and where the time goes.
// Two sets, both in this one thread, timed in CPU time (the figure holds on a busy machine):
// - dev: every sample and development dump (.txt), cleaned `--rounds` times. Its lines repeat from round
//   to round, so the per-line memos are warm: the best case.
// - distinct: `--n` synthetic dumps from bench/generate.ts, each cleaned once after a warm-up on other
//   dumps. Menus and footers repeat as on a real site; headlines, tickers and dates differ from page to page.
// Each plugin's share is printed with ARSHIF_PROFILE_PLUGINS=1.
import fs from 'node:fs';
import path from 'node:path';
import { cleanRecord } from '../src/ingest/clean-record.ts';
import { PLUGIN_MS } from '../src/clean/pipeline.ts';
import { dumpText } from '../bench/generate.ts';

const root = path.resolve(import.meta.dirname, '..');
const arg = (k: string, d: number) => Number(process.argv.find((a) => a.startsWith(`--${k}=`))?.slice(k.length + 3) ?? d);
const rounds = arg('rounds', 20);
const distinct = arg('n', 3000);

function timeCpu(texts: string[], times: number): { cpuMs: number; wallMs: number } {
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  for (let r = 0; r < times; r++) for (const t of texts) cleanRecord({ text: t, format: 'text', source: 'bench.txt' });
  const cpu = process.cpuUsage(cpu0);
  return { cpuMs: (cpu.user + cpu.system) / 1000, wallMs: performance.now() - wall0 };
}
const mean = (texts: string[]) => Math.round(texts.reduce((a, t) => a + t.length, 0) / texts.length);
const line = (label: string, n: number, t: { cpuMs: number; wallMs: number }) =>
  console.log(`${label}: ${(t.cpuMs / n).toFixed(2)} ms CPU per dump = ${Math.round((1000 * n) / t.cpuMs)} dumps/s on one core (wall ${Math.round((1000 * n) / t.wallMs)} dumps/s)`);

const dev: string[] = [];
for (const d of ['dumps', 'tests/fixtures/extra', 'tests/fixtures/extra2', 'tests/fixtures/extra3']) {
  const dir = path.join(root, d);
  if (!fs.existsSync(dir)) continue;
  for (const f of fs.readdirSync(dir).sort()) if (f.endsWith('.txt')) dev.push(fs.readFileSync(path.join(dir, f), 'utf8'));
}
timeCpu(dev, 3); // warm the JIT
PLUGIN_MS.clear();
console.log(`dev set: ${dev.length} dumps (mean ${mean(dev)} characters), ${rounds} rounds`);
line('  dev (memos warm)', rounds * dev.length, timeCpu(dev, rounds));

const warm = Array.from({ length: 300 }, (_, i) => dumpText(7, i));
const synth = Array.from({ length: distinct }, (_, i) => dumpText(1, i));
timeCpu(warm, 1);
console.log(`distinct set: ${synth.length} synthetic dumps (mean ${mean(synth)} characters), each once`);
line('  distinct', synth.length, timeCpu(synth, 1));
if (process.env.ARSHIF_PROFILE_PLUGINS === '1') {
  const total = [...PLUGIN_MS.values()].reduce((a, b) => a + b, 0);
  console.log('plugin shares (both sets):');
  for (const [k, v] of [...PLUGIN_MS].sort((a, b) => b[1] - a[1])) console.log(`  ${k.padEnd(11)} ${((100 * v) / total).toFixed(1)}%`);
}
