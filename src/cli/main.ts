// The arshif command line (commander). Exit codes as the contract says: 0 when every input was accounted
// for, 1 when the run itself failed, 2 on a usage error; errors go to stderr in one sentence naming the file.
// Progress bars go to stderr and only to a terminal (never with --quiet); with --json stdout holds only JSON.
import fs from 'node:fs';
import path from 'node:path';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
// The ingest, Eleventy and the server are imported when a command needs them: --help, --version and
// report start in a fraction of the time.
import type { RunReport } from '../ingest/run.ts';
import type { BuildResult } from '../site/build.ts';
import { loadSettings } from '../site/settings.ts';
import { writeFileAtomic } from '../store/atomic.ts';
import { printReport, readRunReport, reviewItems } from './report.ts';
import { renderReview, REVIEW_GENERATOR } from './review.ts';
import { colorEnabled, colors, formatSummary, ProgressBar, safe, StepTimer, type Colors, type IngestProgress } from './progress.ts';

const VERSION = (JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../package.json'), 'utf8')) as { version: string }).version;

class RunError extends Error {}

interface Globals {
  quiet?: boolean;
  color: boolean;
}

/** What a command needs to talk to the user: a progress bar (inert unless wanted) and stdout colours. */
interface Io {
  quiet: boolean;
  bar: ProgressBar;
  c: Colors;
  /** A note for stderr (suppressed by --quiet). */
  note(text: string): void;
}

function io(cmd: Command): Io {
  const g = cmd.optsWithGlobals<Globals>();
  const quiet = Boolean(g.quiet);
  return {
    quiet,
    bar: new ProgressBar(!quiet && Boolean(process.stderr.isTTY), process.stderr, colorEnabled(process.stderr, process.env, g.color)),
    c: colors(colorEnabled(process.stdout, process.env, g.color)),
    note: (text) => {
      if (!quiet) process.stderr.write(`arshif: ${safe(text)}\n`);
    },
  };
}

async function runIngest(paths: string[], content: string, extra: { prune?: boolean; onProgress?: (p: IngestProgress) => void }): Promise<RunReport> {
  for (const p of paths) if (!fs.existsSync(p)) throw new RunError(`cannot read ${p}: no such file or folder`);
  const { ingest } = await import('../ingest/run.ts');
  return await ingest({ paths, content, prune: extra.prune, onProgress: extra.onProgress });
}

/** The steps of a site build, with the search index split out when the build says how long it took. */
function buildSteps(site: BuildResult, wallMs: number): { name: string; ms: number }[] {
  const search = site.steps?.search;
  if (typeof search !== 'number') return [{ name: 'site pages', ms: wallMs }];
  return [
    { name: 'site pages', ms: Math.max(0, wallMs - search) },
    { name: 'search index', ms: search },
  ];
}

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new InvalidArgumentError('a port is a whole number from 1 to 65535.');
  return n;
}

/** The folder options shared by the commands that build the site. */
function siteFolders(cmd: Command): Command {
  return cmd
    .option('--dumps <dir>', 'dumps folder', 'dumps')
    .option('--content <dir>', 'content folder', 'content')
    .option('--out <dir>', 'output folder', '_site');
}

const PROGRAM_HELP = `
Examples:
  arshif build                               clean dumps/ into content/, then build the site into _site/
  arshif ingest --json > run.json            only the cleaning step, with the machine-readable run report
  arshif report --html                       review page: each dump beside its article
  arshif serve --port 8000                   preview on http://127.0.0.1:8000/, rebuilding on change
  arshif build --quiet                       no progress bars (for cron and CI)

Settings live in content/_data/site.yaml (title, base_url, path_prefix, review, …).
Exit codes: 0 every input accounted for (rejections included), 1 the run failed, 2 a usage error.
Colours only on a terminal; NO_COLOR or --no-color turns them off.`;

