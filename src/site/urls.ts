// Site URLs. Every internal link is written relative to the page that holds it and ends in index.html,
// so the site works under any path prefix, on any static host, and opened straight from the file system.
import path from 'node:path';

/** A part of a topic's or outlet's list: its front page (none), a year, a month, its undated articles, and a page of a month or of the undated part. */
export interface ListPath {
  kind?: 'front' | 'year' | 'month' | 'undated';
  year?: number;
  month?: number;
  page?: number;
}

const pageDir = (page = 1) => (page > 1 ? `page-${page}/` : '');
const mm = (m: number) => String(m).padStart(2, '0');

function listPath(p: ListPath = {}): string {
  if (p.kind === 'undated') return `undated/${pageDir(p.page)}`;
  if (p.kind === 'year') return `${p.year}/`;
  if (p.kind === 'month') return `${p.year}/${mm(p.month!)}/${pageDir(p.page)}`;
  return '';
}

export const urls = {
  home: () => '/',
  article: (id: string) => `/a/${id}/`,
  topics: () => '/topics/',
  topic: (slug: string, part?: ListPath) => `/topics/${slug}/${listPath(part)}`,
  dates: () => '/dates/',
  year: (y: number) => `/dates/${y}/`,
  month: (y: number, m: number, page = 1) => `/dates/${y}/${mm(m)}/${pageDir(page)}`,
  day: (y: number, m: number, d: number) => `/dates/${y}/${mm(m)}/${String(d).padStart(2, '0')}/`,
  undated: (page = 1) => `/dates/undated/${pageDir(page)}`,
  outlets: () => '/outlets/',
  outlet: (key: string, part?: ListPath) => `/outlets/${key}/${listPath(part)}`,
  latest: (page = 1) => `/latest/${pageDir(page)}`,
  search: () => '/search/',
  feed: () => '/feed.xml',
  topicFeed: (slug: string) => `/topics/${slug}/feed.xml`,
  asset: (name: string) => `/assets/${name}`,
};

/** A link from the page at `from` (a site URL) to `to`, relative, with index.html for folders. */
export function rel(from: string, to: string): string {
  const fromDir = from.endsWith('/') ? from : path.posix.dirname(from) + '/';
  const target = to.endsWith('/') ? `${to}index.html` : to;
  let link: string;
  if (fromDir.startsWith('/') && target.startsWith('/') && !/\/\.{0,2}\/|\/\.{1,2}$/.test(fromDir + target)) {
    // Both are clean site paths (every link of a list page goes through here): up from the page's folder to
    // the common one, then down, without path.posix.relative's normalising.
    const a = fromDir.split('/');
    const b = target.split('/');
    let i = 1;
    while (i < a.length - 1 && i < b.length - 1 && a[i] === b[i]) i++;
    link = '../'.repeat(a.length - 1 - i) + b.slice(i).join('/');
  } else link = path.posix.relative(fromDir, target) || 'index.html';
  return link.split('/').map((seg) => encodeURIComponent(seg).replace(/%2E/g, '.')).join('/');
}
