// HTML page → the same block tree a text dump gives, plus the page's structural evidence.
// The page is parsed with rehype-parse and flattened the way a crawler's text extraction sees it: the
// <title> text first, then each visible block (p, li, h1–h6, figcaption, td, a div's own text, a <br>-split
// run) on its own line. Each block keeps what the markup says about it — its tag, the zone it sits in
// (nav, footer, aside, form, figure, header), the share of its text inside links — and the page-level
// facts (og:/article: meta, JSON-LD NewsArticle, <time datetime>, canonical URL) are collected for the
// extractors. Because the lines are the text dump's lines, the same page gives the same article from .txt,
// .html or a WARC record, and template learning and the review page work on both alike.
import type { Element, ElementContent, Root, RootContent } from 'hast';
import { unified } from 'unified';
import rehypeParse from 'rehype-parse';
import { displayClean } from '../arabic/normalize.ts';
import '../parse/blocks.ts';

/** Facts the page's markup states about itself. All values are the page's own strings. */
export interface PageEvidence {
  /** <title> text. */
  title?: string;
  ogTitle?: string;
  /** og:site_name, or the JSON-LD publisher's name. */
  siteName?: string;
  /** <link rel=canonical> or og:url. */
  url?: string;
  /** Publication date claims, best first: JSON-LD datePublished, article:published_time, <time> in the article. */
  published: { value: string; from: string }[];
  /** Modification stamps (never the publication date; reported only). */
  modified: { value: string; from: string }[];
  /** JSON-LD headline. */
  headline?: string;
  /** JSON-LD / meta author names. */
  authors: string[];
}

export interface ParsedHtml {
  tree: Root;
  /** The page as a text dump: one line per block, the <title> text first. */
  lines: string[];
  evidence: PageEvidence;
}

const SKIP = new Set(['script', 'style', 'noscript', 'template', 'svg', 'math', 'iframe', 'object', 'embed', 'canvas', 'head', 'select', 'option', 'input', 'textarea', 'video', 'audio', 'picture', 'img', 'source', 'map']);
const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'dd', 'details', 'dialog', 'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure',
  'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'table',
  'tbody', 'td', 'th', 'thead', 'tfoot', 'tr', 'ul', 'summary', 'caption', 'menu', 'html', 'label', 'legend', 'button', 'center',
]);
/** Zones whose text is page furniture wherever they sit, innermost first. */
const FURNITURE_TAGS: Record<string, string> = { nav: 'nav', footer: 'footer', aside: 'aside', form: 'form', figcaption: 'figcaption', button: 'form', label: 'form' };
const ROLE_ZONES: Record<string, string> = { navigation: 'nav', contentinfo: 'footer', complementary: 'aside', search: 'form', banner: 'header' };

interface Ctx { zone?: string; inArticle: boolean; inLink: boolean; hidden: boolean }
interface Pending { text: string; linkChars: number; tag: string; zone?: string; inArticle: boolean }

function classTokens(el: Element): string[] {
  const c = el.properties?.className;
  const id = el.properties?.id;
  const list: string[] = Array.isArray(c) ? c.map(String) : typeof c === 'string' ? (c as string).split(/\s+/) : [];
  if (typeof id === 'string') list.push(id);
  return list.map((s) => s.toLowerCase());
}

function isHidden(el: Element): boolean {
  const p = el.properties ?? {};
  if (p.hidden !== undefined && p.hidden !== false && p.hidden !== null) return true;
  if (String(p.ariaHidden ?? '') === 'true') return true;
  const style = typeof p.style === 'string' ? p.style.replace(/\s+/g, '').toLowerCase() : '';
  return style.includes('display:none') || style.includes('visibility:hidden');
}

