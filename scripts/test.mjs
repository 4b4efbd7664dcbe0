// Runs every tests/**/*.test.ts with node's test runner through tsx (Node 20's --test takes no globs).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const files = fs
  .readdirSync(path.join(root, 'tests'), { recursive: true })
  .filter((f) => f.endsWith('.test.ts'))
  .map((f) => path.join('tests', f))
  .sort();
const extra = process.argv.slice(2);
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...extra, ...files], { cwd: root, stdio: 'inherit' });
process.exit(r.status ?? 1);
