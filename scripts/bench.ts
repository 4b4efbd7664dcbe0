// npm run bench [-- --n 1000,10000 --runs 3 --ingest-runs 1 --skip-ingest --no-baseline --no-hugo --no-verify --no-one-command]
//
// Generates a synthetic archive of N dumps (bench/generate.ts) into bench/work/, then times, each step in its
// own process so its peak memory can be measured: the ingest (dumps/s), a cold site build (ms per page,
// pages/s; the search indexing step that buildSite reports is shown apart), and an incremental rebuild
// after 10 more dumps are added and ingested; then that rebuild as a user runs it, one `arshif build`. The
// same article Markdown is built by a plain Eleventy project (bench/baseline/) and, when `hugo` is on the
// PATH, by a minimal Hugo site (bench/hugo/), and arshif's build time is printed as a ratio to theirs.
// Minimum of --runs runs; one table; bench/results.json.
import fs from 'node:fs';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { generate } from '../bench/generate.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const WORK = path.join(ROOT, 'bench/work');
const STATE_FILE = '.arshif-build.json';

const argv = process.argv.slice(2);
const opt = (k: string, d: string) => {
  const i = argv.indexOf(k);
  return i >= 0 && argv[i + 1] ? argv[i + 1]! : d;
};
const flag = (k: string) => argv.includes(k);
const SIZES = opt('--n', '10000').split(',').map((s) => Number(s.replace(/_/g, '')));
const RUNS = Math.max(1, Number(opt('--runs', '3')));
const INGEST_RUNS = Math.max(1, Number(opt('--ingest-runs', String(RUNS))));
const NEW_DUMPS = Number(opt('--add', '10'));
const SEED = Number(opt('--seed', '1'));
const HAS_TIME = fs.existsSync('/usr/bin/time');

/**
 * A copy of the code to measure (bench/work/code, node_modules linked): a bench takes many minutes and must
 * measure one version of the code, not whatever an editor saves meanwhile. --live runs the working tree.
 */
function snapshot(): string {
  if (flag('--live')) return ROOT;
  const dst = path.join(WORK, 'code');
  fs.rmSync(dst, { recursive: true, force: true });
  fs.mkdirSync(path.join(dst, 'bench'), { recursive: true });
  for (const f of ['src', 'templates', 'bin', 'bench/site-build.ts', 'bench/baseline', 'bench/hugo', 'content/_data', '.eleventy.ts', 'package.json', 'tsconfig.json']) {
    if (fs.existsSync(path.join(ROOT, f))) fs.cpSync(path.join(ROOT, f), path.join(dst, f), { recursive: true });
  }
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dst, 'node_modules'));
  return dst;
}
const CODE = snapshot();
const HUGO = !flag('--no-hugo') && spawnSync('hugo', ['version'], { encoding: 'utf8' }).status === 0 ? spawnSync('hugo', ['version'], { encoding: 'utf8' }).stdout.trim().split(' ').slice(0, 2).join(' ') : null;

interface Proc { ms: number; rssMB: number; cpuMs: number; code: number; stdout: string; stderr: string }

/** Runs a command, measuring wall time and peak resident memory (GNU time -v, or polling VmHWM). */
async function run(cmd: string, args: string[], cwd = CODE, env: NodeJS.ProcessEnv = process.env): Promise<Proc> {
  const started = performance.now();
  const child = HAS_TIME ? spawn('/usr/bin/time', ['-v', cmd, ...args], { cwd, env }) : spawn(cmd, args, { cwd, env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout = (stdout + d.toString()).slice(-20000)));
  child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-20000)));
  let hwm = 0;
  const poll = HAS_TIME
    ? null
    : setInterval(() => {
        try {
          const m = /VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'));
          if (m) hwm = Math.max(hwm, Number(m[1]));
        } catch {
          /* gone */
        }
      }, 50);
  const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? 1)));
  const ms = performance.now() - started;
  if (poll) clearInterval(poll);
  const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
  const kb = m ? Number(m[1]) : hwm;
  // CPU time (user + system, with waited-for children): steadier than wall time on a shared machine.
  const user = /User time \(seconds\): ([\d.]+)/.exec(stderr);
  const sys = /System time \(seconds\): ([\d.]+)/.exec(stderr);
  const cpuMs = user && sys ? (Number(user[1]) + Number(sys[1])) * 1000 : NaN;
  if (code !== 0) process.stderr.write(`bench: ${cmd} ${args.join(' ')} exited with ${code}\n${stderr.slice(-3000)}\n`);
  return { ms, rssMB: kb / 1024, cpuMs, code, stdout, stderr };
}

