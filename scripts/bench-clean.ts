// `npm run bench:clean`: how fast one core cleans text dumps of ordinary size, and where the time goes.
// Cleans every sample and development dump (.txt) a number of rounds in this one thread and prints CPU time
// per dump (CPU, not wall time: the figure holds on a busy machine) and each cleaning plugin's share.
import fs from 'node:fs';
import path from 'node:path';
import { cleanRecord } from '../src/ingest/clean-record.ts';
import { PLUGIN_MS } from '../src/clean/pipeline.ts';

const root = path.resolve(import.meta.dirname, '..');
const rounds = Number(process.argv.find((a) => a.startsWith('--rounds='))?.slice(9) ?? 20);
const texts: string[] = [];
for (const d of ['dumps', 'tests/fixtures/extra', 'tests/fixtures/extra2']) {
  const dir = path.join(root, d);
  if (!fs.existsSync(dir)) continue;
  for (const f of fs.readdirSync(dir).sort()) if (f.endsWith('.txt')) texts.push(fs.readFileSync(path.join(dir, f), 'utf8'));
}
const clean = () => {
  for (const t of texts) cleanRecord({ text: t, format: 'text', source: 'bench.txt' });
};
for (let r = 0; r < 3; r++) clean(); // warm the JIT and the match-key memo as a long run would
const cpu0 = process.cpuUsage();
const wall0 = performance.now();
for (let r = 0; r < rounds; r++) clean();
const cpu = process.cpuUsage(cpu0);
const wall = performance.now() - wall0;
const n = rounds * texts.length;
const cpuMs = (cpu.user + cpu.system) / 1000;
const chars = texts.reduce((a, t) => a + t.length, 0) / texts.length;
console.log(`dumps: ${texts.length} (mean ${Math.round(chars)} characters), rounds: ${rounds}`);
console.log(`one core: ${(cpuMs / n).toFixed(2)} ms CPU per dump = ${Math.round((1000 * n) / cpuMs)} dumps/s (wall ${Math.round((1000 * n) / wall)} dumps/s)`);
if (process.env.ARSHIF_PROFILE_PLUGINS === '1') {
  const total = [...PLUGIN_MS.values()].reduce((a, b) => a + b, 0);
  for (const [k, v] of [...PLUGIN_MS].sort((a, b) => b[1] - a[1])) console.log(`  ${k.padEnd(11)} ${((100 * v) / total).toFixed(1)}%`);
}
