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
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import MarkdownIt from 'markdown-it';
import { isMatchSpace, matchTokens } from '../arabic/normalize.ts';
import { arabicDate } from './format.ts';
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
    for (const w of words) {
      for (const f of indexForms(w)) {
        let id = this.formId.get(f);
        if (id === undefined) {
          this.formId.set(f, (id = this.forms.length));
          this.forms.push(f);
          if (id >= this.sum.length) {
            const grow = (a: Int32Array) => {
              const b = new Int32Array(a.length * 2);
              b.set(a);
              return b;
            };
            this.sum = grow(this.sum);
            this.seen = grow(this.seen);
            this.touched = grow(this.touched);
          }
        }
        ids.push(id);
      }
    }
    const need = 3 + size + ids.length;
    if (this.used + need > this.pool.length) {
      const bigger = new Int32Array(Math.max(this.pool.length * 2, this.used + need));
      bigger.set(this.pool);
      this.pool = bigger;
    }
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

/**
 * Indexes one shard's articles into `dir` (a fresh folder). Weights of forms are summed per document in
 * typed arrays indexed by form id; each document's (form, weight) pairs are appended to one flat log, which a
 * counting sort turns into postings at the end. No per-term arrays: garbage collection took a third of the
 * time when postings were pushed onto one JS array per term.
 *
 * A term's postings are written as JSON numbers: per document, the gap from the previous document number
 * times 16 plus the weight when the weight is 1–15, else the gap times 16 followed by the weight. Most
 * weights are small, so it is one number per document.
 */
function writeShard(dir: string, items: SiteArticle[], archive: Archive, topicNames: Map<string, string>, table: FormTable): void {
  const s = archive.settings;
  const docs = items
    .map((a) => ({ a, day: dayNumber(a.meta.date) }))
    .sort((x, y) => y.day - x.day || cmp(x.a.url, y.a.url));
  let log = new Int32Array(1 << 20); // form, document, weight; …
  let logLen = 0;
  let len = '';
  const dates = new Map<string, string>(); // a shard's articles share a few hundred dates
  const arabicDateOf = (iso: string) => {
    let d = dates.get(iso);
    if (d === undefined) dates.set(iso, (d = arabicDate(iso, s.month_style, s.digits)));
    return d;
  };
  fs.mkdirSync(path.join(dir, 't'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'd'), { recursive: true });
  let chunk: SearchDoc[] = [];
  const flush = (c: number) => {
    fs.writeFileSync(path.join(dir, 'd', `${c}.json`), JSON.stringify(chunk));
    chunk = [];
  };
  for (let n = 0; n < docs.length; n++) {
    const { a } = docs[n]!;
    const body = plainText(a.body);
    const names = [a.meta.outlet, a.meta.place, ...a.meta.topics.map((t) => topicNames.get(t) ?? ''), ...(a.meta.hashtags ?? [])].filter(Boolean).join(' ');
    table.nextDocument();
    const words = table.scan(a.meta.title, WEIGHTS.title) + table.scan(body, WEIGHTS.body) + table.scan(names, WEIGHTS.names);
    const { touched, sum, nTouched } = table;
    if (logLen + 3 * nTouched > log.length) {
      const bigger = new Int32Array(Math.max(log.length * 2, logLen + 3 * nTouched));
      bigger.set(log);
      log = bigger;
    }
    for (let i = 0; i < nTouched; i++) {
      const id = touched[i]!;
      log[logLen++] = id;
      log[logLen++] = n;
      log[logLen++] = sum[id]!;
    }
    len += lengthCode(words);
    chunk.push({
      u: `${a.url.replace(/^\//, '')}index.html`,
      t: a.meta.title,
      ...(a.meta.date ? { d: arabicDateOf(a.meta.date) } : {}),
      ...(a.meta.outlet ? { o: String(a.meta.outlet) } : {}),
      ...(a.meta.date ? { i: a.meta.date } : {}),
      b: body,
    });
    if (chunk.length === DOC_CHUNK) flush(Math.floor(n / DOC_CHUNK));
  }
  if (chunk.length) flush(Math.floor((docs.length - 1) / DOC_CHUNK));

  // The shard's forms (the table holds those of earlier shards too), sorted by term (UTF-16 order, as the
  // browser compares), and their postings: a counting sort of the log (stable, so documents stay in order).
  const forms = table.forms;
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
  log = new Int32Array(0);

  // Term entries, each followed by ",\n".
  const out = new Bytes();
  const entries: { term: string; start: number; end: number }[] = [];
  for (const id of used) {
    const start = out.len;
    out.byte(0x5b);
    out.text(JSON.stringify(forms[id]));
    let prev = 0;
    for (let k = first[id]!, end = first[id]! + count[id]!; k < end; k++) {
      const doc = pairs[2 * k]!;
      const w = pairs[2 * k + 1]!;
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
  const groups: [string, { term: string; start: number; end: number }[]][] = [];
  groupTerms(entries, 2, groups);
  // Consecutive groups packed into files of up to PACK_BYTES (a bigger group alone).
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
  const open = Buffer.from('[');
  const close = Buffer.from(']\n');
  files.forEach((f, i) => fs.writeFileSync(path.join(dir, 't', `${i}.json`), Buffer.concat([open, out.buf.subarray(f.start, f.end), close])));
  const meta: ShardMeta = { count: docs.length, chunk: DOC_CHUNK, files: files.map((f) => f.keys), len };
  fs.writeFileSync(path.join(dir, 'meta.json'), `${JSON.stringify(meta)}\n`);
}

function readState(file: string): ShardState | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as ShardState;
  } catch {
    return null;
  }
}