/** Runs the CLI with the given argv; resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  const program = new Command();
  program
    .name('arshif')
    .description('Turns raw text dumps of Arabic news pages into a clean, right-to-left static news archive.')
    .version(VERSION, '-V, --version', 'print the version')
    .option('-q, --quiet', 'no progress bars or notes on stderr (errors still go there)')
    .option('--no-color', 'no colours (also: the NO_COLOR environment variable)')
    .helpOption('-h, --help', 'show help for a command')
    .exitOverride()
    .showHelpAfterError('(add --help for usage)')
    .configureOutput({ writeErr: (s) => process.stderr.write(s) })
    .addHelpText('after', PROGRAM_HELP);

  program
    .command('ingest')
    .description('clean dumps into Markdown articles under the content folder')
    .argument('[paths...]', 'dump files or folders', ['dumps'])
    .option('--content <dir>', 'content folder', 'content')
    .option('--json', 'print the run report as JSON on stdout (and nothing else there)')
    .option('--prune', 'remove articles whose dumps are gone')
    .addHelpText(
      'after',
      `
Examples:
  arshif ingest                              clean everything in dumps/ into content/
  arshif ingest dumps/new crawl.warc.gz      only these files or folders
  arshif ingest --json | jq .totals          the run report for scripts (progress stays on stderr)
  arshif ingest --prune                      also remove articles whose dumps were deleted`,
    )
    .action(async (paths: string[], opts: { content: string; json?: boolean; prune?: boolean }, cmd: Command) => {
      const { bar, c } = io(cmd);
      const timer = new StepTimer();
      let report: RunReport;
      try {
        report = await timer.time('ingest', () => runIngest(paths, opts.content, { prune: opts.prune, onProgress: bar.onIngest }));
      } finally {
        bar.stop();
      }
      process.stdout.write(opts.json ? `${JSON.stringify(report, null, 1)}\n` : `${formatSummary(report, timer, c)}\n`);
    });

  siteFolders(program.command('build'))
    .description('ingest new or changed dumps, then build the site and its search index')
    .option('--path-prefix <prefix>', 'URL path the site is served under (default: path_prefix in site.yaml, else /)')
    .option('--prune', 'remove articles whose dumps are gone')
    .option('--full', 'render every page, not only those whose articles changed')
    .addHelpText(
      'after',
      `
Examples:
  arshif build                               dumps/ → content/ → _site/
  arshif build --out public --path-prefix /archive/
  arshif build --dumps ~/crawl --prune       take dumps from elsewhere; drop articles of deleted dumps
  arshif build --quiet                       no progress bars (cron, CI)`,
    )
    .action(async (opts: { dumps: string; content: string; out: string; pathPrefix?: string; prune?: boolean; full?: boolean }, cmd: Command) => {
      const { bar, c, note } = io(cmd);
      const timer = new StepTimer();
      let report: RunReport | null = null;
      let site: BuildResult;
      const settings = loadSettings(opts.content);
      try {
        if (fs.existsSync(opts.dumps)) {
          report = await timer.time('ingest', () => runIngest([opts.dumps], opts.content, { prune: opts.prune, onProgress: bar.onIngest }));
        } else if (cmd.getOptionValueSource('dumps') !== 'default') {
          throw new RunError(`cannot read ${opts.dumps}: no such file or folder`);
        } else {
          note(`no dumps folder at ${opts.dumps}; building from ${opts.content} only`);
        }
        bar.step('site');
        const started = performance.now();
        const { buildSite } = await import('../site/build.ts');
        site = await buildSite({ content: opts.content, out: opts.out, pathPrefix: opts.pathPrefix ?? settings.path_prefix, full: opts.full });
        for (const step of buildSteps(site, performance.now() - started)) timer.add(step.name, step.ms);
        const reviewPage = path.join(opts.out, 'review', 'index.html');
        if (settings.review) {
          const run = readRunReport(opts.content);
          if ('report' in run) {
            await timer.time('review page', () => writeFileAtomic(reviewPage, renderReview(reviewItems(run.report, opts.content), { generated: reviewDate(run.file) })));
          }
        } else if (fs.existsSync(reviewPage) && fs.readFileSync(reviewPage, 'utf8').includes(REVIEW_GENERATOR)) {
          // `review: false` again: the page an earlier build published goes.
          fs.rmSync(reviewPage);
        }
      } finally {
        bar.stop();
      }
      for (const p of site.problems) note(p);
      const problems = site.problems.length ? c.yellow(`, ${site.problems.length} problem${site.problems.length > 1 ? 's' : ''}`) : '';
      const rendered = site.incremental && site.rendered !== undefined ? `, ${site.rendered} rendered` : '';
      process.stdout.write(`${formatSummary(report, timer, c)}\n${c.bold('arshif:')} site built in ${safe(opts.out)}/ (${site.pages} pages${rendered}${problems})\n`);
    });

  siteFolders(program.command('serve'))
    .description('build, serve the site on localhost and rebuild when dumps or content change')
    .option('--port <n>', 'port', port, 8080)
    .addHelpText(
      'after',
      `
Examples:
  arshif serve                               http://127.0.0.1:8080/
  arshif serve --port 8000 --out /tmp/site   another port and output folder`,
    )
    .action(async (opts: { dumps: string; content: string; out: string; port: number }) => {
      const { serve } = await import('./serve.ts');
      await serve(opts);
    });

  program
    .command('report')
    .description('show what the last ingest kept, dropped, doubted and rejected, per input')
    .option('--content <dir>', 'content folder', 'content')
    .option('--json', 'print the last run report as JSON')
    .option('--lines', 'also list every line of each dump: kept, or dropped with the rule that dropped it')
    .option('--html', 'write the review page: each input beside its article, one self-contained HTML file')
    .option('--out <file>', 'where --html writes (default: <content>/.arshif/review.html)')
    .addHelpText(
      'after',
      `
Examples:
  arshif report                              per dump: fate, dropped lines' rules, doubts
  arshif report --lines | less -R            every line, kept (+) or dropped (-) with its rule
  arshif report --html                       content/.arshif/review.html, open it in a browser
  arshif report --html --out /tmp/review.html
  arshif report --json                       the last run report, for scripts`,
    )
    .action((opts: { content: string; json?: boolean; lines?: boolean; html?: boolean; out?: string }, cmd: Command) => {
      const { c } = io(cmd);
      if (opts.out && !opts.html) throw new CommanderError(2, 'arshif.usage', 'error: --out goes with --html (arshif report --html --out FILE)\n');
      const run = readRunReport(opts.content);
      if ('error' in run) throw new RunError(run.error);
      const items = reviewItems(run.report, opts.content);
      if (opts.html) {
        const file = opts.out ?? path.join(opts.content, '.arshif', 'review.html');
        try {
          writeFileAtomic(file, renderReview(items, { generated: reviewDate(run.file) }));
        } catch (e) {
          throw new RunError(`cannot write the review page ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
        }
        if (!opts.json) process.stdout.write(`${c.bold('arshif:')} review page written to ${safe(file)} (${items.length} inputs)\n`);
      }
      if (opts.json) process.stdout.write(`${JSON.stringify(run.report, null, 1)}\n`);
      else if (!opts.html) process.stdout.write(printReport(run.report, items, { lines: opts.lines, color: c }));
    });

  // Commands from other modules register here.
  (await import('./topics.ts')).registerTopicsCommand(program);

  try {
    await program.parseAsync(argv);
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version') return 0;
      if (e.code === 'commander.help') return e.exitCode === 0 ? 0 : 2;
      if (e.code === 'arshif.usage') process.stderr.write(e.message);
      return 2;
    }
    const err = e as NodeJS.ErrnoException;
    process.stderr.write(`arshif: ${safe(err instanceof RunError ? err.message : `${err.message}${err.path ? ` (${err.path})` : ''}`)}\n`);
    return 1;
  }
}

/** When the run behind a review page happened: the run report's modification time. */
function reviewDate(file: string): string {
  try {
    return `آخر تشغيل: ${fs.statSync(file).mtime.toISOString().replace('T', ' ').slice(0, 16)} UTC`;
  } catch {
    return '';
  }
}
