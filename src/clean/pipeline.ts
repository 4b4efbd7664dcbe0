// The cleaning pipeline: a parsed page (hast blocks) through one unified plugin per concern, then the
// article assembled from what is left. Every drop and doubt is a VFile message with its rule id.
import type { Element, Root } from 'hast';
import { VFile } from 'vfile';
import { blocksOf, info, type BlockInfo } from '../parse/blocks.ts';
import arshifFeatures from './features-plugin.ts';
import arshifTemplate from './template.ts';
import { arshifClassify, arshifRegion } from './blocks.ts';
import arshifRepeats from './repeats.ts';
import arshifCaptions from './captions.ts';
import arshifTitle from '../extract/title.ts';
import arshifDateline from '../extract/dateline.ts';
import arshifCredit from '../extract/credit.ts';
import arshifOutlet from '../extract/outlet.ts';
import arshifDate from '../extract/date.ts';
import arshifHeadings from '../extract/headings.ts';
import arshifLeadTitle from '../extract/lead-title.ts';
import { note, stateOf, type PageState } from './state.ts';
import type { PageEvidence } from '../parse/html.ts';
import type { LineDecision } from '../ingest/record.ts';

export interface CleanOptions {
  /** Template lines (match keys) learned for this page's site. */
  template?: Set<string>;
  /** Latest possible publication date (crawl time), YYYY-MM-DD. */
  notAfter?: string;
  /** What an HTML page's markup states about itself. */
  page?: PageEvidence;
  /** Keep the rules' notes as plain records in `state.notes` instead of VFile messages (see PageState). */
  plainNotes?: boolean;
}

export interface CleanResult {
  state: PageState;
  /** The article body as hast: p and h2 elements in order. Empty when rejected. */
  body: Root;
  /** Every block with its fate, for the report. */
  blocks: BlockInfo[];
  file: VFile;
}

/** The cleaning plugins in the order they run. */
export const PLUGINS: [string, unknown][] = [
  ['features', arshifFeatures],
  ['template', arshifTemplate],
  ['classify', arshifClassify],
  ['title', arshifTitle],
  ['repeats', arshifRepeats],
  ['region', arshifRegion],
  ['captions', arshifCaptions],
  ['dateline', arshifDateline],
  ['credit', arshifCredit],
  ['outlet', arshifOutlet],
  ['headings', arshifHeadings],
  ['lead-title', arshifLeadTitle],
  ['date', arshifDate],
];

/** Milliseconds spent in each plugin, when ARSHIF_PROFILE_PLUGINS=1 (for the benchmark). */
export const PLUGIN_MS = new Map<string, number>();

type Transformer = (t: Root, f: VFile) => void;
type Attacher = () => Transformer;

/**
 * The plugins' transformers, made once: the plugins keep nothing between pages (what they learn goes into the
 * file's page state, the site template too). They are ordinary unified plugins and work in any unified
 * pipeline (tests/clean/pipeline.test.ts runs them so); here they run in a plain loop, because unified's runner (trough, built
 * for asynchronous plugins) cost more per page than several of the plugins themselves.
 */
const TRANSFORMERS: Transformer[] = PLUGINS.map(([, plugin]) => (plugin as Attacher)());

const TIMED = process.env.ARSHIF_PROFILE_PLUGINS === '1';

/** Runs the transformers in order; with ARSHIF_PROFILE_PLUGINS=1, adds each one's time to PLUGIN_MS. */
function runPlugins(tree: Root, file: VFile): void {
  for (let i = 0; i < TRANSFORMERS.length; i++) {
    if (!TIMED) {
      TRANSFORMERS[i]!(tree, file);
      continue;
    }
    const a = performance.now();
    TRANSFORMERS[i]!(tree, file);
    const name = PLUGINS[i]![0];
    PLUGIN_MS.set(name, (PLUGIN_MS.get(name) ?? 0) + performance.now() - a);
  }
}

/** Runs the cleaning plugins over a parsed page and assembles the article body. */
export function cleanTree(tree: Root, file: VFile, options: CleanOptions = {}): CleanResult {
  const state = stateOf(file);
  if (options.notAfter) state.notAfter = options.notAfter;
  if (options.page) {
    state.page = options.page;
    if (options.page.url) state.url = options.page.url;
  }
  if (options.template) state.template = options.template;
  if (options.plainNotes) state.notes ??= [];
  // Every drop is a VFile message, and a VFileMessage is an Error: without this, V8 records a stack trace for
  // each one, which was a tenth of the cleaning time. The messages carry their rule and line instead.
  const stackLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    runPlugins(tree, file);
  } finally {
    Error.stackTraceLimit = stackLimit;
  }
  // A page that never names its outlet in the text may still name it in its markup (og:site_name, the
  // JSON-LD publisher): the site's own statement, used only when the text said nothing.
  if (!state.outlet && state.page?.siteName && !state.rejected) {
    state.outlet = { value: state.page.siteName, evidence: state.page.siteName, from: 'site-name' };
    note(file, 'outlet', `outlet from the page's site name: ${state.page.siteName}`);
  }
  const elements = blocksOf(tree);
  const children: Element[] = [];
  for (const el of elements) {
    const b = info(el);
    if (b.drop) continue;
    const tagName = b.role === 'heading' ? 'h2' : 'p';
    children.push({ type: 'element', tagName, properties: {}, children: [{ type: 'text', value: b.text }] });
  }
  if (!state.rejected && children.length === 0) state.rejected = 'no article text left after cleaning';
  if (!state.rejected && !state.title) state.rejected = 'no headline and no lead sentence to make one from';
  return { state, body: { type: 'root', children: state.rejected ? [] : children }, blocks: elements.map(info), file };
}

/** What happened to each block, for the review page and `arshif report --lines`. */
export function decisionsOf(result: CleanResult): LineDecision[] {
  return result.blocks.map((b) => {
    const d: LineDecision = { line: b.line, text: b.text };
    if (b.role === 'title') d.role = 'title';
    else if (!b.drop) d.role = b.role === 'heading' ? 'heading' : 'body';
    else if (b.role && b.role !== 'body') d.role = b.role;
    if (b.drop && b.role !== 'title') {
      d.rule = b.drop.rule;
      d.reason = b.drop.reason;
    }
    return d;
  });
}
