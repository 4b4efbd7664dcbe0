// Atom feeds, the sitemap and robots.txt. Text from dumps is data: every string goes through xmlText().
//
// Links without base_url: Atom allows relative references in link/@href, resolved against xml:base or,
// without one, against the feed's own address (RFC 4287 §2, RFC 3986 §5.1). We do not know where the site
// will be served, so feeds then carry no xml:base and link relative to the feed file itself («a/<id>/index.html»
// from /feed.xml), which readers resolve correctly wherever the folder is hosted. atom:id must be an
// absolute IRI and must not change when a site moves, so entries get a urn:uuid derived from the article
// id (itself a hash of the text) whatever base_url says. With base_url, every link is absolute.
//
// A sitemap must list absolute URLs (sitemaps.org protocol), so without base_url none is written and
// robots.txt names no sitemap.
import { createHash } from 'node:crypto';
import { esc } from './format.ts';
import { renderBody } from './markdown.ts';
import { plainText } from './search.ts';
import { rel, urls } from './urls.ts';
import type { Archive, SiteArticle } from './archive.ts';

/** Entries per feed. */
export const FEED_SIZE = 50;
/** URLs per sitemap file (the protocol's limit is 50,000). */
export const SITEMAP_SIZE = 50000;

// Characters XML 1.0 cannot carry at all: controls, U+FFFE/U+FFFF and lone surrogates.
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
// Any control or surrogate at all: one plain scan, a third of NOT_XML's cost (its lookarounds), says when
// NOT_XML need not run, as for nearly every text (feeds run it over whole article bodies).
// eslint-disable-next-line no-control-regex
const MAYBE_NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff\ud800-\udfff]/;

/** Escapes text for XML content and attributes, dropping characters XML 1.0 cannot carry at all. */
export function xmlText(text: unknown): string {
  const s = String(text ?? '');
  return esc(MAYBE_NOT_XML.test(s) ? s.replace(NOT_XML, '') : s);
}

/** A stable urn:uuid (RFC 4122 name-based layout, SHA-1) for a name. */
export function urnUuid(name: string): string {
  const h = createHash('sha1').update(name).digest('hex');
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `urn:uuid:${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The absolute URL of a site URL when base_url is set (base_url includes any path prefix, as for canonical links). */
export function absolute(archive: Archive, siteUrl: string): string {
  const base = archive.settings.base_url.replace(/\/+$/, '');
  return base ? encodeURI(`${base}${siteUrl}`) : '';
}

/**
 * RFC 3339 for Atom, as @11ty/eleventy-plugin-rss's dateToRfc3339 writes it (ISO 8601 without the
 * milliseconds); written here because loading the plugin (posthtml and more) costs a quarter of a second,
 * much of an incremental build.
 */
function dateToRfc3339(d: Date): string {
  return `${d.toISOString().split('.')[0]}Z`;
}

const atomDates = new Map<string, string>();

/** An Atom date for a YYYY-MM-DD article date, or '' when the date is not a real day. */
export function atomDate(iso: string | undefined): string {
  if (!iso) return '';
  let v = atomDates.get(iso);
  if (v === undefined) {
    const d = new Date(`${iso}T00:00:00Z`);
    v = Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso ? '' : dateToRfc3339(d);
    if (atomDates.size < 100_000) atomDates.set(iso, v);
  }
  return v;
}

/** What an entry shows of an article's text, escaped: the summary (its first paragraph) and the body as HTML. */
interface EntryText {
  summary: string;
  content: string;
}

/** Entries whose text is kept: a few thousand (the newest articles, with tens of KB of text each). */
const ENTRY_CACHE = 2000;
// The newest articles are in the feeds of all their topics (a cold build of the 10,000-article benchmark
// writes 9,800 entries of 5,300 articles): the text of an entry, most of a feed's cost, is made once and kept
// by file hash (the same bytes are the same body), for the articles used last.
const entryTexts = new Map<string, EntryText>();

function entryText(a: SiteArticle): EntryText {
  let t = entryTexts.get(a.hash);
  if (t) {
    // Used again: now the last to go.
    entryTexts.delete(a.hash);
  } else {
    const body = a.body;
    const lead = plainText(body).split('\n')[0] ?? '';
    const summary = lead.length > 400 ? `${lead.slice(0, 400).replace(/\s+\S*$/, '')} …` : lead;
    t = { summary: xmlText(summary), content: xmlText(renderBody(body)) };
    if (entryTexts.size >= ENTRY_CACHE) entryTexts.delete(entryTexts.keys().next().value!);
  }
  entryTexts.set(a.hash, t);
  return t;
}

/** The first `n` articles of a list (newest first) that can be entries: those with a real date. */
export function newestDated(articles: SiteArticle[], n = FEED_SIZE): SiteArticle[] {
  const out: SiteArticle[] = [];
  // Stops at n: a topic's list runs to thousands of articles, and every build selects every feed's entries.
  for (let i = 0; i < articles.length && out.length < n; i++) if (atomDate(articles[i]!.meta.date)) out.push(articles[i]!);
  return out;
}

export interface FeedOptions {
  archive: Archive;
  /** Site URL of the feed file. */
  url: string;
  /** Site URL of the HTML page the feed follows. */
  page: string;
  title: string;
  /** Articles newest first; only dated ones become entries (an entry needs a date, and we never invent one). */
  items: SiteArticle[];
}

/** An Atom 1.0 feed of the newest dated articles of a list. */
export function atomFeed(o: FeedOptions): string {
  const { archive } = o;
  const s = archive.settings;
  const link = (to: string) => xmlText(absolute(archive, to) || rel(o.url, to));
  const topicNames = new Map(archive.topics.map((t) => [t.topic.slug, t.topic.name]));
  const entries = newestDated(o.items);
  // A feed with no dated entry still needs <updated>: the archive's newest date is the last time it changed
  // that we know of; build time would make two builds of the same content differ.
  const newest = atomDate(entries[0]?.meta.date) || atomDate(archive.latest.find((a) => atomDate(a.meta.date))?.meta.date) || '1970-01-01T00:00:00Z';
  const feedId = absolute(archive, o.url) || urnUuid(`arshif:feed:${s.title}:${o.url}`);
  const body = entries.map((a) => {
    const m = a.meta;
    const date = atomDate(m.date);
    const { summary, content } = entryText(a);
    const cats = m.topics
      .filter((t) => /^[a-z0-9-]+$/.test(t))
      .map((t) => `    <category term="${xmlText(t)}" label="${xmlText(topicNames.get(t) ?? t)}"/>\n`)
      .join('');
    return `  <entry>
    <title type="text">${xmlText(m.title)}</title>
    <link rel="alternate" type="text/html" href="${link(a.url)}"/>
    <id>${urnUuid(`arshif:article:${m.id}`)}</id>
    <published>${date}</published>
    <updated>${date}</updated>
${m.outlet ? `    <author><name>${xmlText(m.outlet)}</name></author>\n` : ''}${cats}    <summary type="text">${summary}</summary>
    <content type="html">${content}</content>
  </entry>
`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ar">
  <title type="text">${xmlText(o.title)}</title>
  <subtitle type="text">${xmlText(s.description)}</subtitle>
  <link rel="self" type="application/atom+xml" href="${link(o.url)}"/>
  <link rel="alternate" type="text/html" href="${link(o.page)}"/>
  <id>${xmlText(feedId)}</id>
  <updated>${newest}</updated>
  <author><name>${xmlText(s.title)}</name></author>
  <generator>arshif</generator>
${body.join('')}</feed>
`;
}

