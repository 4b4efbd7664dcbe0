// One ingest run: every input ends as an article, a duplicate of one, or a rejection with a reason.
// Inputs → decode → parse → learn site templates across all dumps → clean → id by body text (the same text
// always gets the same id; two inputs with one text become one article) → topics, stories → atomic writes.
import fs from 'node:fs';
import path from 'node:path';
import { VFile } from 'vfile';
import { matchKey } from '../arabic/normalize.ts';
import { arabicSlug } from '../arabic/slug.ts';
import { cleanTree, type CleanResult } from '../clean/pipeline.ts';
import { learnTemplates } from '../clean/template.ts';
import { assignTopics, loadTopics } from '../enrich/topics.ts';
import { clusterStories } from '../enrich/stories.ts';
import { parseTextDump } from '../parse/text.ts';
import { digest, parseArticle, serializeArticle, type ArticleFile } from '../store/article.ts';
import { removeStaleTemps, writeFileAtomic } from '../store/atomic.ts';
import { bodyToMarkdown } from '../store/markdown.ts';
import { decode } from './decode.ts';
import { discoverInputs, type InputFile } from './discover.ts';

export type Status = 'written' | 'unchanged' | 'duplicate' | 'rejected';

export interface InputReport {
  path: string;
  status: Status;
  article?: string;
  duplicate_of?: string;
  reason?: string;
  encoding?: string;
  messages: { rule: string; text: string; line?: number }[];
}

export interface RunReport {
  inputs: InputReport[];
  totals: Record<Status, number>;
  /** Articles kept although arshif would now write them differently (hand-edited). */
  kept_hand_edits: string[];
}

export interface IngestOptions {
  /** Files or folders to read (default: dumps/). */
  paths: string[];
  /** Content folder (default: content/). */
  content: string;
  /** How paths are shown in the report: relative to this folder (default: the working directory). */
  cwd?: string;
}

interface Page { input: InputFile; result?: CleanResult; reject?: string; encoding?: string; text?: string }