const rm = (p: string) => fs.rmSync(p, { recursive: true, force: true });
const min = <T>(xs: T[], f: (x: T) => number): T => xs.reduce((a, b) => (f(b) < f(a) ? b : a));
const log = (s: string) => process.stderr.write(`bench: ${s}\n`);

/** Hard-links (or copies) every file of src into dst. */
function linkTree(src: string, dst: string, filter: (name: string) => boolean = () => true): void {
  fs.mkdirSync(dst, { recursive: true });
  for (const e of fs.readdirSync(src, { withFileTypes: true })) {
    const s = path.join(src, e.name);
    const d = path.join(dst, e.name);
    if (e.isDirectory()) linkTree(s, d, filter);
    else if (filter(e.name)) {
      try {
        fs.linkSync(s, d);
      } catch {
        fs.copyFileSync(s, d);
      }
    }
  }
}

/**
 * An archive of n articles made from the articles of an ingested one (--clone-from <content folder>): copy k of
 * an article gets new ids (article and story), so pages, lists and stories grow as with more dumps. For site
 * builds beyond what the ingest can produce in a bench's time.
 */
function cloneContent(src: string, dst: string, n: number, firstCopy = 0): string[] {
  const files = fs.readdirSync(path.join(src, 'articles')).filter((f) => f.endsWith('.md')).sort();
  fs.mkdirSync(path.join(dst, 'articles'), { recursive: true });
  const made: string[] = [];
  const hex = (s: string) => createHash('sha1').update(s).digest('hex').slice(0, 10);
  for (let i = 0; made.length < n; i++) {
    const k = firstCopy + Math.floor(i / files.length);
    const f = files[i % files.length]!;
    let text = fs.readFileSync(path.join(src, 'articles', f), 'utf8');
    const id = /^id: "?([^"\n]+)"?$/m.exec(text)?.[1] ?? f;
    const nid = k === 0 ? id : hex(`${id}:${k}`);
    if (k > 0) text = text.replace(/^id: .*$/m, `id: x${nid.slice(1)}`).replace(/^story: "?([^"\n]*)"?$/m, (_m, st: string) => `story: s${st}-${k}`).replace(/^title: (")?/m, (_m, q: string | undefined) => `title: ${q ?? ''}(${k}) `);
    const name = k === 0 ? f : f.replace(/-[0-9a-z]{10}\.md$/, `-x${nid.slice(1)}.md`);
    fs.writeFileSync(path.join(dst, 'articles', name), text);
    made.push(name);
  }
  return made;
}

/** Makes dst's articles those of src, writing only the files that differ (as an ingest does). */
function syncChanged(src: string, dst: string): void {
  const a = path.join(src, 'articles');
  const b = path.join(dst, 'articles');
  const want = new Set(fs.readdirSync(a));
  for (const f of fs.readdirSync(b)) if (!want.has(f)) fs.rmSync(path.join(b, f));
  for (const f of want) {
    const data = fs.readFileSync(path.join(a, f));
    const target = path.join(b, f);
    if (!fs.existsSync(target) || !fs.readFileSync(target).equals(data)) fs.writeFileSync(target, data);
  }
}

/**
 * A copy of a content folder as a user's next run finds it: file times to the nanosecond (`cp -a`), as arshif
 * compares them with what it recorded (fs.cpSync keeps milliseconds, and every article would be read again).
 */
function copyContent(src: string, dst: string): void {
  rm(dst);
  if (spawnSync('cp', ['-a', src, dst]).status !== 0) fs.cpSync(src, dst, { recursive: true, preserveTimestamps: true });
}

