// Site search: arshif's own static index, written here and read by templates/assets/search.js.
//
// Why not Pagefind (used until schema 1): measured on the 10,000-article benchmark archive it indexed 76
// articles/s (128.6 s, ≈4.4× the whole plain-Eleventy site build) and held ≈0.5 MB per article in memory with
// our clitic-expanded records (≈2 GB for a 4k-article shard); it cannot add to an index, so every new dump
// meant indexing whole shards again. The JavaScript libraries that build an index (minisearch 7.2, flexsearch
// 0.8, lunr 2.3 on npm) serialise one whole index that the browser loads before its first query, too big for
// a 100k-article archive. So the index is written here, from each word's forms directly, into small static
// JSON files a browser fetches only as a query needs them.
//
// Arabic: each match-keyed word is indexed under all its forms (indexForms: the word, the word without each
// clitic cluster in front of it — و ف ب ك ل and the article ال in their combinations — and each of those
// without its suffixes), and the browser reduces each query word to one form (queryTerm). A query form is
// then among the indexed forms of any word with the same stem, whichever clitics either side carries, and
// matching query forms as prefixes of indexed forms covers longer suffixed words («اقتصاد» finds
// «الاقتصادية»). Readers never see those forms: results show the real title and an excerpt cut from the
// real text. templates/assets/search.js ports these functions (tests check both give the same output).
//
// Layout of <out>/search-index/ (URLs inside are relative to the site root, so one index serves any prefix):
//   shards.json                 {schema, shards: [{key, hash, count}]}; hash is a digest of the shard's input
//   <shard>/meta.json           {count, chunk, files, len}: the prefixes each term file holds, and per
//                               document its length in words (one character on a log scale), for ranking
//   <shard>/t/<n>.json          [[term, p, p, …], …] sorted by term; per document that has the term,
//                               p = (gap from the previous document number) × 16 + weight, or, for a weight
//                               over 15, p = gap × 16 followed by the weight. Terms are grouped by their
//                               first two characters (UTF-16 units), so every term a query form can be a
//                               prefix of is in one group; a group over SPLIT_BYTES is split by the next
//                               character, and consecutive small groups share a file up to PACK_BYTES
//                               (thousands of tiny files cost more to write than the index itself).
//                               meta.files[n] lists the group prefixes in t/<n>.json.
//   <shard>/d/<n>.json          documents n·chunk … n·chunk+chunk−1: [{u, t, d, o, i, b}] = url, title, date
//                               in Arabic, outlet, ISO date, plain body text (for excerpts)
// Documents are numbered in each shard newest first, then by URL, and shards.json lists shards newest
// first, so the browser breaks ties in score by that order with no dates to download.
//
// Scale: the archive is indexed in shards (assignShards: a year, or the undated shelf, in hash buckets over
// `cap`); a shard is indexed in memory, so `cap` bounds memory, and only shards whose digest changed are
// written again. Every file is built from sorted input, so the same archive gives byte-identical files.
// Measured on the 10,000-article benchmark archive (npm run bench -- --n 10000, on a 2-core machine busy
// with other jobs): 5.7 s in the build (1,711 articles/s; Pagefind: 128.6 s), ≈ 6 s of CPU alone with peak
// RSS ≈ 245 MB including the loaded archive; 88 MB of index in ≈ 3,200 files.
//
// Incremental: a shard written again is updated in place from its own files, which <out>/.arshif-search.json
// (SearchState) describes: only articles it does not hold yet are read and scanned, the others' postings
// are merged from its term files and their records copied from its doc files, and files that come out the
// same are not written. Output is byte for byte that of a fresh build. A reader fetching files while a shard
// is being written may get a mix of old and new files (as it could between a shard's removal and its
// replacement before); a run that fails leaves the shard unlisted in that state, and the next run writes it
// afresh. Measured on the 10,000-article benchmark after 10 new articles in 7 of 11 shards: ≈ 1.1 s of CPU
// for the index (≈ 3.2–6.5 s when those shards were indexed whole; the machine is shared, figures vary).
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import MarkdownIt from 'markdown-it';
import { isMatchSpace, matchTokens } from '../arabic/normalize.ts';
import { arabicDate } from './format.ts';
import { writeFileAtomic } from '../store/atomic.ts';
import { grown } from '../util/grow.ts';
import type { Archive, SiteArticle } from './archive.ts';

/** Bumped whenever what goes into the index or its format changes, so every shard is written again. */
export const SEARCH_SCHEMA = 2;

// Measured on the benchmark archive (bench/generate.ts, ≈ 460 words an article; one core of a 2-core
// machine shared with other jobs): one shard of 8,000 articles took ≈ 4.8 s of CPU and raised peak RSS by
// ≈ 145 MB (2,000: ≈ 1.9 s, ≈ 65 MB). So 8000 bounds the memory of indexing a shard well under 500 MB and
// the cost of re-indexing the biggest shard (a year that received new dumps) at a few seconds, while a
// 100k-article archive over ten years has ≈ 20 shards (years of 10k split into two buckets of ≈ 5k): ≈ 20
// term files and 20 meta files (a few kB each) per query word. Pagefind needed 4000 to stay near 2 GB.
/** Articles per shard before a year (or the undated shelf) is split into hash buckets. */
export const DEFAULT_SHARD_CAP = 8000;

// An article's text is ≈ 7 kB of JSON (Arabic is two bytes a letter in UTF-8); 4 a file keeps the 10 results
// of a page (usually in 10 different files) near 280 kB before compression, in 2,500 files per 10k articles.
/** Documents per doc file. */
export const DOC_CHUNK = 4;

/** A group of terms (JSON) larger than this is split by its terms' next character. */
export const SPLIT_BYTES = 32 * 1024;

/**
 * Consecutive small groups of terms share a file up to this size. Measured here on an ext4 disk, writing
 * 6,000 files of 4 kB took ≈ 2.4 s and 600 files of 38 kB ≈ 0.2 s; a query reads one file per word and shard.
 */
export const PACK_BYTES = 32 * 1024;

/** How much a word counts where it stands: a title word counts three body words, a name (outlet, place, topic, hashtag) two. */
export const WEIGHTS = { title: 3, body: 1, names: 2 } as const;

const PACKAGE_ROOT = path.resolve(import.meta.dirname, '../..');

// Clitic clusters in front of a match-keyed word. Clusters with the article leave ≥ 3 letters; bare
// conjunctions/prepositions must leave ≥ 4, because query words match indexed forms as prefixes and a short
// remainder («كتاب» → «تاب») would match unrelated words («تابع»).
const ARTICLE_CLUSTERS = ['وبال', 'وكال', 'فبال', 'فكال', 'ولل', 'فلل', 'وال', 'فال', 'بال', 'كال', 'لل', 'ال'];
const BARE_CLUSTERS = ['وب', 'وك', 'ول', 'فب', 'فك', 'فل', 'و', 'ف', 'ب', 'ك', 'ل'];
const CLUSTERS: [string, number][] = [...ARTICLE_CLUSTERS.map((p): [string, number] => [p, 3]), ...BARE_CLUSTERS.map((p): [string, number] => [p, 4])];