/**
 * The pages a search engine should know about: every article and the first page of every list (later
 * pages are linked from the first). The search page, the 404 page and review pages are left out.
 */
export function sitemapUrls(archive: Archive): string[] {
  const list: string[] = [urls.home(), urls.latest(), urls.topics(), urls.dates(), urls.outlets()];
  if (archive.undated.length) list.push(urls.undated());
  for (const t of archive.topics) list.push(urls.topic(t.topic.slug));
  for (const y of archive.years) {
    list.push(urls.year(y.year));
    for (const m of y.months) {
      list.push(urls.month(y.year, m.month));
      for (const d of m.days) list.push(urls.day(y.year, m.month, d.day));
    }
  }
  for (const o of archive.outlets) list.push(urls.outlet(o.key));
  for (const a of archive.latest) list.push(a.url);
  return list;
}

/** Sitemap files: one <urlset> per SITEMAP_SIZE URLs. Empty without base_url. */
export function sitemapChunks(archive: Archive): string[][] {
  if (!archive.settings.base_url) return [];
  const all = sitemapUrls(archive).map((u) => absolute(archive, u));
  const chunks: string[][] = [];
  for (let i = 0; i < all.length; i += SITEMAP_SIZE) chunks.push(all.slice(i, i + SITEMAP_SIZE));
  return chunks;
}

/** One <urlset>. */
export function sitemapXml(locs: string[]): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${locs.map((l) => `  <url><loc>${xmlText(l)}</loc></url>\n`).join('')}</urlset>
`;
}

/** A <sitemapindex> over the sitemap files. */
export function sitemapIndexXml(locs: string[]): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${locs.map((l) => `  <sitemap><loc>${xmlText(l)}</loc></sitemap>\n`).join('')}</sitemapindex>
`;
}

/** Site URL of sitemap file `n` (1-based) of `count`: sitemap.xml itself when one file is enough. */
export function sitemapFileUrl(n: number, count: number): string {
  return count <= 1 ? '/sitemap.xml' : `/sitemap-${n}.xml`;
}

/** robots.txt: everything may be crawled; the sitemap named when its absolute URL is known. */
export function robotsTxt(archive: Archive): string {
  const sitemap = archive.settings.base_url ? `Sitemap: ${absolute(archive, '/sitemap.xml')}\n` : '';
  return `User-agent: *\nAllow: /\n${sitemap}`;
}