function freshContent(dir: string): void {
  rm(dir);
  fs.mkdirSync(path.join(dir, '_data'), { recursive: true });
  for (const f of fs.readdirSync(path.join(CODE, 'content/_data'))) fs.copyFileSync(path.join(CODE, 'content/_data', f), path.join(dir, '_data', f));
}

function generatorStamp(n: number): string {
  return JSON.stringify({ n, seed: SEED, gen: fs.readFileSync(path.join(ROOT, 'bench/generate.ts'), 'utf8').length, dumps: fs.readdirSync(path.join(ROOT, 'dumps')).join(',') });
}

/** Every file (but the build state) of two folders has the same bytes. */
function sameTree(a: string, b: string): { same: boolean; differ: string[] } {
  const list = (d: string) => (fs.readdirSync(d, { recursive: true }) as string[]).filter((f) => f !== STATE_FILE && fs.statSync(path.join(d, f)).isFile()).sort();
  const la = list(a);
  const lb = new Set(list(b));
  const inA = new Set(la);
  const differ: string[] = [];
  for (const f of la) if (!lb.has(f) || !fs.readFileSync(path.join(a, f)).equals(fs.readFileSync(path.join(b, f)))) differ.push(f);
  for (const f of lb) if (!inA.has(f)) differ.push(f);
  return { same: differ.length === 0, differ: differ.slice(0, 20) };
}

interface SiteRun extends Proc { result: { pages: number; ms: number; rendered?: number; deleted?: number; incremental?: boolean; steps?: Record<string, number> } }

async function siteBuild(content: string, out: string, full: boolean, search = false): Promise<SiteRun> {
  const p = await run(process.execPath, ['--import', 'tsx', 'bench/site-build.ts', '--content', content, '--out', out, ...(full ? ['--full'] : []), ...(search ? [] : ['--no-search'])]);
  const last = p.stdout.trim().split('\n').pop() ?? '{}';
  let result: SiteRun['result'] = { pages: 0, ms: NaN };
  try {
    result = JSON.parse(last) as SiteRun['result'];
  } catch {
    /* reported as NaN */
  }
  return { ...p, result };
}

/** Site build time without the search indexing step (another concern, shown apart). */
const siteMs = (r: SiteRun) => r.ms - (r.result.steps?.search ?? 0);

function prepareHugo(content: string, dir: string): void {
  rm(dir);
  linkTree(path.join(CODE, 'bench/hugo'), dir);
  const target = path.join(dir, 'content/articles');
  fs.mkdirSync(target, { recursive: true });
  for (const f of fs.readdirSync(path.join(content, 'articles'))) {
    if (!f.endsWith('.md')) continue;
    const text = fs.readFileSync(path.join(content, 'articles', f), 'utf8');
    const id = (/^id: "?([^"\n]+)"?$/m.exec(text)?.[1] ?? f.replace(/\.md$/, '')).trim();
    const date = /^date: (\d{4}-\d{2})-\d{2}$/m.exec(text)?.[1];
    fs.writeFileSync(path.join(target, f), text.replace(/^---\n/, `---\nslug: "${id}"\n${date ? `months: ["${date}"]\n` : ''}`));
  }
}

interface Row { n: number; step: string; runs: number[]; ms: number; cpuMs?: number; rate: string; perPage?: number; rssMB: number; note?: string }