/** Every form of a match-keyed word with clitics taken off in all the ways the clusters allow (the word first). */
export function searchForms(word: string): string[] {
  const seen = [word];
  for (let i = 0; i < seen.length; i++) {
    const w = seen[i]!;
    for (const [p, min] of CLUSTERS) {
      if (w.startsWith(p) && w.length - p.length >= min) {
        const rest = w.slice(p.length);
        if (!seen.includes(rest)) seen.push(rest);
      }
    }
  }
  return seen;
}

/** A match-keyed query word without its longest clitic cluster. */
export function queryForm(word: string): string {
  for (const [p, min] of CLUSTERS) if (word.startsWith(p) && word.length - p.length >= min) return word.slice(p.length);
  return word;
}

// Lucene's light-stemmer suffixes (after match keys, so ة is already ه), tried once each in this order.
// Each cut must leave ≥ 3 letters: query words match indexed forms as prefixes, and a two-letter stem would
// match a great many words.
const SUFFIXES = ['ها', 'ان', 'ات', 'ون', 'ين', 'يه', 'ه', 'ي'];

/** A match-keyed word without its suffixes (الاقتصاديه → الاقتصاد, فلسطينيين → فلسطين). */
export function suffixStem(word: string): string {
  let w = word;
  for (const s of SUFFIXES) if (w.endsWith(s) && w.length - s.length >= 3) w = w.slice(0, w.length - s.length);
  return w;
}

/** Every form a word is indexed under: its clitic forms and their suffix stems. */
export function indexForms(word: string): string[] {
  const forms = searchForms(word);
  for (const f of [...forms]) {
    const stem = suffixStem(f);
    if (!forms.includes(stem)) forms.push(stem);
  }
  return forms;
}

/** The one form a match-keyed query word is searched by. */
export function queryTerm(word: string): string {
  return suffixStem(queryForm(word));
}

/**
 * The words of a text that are indexed: its match-keyed words without lone letters (digits are kept). Query
 * words match indexed forms as prefixes, so a lone «ك» in the index would be matched by nothing useful, and
 * the browser drops lone letters from queries likewise.
 */
export function indexWords(text: string): string[] {
  return matchTokens(text).filter((w) => w.length > 1 || /\d/.test(w));
}

/** What the browser searches for when a reader types `query`. */
export function searchQuery(query: string): string {
  return matchTokens(query).map(queryTerm).join(' ');
}

const md = new MarkdownIt({ html: false, linkify: false, typographer: false });

/** plainText through markdown-it: what plainText returns for every body (tests compare the two). */
export function plainTextMarkdown(markdown: string): string {
  const lines: string[] = [];
  for (const t of md.parse(markdown, {})) {
    if (t.type !== 'inline') continue;
    const line = (t.children ?? [])
      .map((c) => (c.type === 'text' || c.type === 'code_inline' ? c.content : c.type === 'softbreak' || c.type === 'hardbreak' ? ' ' : ''))
      .join('')
      .trim();
    if (line) lines.push(line);
  }
  return lines.join('\n');
}

// Bodies written by arshif are mostly plain paragraphs and `## ` subheadings. For those, plainText needs no
// Markdown parser (parsing was ≈ 0.2 ms an article, a third of the search index's time); anything that could
// be Markdown syntax — inline markup, escapes, entities, a line starting like a list, quote, code or rule,
// unusual white space — goes to markdown-it.
const INLINE_SYNTAX = (() => {
  // A table rather than a regular expression: testing a whole body with a character class cost ≈ 10 ns a character.
  const t = new Uint8Array(0x10000);
  for (const ch of '\\`*_[]<>&|~\t\r\0\v\f\u00a0\u1680\u2028\u2029\u202f\u205f\u3000\ufeff') t[ch.charCodeAt(0)] = 1;
  for (let c = 0x2000; c <= 0x200a; c++) t[c] = 1;
  return t;
})();
function hasInlineSyntax(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (INLINE_SYNTAX[text.charCodeAt(i)] === 1) return true;
  return false;
}
/** True when a line of `block` starts like Markdown block syntax: indentation, list, quote, rule, heading. */
function hasBlockSyntax(block: string): boolean {
  for (let i = 0; ; ) {
    const c = block.charCodeAt(i);
    // space, - + * > = #
    if (c === 0x20 || c === 0x2d || c === 0x2b || c === 0x2a || c === 0x3e || c === 0x3d || c === 0x23) return true;
    if (c >= 0x30 && c <= 0x39 && /^\d+[.)]/.test(block.slice(i, i + 12))) return true;
    const nl = block.indexOf('\n', i);
    if (nl < 0) return false;
    i = nl + 1;
  }
}
const HEADING = /^#{1,6} +([^#\n]*)$/;

/** An article body as plain text, one line per paragraph or subheading (Markdown syntax and escapes gone). */
export function plainText(markdown: string): string {
  if (hasInlineSyntax(markdown)) return plainTextMarkdown(markdown);
  const lines: string[] = [];
  for (const block of markdown.split(/\n{2,}/)) {
    if (!block) continue;
    let line: string;
    if (hasBlockSyntax(block)) {
      const h = HEADING.exec(block);
      if (!h) return plainTextMarkdown(markdown);
      line = h[1]!.trim();
    } else line = (block.includes('\n') ? block.replace(/ *\n/g, ' ') : block).trim();
    if (line) lines.push(line);
  }
  return lines.join('\n');
}

const sha = (text: string, n = 16) => createHash('sha256').update(text).digest('hex').slice(0, n);

/**
 * Splits the archive into shards: one per year (and one for the undated shelf), a year over `cap` split
 * into the fewest power-of-two hash buckets that fit. Years keep new dumps (mostly recent news) to a few
 * shards; buckets rather than months keep the number of shards the browser merges small (≈ 20 for 100k
 * articles over ten years, so few term files per query word) and the memory of indexing one shard bounded by `cap`.
 */
export function assignShards(articles: SiteArticle[], cap = DEFAULT_SHARD_CAP): Map<string, SiteArticle[]> {
  const group = (items: SiteArticle[], keyOf: (a: SiteArticle) => string) => {
    const m = new Map<string, SiteArticle[]>();
    for (const a of items) {
      const k = keyOf(a);
      let arr = m.get(k);
      if (!arr) m.set(k, (arr = []));
      arr.push(a);
    }
    return m;
  };
  const buckets = (key: string, items: SiteArticle[], out: Map<string, SiteArticle[]>) => {
    if (items.length <= cap) {
      out.set(key, items);
      return;
    }
    // A power of two, so a growing shard splits into buckets that are each a part of one older bucket.
    const n = 2 ** Math.ceil(Math.log2(items.length / cap));
    for (const [b, arr] of group(items, (a) => String(parseInt(sha(a.meta.id, 8), 16) % n))) out.set(`${key}-h${b}`, arr);
  };
  const shards = new Map<string, SiteArticle[]>();
  for (const [year, items] of group(articles, (a) => (a.meta.date ? a.meta.date.slice(0, 4) : 'undated'))) buckets(year, items, shards);
  // Newest first (the order of shards.json).
  const order = (k: string) => `${k.startsWith('undated') ? 0 : 1}${k}`;
  return new Map([...shards.entries()].sort((a, b) => (order(a[0]) < order(b[0]) ? 1 : -1)));
}

