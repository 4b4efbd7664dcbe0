// The site build: Eleventy renders templates/ over the archive in content/ into the output folder, then the
// stylesheet and the self-hosted Arabic font (@fontsource/noto-naskh-arabic, no font CDN) are copied in.
// Builds are incremental: the pages made one per item are rendered in chunks, and only when what they show
// changed since the last build into the same folder (src/site/pages.ts); a change to the code, templates,
// settings or taxonomy rebuilds everything.
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { resetArchive, archiveFor, type CachedFile, type FileCache } from './archive.ts';
import { beginPages, defaultWorkers, endPages, STATE_FILE } from './pages.ts';
import { renderDirect } from './direct.ts';
import { writeFileAtomic } from '../store/atomic.ts';

export interface BuildOptions {
  content: string;
  out: string;
  pathPrefix?: string;
  /** Project root holding templates/ and .eleventy.ts (default: this package). */
  root?: string;
  /** Render every page, whatever the last build into `out` left (default: only what changed). */
  full?: boolean;
  /** Write the search index (default true; the benchmark times the site without it). */
  search?: boolean;
  /** Worker threads (default: one per core, at most 4, for builds of 3,000 pages or more; a number given here is used whatever the size; 0 renders in this thread). */
  workers?: number;
}

export interface BuildResult {
  pages: number;
  ms: number;
  problems: string[];
  /** Pages rendered by this build (all of them unless it was incremental). */
  rendered?: number;
  /** Pages of the last build deleted because their article or list is gone. */
  deleted?: number;
  /** True when the last build's pages were reused. */
  incremental?: boolean;
  /** Time of the steps: reading the archive, Eleventy, writing assets and state (ms). */
  steps?: Record<string, number>;
}

interface BuildState {
  version: 1;
  /** Hash of code, templates, settings, taxonomy and path prefix: pages are reused only under the same one. */
  global: string;
  content: string;
  /** Signatures of the chunked pages, by output file. */
  pages: Record<string, string>;
  /** Parsed article files of the content folder. */
  files: Record<string, CachedFile>;
}

const PACKAGE_ROOT = path.resolve(import.meta.dirname, '../..');

/** Builds the site into `out`, rendering only the pages whose inputs changed since the last build there. */
export async function buildSite(options: BuildOptions): Promise<BuildResult> {
  const started = performance.now();
  const steps: Record<string, number> = {};
  let mark = started;
  const step = (name: string) => {
    const now = performance.now();
    steps[name] = Math.round(now - mark);
    mark = now;
  };
  const root = options.root ?? PACKAGE_ROOT;
  const content = path.resolve(options.content);
  const out = path.resolve(options.out);
  const prefix = normalisePrefix(options.pathPrefix);
  process.env.ARSHIF_CONTENT = content;
  const code = codeSignature(root);
  const global = globalSignature(root, content, prefix, code);
  const statePath = path.join(out, STATE_FILE);
  const last = readState(statePath);
  // Pages are reused only under the same code and settings; the last build's page list still says which
  // files to delete (an article removed while the settings changed too).
  const state = !options.full && last?.global === global ? last : null;
  // A build that stops half-way must not leave signatures of pages it did not write: the next one is full.
  fs.rmSync(statePath, { force: true });
  resetArchive();
  const archive = archiveFor(content, state ? new Map(Object.entries(state.files)) : undefined);
  step('archive');
  // Threads pay off from a few thousand pages (each loads the code and the archive once).
  const begin = () => beginPages(out, global, new Map(Object.entries(last?.pages ?? {})), !state, { workers: options.workers ?? defaultWorkers(), threshold: options.workers === undefined ? 3000 : 1, content, files: () => archive.files });
  begin();
  const cwd = process.cwd();
  let otherHtml: number | null = null;
  let direct = false;
  let pageState;
  try {
    // An incremental build renders the templates itself (src/site/direct.ts says why) unless one of them
    // needs Eleventy; a full build is Eleventy's.
    if (state) otherHtml = await renderDirect(root, out, code);
    direct = otherHtml !== null;
    if (otherHtml === null) {
      // Templates may have selected their pages already: start again for Eleventy.
      if (state) begin();
      // Eleventy resolves its input and config against the working directory.
      process.chdir(root);
      const { Eleventy } = await import('@11ty/eleventy');
      const elev = new Eleventy('templates', out, { configPath: '.eleventy.ts', pathPrefix: prefix, quietMode: true });
      otherHtml = eleventyHtml(await elev.write());
    }
  } finally {
    process.chdir(cwd);
    pageState = await endPages();
  }
  step(direct ? 'render' : 'eleventy');
  copyAssets(root, out);
  step('assets');
  if (options.search !== false) await (await import('./search.ts')).indexSearch({ out, archive, root });
  step('search');
  const next: BuildState = { version: 1, global, content, pages: Object.fromEntries(pageState.signatures), files: fileRecord(archive.files) };
  writeFileAtomic(statePath, JSON.stringify(next));
  step('state');
  const pages = pageState.pages.filter((f) => f.endsWith('.html')).length + (otherHtml ?? 0);
  return {
    pages,
    ms: Math.round(performance.now() - started),
    problems: archive.problems,
    rendered: pageState.rendered,
    deleted: pageState.deleted,
    incremental: Boolean(state),
    steps,
  };
}