async function bench(n: number): Promise<{ rows: Row[]; raw: Record<string, unknown> }> {
  const dir = path.join(WORK, `n${n}`);
  fs.mkdirSync(dir, { recursive: true });
  const content = path.join(dir, 'content');
  const contentPlus = path.join(dir, 'content-plus');
  const rows: Row[] = [];
  const raw: Record<string, unknown> = { n };
  const cloneFrom = opt('--clone-from', '');
  if (cloneFrom) {
    log(`n=${n} cloning articles of ${cloneFrom}`);
    freshContent(content);
    cloneContent(cloneFrom, content, n);
    rm(contentPlus);
    fs.cpSync(content, contentPlus, { recursive: true });
    // "+10 dumps": ten more copies of articles, with new ids.
    const extra = path.join(dir, 'extra');
    rm(extra);
    cloneContent(cloneFrom, extra, NEW_DUMPS, 1000);
    for (const f of fs.readdirSync(path.join(extra, 'articles'))) fs.copyFileSync(path.join(extra, 'articles', f), path.join(contentPlus, 'articles', f));
    raw.clonedFrom = cloneFrom;
  }
  const dumps = path.join(dir, 'dumps');
  const stampFile = path.join(dir, 'dumps.stamp');
  const stamp = generatorStamp(n);
  if (!cloneFrom && (!fs.existsSync(stampFile) || fs.readFileSync(stampFile, 'utf8') !== stamp)) {
    log(`generating ${n} dumps`);
    rm(dumps);
    generate(dumps, 0, n, SEED);
    fs.writeFileSync(stampFile, stamp);
  }
  const dumpsPlus = path.join(dir, 'dumps-plus');
  if (!cloneFrom) {
    rm(dumpsPlus);
    linkTree(dumps, dumpsPlus);
    generate(dumpsPlus, n, NEW_DUMPS, SEED);
  }
  const bin = path.join(CODE, 'bin/arshif.mjs');

  // Cold ingest.
  if (!cloneFrom && (!flag('--skip-ingest') || !fs.existsSync(path.join(content, 'articles')))) {
    const runs: Proc[] = [];
    for (let i = 0; i < INGEST_RUNS; i++) {
      log(`n=${n} ingest run ${i + 1}/${INGEST_RUNS}`);
      freshContent(content);
      runs.push(await run(process.execPath, [bin, 'ingest', dumps, '--content', content]));
    }
    const best = min(runs, (r) => r.ms);
    raw.ingest = runs.map((r) => ({ ms: r.ms, rssMB: r.rssMB, summary: r.stdout.trim().split('\n').pop() }));
    rows.push({ n, step: 'ingest (cold)', runs: runs.map((r) => r.ms), ms: best.ms, cpuMs: best.cpuMs, rate: `${Math.round(n / (best.ms / 1000))} dumps/s`, rssMB: Math.max(...runs.map((r) => r.rssMB)), note: best.stdout.trim().split('\n').pop() });
    rm(contentPlus);
  }
  const articles = fs.readdirSync(path.join(content, 'articles')).filter((f) => f.endsWith('.md')).length;
  raw.articles = articles;

  // Each run: a copy of the content, a cold build of it, the new dumps ingested into that same folder (as a
  // user does; the first run times this ingest and keeps its result, later runs copy in the files it
  // changed), and an incremental rebuild into the cold build's folder.
  const work = path.join(dir, 'content-inc');
  const site = path.join(dir, 'site-inc');
  const cold: SiteRun[] = [];
  const incs: SiteRun[] = [];
  for (let i = 0; i < RUNS; i++) {
    log(`n=${n} cold site build ${i + 1}/${RUNS}`);
    rm(work);
    // Times kept: the same content folder, as a user's next run finds it (arshif trusts an article file's size
    // and time to tell it has not changed).
    copyContent(content, work);
    rm(site);
    cold.push(await siteBuild(work, site, true, true));
    if (!fs.existsSync(path.join(contentPlus, 'articles'))) {
      log(`n=${n} ingest after adding ${NEW_DUMPS} dumps`);
      const inc = await run(process.execPath, [bin, 'ingest', dumpsPlus, '--content', work]);
      raw.ingestIncremental = { ms: inc.ms, rssMB: inc.rssMB, summary: inc.stdout.trim().split('\n').pop() };
      rows.push({ n, step: `ingest (+${NEW_DUMPS} dumps)`, runs: [inc.ms], ms: inc.ms, cpuMs: inc.cpuMs, rate: `${Math.round((n + NEW_DUMPS) / (inc.ms / 1000))} dumps/s`, rssMB: inc.rssMB, note: inc.stdout.trim().split('\n').pop() });
      fs.cpSync(work, contentPlus, { recursive: true });
    } else syncChanged(contentPlus, work);
    log(`n=${n} incremental site build ${i + 1}/${RUNS}`);
    incs.push(await siteBuild(work, site, false, true));
  }
  const bestCold = min(cold, siteMs);
  const pages = bestCold.result.pages;
  raw.cold = cold.map((r) => ({ wallMs: r.ms, rssMB: r.rssMB, ...r.result }));
  rows.push({ n, step: 'site build (cold)', runs: cold.map(siteMs), ms: siteMs(bestCold), cpuMs: Math.min(...cold.map((r) => r.cpuMs)), rate: `${Math.round(pages / (siteMs(bestCold) / 1000))} pages/s`, perPage: siteMs(bestCold) / pages, rssMB: Math.max(...cold.map((r) => r.rssMB)), note: `${pages} pages; in-process ${bestCold.result.ms - (bestCold.result.steps?.search ?? 0)} ms; steps ${JSON.stringify(bestCold.result.steps)}` });
  // The search index, timed inside those builds (site times above are without it).
  const searchOf = (r: SiteRun) => r.result.steps?.search ?? NaN;
  const coldSearch = Math.min(...cold.map(searchOf));
  rows.push({ n, step: 'search index (cold, in build)', runs: cold.map(searchOf), ms: coldSearch, rate: `${Math.round(articles / (coldSearch / 1000))} articles/s`, rssMB: Math.max(...cold.map((r) => r.rssMB)), note: 'peak RSS is that of the whole cold build, search included' });
  const best = min(incs, siteMs);
  raw.incremental = incs.map((r) => ({ wallMs: r.ms, rssMB: r.rssMB, ...r.result }));
  rows.push({ n, step: `search index (+${NEW_DUMPS} dumps, in build)`, runs: incs.map(searchOf), ms: Math.min(...incs.map(searchOf)), rate: '', rssMB: NaN, note: 'only the shards holding changed articles are written again' });
  rows.push({ n, step: `site rebuild (+${NEW_DUMPS} dumps)`, runs: incs.map(siteMs), ms: siteMs(best), cpuMs: Math.min(...incs.map((r) => r.cpuMs)), rate: `${best.result.rendered} rendered, ${best.result.deleted} deleted`, rssMB: Math.max(...incs.map((r) => r.rssMB)), note: `${Math.round((100 * siteMs(best)) / siteMs(bestCold))}% of cold; incremental=${best.result.incremental}; in-process ${best.result.ms - (best.result.steps?.search ?? 0)} ms; steps ${JSON.stringify(best.result.steps)}` });
  if (!flag('--no-verify')) {
    log(`n=${n} verifying the incremental output against a cold build`);
    const plus = path.join(dir, 'site-plus');
    rm(plus);
    const withSearch = await siteBuild(work, plus, true, true);
    raw.withSearch = { wallMs: withSearch.ms, cpuMs: withSearch.cpuMs, rssMB: withSearch.rssMB, ...withSearch.result };
    const v = sameTree(site, plus);
    raw.identical = v;
    rows.push({ n, step: 'incremental = cold build?', runs: [], ms: NaN, rate: v.same ? 'byte-identical' : `DIFFERENT: ${v.differ.slice(0, 3).join(', ')}`, rssMB: NaN });
  }

  // The job as a user runs it: one `arshif build` (ingest, site and search in one process, one start-up) after
  // 10 more dumps, in folders where the same command built the archive before. The setup build (the cold
  // content, its dumps unchanged, a site from scratch) is not timed.
  if (!cloneFrom && !flag('--no-one-command')) {
    const oneContent = path.join(dir, 'content-one');
    const oneSite = path.join(dir, 'site-one');
    rm(oneSite);
    copyContent(content, oneContent);
    log(`n=${n} arshif build (setup, not timed)`);
    await run(process.execPath, [bin, 'build', '--quiet', '--dumps', dumps, '--content', oneContent, '--out', oneSite]);
    log(`n=${n} arshif build after adding ${NEW_DUMPS} dumps`);
    const one = await run(process.execPath, [bin, 'build', '--quiet', '--dumps', dumpsPlus, '--content', oneContent, '--out', oneSite]);
    const plus = path.join(dir, 'site-plus');
    const same = fs.existsSync(plus) ? sameTree(oneSite, plus) : null;
    raw.oneCommand = { ms: one.ms, cpuMs: one.cpuMs, rssMB: one.rssMB, identical: same, summary: one.stdout.trim().split('\n').slice(-2) };
    const failed = one.code !== 0 ? `FAILED (exit ${one.code}); ` : '';
    rows.push({ n, step: `arshif build after +${NEW_DUMPS} dumps (one command)`, runs: [one.ms], ms: one.ms, cpuMs: one.cpuMs, rate: '', rssMB: one.rssMB, note: `${failed}${same ? (same.same ? 'site byte-identical to a cold build; ' : `site DIFFERS from a cold build: ${same.differ.slice(0, 3).join(', ')}; `) : ''}${one.stdout.trim().split('\n').slice(-2).join(' ')}` });
  }

  // Plain Eleventy baseline.
  if (!flag('--no-baseline')) {
    const src = path.join(dir, 'baseline');
    rm(src);
    linkTree(path.join(CODE, 'bench/baseline'), src);
    linkTree(path.join(content, 'articles'), path.join(src, 'articles'), (f) => f.endsWith('.md'));
    const out = path.join(dir, 'baseline-out');
    const runs: Proc[] = [];
    for (let i = 0; i < RUNS; i++) {
      log(`n=${n} plain Eleventy ${i + 1}/${RUNS}`);
      rm(out);
      runs.push(await run(process.execPath, [path.join(CODE, 'node_modules/@11ty/eleventy/cmd.cjs'), '--config=eleventy.config.mjs', `--output=${out}`, '--quiet'], src));
    }
    const best = min(runs, (r) => r.ms);
    const bp = (fs.readdirSync(out, { recursive: true }) as string[]).filter((f) => f.endsWith('.html')).length;
    raw.baseline = runs.map((r) => ({ ms: r.ms, rssMB: r.rssMB, pages: bp }));
    const cpu = Math.min(...runs.map((r) => r.cpuMs));
    const coldCpu = Math.min(...cold.map((r) => r.cpuMs));
    rows.push({ n, step: 'plain Eleventy 3.1.8', runs: runs.map((r) => r.ms), ms: best.ms, cpuMs: cpu, rate: `${Math.round(bp / (best.ms / 1000))} pages/s`, perPage: best.ms / bp, rssMB: Math.max(...runs.map((r) => r.rssMB)), note: `${bp} pages; arshif/Eleventy = ${(siteMs(bestCold) / best.ms).toFixed(2)} wall, ${(coldCpu / cpu).toFixed(2)} CPU` });
    raw.ratioEleventy = { wall: siteMs(bestCold) / best.ms, cpu: coldCpu / cpu };
  }

  // Hugo baseline.
  if (HUGO) {
    const src = path.join(dir, 'hugo');
    prepareHugo(content, src);
    const out = path.join(dir, 'hugo-out');
    const runs: Proc[] = [];
    for (let i = 0; i < RUNS; i++) {
      log(`n=${n} Hugo ${i + 1}/${RUNS}`);
      rm(out);
      runs.push(await run('hugo', ['--source', src, '--destination', out, '--quiet']));
    }
    const best = min(runs, (r) => r.ms);
    const hp = (fs.readdirSync(out, { recursive: true }) as string[]).filter((f) => f.endsWith('.html')).length;
    raw.hugo = runs.map((r) => ({ ms: r.ms, rssMB: r.rssMB, pages: hp }));
    const cpu = Math.min(...runs.map((r) => r.cpuMs));
    const coldCpu = Math.min(...cold.map((r) => r.cpuMs));
    rows.push({ n, step: HUGO, runs: runs.map((r) => r.ms), ms: best.ms, cpuMs: cpu, rate: `${Math.round(hp / (best.ms / 1000))} pages/s`, perPage: best.ms / hp, rssMB: Math.max(...runs.map((r) => r.rssMB)), note: `${hp} pages; arshif/Hugo = ${(siteMs(bestCold) / best.ms).toFixed(2)} wall, ${(coldCpu / cpu).toFixed(2)} CPU` });
    raw.ratioHugo = { wall: siteMs(bestCold) / best.ms, cpu: coldCpu / cpu };
  }

  // The whole job, as the targets of issue #9 put it: dumps to a searchable site, and again after 10 more.
  const stepMs = (name: string) => rows.find((r) => r.step === name)?.ms;
  const ingestCold = stepMs('ingest (cold)');
  const ingestInc = stepMs(`ingest (+${NEW_DUMPS} dumps)`);
  if (ingestCold !== undefined && ingestInc !== undefined) {
    const coldTotal = ingestCold + Math.min(...cold.map((r) => r.ms));
    const incTotal = ingestInc + Math.min(...incs.map((r) => r.ms));
    const base = stepMs('plain Eleventy 3.1.8');
    const hugo = HUGO ? stepMs(HUGO) : undefined;
    const vs = [base ? `${(coldTotal / base).toFixed(2)}× plain Eleventy` : '', hugo ? `${(coldTotal / hugo).toFixed(2)}× Hugo` : ''].filter(Boolean).join(', ');
    rows.push({ n, step: 'cold build: ingest + site + search', runs: [], ms: coldTotal, rate: `${Math.round(n / (coldTotal / 1000))} dumps/s`, rssMB: NaN, note: vs });
    rows.push({ n, step: `rebuild after +${NEW_DUMPS} dumps: ingest + site + search`, runs: [], ms: incTotal, rate: '', rssMB: NaN, note: `${((100 * incTotal) / coldTotal).toFixed(1)}% of the cold build` });
    const oneMs = stepMs(`arshif build after +${NEW_DUMPS} dumps (one command)`);
    if (oneMs !== undefined) rows.push({ n, step: `rebuild after +${NEW_DUMPS} dumps: one arshif build`, runs: [], ms: oneMs, rate: '', rssMB: NaN, note: `${((100 * oneMs) / coldTotal).toFixed(1)}% of the cold build` });
    raw.totals = { coldMs: coldTotal, incrementalMs: incTotal, oneCommandMs: oneMs ?? null, ratioEleventy: base ? coldTotal / base : null, ratioHugo: hugo ? coldTotal / hugo : null };
  }
  return { rows, raw };
}