export interface ShardState {
  schema: number;
  shards: { key: string; hash: string; count: number }[];
}

/** <shard>/meta.json. */
export interface ShardMeta {
  count: number;
  /** Documents per doc file. */
  chunk: number;
  /** Per term file t/<n>.json, the prefixes of the groups of terms it holds (all sorted). */
  files: string[][];
  /**
   * Per document, one character of LENGTH_CODES: its number of indexed words (title, body and names) on a
   * quarter-octave scale, for BM25's length normalisation (one byte a document, where a list of numbers
   * took four to five: the browser loads the meta of every shard for the first query).
   */
  len: string;
}

/** 64 characters that need no escaping in JSON; code c stands for a length of about 2^(c/4) − 1 words. */
export const LENGTH_CODES = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** The LENGTH_CODES character for a document of `words` words. */
export function lengthCode(words: number): string {
  return LENGTH_CODES[Math.min(63, Math.round(4 * Math.log2(1 + words)))]!;
}

/** One document of a doc file (short keys: these files are most of what a result list downloads). */
export interface SearchDoc {
  /** URL relative to the site root, ending in index.html. */
  u: string;
  /** Title as written. */
  t: string;
  /** Date shown in Arabic. */
  d?: string;
  /** Outlet. */
  o?: string;
  /** ISO date. */
  i?: string;
  /** Body as plain text, one line per paragraph (for excerpts). */
  b: string;
}

export interface SearchOptions {
  /** The built site folder (the index goes to <out>/search-index/). */
  out: string;
  archive: Archive;
  /** Project root holding templates/assets/search.js (default: this package). */
  root?: string;
  cap?: number;
}

export interface SearchFigures {
  /** Articles in the index. */
  pages: number;
  /** Articles indexed by this run (only those in changed shards). */
  indexed: number;
  shards: number;
  /** Articles of those shards read and scanned (the others' postings and records were the old files'). */
  scanned: number;
  /** Keys of the shards indexed by this run. */
  rebuilt: string[];
  ms: number;
}

export const INDEX_DIR = 'search-index';

/** yyyymmdd of an ISO date, 0 for none. */
function dayNumber(iso: string | undefined): number {
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})/.exec(iso) : null;
  return m ? Number(m[1]! + m[2]! + m[3]!) : 0;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Groups sorted term entries into files by the first `depth` characters of their terms; a group over
 * SPLIT_BYTES is split again one character further (terms as long as the prefix stay in the file named by
 * themselves). A term's file is then the one whose key is a prefix of it, and a query form q needs the
 * files whose key is a prefix of q or starts with q.
 */
function groupTerms<T extends { term: string; start: number; end: number }>(entries: T[], depth: number, out: [string, T[]][]): void {
  let i = 0;
  while (i < entries.length) {
    const key = entries[i]!.term.slice(0, depth);
    let j = i;
    let longer = false;
    while (j < entries.length && entries[j]!.term.slice(0, depth) === key) {
      if (entries[j]!.term.length > depth) longer = true;
      j++;
    }
    const group = entries.slice(i, j);
    const size = group[group.length - 1]!.end - group[0]!.start;
    if (size > SPLIT_BYTES && longer) groupTerms(group, depth + 1, out);
    else out.push([key, group]);
    i = j;
  }
}

/**
 * The pieces of a text between white space as matchKey sees it (isMatchSpace; not the invisibles it deletes,
 * which join what they separate). matchTokens of a text is the concatenation of matchTokens of its pieces,
 * since normalisation never joins characters across them, so their indexWords together are indexWords of the
 * text: a shard computes each distinct piece's forms once (FormTable splits the same way).
 */
export function textPieces(text: string): string[] {
  const out: string[] = [];
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || isMatchSpace(text.charCodeAt(i))) {
      if (start >= 0) out.push(text.slice(start, i));
      start = -1;
    } else if (start < 0) start = i;
  }
  return out;
}

/**
 * The forms of a shard's words, by piece of text, and the weights of forms in the document being indexed.
 * Pieces are found in an open-addressing table by a hash computed while scanning the text, so a piece met
 * before costs no string, no Map lookup and two memory reads: its slot and its pool entry, which holds
 * [length, words, n, the piece's characters, n form ids]. A new piece is reduced once (indexWords,
 * indexForms). Measured on the benchmark archive, splitting texts into strings and looking them up in a
 * Map took ≈3× as long.
 */
class FormTable {
  forms: string[] = [];
  private formId = new Map<string, number>();
  private pieces = 0;
  private pool = new Int32Array(1 << 16);
  private used = 0;
  private slots = new Int32Array(2 << 12); // [pool offset + 1 (0: empty), hash] per slot
  // The current document's weight per form id, the document (plus one) each form was last met in, and the
  // forms met in the current document.
  sum = new Int32Array(1 << 12);
  seen = new Int32Array(1 << 12);
  touched = new Int32Array(1 << 12);
  nTouched = 0;

  /** Marks the documents, unique over the whole run (the table serves every shard). */
  private mark = 0;

  /** Starts the next document: scan() sums weights afresh. */
  nextDocument(): void {
    this.mark++;
    this.nTouched = 0;
  }

  /** Number of distinct pieces held (the table is dropped for a fresh one past a bound). */
  get size(): number {
    return this.pieces;
  }

  /** Adds `weight` to the forms of every indexed word of `text` in the current document; returns the number of words. */
  scan(text: string, weight: number): number {
    let words = 0;
    let start = -1;
    let h = 0;
    const mark = this.mark;
    for (let i = 0; i <= text.length; i++) {
      const c = i < text.length ? text.charCodeAt(i) : 0x20;
      if (!isMatchSpace(c)) {
        if (start < 0) {
          start = i;
          h = 0x811c9dc5;
        }
        h = Math.imul(h ^ c, 0x01000193);
        continue;
      }
      if (start < 0) continue;
      const at = this.entry(text, start, i, h | 0);
      const size = i - start;
      start = -1;
      const { pool, sum, seen, touched } = this;
      words += pool[at + 1]!;
      const from = at + 3 + size;
      const end = from + pool[at + 2]!;
      for (let k = from; k < end; k++) {
        const id = pool[k]!;
        if (seen[id] !== mark) {
          seen[id] = mark;
          sum[id] = 0;
          touched[this.nTouched++] = id;
        }
        sum[id] += weight;
      }
    }
    return words;
  }

