// Test helpers: temporary folders and a fresh ingest of a dumps folder.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const SHARED = path.resolve(ROOT, '../shared');

/** A new empty temporary folder, removed when the process exits. */
export function tempDir(prefix = 'arshif-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A content folder with the project's taxonomy, ready for an ingest. */
export function contentDir(): string {
  const dir = tempDir();
  fs.mkdirSync(path.join(dir, '_data'), { recursive: true });
  fs.copyFileSync(path.join(ROOT, 'content/_data/topics.yaml'), path.join(dir, '_data/topics.yaml'));
  return dir;
}
