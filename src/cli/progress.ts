// Terminal feedback for long runs: a progress bar on stderr (only on a terminal, never with --quiet), step
// timings, and the coloured end-of-run summary (colours only on a terminal, never with NO_COLOR).
import cliProgress from 'cli-progress';
import pc from 'picocolors';
import type { Progress, RunReport } from '../ingest/run.ts';

/** What ingest reports while it works (the `onProgress` option of `ingest`). */
export type IngestProgress = Progress;

export type Colors = ReturnType<typeof pc.createColors>;

/** Whether to colour output written to `stream`: a terminal, NO_COLOR unset (or empty), not --no-color. FORCE_COLOR forces it. */
export function colorEnabled(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env, flag = true): boolean {
  if (!flag) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false') return true;
  return Boolean(stream.isTTY) && env.TERM !== 'dumb';
}

/** Picocolors functions that colour only when `enabled`. */
export function colors(enabled: boolean): Colors {
  return pc.createColors(enabled);
}

const PHASE_LABEL: Record<string, string> = { read: 'reading', clean: 'cleaning', write: 'writing', site: 'site pages', search: 'search index' };

/**
 * One progress bar on stderr whose label follows the current phase. Does nothing at all when disabled, so
 * callers never need to check: `--quiet`, or stderr not a terminal, means not a byte is written.
 */
export class ProgressBar {
  private bar: cliProgress.SingleBar | null = null;
  private started = false;

  constructor(
    readonly enabled: boolean,
    private readonly stream: NodeJS.WriteStream = process.stderr,
    private readonly color = true,
  ) {}

  /** Shows `done` of `total` for a phase (read, clean, write, or a build step). */
  update(phase: string, done: number, total: number): void {
    if (!this.enabled) return;
    const label = (PHASE_LABEL[phase] ?? phase).padEnd(12);
    if (!this.bar) {
      const c = colors(this.color);
      this.bar = new cliProgress.SingleBar(
        {
          stream: this.stream,
          format: `${c.cyan('{phase}')} {bar} {value}/{total} ${c.dim('{duration_formatted}')}`,
          barCompleteChar: '█',
          barIncompleteChar: '░',
          barsize: 30,
          hideCursor: true,
          clearOnComplete: true,
          stopOnComplete: false,
          etaBuffer: 20,
          fps: 12,
        },
        cliProgress.Presets.shades_classic,
      );
    }
    const t = Math.max(total, 1);
    if (!this.started) {
      this.bar.start(t, Math.min(done, t), { phase: label });
      this.started = true;
      process.once('SIGINT', this.onSignal);
      process.once('SIGTERM', this.onSignal);
    } else {
      this.bar.setTotal(t);
      this.bar.update(Math.min(done, t), { phase: label });
    }
  }

  /** An ingest `onProgress` callback feeding this bar. */
  readonly onIngest = (p: IngestProgress): void => this.update(p.phase, p.done, p.total);

  /** A step whose size is unknown (the Eleventy build): shown as 0/1 until it ends. */
  step(name: string): void {
    this.update(name, 0, 1);
  }

  // Ctrl-C mid-run: give the terminal its cursor and line wrapping back, then die of the signal as usual.
  private readonly onSignal = (signal: NodeJS.Signals): void => {
    this.stop();
    process.kill(process.pid, signal);
  };

  /** Removes the bar from the terminal. */
  stop(): void {
    process.off('SIGINT', this.onSignal);
    process.off('SIGTERM', this.onSignal);
    if (this.bar && this.started) this.bar.stop();
    this.started = false;
    this.bar = null;
  }
}

/** Wall-clock times of the named steps of one run. */
export class StepTimer {
  readonly steps: { name: string; ms: number }[] = [];
  private readonly t0 = performance.now();

  /** Runs `fn` and records how long it took under `name` (also when it throws). */
  async time<T>(name: string, fn: () => T | Promise<T>): Promise<T> {
    const start = performance.now();
    try {
      return await fn();
    } finally {
      this.steps.push({ name, ms: Math.round(performance.now() - start) });
    }
  }

  /** Records a step measured elsewhere. */
  add(name: string, ms: number): void {
    this.steps.push({ name, ms: Math.round(ms) });
  }

  /** Milliseconds since the timer was made. */
  total(): number {
    return Math.round(performance.now() - this.t0);
  }
}

/** Text from inputs made safe for a terminal: control characters (escape sequences a hostile dump could carry) shown as �. */
export function safe(text: unknown): string {
  // eslint-disable-next-line no-control-regex
  return String(text ?? '').replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '\ufffd');
}

/** "840 ms", "3.2 s", "2 min 05 s". */
export function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
}

/** The end-of-run summary: counts, rejections, kept hand edits, time taken and the slowest step. */
export function formatSummary(report: RunReport | null, timer: { steps: { name: string; ms: number }[]; total(): number } | null, c: Colors = colors(false)): string {
  const lines: string[] = [];
  if (report) {
    const t = report.totals;
    const part = (n: number, word: string, paint: (s: string) => string) => (n > 0 ? paint(`${n} ${word}`) : c.dim(`${n} ${word}`));
    lines.push(
      `${c.bold('arshif:')} ${[part(t.written, 'written', c.green), part(t.unchanged, 'unchanged', (s) => s), part(t.duplicate, 'duplicate', c.yellow), part(t.rejected, 'rejected', c.red)].join(', ')} ${c.dim(`(${report.inputs.length} inputs)`)}`,
    );
    for (const r of report.inputs) if (r.status === 'rejected') lines.push(`  ${c.red('rejected')} ${safe(r.path)}: ${safe(r.reason ?? 'no reason given')}`);
    for (const f of report.kept_hand_edits ?? []) lines.push(`  ${c.yellow('kept hand-edited')} ${safe(f)} (not overwritten)`);
    const removed = report.removed ?? [];
    const orphaned = report.orphaned ?? [];
    if (removed.length) lines.push(`  ${c.yellow('removed')} ${removed.length} article${removed.length > 1 ? 's' : ''} (input changed or gone)`);
    if (orphaned.length) lines.push(`  ${c.yellow('kept')} ${orphaned.length} article${orphaned.length > 1 ? 's' : ''} whose dumps are gone (--prune removes them)`);
  }
  if (timer && timer.steps.length) {
    const slowest = timer.steps.reduce((a, b) => (b.ms > a.ms ? b : a));
    const each = timer.steps.map((s) => `${s.name} ${formatMs(s.ms)}`).join(', ');
    lines.push(`${c.dim('time:')} ${formatMs(timer.total())}${timer.steps.length > 1 ? ` · slowest step: ${c.bold(slowest.name)} ${formatMs(slowest.ms)} ${c.dim(`(${each})`)}` : ''}`);
  }
  return lines.join('\n');
}