  /** The id of a form, given one if it has none yet. */
  idOf(form: string): number {
    let id = this.formId.get(form);
    if (id !== undefined) return id;
    this.formId.set(form, (id = this.forms.length));
    this.forms.push(form);
    if (id >= this.sum.length) {
      this.sum = grown(this.sum, id + 1);
      this.seen = grown(this.seen, id + 1);
      this.touched = grown(this.touched, id + 1);
    }
    return id;
  }

  /** Pool offset of the entry of the piece text[from, to). */
  private entry(text: string, from: number, to: number, h: number): number {
    const size = to - from;
    let slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    let slot = h & mask;
    for (;;) {
      const e = slots[2 * slot]!;
      if (e === 0) break;
      if (slots[2 * slot + 1] === h) {
        const at = e - 1;
        const pool = this.pool;
        if (pool[at] === size) {
          let k = 0;
          while (k < size && pool[at + 3 + k] === text.charCodeAt(from + k)) k++;
          if (k === size) return at;
        }
      }
      slot = (slot + 1) & mask;
    }
    const piece = text.slice(from, to);
    const words = indexWords(piece);
    const ids: number[] = [];
    for (const w of words) for (const f of indexForms(w)) ids.push(this.idOf(f));
    const need = 3 + size + ids.length;
    if (this.used + need > this.pool.length) this.pool = grown(this.pool, this.used + need);
    const at = this.used;
    const pool = this.pool;
    pool[at] = size;
    pool[at + 1] = words.length;
    pool[at + 2] = ids.length;
    for (let k = 0; k < size; k++) pool[at + 3 + k] = text.charCodeAt(from + k);
    pool.set(ids, at + 3 + size);
    this.used += need;
    slots[2 * slot] = at + 1;
    slots[2 * slot + 1] = h;
    if (++this.pieces * 2 > mask + 1) {
      // Twice as many slots, filled again in the order of the old ones (deterministic either way).
      const old = slots;
      slots = this.slots = new Int32Array(old.length * 2);
      const m = (slots.length >> 1) - 1;
      for (let o = 0; o < old.length; o += 2) {
        if (old[o] === 0) continue;
        let s2 = old[o + 1]! & m;
        while (slots[2 * s2] !== 0) s2 = (s2 + 1) & m;
        slots[2 * s2] = old[o]!;
        slots[2 * s2 + 1] = old[o + 1]!;
      }
    }
    return at;
  }
}

/** A growing byte buffer for term files: they are built as bytes, not strings, to spare the GC. */
class Bytes {
  buf = Buffer.allocUnsafe(1 << 20);
  len = 0;
  private room(n: number): void {
    if (this.len + n <= this.buf.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.len + n));
    this.buf.copy(bigger, 0, 0, this.len);
    this.buf = bigger;
  }
  byte(c: number): void {
    this.room(1);
    this.buf[this.len++] = c;
  }
  text(s: string): void {
    this.room(s.length * 3);
    this.len += this.buf.write(s, this.len);
  }
  /** Bytes from[from, to) of `src`. */
  copy(src: Buffer, from: number, to: number): void {
    this.room(to - from);
    this.len += src.copy(this.buf, this.len, from, to);
  }
  /** A non-negative integer in decimal, after a comma. */
  num(v: number): void {
    this.room(12);
    const b = this.buf;
    b[this.len++] = 0x2c;
    let digits = 1;
    for (let x = v; x >= 10; x = (x / 10) | 0) digits++;
    let at = this.len + digits;
    this.len = at;
    do {
      b[--at] = 0x30 + (v % 10);
      v = (v / 10) | 0;
    } while (v > 0);
  }
}

/** <out>/SEARCH_STATE_FILE: what a run leaves for the next one beside the build's own state (see SearchState). */
export const SEARCH_STATE_FILE = '.arshif-search.json';

/**
 * The search index's state, kept out of search-index/ (readers never need it). Per shard whose files are all
 * written: the digest of its input (as in shards.json) and the digests of its documents in document order,
 * DIGEST_CHARS hex characters each (16 bytes a document: 160 kB for 10k articles, 1.6 MB for 100k, parsed in
 * milliseconds). A document's digest covers everything its doc record and its postings are made of (URL,
 * the file's bytes, front-matter, topic names, date style), so the next run takes an unchanged article's
 * record and postings from the shard's own files instead of reading, stripping and scanning its text again:
 * the published index is the cache, so there is nothing else to keep in step with it.
 *
 * A shard is listed only while its files are complete: the state is written without the shards a run is
 * about to rewrite before it touches them, and with them once they are all written. A run that fails half-way
 * thus leaves those shards unlisted, and the next run builds them afresh (no reuse of their files, nor of
 * their shards.json hash) instead of trusting what it left. Each shard's entry also holds a digest of its
 * meta.json and term files as written (read whole anyway when reused), so files that are not those the state
 * describes (an older state file put back, files edited) are not reused either.
 */
export interface SearchState {
  /** SEARCH_SCHEMA and DOC_CHUNK: files written by other code are not reused. */
  version: string;
  shards: { key: string; hash: string; files: string; docs: string }[];
}

/** The digest of a shard's meta.json and term files (SearchState). */
function filesDigest(meta: Buffer, terms: Buffer[]): string {
  const h = createHash('sha1').update(meta);
  for (const t of terms) h.update(t);
  return h.digest('base64');
}

const STATE_VERSION = `${SEARCH_SCHEMA}/${DOC_CHUNK}`;

/** Hex characters of an article's digest (sha). */
const DIGEST_CHARS = 16;

/** One article of a shard and its digest (what the shard's hash is made of). */
interface ShardItem {
  a: SiteArticle;
  digest: string;
}

/** Raised when the files of a shard turn out unusable for reuse: the shard is then built afresh. */
class UnusableShard extends Error {}

/**
 * A shard as the last run wrote it (its state says its files are complete), so a rebuild takes the postings,
 * length code and doc record of an unchanged article from it. Its term files are read whole (≈ 2 MB for 860
 * articles) and merged as bytes with the postings of new articles (mergeTerms); doc files are read only
 * when a document in them is needed.
 */
class OldShard {
  /** Old document number by digest. */
  readonly number = new Map<string, number>();
  private chunks = new Map<number, Buffer[]>();

  private constructor(
    readonly dir: string,
    readonly docs: string[],
    readonly meta: ShardMeta,
    readonly metaBytes: Buffer,
    /** The bytes of its term files, in order. */
    readonly termFiles: Buffer[],
  ) {
    docs.forEach((d, o) => this.number.set(d, o));
  }

