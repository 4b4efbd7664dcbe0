// Incremental builds without starting Eleventy.
//
// Eleventy renders every full build. An incremental build after a few new dumps re-renders a few hundred
// pages at most, and starting Eleventy 3 costs more than that (loading it takes about 1.2 s of CPU here,
// going through its template map, data cascade and dependency graph a few seconds more at 10,000 articles:
// most of such a build). Our templates are plain classes (data() and render(), templates/_lib/data.ts), so
// when the last build into the same folder left a valid state, the build runs them itself: each template's
// data(), its permalink and one-item pagination, and render() with the page's URL, written where Eleventy
// writes it. The output is the same bytes (tests/site/incremental.test.ts and the benchmark compare an
// incremental build with a full Eleventy build, file by file). A template using anything else Eleventy
// offers (layouts, collections, other data keys, another pagination) makes the build fall back to Eleventy.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { fileAndUrl } from './pages.ts';

/** The code signature (src/site/build.ts) under which this process imported the templates. */
let loadedUnder: string | null = null;

/** Data keys a template may return for this renderer; anything else needs Eleventy. */
const KNOWN = new Set(['permalink', 'eleventyExcludeFromCollections', 'pagination', 'arshifChunks', 'arshifAlias']);

interface Template {
  data?(): Record<string, unknown>;
  render(d: Record<string, unknown>): string | Promise<string>;
}

/** The template files Eleventy would render: *.11ty.ts under templates/, but _lib/ and _includes/. */
export function templateFiles(root: string): string[] {
  const dir = path.join(root, 'templates');
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .map((f) => f.split(path.sep).join('/'))
    .filter((f) => f.endsWith('.11ty.ts') && !/(^|\/)_(lib|includes|data)\//.test(f))
    .sort()
    .map((f) => path.join(dir, f));
}

interface Prepared {
  file: string;
  template: Template;
  data: Record<string, unknown>;
}

/**
 * Loads every template and its data; null when one of them needs Eleventy (nothing is written then, but
 * chunked templates have selected their pages: the caller starts the page build again before Eleventy runs).
 */
async function prepare(root: string): Promise<Prepared[] | null> {
  const out: Prepared[] = [];
  for (const file of templateFiles(root)) {
    const Cls = (await import(pathToFileURL(file).href)).default as unknown;
    if (typeof Cls !== 'function' || typeof (Cls as { prototype?: Template }).prototype?.render !== 'function') return null;
    const template = new (Cls as new () => Template)();
    const data = template.data ? template.data() : {};
    if (Object.keys(data).some((k) => !KNOWN.has(k) && !(k === (data.pagination as { data?: string } | undefined)?.data))) return null;
    const pagination = data.pagination as { data?: string; size?: number; alias?: string } | undefined;
    if (pagination && ((pagination.size ?? 1) !== 1 || !pagination.alias || pagination.alias.includes('.') || !Array.isArray(data[pagination.data ?? '']))) return null;
    if (!pagination && typeof data.permalink !== 'string' && data.permalink !== false) return null;
    out.push({ file, template, data });
  }
  return out;
}

/** The output file and URL of a permalink (a folder permalink gets its index.html, as Eleventy does). */
function target(permalink: string): { file: string; url: string } {
  return fileAndUrl(permalink.endsWith('/') ? `${permalink}index.html` : permalink);
}

/**
 * Renders the site's templates into `out` without Eleventy; resolves to the number of HTML files written
 * outside chunks, or null when a template needs Eleventy (then nothing was written).
 */
export async function renderDirect(root: string, out: string, code: string): Promise<number | null> {
  // Modules are imported once per process: after the code changed in a long-running process (arshif serve),
  // only Eleventy, which reloads what changed, may render.
  loadedUnder ??= code;
  if (loadedUnder !== code) return null;
  const prepared = await prepare(root);
  if (!prepared) return null;
  let html = 0;
  const write = (file: string, text: string) => {
    const abs = path.join(out, file);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, text);
    if (file.endsWith('.html')) html++;
  };
  for (const { file, template, data } of prepared) {
    // Absolute, so that it resolves to the template whatever the working directory (Eleventy's is the root).
    const inputPath = file;
    const pagination = data.pagination as { data: string; alias: string } | undefined;
    if (!pagination) {
      if (data.permalink === false) continue;
      const t = target(data.permalink as string);
      write(t.file, await template.render({ ...data, page: { url: t.url, outputPath: t.file, inputPath } }));
      continue;
    }
    const items = data[pagination.data] as unknown[];
    const permalink = data.permalink;
    // A chunked template (templates/_lib/data.ts): its chunks write their own pages.
    const chunked = pagination.data === 'arshifChunks';
    const results: Promise<string>[] = [];
    items.forEach((item, pageNumber) => {
      const d: Record<string, unknown> = { ...data, [pagination.alias]: item, pagination: { ...pagination, pageNumber } };
      if (chunked) {
        d.page = { inputPath };
        results.push(Promise.resolve(template.render(d)));
        return;
      }
      const link = typeof permalink === 'function' ? (permalink as (d: unknown) => unknown)(d) : permalink;
      if (link === false) return;
      const t = target(String(link));
      d.page = { url: t.url, outputPath: t.file, inputPath };
      results.push(Promise.resolve(template.render(d)).then((text) => (write(t.file, text), '')));
    });
    await Promise.all(results);
  }
  return html;
}
