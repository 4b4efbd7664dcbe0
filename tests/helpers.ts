// Test helpers: temporary folders and a fresh ingest of a dumps folder.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const SHARED = path.resolve(ROOT, '../shared');

// One exit listener for all of them (one each made Node warn of a listener leak past ten folders).
const made: string[] = [];
process.on('exit', () => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

/** A new empty temporary folder, removed when the process exits. */
export function tempDir(prefix = 'arshif-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** A content folder with the project's taxonomy, ready for an ingest. */
export function contentDir(): string {
  const dir = tempDir();
  fs.mkdirSync(path.join(dir, '_data'), { recursive: true });
  fs.copyFileSync(path.join(ROOT, 'content/_data/topics.yaml'), path.join(dir, '_data/topics.yaml'));
  return dir;
}

/** Every file under a folder but those named `skip` (a build's state file), by slash-separated path, with its bytes. */
export function filesOf(dir: string, skip: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const f of fs.readdirSync(dir, { recursive: true }) as string[]) {
    const abs = path.join(dir, f);
    if (f !== skip && fs.statSync(abs).isFile()) out.set(f.split(path.sep).join('/'), fs.readFileSync(abs));
  }
  return out;
}

/**
 * `count` strings of up to `maxLength` items drawn from `pool`, the same for the same seed (a linear
 * congruential generator): random text the tests can reproduce.
 */
export function randomStrings(pool: string[], count: number, maxLength: number, seed: number): string[] {
  let state = seed;
  const rnd = () => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 4294967296);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    let s = '';
    for (let n = Math.floor(rnd() * maxLength); n > 0; n--) s += pool[Math.floor(rnd() * pool.length)];
    out.push(s);
  }
  return out;
}
