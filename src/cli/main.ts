// The arshif command line (commander). Exit codes as the contract says: 0 when every input was accounted
// for, 1 when the run itself failed, 2 on a usage error; errors go to stderr in one sentence naming the file.
import fs from 'node:fs';
import path from 'node:path';
import { Command, CommanderError } from 'commander';
import { ingest, type RunReport } from '../ingest/run.ts';
import { buildSite } from '../site/build.ts';
import { serve } from './serve.ts';
import { printReport } from './report.ts';

const VERSION = (JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../package.json'), 'utf8')) as { version: string }).version;

class RunError extends Error {}

function summary(report: RunReport): string {
  const t = report.totals;
  const lines = [`arshif: ${t.written} written, ${t.unchanged} unchanged, ${t.duplicate} duplicate, ${t.rejected} rejected (${report.inputs.length} inputs)`];
  for (const r of report.inputs) if (r.status === 'rejected') lines.push(`  rejected ${r.path}: ${r.reason}`);
  for (const f of report.kept_hand_edits) lines.push(`  kept hand-edited ${f} (not overwritten)`);
  return lines.join('\n');
}

function runIngest(paths: string[], content: string): RunReport {
  for (const p of paths) if (!fs.existsSync(p)) throw new RunError(`cannot read ${p}: no such file or folder`);
  return ingest({ paths, content });
}

/** The folder options shared by the commands that build the site. */
function siteFolders(cmd: Command): Command {
  return cmd
    .option('--dumps <dir>', 'dumps folder', 'dumps')
    .option('--content <dir>', 'content folder', 'content')
    .option('--out <dir>', 'output folder', '_site');
}

/** Runs the CLI with the given argv; resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  const program = new Command();
  program
    .name('arshif')
    .description('Turns raw text dumps of Arabic news pages into a clean, right-to-left static news archive.')
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });

  program
    .command('ingest')
    .description('clean dumps into Markdown articles under the content folder')
    .argument('[paths...]', 'dump files or folders', ['dumps'])
    .option('--content <dir>', 'content folder', 'content')
    .option('--json', 'print the run report as JSON on stdout')
    .addHelpText('after', '\nExamples:\n  arshif ingest\n  arshif ingest dumps/new --content content --json')
    .action((paths: string[], opts: { content: string; json?: boolean }) => {
      const report = runIngest(paths, opts.content);
      process.stdout.write(opts.json ? `${JSON.stringify(report, null, 1)}\n` : `${summary(report)}\n`);
    });

  siteFolders(program.command('build'))
    .description('ingest, then render the site with Eleventy')
    .option('--path-prefix <prefix>', 'URL path the site is served under (links are relative and work anywhere)', '/')
    .addHelpText('after', '\nExamples:\n  arshif build\n  arshif build --out public --path-prefix /archive/')
    .action(async (opts: { dumps: string; content: string; out: string; pathPrefix: string }) => {
      const report = fs.existsSync(opts.dumps) ? runIngest([opts.dumps], opts.content) : null;
      if (report) process.stdout.write(`${summary(report)}\n`);
      else process.stdout.write(`arshif: no dumps folder at ${opts.dumps}; building from ${opts.content} only\n`);
      const site = await buildSite({ content: opts.content, out: opts.out, pathPrefix: opts.pathPrefix });
      for (const p of site.problems) process.stderr.write(`arshif: ${p}\n`);
      process.stdout.write(`arshif: site built in ${opts.out}/ (${site.pages} pages, ${site.ms} ms)\n`);
    });

  siteFolders(program.command('serve'))
    .description('build, serve the site on localhost and rebuild when dumps or content change')
    .option('--port <n>', 'port', '8080')
    .action(async (opts: { dumps: string; content: string; out: string; port: string }) => {
      await serve({ ...opts, port: Number(opts.port) });
    });

  program
    .command('report')
    .description('show what the last ingest kept, dropped, doubted and rejected, per input')
    .option('--content <dir>', 'content folder', 'content')
    .option('--json', 'print the last run report as JSON')
    .action((opts: { content: string; json?: boolean }) => {
      const file = path.join(opts.content, '.arshif', 'last-run.json');
      if (!fs.existsSync(file)) throw new RunError(`no run report at ${file}: run "arshif ingest" first`);
      const report = JSON.parse(fs.readFileSync(file, 'utf8')) as RunReport;
      process.stdout.write(opts.json ? `${JSON.stringify(report, null, 1)}\n` : printReport(report));
    });

  try {
    await program.parseAsync(argv);
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
      return 2;
    }
    const err = e as NodeJS.ErrnoException;
    process.stderr.write(`arshif: ${err instanceof RunError ? err.message : `${err.message}${err.path ? ` (${err.path})` : ''}`}\n`);
    return 1;
  }
}