/** Runs an ingest and returns the run report. Throws only when the run itself cannot proceed. */
export function ingest(options: IngestOptions): RunReport {
  const cwd = options.cwd ?? process.cwd();
  const contentDir = path.resolve(cwd, options.content);
  const articlesDir = path.join(contentDir, 'articles');
  const stateDir = path.join(contentDir, '.arshif');
  removeStaleTemps(contentDir);
  const inputs = discoverInputs(options.paths.map((p) => path.resolve(cwd, p)));
  const shown = (i: InputFile) => path.relative(cwd, i.abs.startsWith(path.resolve(cwd)) ? i.abs : path.resolve(cwd, i.rel)) || i.rel;

  // Read and decode.
  const pages: Page[] = inputs.map((input) => {
    if (input.problem) return { input, reject: input.problem };
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(input.abs);
    } catch (e) {
      return { input, reject: `unreadable: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` };
    }
    const d = decode(bytes);
    return d.ok ? { input, text: d.text, encoding: d.encoding } : { input, reject: d.reason };
  });

  // Learn site templates across all readable dumps.
  const templates = learnTemplates(pages.filter((p) => p.text !== undefined).map((p) => ({ id: p.input.rel, lines: p.text!.split('\n') })));

  // Clean.
  for (const page of pages) {
    if (page.text === undefined) continue;
    const file = new VFile({ path: page.input.rel, value: page.text });
    page.result = cleanTree(parseTextDump(page.text), file, { template: templates.get(page.input.rel) });
    if (page.result.state.rejected) page.reject = page.result.state.rejected;
  }

  // Articles by id: the body text decides identity.
  const topics = loadTopics(path.join(contentDir, '_data', 'topics.yaml'));
  interface Draft { id: string; meta: ArticleFile['meta']; body: string; text: string; pages: Page[] }
  const drafts = new Map<string, Draft>();
  const draftOf = new Map<Page, Draft>();
  for (const page of pages) {
    if (!page.result || page.reject) continue;
    const { state, body } = page.result;
    const paragraphs = body.children.map((el) => (el.type === 'element' && el.children[0]?.type === 'text' ? el.children[0].value : ''));
    const text = paragraphs.join('\n');
    const id = digest(matchKey(text), 10);
    let draft = drafts.get(id);
    if (draft) {
      draft.pages.push(page);
      draft.meta.sources.push(page.input.rel);
      draftOf.set(page, draft);
      continue;
    }
    const lead = body.children.find((el) => el.type === 'element' && el.tagName === 'p');
    const leadText = lead && lead.type === 'element' && lead.children[0]?.type === 'text' ? lead.children[0].value : '';
    const meta: ArticleFile['meta'] = {
      id,
      title: state.title!.value,
      title_from: state.title!.titleFrom,
      date: state.date?.value,
      date_kind: state.date?.kind ?? 'none',
      date_evidence: state.date?.evidence,
      outlet: state.outlet?.value,
      place: state.place?.value,
      credit: state.credit?.value,
      topics: assignTopics(topics, { title: state.title!.value, lead: leadText, body: text, hashtags: state.hashtags }),
      story: undefined,
      sources: [page.input.rel],
      hashtags: state.hashtags.length ? state.hashtags : undefined,
      words: text.split(/\s+/).filter(Boolean).length,
    };
    draft = { id, meta, body: bodyToMarkdown(body), text: `${meta.title}\n${text}`, pages: [page] };
    drafts.set(id, draft);
    draftOf.set(page, draft);
  }

  // Stories: the cluster's first article (by id order) names it.
  const list = [...drafts.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
  const cluster = clusterStories(list.map((d) => d.text));
  list.forEach((d, i) => {
    d.meta.story = digest(`story:${list[cluster[i]!]!.id}`, 8);
  });

  // Write.
  const manifestPath = path.join(stateDir, 'manifest.json');
  const manifest = readManifest(manifestPath);
  const existing = indexExisting(articlesDir);
  const keptHandEdits: string[] = [];
  const written = new Map<Draft, { file: string; changed: boolean }>();
  for (const d of list) {
    const name = `${arabicSlug(d.meta.title) || 'article'}-${d.id}.md`;
    const target = existing.get(d.id) ?? path.join(articlesDir, name);
    const content = serializeArticle({ meta: d.meta, body: d.body });
    let changed = true;
    if (fs.existsSync(target)) {
      const current = fs.readFileSync(target, 'utf8');
      const rel = path.relative(contentDir, target);
      const wrote = manifest.articles[rel];
      if (current === content) changed = false;
      else if (wrote && digest(current, 16) !== wrote) {
        keptHandEdits.push(rel);
        written.set(d, { file: target, changed: false });
        continue;
      }
    }
    if (changed) writeFileAtomic(target, content);
    manifest.articles[path.relative(contentDir, target)] = digest(content, 16);
    written.set(d, { file: target, changed });
  }
  writeFileAtomic(manifestPath, `${JSON.stringify(manifest, null, 1)}\n`);

  // Report: every input exactly once.
  const totals: Record<Status, number> = { written: 0, unchanged: 0, duplicate: 0, rejected: 0 };
  const reports: InputReport[] = pages.map((page) => {
    const messages = (page.result?.file.messages ?? []).map((m) => ({ rule: m.ruleId ?? 'note', text: m.reason, line: m.line ?? undefined }));
    const base = { path: shown(page.input), encoding: page.encoding, messages };
    if (page.reject) {
      totals.rejected++;
      return { ...base, status: 'rejected', reason: page.reject };
    }
    const d = draftOf.get(page)!;
    const w = written.get(d)!;
    const article = path.relative(cwd, w.file);
    if (d.pages[0] !== page) {
      totals.duplicate++;
      return { ...base, status: 'duplicate', article, duplicate_of: shown(d.pages[0]!.input) };
    }
    const status: Status = w.changed ? 'written' : 'unchanged';
    totals[status]++;
    return { ...base, status, article };
  });
  const report: RunReport = { inputs: reports, totals, kept_hand_edits: keptHandEdits };
  writeFileAtomic(path.join(stateDir, 'last-run.json'), `${JSON.stringify(report, null, 1)}\n`);
  return report;
}

interface Manifest { version: 1; articles: Record<string, string> }

function readManifest(file: string): Manifest {
  try {
    const m = JSON.parse(fs.readFileSync(file, 'utf8')) as Manifest;
    if (m && m.version === 1 && m.articles) return m;
  } catch {
    /* first run, or a damaged manifest: start afresh (articles on disk are still protected by comparison) */
  }
  return { version: 1, articles: {} };
}

/** Existing article files by id (from their front-matter), so a retitled article keeps its file. */
function indexExisting(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  if (!fs.existsSync(dir)) return out;
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.md')) {
        const m = /-([0-9a-f]{10})\.md$/.exec(e.name);
        if (m) out.set(m[1]!, p);
        else {
          try {
            const id = parseArticle(fs.readFileSync(p, 'utf8')).meta.id;
            if (id) out.set(String(id), p);
          } catch {
            /* a hand-written file with broken front-matter is left alone */
          }
        }
      }
    }
  };
  walk(dir);
  return out;
}
