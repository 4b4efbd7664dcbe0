// What the input readers hand to the cleaner: one record per page. A .txt or .html file is one record; a
// WARC/WET archive or a JSON Lines file holds many. Readers stream (a multi-gigabyte WARC is never held in
// memory) and never throw for bad content: a record they cannot use comes back with `reject` set.

/** One page to clean. */
export interface DumpRecord {
  /** Where it came from, relative to the dumps folder: "x.txt", or "crawl.warc.gz#1234" for a record. */
  source: string;
  /** How `text` is to be parsed: a text dump (one block per line) or an HTML page. */
  format: 'text' | 'html';
  /** The decoded page (NFC, display-clean); empty when rejected. */
  text: string;
  /** The encoding the bytes were decoded from ("utf-8", "windows-1256", "utf-16le (BOM)", …). */
  encoding?: string;
  /** The page's original URL (WARC-Target-URI, a JSONL `url`, or the HTML page's canonical/og:url). */
  url?: string;
  /** When the crawler fetched it (WARC-Date, ISO 8601): bounds the publication date from above, never is it. */
  crawledAt?: string;
  /** Facts an exporter stated next to the text (JSON Lines `title`, `date`); evidence, not truth. */
  hints?: { title?: string; date?: string };
  /** Why this record cannot become an article (not HTML, a redirect, undecodable bytes, …). */
  reject?: string;
  /** A stable hash of the record's bytes (or its text when there are no bytes of its own). */
  hash: string;
}

/** What the cleaner decided about one line (text dump) or block (HTML) of a record, for the review page. */
export interface LineDecision {
  /** 1-based line number in the dump (HTML: the block's line in the source). */
  line: number;
  text: string;
  /** What the kept line became: the title, a body paragraph, a heading, or a metadata line (dateline, credit…). */
  role?: 'title' | 'body' | 'heading' | 'dateline' | 'credit' | 'signature' | 'byline';
  /** When dropped: the rule id and its reason. */
  rule?: string;
  reason?: string;
}
