// `npm run eval`: a fresh ingest of the sample dumps into a temporary content folder, scored against the
// hand annotation with the shared scorer. Extra arguments: a gold file and a dumps folder to score instead.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ingest } from '../src/ingest/run.ts';

const root = path.resolve(import.meta.dirname, '..');
const gold = path.resolve(process.argv[2] ?? path.join(root, '../shared/gold/seeds.json'));
const dumps = path.resolve(process.argv[3] ?? path.join(root, 'dumps'));
const scorer = path.join(root, '../shared/tools/score.mjs');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'arshif-eval-'));
fs.mkdirSync(path.join(tmp, '_data'), { recursive: true });
fs.copyFileSync(path.join(root, 'content/_data/topics.yaml'), path.join(tmp, '_data/topics.yaml'));
const report = await ingest({ paths: [dumps], content: tmp });
console.log(`ingest: ${JSON.stringify(report.totals)}`);
for (const r of report.inputs) if (r.status === 'rejected') console.log(`rejected ${r.path}: ${r.reason}`);
const run = spawnSync(process.execPath, [scorer, gold, path.join(tmp, 'articles')], { stdio: 'inherit' });
fs.rmSync(tmp, { recursive: true, force: true });
process.exit(run.status ?? 1);
