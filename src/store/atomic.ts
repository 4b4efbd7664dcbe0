// Atomic writes: the new bytes go to a temporary file in the same folder, then are renamed over the target, so
// a run killed at any moment leaves either the old file or the new one, never half of one. The rename alone
// gives that against a killed process (the kernel keeps what was written). Flushing to the disk (fsync) also
// guards against a power cut, at about 3 ms a file here: it is asked for where one file holds the state of
// many (the manifest), not for each of ten thousand articles and cache entries, which the next run checks
// and rewrites when they are missing or damaged.
import fs from 'node:fs';
import path from 'node:path';
import { threadId } from 'node:worker_threads';

let counter = 0;

/** Writes a file atomically (temporary file + rename), creating its folder; `durable` also flushes it to disk first. */
export function writeFileAtomic(target: string, data: string | Uint8Array, options: { durable?: boolean } = {}): void {
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${threadId}.${counter++}.tmp`);
  const fd = fs.openSync(tmp, 'w', 0o644);
  try {
    fs.writeSync(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
    if (options.durable) fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, target);
}

/** Removes temporary files left by a killed run. */
export function removeStaleTemps(dir: string): void {
  if (!fs.existsSync(dir)) return;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) removeStaleTemps(p);
    else if (e.name.startsWith('.') && e.name.endsWith('.tmp')) fs.rmSync(p, { force: true });
  }
}
