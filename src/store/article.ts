// The one article schema: front-matter fields in contract order, serialised with the `yaml` library and
// read back the same way. Hand-written articles use the same file shape.
import { createHash } from 'node:crypto';
import YAML from 'yaml';
import type { DateKind } from '../extract/date.ts';

export interface ArticleMeta {
  id: string;
  title: string;
  title_from: 'page' | 'lead';
  date?: string;
  date_kind: DateKind;
  date_evidence?: string;
  outlet?: string;
  place?: string;
  credit?: string;
  topics: string[];
  story?: string;
  sources: string[];
  /** Extensions (the contract welcomes more fields). */
  /** The page's original URL, when the input says (WARC target URI, canonical link, JSON Lines url). */
  url?: string;
  hashtags?: string[];
  words?: number;
  [extra: string]: unknown;
}

export interface ArticleFile {
  meta: ArticleMeta;
  /** Markdown body, LF line ends, one final newline. */
  body: string;
}

const ORDER = ['id', 'title', 'title_from', 'date', 'date_kind', 'date_evidence', 'outlet', 'place', 'credit', 'topics', 'story', 'sources', 'url', 'hashtags', 'words'];

/** Serialises an article to its Markdown file (front-matter + body). Deterministic for the same input. */
export function serializeArticle(article: ArticleFile): string {
  const ordered: Record<string, unknown> = {};
  for (const k of ORDER) if (article.meta[k] !== undefined) ordered[k] = article.meta[k];
  for (const k of Object.keys(article.meta).sort()) if (!(k in ordered) && article.meta[k] !== undefined) ordered[k] = article.meta[k];
  const fast = fastYaml(ordered);
  if (fast !== null) return `---\n${fast}---\n\n${article.body}`;
  const doc = new YAML.Document(ordered);
  YAML.visit(doc, { Seq(_, node) { node.flow = true; } });
  const yaml = doc.toString({ lineWidth: 0, flowCollectionPadding: false });
  return `---\n${yaml}---\n\n${article.body}`;
}

// The front-matter of nearly every article is flat: strings, whole numbers and lists of strings, none of them
// needing escapes. For those, the exact text the yaml library writes (with the options above: no line folding,
// flow lists, double quotes where a plain scalar would not read back as the same string) is produced here
// directly, ten times faster than building a YAML document; anything else goes through the library.
// tests/ingest/article.test.ts checks the two agree.

/** Scalars the core schema would read as something other than a string (the yaml library's own tests). */
const TYPED = [
  /^(?:~|[Nn]ull|NULL)?$/,
  /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/,
  /^0o[0-7]+$/,
  /^[-+]?[0-9]+$/,
  /^0x[0-9a-fA-F]+$/,
  /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
  /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/,
  /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/,
];
/** Characters the fast path leaves to the library: quotes, escapes, line breaks, controls, odd spaces. */
const HARD = /[\x00-\x1f\x7f-\x9f\u00a0\u2028\u2029\ufeff"'\\]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const NOT_PLAIN = /^[\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|:[ \t]|[ \t]#|[\t :]$/;

function fastScalar(v: unknown, inFlow: boolean): string | null {
  if (typeof v === 'number') return Number.isSafeInteger(v) ? String(v) : null;
  if (typeof v !== 'string' || !v || HARD.test(v) || LONE_SURROGATE.test(v) || /^(?:%|---|\.\.\.)/.test(v)) return null;
  const quote = (inFlow && /[[\]{},]/.test(v)) || NOT_PLAIN.test(v) || TYPED.some((t) => t.test(v));
  return quote ? `"${v}"` : v;
}

export function fastYaml(meta: Record<string, unknown>): string | null {
  let out = '';
  for (const [k, v] of Object.entries(meta)) {
    if (!/^[a-z][a-z0-9_]*$/.test(k) || TYPED.some((t) => t.test(k))) return null;
    let text: string | null;
    if (Array.isArray(v)) {
      const items: string[] = [];
      for (const x of v) {
        const s = fastScalar(x, true);
        if (s === null) return null;
        items.push(s);
      }
      text = `[${items.join(', ')}]`;
    } else text = fastScalar(v, false);
    if (text === null) return null;
    out += `${k}: ${text}\n`;
  }
  return out;
}

/** Serialises through the yaml library (the fast path's reference). */
export function serializeArticleSlow(article: ArticleFile): string {
  const ordered: Record<string, unknown> = {};
  for (const k of ORDER) if (article.meta[k] !== undefined) ordered[k] = article.meta[k];
  for (const k of Object.keys(article.meta).sort()) if (!(k in ordered) && article.meta[k] !== undefined) ordered[k] = article.meta[k];
  const doc = new YAML.Document(ordered);
  YAML.visit(doc, { Seq(_, node) { node.flow = true; } });
  const yaml = doc.toString({ lineWidth: 0, flowCollectionPadding: false });
  return `---\n${yaml}---\n\n${article.body}`;
}

/** Parses an article file; throws with a clear message when its front-matter is not valid YAML. */
export function parseArticle(text: string): ArticleFile {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(text);
  if (!m) return { meta: { id: '', title: '', title_from: 'page', date_kind: 'none', topics: [], sources: [] }, body: text };
  const data = (YAML.parse(m[1]!, { schema: 'core' }) ?? {}) as Record<string, unknown>;
  const meta = data as ArticleMeta;
  meta.topics = Array.isArray(meta.topics) ? meta.topics.map(String) : [];
  meta.sources = Array.isArray(meta.sources) ? meta.sources.map(String) : meta.sources ? [String(meta.sources)] : [];
  if (meta.date !== undefined) meta.date = String(meta.date);
  meta.date_kind ??= meta.date ? 'explicit' : 'none';
  return { meta, body: text.slice(m[0].length).replace(/^\n/, '') };
}

/** Short hex digest of a text. */
export function digest(text: string, length = 10): string {
  return createHash('sha256').update(text).digest('hex').slice(0, length);
}
