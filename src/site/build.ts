// The site build: Eleventy renders templates/ over the archive in content/ into the output folder, then the
// stylesheet and the self-hosted Arabic font (@fontsource/noto-naskh-arabic, no font CDN) are copied in.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { Eleventy } from '@11ty/eleventy';
import { resetArchive, archiveFor } from './archive.ts';
import { writeFileAtomic } from '../store/atomic.ts';

export interface BuildOptions {
  content: string;
  out: string;
  pathPrefix?: string;
  /** Project root holding templates/ and .eleventy.ts (default: this package). */
  root?: string;
}

export interface BuildResult { pages: number; ms: number; problems: string[] }

const PACKAGE_ROOT = path.resolve(import.meta.dirname, '../..');

/** Builds the site into `out`. */
export async function buildSite(options: BuildOptions): Promise<BuildResult> {
  const started = performance.now();
  const root = options.root ?? PACKAGE_ROOT;
  const content = path.resolve(options.content);
  const out = path.resolve(options.out);
  process.env.ARSHIF_CONTENT = content;
  resetArchive();
  const archive = archiveFor(content);
  const prefix = normalisePrefix(options.pathPrefix);
  const cwd = process.cwd();
  // Eleventy resolves its input and config against the working directory.
  process.chdir(root);
  try {
    const elev = new Eleventy('templates', out, { configPath: '.eleventy.ts', pathPrefix: prefix, quietMode: true });
    await elev.write();
  } finally {
    process.chdir(cwd);
  }
  copyAssets(root, out);
  const pages = countHtml(out);
  return { pages, ms: Math.round(performance.now() - started), problems: archive.problems };
}

/** "/archive/" from "archive", "/archive", "/archive/"; "/" when empty. */
export function normalisePrefix(prefix?: string): string {
  const p = (prefix ?? '/').trim();
  if (!p || p === '/') return '/';
  return `/${p.replace(/^\/+|\/+$/g, '')}/`;
}

function copyAssets(root: string, out: string): void {
  const require = createRequire(path.join(root, 'package.json'));
  const fontDir = path.dirname(require.resolve('@fontsource/noto-naskh-arabic/400.css'));
  const faces: string[] = [];
  for (const weight of ['400', '700']) {
    const css = fs.readFileSync(path.join(fontDir, `${weight}.css`), 'utf8');
    for (const block of css.split(/(?=\/\* noto-naskh-arabic-)/)) {
      const m = /\/\* (noto-naskh-arabic-(arabic|latin|latin-ext)-\d+-normal) \*\//.exec(block);
      if (!m) continue;
      const file = `${m[1]}.woff2`;
      fs.mkdirSync(path.join(out, 'assets/fonts'), { recursive: true });
      fs.copyFileSync(path.join(fontDir, 'files', file), path.join(out, 'assets/fonts', file));
      faces.push(block.replace(/src:[^;]+;/, `src: url(fonts/${file}) format('woff2');`).trim());
    }
  }
  const style = fs.readFileSync(path.join(root, 'templates/assets/style.css'), 'utf8');
  writeFileAtomic(path.join(out, 'assets/style.css'), `${faces.join('\n')}\n${style}`);
}

function countHtml(dir: string): number {
  let n = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) if (e.isFile() && e.name.endsWith('.html')) n++;
  return n;
}