function fileRecord(files: FileCache): Record<string, CachedFile> {
  const o: Record<string, CachedFile> = {};
  for (const [k, v] of files) o[k] = v;
  return o;
}

function readState(file: string): BuildState | null {
  try {
    const s = JSON.parse(fs.readFileSync(file, 'utf8')) as BuildState;
    // The file cache is checked file by file (size and times), so a moved content folder is fine too.
    if (s && s.version === 1 && typeof s.global === 'string' && s.pages && s.files) return s;
  } catch {
    /* no earlier build here, or a damaged state: build everything */
  }
  return null;
}

/**
 * Hash of everything a page depends on besides its own data: the code the site runs (templates/, src/site/,
 * .eleventy.ts and every module they import, followed through relative imports), package.json (the
 * versions of Eleventy and the rest), the site settings and taxonomy (content/_data/), and the path prefix.
 */
export function globalSignature(root: string, content: string, prefix: string, code = codeSignature(root)): string {
  const h = createHash('sha1');
  h.update(`v1\n${prefix}\n${code}\n`);
  for (const f of filesUnder(path.join(content, '_data')).sort()) h.update(`data:${path.relative(content, f)}\n`).update(fs.readFileSync(f));
  return h.digest('hex');
}

/** Hash of the code the site runs: templates/, src/site/, .eleventy.ts, package.json and what they import. */
export function codeSignature(root: string): string {
  const files = new Set<string>([...filesUnder(path.join(root, 'templates')), ...filesUnder(path.join(root, 'src/site'))]);
  for (const f of ['.eleventy.ts', 'package.json']) if (fs.existsSync(path.join(root, f))) files.add(path.join(root, f));
  const queue = [...files];
  while (queue.length) {
    const file = queue.pop()!;
    if (!/\.(ts|mts|js|mjs)$/.test(file)) continue;
    for (const m of fs.readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)) {
      const dep = path.resolve(path.dirname(file), m[1]!);
      if (!files.has(dep) && fs.existsSync(dep) && fs.statSync(dep).isFile()) {
        files.add(dep);
        queue.push(dep);
      }
    }
  }
  const h = createHash('sha1');
  for (const f of [...files].sort()) h.update(`${path.relative(root, f)}\n`).update(fs.readFileSync(f));
  return h.digest('hex');
}

/** Regular files below a folder (none when it does not exist). */
function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...filesUnder(p));
    else if (e.isFile()) out.push(p);
  }
  return out;
}

/** HTML files Eleventy itself wrote (the pages outside chunks). */
function eleventyHtml(results: unknown): number {
  let n = 0;
  const visit = (x: unknown) => {
    if (Array.isArray(x)) x.forEach(visit);
    else if (x && typeof x === 'object' && typeof (x as { outputPath?: unknown }).outputPath === 'string' && (x as { outputPath: string }).outputPath.endsWith('.html')) n++;
  };
  visit(Array.isArray(results) ? results[1] : results);
  return n;
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