  /** The last run's files of the shard in `dir`, or null when they do not match `docs` (the state's digests). */
  static load(dir: string, docs: string[], digest: string): OldShard | null {
    try {
      const metaBytes = fs.readFileSync(path.join(dir, 'meta.json'));
      const meta = JSON.parse(metaBytes.toString('utf8')) as ShardMeta;
      if (meta.count !== docs.length || meta.chunk !== DOC_CHUNK || typeof meta.len !== 'string' || meta.len.length !== docs.length || !Array.isArray(meta.files)) return null;
      const termFiles = meta.files.map((_, n) => fs.readFileSync(path.join(dir, 't', `${n}.json`)));
      return filesDigest(metaBytes, termFiles) === digest ? new OldShard(dir, docs, meta, metaBytes, termFiles) : null;
    } catch {
      return null; // a missing or damaged file: the shard is built afresh
    }
  }

  /**
   * Reads doc file c now if it holds a document still to be taken (`wanted`): the file is about to be written
   * over, and documents move to later files when articles are added before them.
   */
  hold(c: number, wanted: Set<string>): void {
    if (this.chunks.has(c)) return;
    for (let o = c * DOC_CHUNK; o < Math.min(this.docs.length, (c + 1) * DOC_CHUNK); o++) {
      if (wanted.has(this.docs[o]!)) {
        this.record(o);
        return;
      }
    }
  }

  /**
   * Old document o's record as the JSON its doc file holds. Records are cut out of the file's bytes at
   * `},{"u":`, which cannot occur inside a JSON string (a quote there is escaped) and starts every record
   * after the first (`u` is written first), so they are copied without decoding or parsing.
   */
  record(o: number): Buffer {
    const c = Math.floor(o / DOC_CHUNK);
    let list = this.chunks.get(c);
    if (!list) {
      const bytes = fs.readFileSync(path.join(this.dir, 'd', `${c}.json`));
      list = splitRecords(bytes);
      if (list.length !== Math.min(DOC_CHUNK, this.docs.length - c * DOC_CHUNK)) throw new UnusableShard(`d/${c}.json`);
      this.chunks.set(c, list);
    }
    return list[o % DOC_CHUNK]!;
  }
}

const RECORD_SEP = Buffer.from('},{"u":');
const RECORDS_OPEN = Buffer.from('[{"u":');

/** The records of a doc file's bytes (none when it is not one). */
function splitRecords(bytes: Buffer): Buffer[] {
  const end = bytes.length - 1; // the closing ]
  if (!bytes.subarray(0, RECORDS_OPEN.length).equals(RECORDS_OPEN) || bytes[end] !== 0x5d || bytes[end - 1] !== 0x7d) return [];
  const list: Buffer[] = [];
  let from = 1;
  for (let at = bytes.indexOf(RECORD_SEP, from); at >= 0; at = bytes.indexOf(RECORD_SEP, from)) {
    list.push(bytes.subarray(from, at + 1));
    from = at + 2;
  }
  list.push(bytes.subarray(from, end));
  return list;
}

/** Newest first, then by URL: the documents' numbers in the shard. */
function orderDocs(items: ShardItem[]): ShardItem[] {
  return items
    .map((x) => ({ x, day: dayNumber(x.a.meta.date) }))
    .sort((p, q) => q.day - p.day || cmp(p.x.a.url, q.x.a.url))
    .map((p) => p.x);
}

/**
 * Writes `data` over `file`'s bytes and cuts off what is left of them, rather than emptying the file first
 * (writeFileSync): on this ext4 disk (mounted with discard) freeing a file's blocks is what costs, so
 * writing 800 doc files of 28 kB over old ones took ≈ 25 ms of CPU this way against ≈ 80 ms emptied first
 * and ≈ 400 ms written beside and renamed. A reader may see a file half-written, as with writeFileSync; a
 * run that fails leaves the shard unlisted in the state, so the next run writes it afresh.
 */
function overwrite(file: string, data: Buffer): void {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r+');
  } catch {
    fd = fs.openSync(file, 'w');
  }
  try {
    const size = fs.fstatSync(fd).size;
    for (let at = 0; at < data.length; ) at += fs.writeSync(fd, data, at, data.length - at, at);
    // Only when the file was longer: in a profile, ftruncate blocked for ≈ 0.4 s over 860 files that it did
    // not shorten.
    if (size > data.length) fs.ftruncateSync(fd, data.length);
  } finally {
    fs.closeSync(fd);
  }
}

/** Writes `data` to `file` (new) or over it (with `old`, its bytes, unless it holds `data` already). */
function writeChanged(file: string, data: Buffer, old: Buffer | null | undefined): void {
  if (old === undefined) fs.writeFileSync(file, data);
  else if (old === null || !data.equals(old)) overwrite(file, data);
}

const COMMA = Buffer.from(',');
const OPEN = Buffer.from('[');
const CLOSE = Buffer.from(']');

/** A doc file from its records' JSON: what JSON.stringify gives for the array of them. */
function joinRecords(records: (Buffer | string)[]): Buffer {
  if (records.every((r) => typeof r === 'string')) return Buffer.from(`[${records.join(',')}]`);
  const parts: Buffer[] = [OPEN];
  records.forEach((r, i) => {
    if (i) parts.push(COMMA);
    parts.push(typeof r === 'string' ? Buffer.from(r) : r);
  });
  parts.push(CLOSE);
  return Buffer.concat(parts);
}

/**
 * Indexes one shard's articles into `dir`. Weights of forms are summed per document in typed arrays indexed
 * by form id; each document's (form, weight) pairs are appended to one flat log, which a counting sort turns
 * into postings at the end. No per-term arrays: garbage collection took a third of the time when postings
 * were pushed onto one JS array per term.
 *
 * With `old` (the shard's files as the last run wrote them), the folder is updated in place, and only the
 * articles the old shard does not have (by digest) are read and scanned: the others keep their old length
 * code and doc record, and their postings are merged from the old term files (mergeTerms). A doc file whose
 * documents are the same as before, and a term file or meta.json that comes out the same, are not written
 * again; files past the new counts are deleted last, once meta.json no longer names them. Without `old` the
 * folder is made afresh. Returns the documents' digests in document order (for the state) and the number
 * of articles read and scanned.
 */
