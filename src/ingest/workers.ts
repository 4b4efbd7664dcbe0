// Cleaning in worker threads: the main thread streams records and learns nothing new; each worker runs the
// pure `cleanRecord` on the records it is sent. Results come back in any order and are matched by job number,
// so the run's output does not depend on scheduling.
import { Worker } from 'node:worker_threads';
import type { DumpRecord } from './record.ts';
import type { CleanedRecord } from './clean-record.ts';

const WORKER = new URL('./clean-worker.mjs', import.meta.url);

interface Job<P> { page: P; rec: DumpRecord; template?: Set<string> }

/** The result for a record whose cleaning threw: a rejection that names the error. */
export function failedRecord(error: string): CleanedRecord {
  return { reject: `cleaning failed: ${error}`, facts: { date_kind: 'none' }, body: '', text: '', lead: '', lines: [], messages: [] };
}

/** Cleans every job in `n` workers; `done` is called once per job with its result. */
export async function cleanInWorkers<P>(n: number, jobs: AsyncIterable<Job<P>>, done: (page: P, result: CleanedRecord) => void): Promise<void> {
  const workers = Array.from({ length: n }, () => new Worker(WORKER));
  const pending = new Map<number, P>();
  let next = 0;
  // At most a few jobs in flight per worker: memory stays flat however many records the inputs hold.
  const LIMIT = 8 * n;
  let waiters: (() => void)[] = [];
  let failure: Error | null = null;
  const wake = () => {
    const w = waiters;
    waiters = [];
    for (const f of w) f();
  };
  for (const w of workers) {
    w.on('message', (m: { id: number; result?: CleanedRecord; error?: string }) => {
      const page = pending.get(m.id);
      pending.delete(m.id);
      // A record the cleaner chokes on is rejected with the reason, never crashes the run.
      if (page !== undefined) done(page, m.result ?? failedRecord(m.error ?? 'unknown error'));
      wake();
    });
    w.on('error', (e) => {
      failure ??= e;
      wake();
    });
  }
  try {
    for await (const job of jobs) {
      while (pending.size >= LIMIT && !failure) await new Promise<void>((r) => waiters.push(r));
      if (failure) throw failure;
      const id = next++;
      pending.set(id, job.page);
      const { rec } = job;
      workers[id % n]!.postMessage({
        id,
        rec: { text: rec.text, format: rec.format, source: rec.source, url: rec.url, crawledAt: rec.crawledAt, hints: rec.hints },
        template: job.template ? [...job.template] : undefined,
      });
    }
    while (pending.size > 0 && !failure) await new Promise<void>((r) => waiters.push(r));
    if (failure) throw failure;
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