/** Parses an HTML page into blocks and evidence. */
export function parseHtmlPage(html: string): ParsedHtml {
  const hast = unified().use(rehypeParse).parse(html) as Root;
  const evidence: PageEvidence = { published: [], modified: [], authors: [] };
  collectHead(hast, evidence);

  const blocks: Pending[] = [];
  let current: Pending | null = null;
  const flush = () => {
    if (current) {
      const text = current.text.replace(/\s+/g, ' ').trim();
      if (text) blocks.push({ ...current, text });
    }
    current = null;
  };
  const blockTagOf: string[] = ['body'];

  const visit = (node: RootContent | ElementContent, ctx: Ctx) => {
    if (node.type === 'text') {
      if (ctx.hidden) return;
      if (!current) current = { text: '', linkChars: 0, tag: blockTagOf[blockTagOf.length - 1]!, zone: ctx.zone, inArticle: ctx.inArticle };
      current.text += node.value;
      if (ctx.inLink) current.linkChars += node.value.replace(/\s+/g, '').length;
      return;
    }
    if (node.type !== 'element') return;
    const el = node;
    const tag = el.tagName;
    if (SKIP.has(tag) || isHidden(el)) return;
    if (tag === 'br' || tag === 'hr') {
      flush();
      return;
    }
    const next: Ctx = { ...ctx };
    const role = String(el.properties?.role ?? '');
    if (FURNITURE_TAGS[tag]) next.zone = FURNITURE_TAGS[tag];
    else if (ROLE_ZONES[role]) next.zone = ROLE_ZONES[role];
    else if (tag === 'header' && !ctx.inArticle) next.zone ??= 'header';
    else if (tag === 'figure') next.zone ??= 'figure';
    if (tag === 'article' || tag === 'main' || role === 'main' || role === 'article') next.inArticle = true;
    if (tag === 'a') next.inLink = true;
    // Class names are the page author's own labels; only the unmistakable ones count as evidence.
    if (!next.zone) {
      const cls = classTokens(el);
      if (cls.some((c) => /(^|[-_])(breadcrumbs?|share|social|sharing|related|newsletter|comments?|sidebar|footer|menu|navbar|ticker|most-?read|tags?)($|[-_])/.test(c))) {
        next.zone = cls.some((c) => /related|most-?read|sidebar|ticker/.test(c)) ? 'aside' : cls.some((c) => /footer/.test(c)) ? 'footer' : cls.some((c) => /comment|newsletter/.test(c)) ? 'form' : 'nav';
      }
    }
    const isBlock = BLOCK.has(tag);
    if (isBlock) {
      flush();
      blockTagOf.push(tag);
    }
    for (const child of el.children) visit(child, next);
    if (isBlock) {
      flush();
      blockTagOf.pop();
    }
  };
  const body = findElement(hast, 'body') ?? hast;
  for (const child of body.children) visit(child as RootContent, { inArticle: false, inLink: false, hidden: false });
  flush();

  collectTimes(body, evidence);

  const lines: string[] = [];
  const children: Element[] = [];
  const push = (text: string, data: Omit<Pending, 'text'>) => {
    const value = displayClean(text).trim();
    // A block longer than any paragraph (a data blob, a page without markup) is not read as text.
    if (!value || value.length > 20_000) return;
    lines.push(value);
    const line = lines.length;
    const chars = value.replace(/\s+/g, '').length || 1;
    children.push({
      type: 'element',
      tagName: data.tag === 'li' ? 'li' : 'p',
      properties: {},
      children: [{ type: 'text', value }],
      position: { start: { line, column: 1 }, end: { line, column: value.length + 1 } },
      data: {
        block: {
          line,
          text: value,
          tag: data.tag,
          // Inside <article>/<main> and in no furniture zone: the markup places the block in the article.
          zone: data.zone ?? (data.inArticle ? 'article' : undefined),
          linkDensity: Math.min(1, data.linkChars / chars),
        },
        // Cast: rehype-parse's verbose-mode typing makes `position` look required on every element's data.
      } as Element['data'],
    });
  };
  if (evidence.title) push(evidence.title, { tag: 'title', linkChars: 0, inArticle: false });
  for (const b of blocks) push(b.text, b);
  return { tree: { type: 'root', children }, lines, evidence };
}

function findElement(node: Root | Element, tag: string): Element | null {
  for (const c of node.children) {
    if (c.type !== 'element') continue;
    if (c.tagName === tag) return c;
    const f = findElement(c, tag);
    if (f) return f;
  }
  return null;
}

function* elements(node: Root | Element): Generator<Element> {
  for (const c of node.children) {
    if (c.type !== 'element') continue;
    yield c;
    yield* elements(c);
  }
}

function textOf(node: Element): string {
  let s = '';
  for (const c of node.children) {
    if (c.type === 'text') s += c.value;
    else if (c.type === 'element') s += textOf(c);
  }
  return s;
}

function metaContent(el: Element): { key: string; content: string } | null {
  const p = el.properties ?? {};
  const key = String(p.property ?? p.name ?? p.itemProp ?? '').toLowerCase();
  const content = p.content;
  if (!key || content === undefined || content === null) return null;
  return { key, content: displayClean(String(content)).trim() };
}