function writeShard(dir: string, items: ShardItem[], archive: Archive, topicNames: Map<string, string>, table: FormTable, old: OldShard | null): { digests: string; files: string; scanned: number } {
  const s = archive.settings;
  const docs = orderDocs(items);
  let log = new Int32Array(1 << (old ? 14 : 20)); // form, document, weight; …
  let logLen = 0;
  let len = '';
  let scanned = 0;
  const dates = new Map<string, string>(); // a shard's articles share a few hundred dates
  const arabicDateOf = (iso: string) => {
    let d = dates.get(iso);
    if (d === undefined) dates.set(iso, (d = arabicDate(iso, s.month_style, s.digits)));
    return d;
  };
  if (!old) fs.rmSync(dir, { recursive: true, force: true });
  // Files of a fresh folder are new ones.
  const write = old ? overwrite : (file: string, data: Buffer) => fs.writeFileSync(file, data);
  fs.mkdirSync(path.join(dir, 't'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'd'), { recursive: true });
  // The new number of each old document, −1 for those gone (removed, or changed: indexed again as new).
  const newNumber = new Int32Array(old ? old.docs.length : 0).fill(-1);
  let chunk: (Buffer | string)[] = []; // records as JSON: new ones as text, old ones as their bytes
  const wanted = new Set(old ? docs.map((d) => d.digest) : []);
  let sameChunk = false;
  for (let n = 0; n < docs.length; n++) {
    const { a, digest } = docs[n]!;
    // A doc file holding the same documents as before is left as it is.
    if (n % DOC_CHUNK === 0) sameChunk = old !== null && sameDocs(docs, old.docs, n);
    const o = old?.number.get(digest);
    if (old && o !== undefined) {
      newNumber[o] = n;
      len += old.meta.len[o]!;
      if (!sameChunk) chunk.push(old.record(o));
    } else {
      scanned++;
      const body = plainText(a.body);
      const names = [a.meta.outlet, a.meta.place, ...a.meta.topics.map((t) => topicNames.get(t) ?? ''), ...(a.meta.hashtags ?? [])].filter(Boolean).join(' ');
      table.nextDocument();
      const words = table.scan(a.meta.title, WEIGHTS.title) + table.scan(body, WEIGHTS.body) + table.scan(names, WEIGHTS.names);
      const { touched, sum, nTouched } = table;
      if (logLen + 3 * nTouched > log.length) log = grown(log, logLen + 3 * nTouched);
      for (let i = 0; i < nTouched; i++) {
        const id = touched[i]!;
        log[logLen++] = id;
        log[logLen++] = n;
        log[logLen++] = sum[id]!;
      }
      len += lengthCode(words);
      if (!sameChunk) chunk.push(JSON.stringify(docRecord(a, body, arabicDateOf)));
    }
    if (n % DOC_CHUNK === DOC_CHUNK - 1 || n === docs.length - 1) {
      // JSON.stringify of the chunk's records, joined from each record's JSON.
      const c = Math.floor(n / DOC_CHUNK);
      if (!sameChunk) {
        old?.hold(c, wanted);
        write(path.join(dir, 'd', `${c}.json`), joinRecords(chunk));
      }
      chunk = [];
    }
  }

  const postings = postingsByForm(table.forms, log, logLen);
  log = new Int32Array(0);
  const { out, entries } = old ? mergeTerms(old.termFiles, newNumber, table.forms, postings) : encodeTerms(table.forms, postings);
  const files = packFiles(entries);
  const open = Buffer.from('[');
  const close = Buffer.from(']\n');
  const termBytes = files.map((f) => Buffer.concat([open, out.buf.subarray(f.start, f.end), close]));
  // A term file past the old ones is new, but written over whatever a failed run may have left.
  termBytes.forEach((b, i) => writeChanged(path.join(dir, 't', `${i}.json`), b, old ? (old.termFiles[i] ?? null) : undefined));
  const meta: ShardMeta = { count: docs.length, chunk: DOC_CHUNK, files: files.map((f) => f.keys), len };
  const metaBytes = Buffer.from(`${JSON.stringify(meta)}\n`);
  writeChanged(path.join(dir, 'meta.json'), metaBytes, old?.metaBytes);
  if (old) {
    for (let i = files.length; i < old.meta.files.length; i++) fs.rmSync(path.join(dir, 't', `${i}.json`), { force: true });
    for (let c = Math.ceil(docs.length / DOC_CHUNK); c < Math.ceil(old.docs.length / DOC_CHUNK); c++) fs.rmSync(path.join(dir, 'd', `${c}.json`), { force: true });
  }
  return { digests: docs.map((d) => d.digest).join(''), files: filesDigest(metaBytes, termBytes), scanned };
}

/** True when the doc file starting at document n holds the same documents in `docs` as in `oldDocs`. */
function sameDocs(docs: ShardItem[], oldDocs: string[], n: number): boolean {
  const end = Math.min(n + DOC_CHUNK, docs.length);
  if (Math.min(n + DOC_CHUNK, oldDocs.length) !== end) return false;
  for (let k = n; k < end; k++) if (docs[k]!.digest !== oldDocs[k]) return false;
  return true;
}

/** One document of a doc file. */
function docRecord(a: SiteArticle, body: string, arabicDateOf: (iso: string) => string): SearchDoc {
  return {
    u: `${a.url.replace(/^\//, '')}index.html`,
    t: a.meta.title,
    ...(a.meta.date ? { d: arabicDateOf(a.meta.date) } : {}),
    ...(a.meta.outlet ? { o: String(a.meta.outlet) } : {}),
    ...(a.meta.date ? { i: a.meta.date } : {}),
    b: body,
  };
}

/**
 * The postings of a log of (form, document, weight) by form: `used`, the forms met, sorted by term (UTF-16
 * order, as the browser compares); form id's (document, weight) pairs are pairs[2k], pairs[2k+1] for k from
 * first[id] to first[id] + count[id] − 1, in document order (a counting sort of the log, which is stable).
 */
interface Postings {
  used: number[];
  first: Int32Array;
  count: Int32Array;
  pairs: Int32Array;
}

function postingsByForm(forms: string[], log: Int32Array, logLen: number): Postings {
  const count = new Int32Array(forms.length);
  const used: number[] = [];
  for (let i = 0; i < logLen; i += 3) if (count[log[i]!]!++ === 0) used.push(log[i]!);
  used.sort((x, y) => cmp(forms[x]!, forms[y]!));
  const first = new Int32Array(forms.length); // where a form's postings start in `pairs`
  let at = 0;
  for (const id of used) {
    first[id] = at;
    at += count[id]!;
  }
  const fill = first.slice();
  const pairs = new Int32Array((logLen / 3) * 2);
  for (let i = 0; i < logLen; i += 3) {
    const k = 2 * fill[log[i]!]!++;
    pairs[k] = log[i + 1]!;
    pairs[k + 1] = log[i + 2]!;
  }
  return { used, first, count, pairs };
}

interface TermEntry {
  term: string;
  start: number;
  end: number;
}

/**
 * Writes a term's postings in the layout of the header comment: per document, the gap from the previous
 * document number times 16 plus the weight when the weight is 1–15, else the gap times 16 followed by the
 * weight (most weights are small, so it is one number per document).
 */
class PostingWriter {
  private prev = 0;
  private any = false;
  constructor(private readonly out: Bytes) {}

  /** Starts a term. */
  reset(): void {
    this.prev = 0;
    this.any = false;
  }

  /** True once a posting was written for the term. */
  get written(): boolean {
    return this.any;
  }

  add(doc: number, w: number): void {
    const gap = doc - this.prev;
    // Documents in increasing order (the first may be 0): what a merge of damaged files could break.
    if (gap < 0 || (gap === 0 && this.any)) throw new UnusableShard('postings out of order');
    this.prev = doc;
    this.any = true;
    if (w < 16) this.out.num(gap * 16 + w);
    else {
      this.out.num(gap * 16);
      this.out.num(w);
    }
  }
}

