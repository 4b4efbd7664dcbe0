// The page shell every page shares: RTL document, navigation, relative links, no client script needed.
import { esc, bidi, digits, arabicDate } from '../../src/site/format.ts';
import { rel, urls } from '../../src/site/urls.ts';
import type { Archive, ListPage, SiteArticle } from '../../src/site/archive.ts';

export interface PageOptions {
  url: string;
  title: string;
  archive: Archive;
  body: string;
  description?: string;
  noindex?: boolean;
  /** Extra tags for <head> (already escaped). */
  head?: string;
  /** Site URLs of scripts and extra stylesheets this page loads; a page with scripts may run WebAssembly (search). */
  scripts?: string[];
  styles?: string[];
}

/** Atom feeds a page announces in <head>: the archive's on home, and the topic's with it on topic pages. */
function feedLinks(o: PageOptions): string {
  const feeds: [string, string][] = [];
  const topic = /^\/topics\/([a-z0-9-]+)\/(?:page-\d+\/)?$/.exec(o.url);
  if (topic) feeds.push([urls.topicFeed(topic[1]!), `${o.title} — ${o.archive.settings.title}`]);
  if (o.url === urls.home() || topic) feeds.push([urls.feed(), o.archive.settings.title]);
  return feeds.map(([href, title]) => `<link rel="alternate" type="application/atom+xml" title="${esc(title)}" href="${rel(o.url, href)}">\n`).join('');
}

const NAV: [string, () => string][] = [
  ['الرئيسية', urls.home],
  ['المواضيع', urls.topics],
  ['حسب التاريخ', urls.dates],
  ['المصادر', urls.outlets],
  ['بحث', urls.search],
];

/** A complete HTML page. */
export function layout(o: PageOptions): string {
  const { settings } = o.archive;
  const canonical = settings.base_url ? `${settings.base_url.replace(/\/$/, '')}${o.url}` : '';
  const nav = NAV.map(([label, to]) => {
    const current = to() === o.url ? ' aria-current="page"' : '';
    return `<li><a href="${rel(o.url, to())}"${current}>${esc(label)}</a></li>`;
  }).join('');
  const title = o.title === settings.title ? settings.title : `${o.title} — ${settings.title}`;
  return `<!doctype html>
<html lang="ar" dir="rtl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; img-src 'self' data:; style-src 'self'; font-src 'self'; script-src 'self'${o.scripts?.length ? " 'wasm-unsafe-eval'" : ''}; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'">
<title>${bidi(title).replace(/<[^>]+>/g, '')}</title>
<meta name="description" content="${esc(o.description ?? settings.description)}">
${o.noindex ? '<meta name="robots" content="noindex">\n' : ''}${canonical ? `<link rel="canonical" href="${esc(encodeURI(canonical))}">\n<meta property="og:url" content="${esc(encodeURI(canonical))}">\n` : ''}<meta property="og:title" content="${esc(o.title)}">
<meta property="og:site_name" content="${esc(settings.title)}">
<meta property="og:locale" content="ar_AR">
<link rel="stylesheet" href="${rel(o.url, urls.asset('style.css'))}">
${(o.styles ?? []).map((h) => `<link rel="stylesheet" href="${rel(o.url, h)}">\n`).join('')}${(o.scripts ?? []).map((h) => `<script src="${rel(o.url, h)}" defer></script>\n`).join('')}${feedLinks(o)}${o.head ?? ''}</head>
<body>
<a class="skip" href="#main">تخطَّ إلى المحتوى</a>
<header class="site">
<p class="brand"><a href="${rel(o.url, urls.home())}">${esc(settings.title)}</a></p>
<nav aria-label="الأقسام"><ul>${nav}</ul></nav>
</header>
<main id="main">
${o.body}
</main>
<footer class="site"><p>${esc(settings.title)} · أُنشئ بأداة أرشيف</p></footer>
</body>
</html>
`;
}

/** A list of article teasers: headline link, date, outlet. */
export function articleList(items: SiteArticle[], from: string, archive: Archive): string {
  if (!items.length) return '<p class="empty">لا توجد مقالات هنا بعد.</p>';
  const s = archive.settings;
  const li = items
    .map((a) => {
      const date = a.meta.date ? `<time datetime="${esc(a.meta.date)}">${esc(arabicDate(a.meta.date, s.month_style, s.digits))}</time>` : '<span class="undated">بلا تاريخ</span>';
      const outlet = a.meta.outlet ? ` · <span class="outlet">${bidi(a.meta.outlet)}</span>` : '';
      return `<li><a href="${rel(from, a.url)}">${bidi(a.meta.title)}</a><p class="meta">${date}${outlet}</p></li>`;
    })
    .join('\n');
  return `<ul class="articles">\n${li}\n</ul>`;
}

/** Links to the other pages of a paginated list. */
export function pager<K>(p: ListPage<K>, from: string, urlOf: (page: number) => string, archive: Archive): string {
  if (p.pages <= 1) return '';
  const d = (n: number) => digits(n, archive.settings.digits);
  const prev = p.page > 1 ? `<a rel="prev" href="${rel(from, urlOf(p.page - 1))}">→ الصفحة السابقة</a>` : '';
  const next = p.page < p.pages ? `<a rel="next" href="${rel(from, urlOf(p.page + 1))}">الصفحة التالية ←</a>` : '';
  return `<nav class="pager" aria-label="الصفحات">${prev}<span>الصفحة ${d(p.page)} من ${d(p.pages)}</span>${next}</nav>`;
}