function collectHead(root: Root, ev: PageEvidence): void {
  for (const el of elements(root)) {
    if (el.tagName === 'title' && ev.title === undefined) {
      const t = displayClean(textOf(el)).replace(/\s+/g, ' ').trim();
      if (t) ev.title = t;
    } else if (el.tagName === 'meta') {
      const m = metaContent(el);
      if (!m || !m.content) continue;
      if (m.key === 'og:title') ev.ogTitle ??= m.content;
      else if (m.key === 'og:site_name') ev.siteName ??= m.content;
      else if (m.key === 'og:url') ev.url ??= m.content;
      else if (m.key === 'article:published_time' || m.key === 'datepublished' || m.key === 'pubdate' || m.key === 'publish-date' || m.key === 'date')
        ev.published.push({ value: m.content, from: `meta ${m.key}` });
      else if (m.key === 'article:modified_time' || m.key === 'datemodified' || m.key === 'og:updated_time') ev.modified.push({ value: m.content, from: `meta ${m.key}` });
      else if (m.key === 'author' || m.key === 'article:author') ev.authors.push(m.content);
    } else if (el.tagName === 'link') {
      const rel = el.properties?.rel;
      const rels: string[] = Array.isArray(rel) ? rel.map(String) : typeof rel === 'string' ? (rel as string).split(/\s+/) : [];
      if (rels.includes('canonical') && el.properties?.href) ev.url = String(el.properties.href);
    } else if (el.tagName === 'script' && String(el.properties?.type ?? '').toLowerCase() === 'application/ld+json') {
      const raw = textOf(el);
      try {
        readJsonLd(JSON.parse(raw), ev);
      } catch {
        /* broken JSON-LD is common; the page's other evidence still counts */
      }
    }
  }
  // JSON-LD claims first: they are the publisher's structured statement for this article.
  ev.published.sort((a, b) => rank(a.from) - rank(b.from));
}

function rank(from: string): number {
  return from.startsWith('json-ld') ? 0 : from.startsWith('meta') ? 1 : 2;
}

const ARTICLE_TYPES = /^(NewsArticle|Article|ReportageNews|AnalysisNewsArticle|OpinionNewsArticle|BlogPosting|WebPage|LiveBlogPosting|BackgroundNewsArticle)$/;

function readJsonLd(data: unknown, ev: PageEvidence, depth = 0): void {
  if (depth > 6 || data === null || typeof data !== 'object') return;
  if (Array.isArray(data)) {
    for (const d of data) readJsonLd(d, ev, depth + 1);
    return;
  }
  const o = data as Record<string, unknown>;
  if (Array.isArray(o['@graph'])) readJsonLd(o['@graph'], ev, depth + 1);
  const type = ([] as unknown[]).concat(o['@type'] ?? []).map(String);
  if (!type.some((t) => ARTICLE_TYPES.test(t))) return;
  const isPage = type.every((t) => t === 'WebPage');
  if (typeof o.datePublished === 'string' && !isPage) ev.published.push({ value: o.datePublished.trim(), from: `json-ld ${type[0]} datePublished` });
  if (typeof o.dateModified === 'string') ev.modified.push({ value: o.dateModified.trim(), from: `json-ld ${type[0]} dateModified` });
  if (typeof o.headline === 'string' && !isPage) ev.headline ??= displayClean(o.headline).trim();
  const pub = o.publisher as Record<string, unknown> | undefined;
  if (pub && typeof pub === 'object' && typeof pub.name === 'string' && !isPage) ev.siteName ??= displayClean(pub.name).trim();
  for (const a of ([] as unknown[]).concat(o.author ?? [])) {
    if (typeof a === 'string') ev.authors.push(a);
    else if (a && typeof a === 'object' && typeof (a as Record<string, unknown>).name === 'string') ev.authors.push(String((a as Record<string, unknown>).name));
  }
}

/** <time datetime> inside the article (not in related lists, asides or footers) claims the publication date. */
function collectTimes(body: Root | Element, ev: PageEvidence): void {
  const walk = (node: Root | Element, inArticle: boolean, furniture: boolean) => {
    for (const c of node.children) {
      if (c.type !== 'element') continue;
      const tag = c.tagName;
      const f = furniture || tag === 'aside' || tag === 'nav' || tag === 'footer' || classTokens(c).some((x) => /related|most-?read|sidebar|ticker/.test(x));
      const a = inArticle || tag === 'article' || tag === 'main';
      if (tag === 'time' && a && !f) {
        const dt = c.properties?.dateTime;
        if (typeof dt === 'string' && dt.trim()) {
          const pub = String(c.properties?.itemProp ?? '').toLowerCase();
          if (pub === 'datemodified') ev.modified.push({ value: dt.trim(), from: '<time itemprop=dateModified>' });
          else ev.published.push({ value: dt.trim(), from: `<time datetime> "${displayClean(textOf(c)).trim().slice(0, 60)}"` });
        }
      }
      walk(c, a, f);
    }
  };
  walk(body, false, false);
}