/** Term entries for a shard indexed whole, each followed by ",\n" in `out`. */
function encodeTerms(forms: string[], p: Postings): { out: Bytes; entries: TermEntry[] } {
  const out = new Bytes();
  const entries: TermEntry[] = [];
  for (const id of p.used) {
    const start = out.len;
    out.byte(0x5b);
    out.text(JSON.stringify(forms[id]));
    // PostingWriter.add without its checks (postings come out of the log in order): the cold build's loop.
    let prev = 0;
    for (let k = p.first[id]!, end = k + p.count[id]!; k < end; k++) {
      const doc = p.pairs[2 * k]!;
      const w = p.pairs[2 * k + 1]!;
      const gap = doc - prev;
      prev = doc;
      if (w < 16) out.num(gap * 16 + w);
      else {
        out.num(gap * 16);
        out.num(w);
      }
    }
    out.byte(0x5d);
    entries.push({ term: forms[id]!, start, end: out.len });
    out.byte(0x2c);
    out.byte(0x0a);
  }
  return { out, entries };
}

/**
 * Term entries for a shard updated from its old term files: the old entries read in order (they are sorted
 * by term) merged with the new documents' postings `p` (sorted likewise), each old posting renumbered by
 * `newNumber` or dropped (−1), and terms left with no document dropped. Old and new postings of a term are
 * merged by document number: the renumbering keeps the old documents' order (their digests hold their date
 * and URL, which order them). The old files are read as bytes, not parsed: a term's JSON string is copied.
 */
function mergeTerms(oldFiles: Buffer[], newNumber: Int32Array, forms: string[], p: Postings): { out: Bytes; entries: TermEntry[] } {
  const out = new Bytes();
  const entries: TermEntry[] = [];
  const w = new PostingWriter(out);
  const reader = new TermReader(oldFiles, newNumber.length);
  let f = 0; // next new form in p.used
  const finish = (term: string, start: number) => {
    if (!w.written) {
      out.len = start; // a term of removed documents only
      return;
    }
    out.byte(0x5d);
    entries.push({ term, start, end: out.len });
    out.byte(0x2c);
    out.byte(0x0a);
  };
  const newOnly = (id: number) => {
    const start = out.len;
    out.byte(0x5b);
    out.text(JSON.stringify(forms[id]));
    w.reset();
    for (let k = p.first[id]!, end = k + p.count[id]!; k < end; k++) w.add(p.pairs[2 * k]!, p.pairs[2 * k + 1]!);
    finish(forms[id]!, start);
  };
  while (reader.nextTerm()) {
    const term = reader.term;
    while (f < p.used.length && cmp(forms[p.used[f]!]!, term) < 0) newOnly(p.used[f++]!);
    const id = f < p.used.length && forms[p.used[f]!] === term ? p.used[f++]! : -1;
    let k = id < 0 ? 0 : p.first[id]!;
    const kEnd = id < 0 ? 0 : k + p.count[id]!;
    const start = out.len;
    out.byte(0x5b);
    out.copy(reader.bytes, reader.termStart, reader.termEnd);
    w.reset();
    while (reader.nextPosting()) {
      const doc = newNumber[reader.doc]!;
      if (doc < 0) continue;
      for (; k < kEnd && p.pairs[2 * k]! < doc; k++) w.add(p.pairs[2 * k]!, p.pairs[2 * k + 1]!);
      w.add(doc, reader.weight);
    }
    for (; k < kEnd; k++) w.add(p.pairs[2 * k]!, p.pairs[2 * k + 1]!);
    finish(term, start);
  }
  while (f < p.used.length) newOnly(p.used[f++]!);
  return { out, entries };
}

/**
 * Reads term files written by this module as bytes: entries `["term",n,…]` separated by ",\n" in files
 * `[…]\n`. Anything else (a damaged file, terms out of order, a document number past the shard) throws
 * UnusableShard, and the shard is built afresh.
 */
class TermReader {
  bytes: Buffer = Buffer.alloc(0);
  /** The current term, and where its JSON string (quotes included) is in `bytes`. */
  term = '';
  termStart = 0;
  termEnd = 0;
  /** The current posting's old document number and weight. */
  doc = 0;
  weight = 0;
  private file = -1;
  private at = 0;
  private started = false;
  private last: string | null = null;

  constructor(
    private readonly files: Buffer[],
    private readonly docs: number,
  ) {}

  private fail(why: string): never {
    throw new UnusableShard(`t/${this.file}.json: ${why}`);
  }

  /** Moves to the next term; false after the last. */
  nextTerm(): boolean {
    const b = this.bytes;
    if (this.started) {
      while (this.nextPosting()); // the rest of the current term's postings, if the caller left any
      if (b[this.at] !== 0x5d) this.fail('entry end');
      this.at++;
      if (b[this.at] === 0x2c && b[this.at + 1] === 0x0a) this.at += 2;
      else if (b[this.at] === 0x5d && b[this.at + 1] === 0x0a && this.at + 2 === b.length) this.started = false;
      else this.fail('separator');
    }
    if (!this.started) {
      if (++this.file >= this.files.length) return false;
      this.bytes = this.files[this.file]!;
      if (this.bytes[0] !== 0x5b) this.fail('file start');
      this.at = 1;
      this.started = true;
    }
    return this.readTerm();
  }

  private readTerm(): boolean {
    const b = this.bytes;
    if (b[this.at] !== 0x5b || b[this.at + 1] !== 0x22) this.fail('entry start');
    const from = this.at + 1;
    let i = from + 1;
    let escaped = false;
    for (; i < b.length && b[i] !== 0x22; i++) {
      if (b[i] === 0x5c) {
        escaped = true;
        i++;
      }
    }
    if (i >= b.length) this.fail('term');
    const term = escaped ? (JSON.parse(b.toString('utf8', from, i + 1)) as string) : b.toString('utf8', from + 1, i);
    if (this.last !== null && cmp(this.last, term) >= 0) this.fail('terms out of order');
    this.term = this.last = term;
    this.termStart = from;
    this.termEnd = i + 1;
    this.at = i + 1;
    this.doc = 0;
    return true;
  }

  /** Moves to the current term's next posting; false after its last. */
  nextPosting(): boolean {
    const b = this.bytes;
    if (b[this.at] !== 0x2c) return false;
    const p = this.number();
    this.doc += Math.floor(p / 16);
    let w = p % 16;
    if (w === 0) {
      if (b[this.at] !== 0x2c) this.fail('weight');
      w = this.number();
    }
    if (this.doc >= this.docs || w <= 0) this.fail('posting');
    this.weight = w;
    return true;
  }

  /** The number after the comma at `at`. */
  private number(): number {
    const b = this.bytes;
    let i = this.at + 1;
    let v = 0;
    const from = i;
    for (; i < b.length; i++) {
      const c = b[i]! - 0x30;
      if (c < 0 || c > 9) break;
      v = v * 10 + c;
    }
    if (i === from) this.fail('number');
    this.at = i;
    return v;
  }
}

