// The cleaner's code version: a hash of every source file that decides what a record becomes. A cached
// cleaning result is reused only under the same version, so changing a rule re-cleans everything on the next
// run, with no version number to remember to bump.
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';

const SRC = path.resolve(import.meta.dirname, '..');
const PARTS = ['clean', 'extract', 'parse', 'arabic', 'ingest/clean-record.ts', 'store/markdown.ts'];

function files(p: string): string[] {
  const abs = path.join(SRC, p);
  if (!fs.statSync(abs).isDirectory()) return [abs];
  return fs
    .readdirSync(abs, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .sort()
    .map((f) => path.join(abs, f));
}

function version(parts: string[]): string {
  const h = createHash('sha256');
  for (const p of parts) for (const f of files(p)) h.update(path.relative(SRC, f)).update('\0').update(fs.readFileSync(f)).update('\0');
  return h.digest('hex').slice(0, 12);
}

export const CLEANER_VERSION = version(PARTS);

/** The story clustering's code version (shingles are cached under it). */
export const STORIES_VERSION = version(['enrich/stories.ts', 'arabic']);

/** The topic matcher's code version (with the taxonomy's text, it decides whether topics are reassigned). */
export const TOPICS_VERSION = version(['enrich/topics.ts', 'arabic']);

/** The article writer's code version: what makes an article file of a record's cleaned data, story and sources. */
export const WRITER_VERSION = version(['ingest/run.ts', 'store/article.ts']);
