// Site URLs. Every internal link is written relative to the page that holds it and ends in index.html,
// so the site works under any path prefix, on any static host, and opened straight from the file system.
import path from 'node:path';

export const urls = {
  home: () => '/',
  article: (id: string) => `/a/${id}/`,
  topics: () => '/topics/',
  topic: (slug: string, page = 1) => `/topics/${slug}/${page > 1 ? `page-${page}/` : ''}`,
  dates: () => '/dates/',
  year: (y: number) => `/dates/${y}/`,
  month: (y: number, m: number, page = 1) => `/dates/${y}/${String(m).padStart(2, '0')}/${page > 1 ? `page-${page}/` : ''}`,
  day: (y: number, m: number, d: number) => `/dates/${y}/${String(m).padStart(2, '0')}/${String(d).padStart(2, '0')}/`,
  undated: (page = 1) => `/dates/undated/${page > 1 ? `page-${page}/` : ''}`,
  outlets: () => '/outlets/',
  outlet: (key: string, page = 1) => `/outlets/${key}/${page > 1 ? `page-${page}/` : ''}`,
  latest: (page = 1) => `/latest/${page > 1 ? `page-${page}/` : ''}`,
  search: () => '/search/',
  feed: () => '/feed.xml',
  topicFeed: (slug: string) => `/topics/${slug}/feed.xml`,
  asset: (name: string) => `/assets/${name}`,
};

/** A link from the page at `from` (a site URL) to `to`, relative, with index.html for folders. */
export function rel(from: string, to: string): string {
  const fromDir = from.endsWith('/') ? from : path.posix.dirname(from) + '/';
  let target = path.posix.relative(fromDir, to.endsWith('/') ? `${to}index.html` : to);
  if (!target) target = 'index.html';
  return target.split('/').map((seg) => encodeURIComponent(seg).replace(/%2E/g, '.')).join('/');
}