/**
 * Groups the sorted term entries (groupTerms) and packs consecutive groups into files of up to PACK_BYTES
 * (a bigger group alone): per file, the range of `out` it holds and its group prefixes.
 */
function packFiles(entries: TermEntry[]): { keys: string[]; start: number; end: number }[] {
  const groups: [string, TermEntry[]][] = [];
  groupTerms(entries, 2, groups);
  const files: { keys: string[]; start: number; end: number }[] = [];
  for (const [key, list] of groups) {
    const start = list[0]!.start;
    const end = list[list.length - 1]!.end;
    const last = files[files.length - 1];
    if (last && end - last.start <= PACK_BYTES) {
      last.keys.push(key);
      last.end = end;
    } else files.push({ keys: [key], start, end });
  }
  return files;
}

/** The search state of the last run, or an empty one (none, damaged, or written by other code). */
function readSearchState(file: string): SearchState {
  const empty: SearchState = { version: STATE_VERSION, shards: [] };
  try {
    const s = JSON.parse(fs.readFileSync(file, 'utf8')) as SearchState;
    if (s?.version !== STATE_VERSION || !Array.isArray(s.shards)) return empty;
    const ok = (x: SearchState['shards'][number]) => typeof x?.key === 'string' && typeof x.hash === 'string' && typeof x.files === 'string' && typeof x.docs === 'string' && x.docs.length % DIGEST_CHARS === 0;
    return s.shards.every(ok) ? s : empty;
  } catch {
    return empty;
  }
}

/** Writes a file atomically (store/atomic.ts; `durable`: flushed to disk too), unless it holds `text` already. */
function writeIfChanged(file: string, text: string, durable = false): void {
  try {
    if (fs.readFileSync(file, 'utf8') === text) return;
  } catch {
    /* not there yet */
  }
  writeFileAtomic(file, text, { durable });
}

const stateText = (s: SearchState) => `${JSON.stringify(s)}\n`;

/** A shard's documents' digests as the state holds them (DIGEST_CHARS each) split into a list. */
function splitDigests(docs: string): string[] {
  const list: string[] = [];
  for (let i = 0; i < docs.length; i += DIGEST_CHARS) list.push(docs.slice(i, i + DIGEST_CHARS));
  return list;
}

/**
 * Writes the search index of the archive into <out>/search-index/ (only shards whose input changed are
 * written again, reusing what the last run wrote of their unchanged articles) and the search page's script
 * and stylesheet into <out>/assets/.
 */
export async function indexSearch(options: SearchOptions): Promise<SearchFigures> {
  const started = performance.now();
  const root = options.root ?? PACKAGE_ROOT;
  const out = path.resolve(options.out);
  const { archive } = options;
  const dir = path.join(out, INDEX_DIR);
  const stateFile = path.join(dir, 'shards.json');
  const searchStateFile = path.join(out, SEARCH_STATE_FILE);
  fs.mkdirSync(dir, { recursive: true });
  fs.mkdirSync(path.join(out, 'assets'), { recursive: true });
  for (const asset of ['search.js', 'search.css']) fs.copyFileSync(path.join(root, 'templates/assets', asset), path.join(out, 'assets', asset));
  // The Pagefind index of sites built before schema 2 (recognised by its own shards.json).
  if (fs.existsSync(path.join(out, 'pagefind', 'shards.json'))) fs.rmSync(path.join(out, 'pagefind'), { recursive: true, force: true });

  const topicNames = new Map(archive.topics.map((t) => [t.topic.slug, t.topic.name]));
  const shards = assignShards(archive.articles, options.cap);
  const previous = new Map(readSearchState(searchStateFile).shards.map((s) => [s.key, s]));
  const state: ShardState = { schema: SEARCH_SCHEMA, shards: [] };
  const next: SearchState = { version: STATE_VERSION, shards: [] };
  const todo: { key: string; items: ShardItem[]; at: number }[] = [];
  for (const [key, arts] of shards) {
    // What a shard holds of an article: its file's bytes (a.hash: title, date, body…), its URL, the names of
    // its topics and the site's date style, all in the digest; the files themselves are not read here.
    const items = arts.map((a) => ({ a, digest: sha(JSON.stringify([a.url, a.hash, a.meta.title, a.meta.date, a.meta.outlet, a.meta.place, a.meta.hashtags, a.meta.topics.map((t) => topicNames.get(t) ?? t), archive.settings.month_style, archive.settings.digits]), DIGEST_CHARS) }));
    const hash = sha(items.map((x) => `${x.a.meta.id} ${x.digest}`).sort().join('\n'), 32);
    state.shards.push({ key, hash, count: items.length });
    const last = previous.get(key);
    next.shards.push(last ?? { key, hash, files: '', docs: '' });
    if (last?.hash !== hash || !fs.existsSync(path.join(dir, key, 'meta.json'))) todo.push({ key, items, at: next.shards.length - 1 });
  }
  // Before any shard is touched, the state stops listing those about to be (see SearchState), on the disk:
  // a power cut must not leave it listing a shard whose files were half rewritten.
  if (todo.length) writeIfChanged(searchStateFile, stateText({ version: STATE_VERSION, shards: next.shards.filter((_, i) => !todo.some((t) => t.at === i)) }), true);

  let indexed = 0;
  let scanned = 0;
  // One table of word forms for all shards: shards of one archive share most of their words, so each
  // distinct piece of text is reduced once per run, not once per shard. Past 2M pieces (a very large
  // archive) it is dropped for a fresh one, which keeps its memory bounded.
  let table = new FormTable();
  for (const { key, items, at } of todo) {
    if (table.size > 2_000_000) table = new FormTable();
    const shardDir = path.join(dir, key);
    const last = previous.get(key);
    const old = last && items.length ? OldShard.load(shardDir, splitDigests(last.docs), last.files) : null;
    let written: { digests: string; files: string; scanned: number };
    try {
      written = writeShard(shardDir, items, archive, topicNames, table, old);
    } catch (e) {
      // A file of the old shard did not hold what the state says: the shard is built afresh.
      if (!(e instanceof UnusableShard)) throw e;
      written = writeShard(shardDir, items, archive, topicNames, table, null);
    }
    next.shards[at] = { key, hash: state.shards[at]!.hash, files: written.files, docs: written.digests };
    indexed += items.length;
    scanned += written.scanned;
  }
  // Shards that no longer exist (a year split into buckets, articles removed) and leftovers of failed runs.
  const live = new Set(shards.keys());
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory() && !live.has(e.name) && /^(?:\d{4}|undated)(?:-h\d+)?$|^\..*\.tmp$/.test(e.name)) fs.rmSync(path.join(dir, e.name), { recursive: true, force: true });
  }
  writeIfChanged(stateFile, `${JSON.stringify(state, null, 1)}\n`);
  writeIfChanged(searchStateFile, stateText(next));
  return { pages: archive.articles.length, indexed, scanned, shards: shards.size, rebuilt: todo.map((t) => t.key), ms: Math.round(performance.now() - started) };
}