/**
 * Writes the search index of the archive into <out>/search-index/ (only shards whose input changed are
 * written again) and the search page's script and stylesheet into <out>/assets/.
 */
export async function indexSearch(options: SearchOptions): Promise<SearchFigures> {
  const started = performance.now();
  const root = options.root ?? PACKAGE_ROOT;
  const out = path.resolve(options.out);
  const { archive } = options;
  const dir = path.join(out, INDEX_DIR);
  const stateFile = path.join(dir, 'shards.json');
  fs.mkdirSync(dir, { recursive: true });
  fs.mkdirSync(path.join(out, 'assets'), { recursive: true });
  for (const asset of ['search.js', 'search.css']) fs.copyFileSync(path.join(root, 'templates/assets', asset), path.join(out, 'assets', asset));
  // The Pagefind index of sites built before schema 2 (recognised by its own shards.json).
  if (fs.existsSync(path.join(out, 'pagefind', 'shards.json'))) fs.rmSync(path.join(out, 'pagefind'), { recursive: true, force: true });

  const topicNames = new Map(archive.topics.map((t) => [t.topic.slug, t.topic.name]));
  const shards = assignShards(archive.articles, options.cap);
  const previous = readState(stateFile);
  const usable = previous?.schema === SEARCH_SCHEMA ? new Map(previous.shards.map((s) => [s.key, s.hash])) : new Map<string, string>();
  const state: ShardState = { schema: SEARCH_SCHEMA, shards: [] };
  const todo: [string, SiteArticle[]][] = [];
  for (const [key, items] of shards) {
    // What a shard holds of an article: its file's bytes (a.hash: title, date, body…), its URL, the names of
    // its topics and the site's date style, all in the digest; the files themselves are not read here.
    const lines = items.map((a) => `${a.meta.id} ${sha(JSON.stringify([a.url, a.hash, a.meta.title, a.meta.date, a.meta.outlet, a.meta.place, a.meta.hashtags, a.meta.topics.map((t) => topicNames.get(t) ?? t), archive.settings.month_style, archive.settings.digits]))}`);
    const hash = sha(lines.sort().join('\n'), 32);
    state.shards.push({ key, hash, count: items.length });
    if (usable.get(key) !== hash || !fs.existsSync(path.join(dir, key, 'meta.json'))) todo.push([key, items]);
  }

  let indexed = 0;
  // One table of word forms for all shards: shards of one archive share most of their words, so each
  // distinct piece of text is reduced once per run, not once per shard. Past 2M pieces (a very large
  // archive) it is dropped for a fresh one, which keeps its memory bounded.
  let table = new FormTable();
  for (const [key, items] of todo) {
    if (table.size > 2_000_000) table = new FormTable();
    // Written beside the live shard and swapped in, so a failed run leaves the old shard usable.
    const tmp = path.join(dir, `.${key}.tmp`);
    fs.rmSync(tmp, { recursive: true, force: true });
    writeShard(tmp, items, archive, topicNames, table);
    fs.rmSync(path.join(dir, key), { recursive: true, force: true });
    fs.renameSync(tmp, path.join(dir, key));
    indexed += items.length;
  }
  // Shards that no longer exist (a year split into buckets, articles removed) and leftovers of failed runs.
  const live = new Set(shards.keys());
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory() && !live.has(e.name) && /^(?:\d{4}|undated)(?:-h\d+)?$|^\..*\.tmp$/.test(e.name)) fs.rmSync(path.join(dir, e.name), { recursive: true, force: true });
  }
  const stateText = `${JSON.stringify(state, null, 1)}\n`;
  if (!fs.existsSync(stateFile) || fs.readFileSync(stateFile, 'utf8') !== stateText) {
    fs.writeFileSync(`${stateFile}.tmp`, stateText);
    fs.renameSync(`${stateFile}.tmp`, stateFile);
  }
  return { pages: archive.articles.length, indexed, shards: shards.size, rebuilt: todo.map(([k]) => k), ms: Math.round(performance.now() - started) };
}
