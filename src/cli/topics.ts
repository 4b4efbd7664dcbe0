// `arshif topics suggest`: frequent key phrases in the articles that no topic of the taxonomy covers yet, to
// help an editor grow content/_data/topics.yaml. The logic is src/enrich/suggest.ts.
import fs from 'node:fs';
import path from 'node:path';
import { Command, CommanderError } from 'commander';
import { loadTopics } from '../enrich/topics.ts';
import { suggestPhrases } from '../enrich/suggest.ts';
import { parseArticle } from '../store/article.ts';

/** Title and body text of every article file under a folder (Markdown heading marks removed). */
export function readArticleTexts(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.md')) {
        const a = parseArticle(fs.readFileSync(p, 'utf8'));
        out.push(`${a.meta.title ?? ''}\n${a.body.replace(/^#+\s*/gm, '')}`);
      }
    }
  };
  walk(dir);
  return out;
}

const count = (name: string) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a whole number of at least 1, not "${v}"`);
  return n;
};

/** Adds `topics suggest` to the program. */
export function registerTopicsCommand(program: Command): void {
  const topics = program.command('topics').description('work with the topic taxonomy (content/_data/topics.yaml)');
  const suggest = topics
    .command('suggest')
    .description('list frequent key phrases of the articles that no topic name or alias covers yet')
    .option('--content <dir>', 'content folder', 'content')
    .option('--limit <n>', 'how many phrases to list', '30')
    .option('--min <n>', 'least number of articles a phrase must occur in', '2')
    .option('--json', 'print the phrases as JSON on stdout')
    .addHelpText('after', '\nExamples:\n  arshif topics suggest\n  arshif topics suggest --limit 50 --json');
  suggest.action((opts: { content: string; limit: string; min: string; json?: boolean }) => {
    let limit: number, minCount: number;
    try {
      limit = count('--limit')(opts.limit);
      minCount = count('--min')(opts.min);
    } catch (e) {
      throw new CommanderError(2, 'arshif.usage', `error: ${(e as Error).message} (arshif topics suggest --help)\n`);
    }
    const dir = path.join(opts.content, 'articles');
    if (!fs.existsSync(dir)) throw new Error(`no articles folder at ${dir}: run "arshif ingest" first`);
    const texts = readArticleTexts(dir);
    const index = loadTopics(path.join(opts.content, '_data', 'topics.yaml'));
    const phrases = suggestPhrases(texts, index, { limit: limit!, minCount: minCount! });
    if (opts.json) {
      process.stdout.write(`${JSON.stringify({ articles: texts.length, phrases }, null, 1)}\n`);
      return;
    }
    const lines = [`arshif: ${phrases.length} phrases not covered by the taxonomy, by number of articles (${texts.length} articles)`];
    for (const p of phrases) lines.push(`${String(p.count).padStart(6)}  ${p.phrase}`);
    process.stdout.write(`${lines.join('\n')}\n`);
  });
}
