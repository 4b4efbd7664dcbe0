// One site build in its own process, so the benchmark can measure its peak memory: prints buildSite's
// result as JSON on the last line of stdout.
import { buildSite } from '../src/site/build.ts';

const args = process.argv.slice(2);
const get = (k: string) => {
  const i = args.indexOf(k);
  return i >= 0 ? args[i + 1] : undefined;
};
const started = performance.now();
const r = await buildSite({ content: get("--content")!, out: get("--out")!, full: args.includes("--full"), search: !args.includes("--no-search") });
// Problems are counted, not listed: the line must stay short enough to read back.
process.stdout.write(`${JSON.stringify({ ...r, problems: r.problems.length, processMs: Math.round(performance.now() - started) })}\n`);