function table(rows: Row[]): string {
  const fmt = (ms: number) => (Number.isNaN(ms) ? '' : ms >= 10000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`);
  const head = ['N', 'step', 'time (min)', 'runs', 'CPU', 'rate', 'ms/page', 'peak RSS', 'notes'];
  const body = rows.map((r) => [String(r.n), r.step, fmt(r.ms), r.runs.map(fmt).join(' / '), r.cpuMs === undefined ? '' : fmt(r.cpuMs), r.rate, r.perPage ? r.perPage.toFixed(2) : '', Number.isNaN(r.rssMB) ? '' : `${Math.round(r.rssMB)} MB`, r.note ?? '']);
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...body.map((c) => `| ${c.join(' | ')} |`)].join('\n');
}

const all: Row[] = [];
const raws: Record<string, unknown>[] = [];
for (const n of SIZES) {
  const { rows, raw } = await bench(n);
  all.push(...rows);
  raws.push(raw);
  process.stderr.write(`${table(rows)}\n`);
}
const machine = { node: process.version, cpus: (await import('node:os')).cpus().length, load: (await import('node:os')).loadavg(), hugo: HUGO, runs: RUNS, when: new Date().toISOString() };
process.stdout.write(`\narshif bench (min of ${RUNS} runs; site times: process wall time, search index off (timed apart); CPU = user+system; ${machine.cpus} CPUs, load ${machine.load.map((x) => x.toFixed(1)).join(' ')})\n\n${table(all)}\n`);
// Results of other sizes from earlier runs are kept; this run's sizes replace theirs.
const resultsFile = path.join(ROOT, 'bench/results.json');
let earlier: { runs?: { machine: unknown; sizes: number[]; rows: Row[]; raw: unknown[] }[] } = {};
try {
  earlier = JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as typeof earlier;
} catch {
  /* first run */
}
const kept = (earlier.runs ?? []).map((r) => ({ ...r, sizes: r.sizes.filter((n) => !SIZES.includes(n)), rows: r.rows.filter((row) => !SIZES.includes(row.n)), raw: r.raw.filter((x) => !SIZES.includes((x as { n: number }).n)) })).filter((r) => r.sizes.length);
fs.writeFileSync(resultsFile, `${JSON.stringify({ runs: [...kept, { machine, sizes: SIZES, rows: all, raw: raws }] }, null, 1)}\n`);
