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
