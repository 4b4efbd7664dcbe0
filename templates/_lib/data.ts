// Shared helpers for the page templates: the archive of this build and the Eleventy data they receive.
import { archiveFor, type Archive } from '../../src/site/archive.ts';

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
