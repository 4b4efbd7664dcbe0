// The page shell every page shares: RTL document, navigation, relative links, no client script needed.
import { esc, bidi, digits, arabicDate, arabicMonth } from '../../src/site/format.ts';
import { rel, urls, type ListPath } from '../../src/site/urls.ts';
import type { Archive, ListPart, SiteArticle } from '../../src/site/archive.ts';

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
  const topic = /^\/topics\/([a-z0-9-]+)\/(?:[^/]+\/)*$/.exec(o.url);
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
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; img-src 'self' data:; style-src 'self'; font-src 'self'; script-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'">
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

/**
 * A list of article teasers: headline link, date, outlet. That is all a list page's signature knows of an
 * article (SiteArticle.teaser): showing more of it here means adding it there.
 */
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

/**
 * Links to the previous and next page of a list cut into pages, and where this page is (`label`, by default
 * its number). It never names the number of pages: that would change on every page when the list grows.
 */
export function pager(p: { page: number; pages: number }, from: string, urlOf: (page: number) => string, archive: Archive, label?: string): string {
  if (p.pages <= 1) return '';
  const prev = p.page > 1 ? `<a rel="prev" href="${rel(from, urlOf(p.page - 1))}">→ الصفحة السابقة</a>` : '';
  const next = p.page < p.pages ? `<a rel="next" href="${rel(from, urlOf(p.page + 1))}">الصفحة التالية ←</a>` : '';
  return `<nav class="pager" aria-label="الصفحات">${prev}<span>${label ?? `الصفحة ${digits(p.page, archive.settings.digits)}`}</span>${next}</nav>`;
}

/** "1–12 آذار/مارس 2016": the days a page of a month's articles (oldest first) covers. */
export function dayRange(items: SiteArticle[], archive: Archive): string {
  const s = archive.settings;
  const first = items[0]?.meta.date;
  const last = items[items.length - 1]?.meta.date;
  if (!first || !last) return '';
  const day = (iso: string) => digits(Number(iso.slice(8, 10)), s.digits);
  const month = esc(arabicMonth(Number(first.slice(0, 4)), Number(first.slice(5, 7)), s.month_style, s.digits));
  return first === last ? `${day(first)} ${month}` : `${day(first)}–${day(last)} ${month}`;
}

/** Chips of a year's months, with counts, linking to each month's page of a list. */
function monthChips(year: number, months: { month: number; count: number }[], from: string, urlOf: (p: ListPath) => string, archive: Archive): string {
  const s = archive.settings;
  return `<ul class="chips">${months.map((m) => `<li><a href="${rel(from, urlOf({ kind: 'month', year, month: m.month }))}">${esc(arabicMonth(year, m.month, s.month_style, s.digits))}</a> <span class="count">${digits(m.count, s.digits)}</span></li>`).join('')}</ul>`;
}

/**
 * A page of a topic's or outlet's list (src/site/archive.ts, listParts): the front page with the newest
 * articles and the index of periods, a year, a month (or one of its parts), or the undated part.
 */
export function listPartPage<K>(p: ListPart<K>, name: string, url: string, urlOf: (part: ListPath) => string, archive: Archive): { title: string; body: string } {
  const s = archive.settings;
  const d = (n: number) => digits(n, s.digits);
  if (p.kind === 'front') {
    const periods = p.periods ?? [];
    const years = periods.length ? `<ul class="chips">${periods.map((y) => `<li><a href="${rel(url, urlOf({ kind: 'year', year: y.year }))}">${d(y.year)}</a> <span class="count">${d(y.count)}</span></li>`).join('')}</ul>` : '';
    const split = periods
      .filter((y) => y.months)
      .map((y) => `<h3 id="y${y.year}"><a href="${rel(url, urlOf({ kind: 'year', year: y.year }))}">${d(y.year)}</a></h3>\n${monthChips(y.year, y.months!, url, urlOf, archive)}`)
      .join('\n');
    const undated = p.undated ? `<p><a href="${rel(url, urlOf({ kind: 'undated' }))}">مقالات بلا تاريخ</a> <span class="count">${d(p.undated)}</span></p>` : '';
    const body = `<h1>${bidi(name)}</h1>
<p class="lead">${d(p.total ?? 0)} مقالة.</p>
<section aria-labelledby="newest"><h2 id="newest">${p.all ? 'المقالات' : 'أحدث المقالات'}</h2>
${articleList(p.items, url, archive)}
</section>
${periods.length || undated ? `<section aria-labelledby="periods"><h2 id="periods">حسب الفترة</h2>\n${years}\n${split}\n${undated}</section>` : ''}`;
    return { title: name, body };
  }
  const crumbs = [`<a href="${rel(url, urlOf({}))}">${bidi(name)}</a>`];
  let period: string;
  let content: string;
  if (p.kind === 'undated') {
    period = 'بلا تاريخ';
    content = `<p>لم تذكر صفحات هذه المقالات تاريخ نشرها.</p>\n${articleList(p.items, url, archive)}\n${pager(p, url, (n) => urlOf({ kind: 'undated', page: n }), archive)}`;
  } else if (p.kind === 'year') {
    period = d(p.year!);
    const split = p.periods?.[0];
    content = split?.months
      ? `<p>${d(split.count)} مقالة في ${d(p.year!)}، حسب الشهر:</p>\n${monthChips(p.year!, split.months, url, urlOf, archive)}`
      : `<p class="order">من الأقدم إلى الأحدث.</p>\n${articleList(p.items, url, archive)}`;
  } else {
    crumbs.push(`<a href="${rel(url, urlOf({ kind: 'year', year: p.year }))}">${d(p.year!)}</a>`);
    period = arabicMonth(p.year!, p.month!, s.month_style, s.digits);
    content = `<p class="order">من الأقدم إلى الأحدث.</p>\n${articleList(p.items, url, archive)}\n${pager(p, url, (n) => urlOf({ kind: 'month', year: p.year, month: p.month, page: n }), archive, dayRange(p.items, archive))}`;
  }
  const body = `<p class="crumbs">${crumbs.join(' › ')}</p>
<h1>${bidi(name)} — ${esc(period)}</h1>
${content}`;
  return { title: `${name} — ${period}`, body };
}
