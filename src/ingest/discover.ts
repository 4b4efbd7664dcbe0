// Finds input files under the given paths. Hidden files are skipped; a symbolic link is followed only when
// its target stays inside the folder being read, so a dump folder cannot pull in files from elsewhere.
import fs from 'node:fs';
import path from 'node:path';
import type { FileStat } from './records.ts';

export interface InputFile {
  /** Absolute path. */
  abs: string;
  /** Path relative to the root it was found under (what `sources` records), with / separators, NFC. */
  rel: string;
  /** Set when the file cannot be used; the run report gives the reason. */
  problem?: string;
  /** Size, modification time and identity when this run already looked at the file (read again otherwise). */
  stat?: FileStat;
}

/**
 * Files that are never dumps: notes, data and code that live beside dumps (a README, a gold annotation, a
 * script). Everything else is read, and what cannot be read as a page is rejected with a reason, so no input
 * disappears silently.
 */
const NOT_DUMPS = new Set(['.md', '.json', '.yaml', '.yml', '.mjs', '.cjs', '.js', '.ts', '.py', '.sh', '.css']);

/** Lists the input files below the given paths (files or folders), sorted by relative path. */
export function discoverInputs(paths: string[]): InputFile[] {
  const out: InputFile[] = [];
  for (const p of paths) {
    const abs = path.resolve(p);
    const st = fs.statSync(abs); // throws ENOENT: the caller turns it into a clear error
    if (st.isFile()) {
      out.push({ abs, rel: path.basename(abs).normalize('NFC') });
      continue;
    }
    if (!st.isDirectory()) {
      out.push({ abs, rel: path.basename(abs).normalize('NFC'), problem: 'not a regular file (a pipe, socket or device)' });
      continue;
    }
    const root = fs.realpathSync(abs);
    walk(root, root, out);
  }
  out.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
  return out;
}

function walk(root: string, dir: string, out: InputFile[]): void {
  const entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const abs = path.join(dir, e.name);
    const rel = path.relative(root, abs).split(path.sep).join('/').normalize('NFC');
    if (e.isSymbolicLink()) {
      let target: string;
      try {
        target = fs.realpathSync(abs);
      } catch {
        out.push({ abs, rel, problem: 'broken symbolic link' });
        continue;
      }
      if (target !== root && !target.startsWith(root + path.sep)) {
        out.push({ abs, rel, problem: 'symbolic link to a file outside the dumps folder (not followed)' });
        continue;
      }
      const st = fs.statSync(target);
      if (st.isFile()) out.push({ abs: target, rel });
      else if (!st.isDirectory()) out.push({ abs, rel, problem: 'not a regular file (a pipe, socket or device)' });
      continue;
    }
    if (e.isDirectory()) walk(root, abs, out);
    else if (e.isFile()) {
      if (!NOT_DUMPS.has(path.extname(e.name).toLowerCase())) out.push({ abs, rel });
    } else {
      // A pipe, socket or device: reading it could block the run forever.
      out.push({ abs, rel, problem: 'not a regular file (a pipe, socket or device)' });
    }
  }
}
