// Shared helpers for the page templates: the archive of this build and the Eleventy data they receive.
import { archiveFor, type Archive } from '../../src/site/archive.ts';
import path from 'node:path';
import { chunks, fileAndUrl, renderPool, selectPages, writePage, type PageJob } from '../../src/site/pages.ts';

export interface PageData<T = unknown> {
  page: { url: string };
  p: T;
}

/** The archive the current build renders (content folder from ARSHIF_CONTENT, default content/). */
export function archive(): Archive {
  return archiveFor(process.env.ARSHIF_CONTENT ?? 'content');
}

/** Eleventy data for a template that renders one page per item. */
export function perItem<T>(items: T[], permalink: (item: T) => string): Record<string, unknown> {
  return {
    items,
    pagination: { data: 'items', size: 1, alias: 'p' },
    permalink: (d: { p: T }) => `${permalink(d.p)}index.html`,
    eleventyExcludeFromCollections: true,
  };
}

interface PagedTemplate {
  data(): Record<string, unknown>;
  render(d: never): string;
}

/** The pages of a one-page-per-item template: every item with its output file and URL, and the item's alias. */
function pagesOf(Template: new () => PagedTemplate): { jobs: PageJob[]; alias: string; rest: Record<string, unknown> } {
  const inner = new Template().data();
  const pagination = inner.pagination as { data: string; size?: number; alias?: string } | undefined;
  const permalink = inner.permalink;
  if (!pagination || (pagination.size ?? 1) !== 1 || typeof permalink !== 'function') throw new Error('chunked(): the template must paginate one item per page with a permalink function');
  const alias = pagination.alias ?? 'pagination.items';
  if (alias.includes('.')) throw new Error('chunked(): the pagination needs an alias');
  const items = inner[pagination.data] as unknown[];
  const jobs: PageJob[] = items.map((item, index) => ({ index, ...fileAndUrl(String((permalink as (d: unknown) => string)({ [alias]: item }))), item }));
  const { pagination: _p, permalink: _l, [pagination.data]: _i, ...rest } = inner;
  return { jobs, alias, rest };
}

/** Renders one page of a template and writes it. */
function renderJob(template: PagedTemplate, job: PageJob, alias: string, base: Record<string, unknown>): void {
  const data = Object.create(base) as Record<string, unknown>;
  data.page = { ...(base.page as object | undefined), url: job.url, outputPath: job.file };
  data[alias] = job.item;
  writePage(job.file, template.render(data as never));
}

/** A chunked template class: Eleventy's view of it, and what worker threads use to render its pages. */
export interface ChunkedTemplate {
  new (): { data(): Record<string, unknown>; render(d: never): string | Promise<string> };
  /** Renders the pages at `indices` of the template's page list in this thread; returns how many. */
  renderPages(indices: number[]): number;
}

/**
 * Wraps a one-page-per-item template (its data() uses perItem, or any size-1 pagination with a permalink
 * function) so that Eleventy renders it in chunks of many pages, and only the pages whose signature changed
 * since the last build into the same folder (src/site/pages.ts). The template itself is unchanged: its
 * render() still receives one page's data ({ page: { url }, p: item }). Large builds render the chunks in
 * worker threads (src/site/render-worker.mjs), which compute the same page list from the same archive.
 */
export function chunked<C extends new () => PagedTemplate>(Template: C): ChunkedTemplate {
  let workerPages: ReturnType<typeof pagesOf> | null = null;
  // By the build's pool of threads, then template file: a second build in the same process (arshif serve,
  // an incremental build rendered without Eleventy) dispatches its own chunks.
  const dispatched = new WeakMap<object, Map<string, Promise<number>[]>>();
  return class Chunked {
    static renderPages(indices: number[]): number {
      workerPages ??= pagesOf(Template);
      const template = new Template();
      for (const i of indices) renderJob(template, workerPages.jobs[i]!, workerPages.alias, {});
      return indices.length;
    }
    data(): Record<string, unknown> {
      const { jobs, alias, rest } = pagesOf(Template);
      return {
        ...rest,
        arshifChunks: chunks(selectPages(jobs)),
        arshifAlias: alias,
        pagination: { data: 'arshifChunks', size: 1, alias: 'arshifChunk' },
        // Chunks are not pages: each writes its pages itself.
        permalink: false,
        eleventyExcludeFromCollections: true,
      };
    }
    render(d: { arshifChunk: PageJob[]; arshifChunks: PageJob[][]; arshifAlias: string; page: { inputPath?: string }; pagination: { pageNumber: number } }): string | Promise<string> {
      const pool = d.page.inputPath ? renderPool() : null;
      if (pool) {
        // The first chunk of the template sends all of them to the threads; each chunk then waits for its own.
        const file = path.resolve(d.page.inputPath!);
        let byFile = dispatched.get(pool);
        if (!byFile) dispatched.set(pool, (byFile = new Map()));
        let all = byFile.get(file);
        if (!all) {
          all = d.arshifChunks.map((c) => pool.run(file, c.map((j) => j.index)));
          for (const p of all) p.catch(() => undefined);
          byFile.set(file, all);
        }
        return all[d.pagination.pageNumber]!.then(() => '');
      }
      const template = new Template();
      for (const job of d.arshifChunk) renderJob(template, job, d.arshifAlias, d as unknown as Record<string, unknown>);
      return '';
    }
  };
}
