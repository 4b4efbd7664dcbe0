// Worker thread entry: plain JavaScript so that it can load the TypeScript tasks through tsx, which the worker
// does not inherit from the main thread's programmatic registration. Tasks: scan and clean (src/ingest/workers.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { packScan, runTask } = await import('./workers.ts');
const { readRecords } = await import('./records.ts');

const ctx = workerData.ctx;
parentPort.on('message', async (m) => {
  try {
    const result = await runTask(ctx, m.task, readRecords);
    if (m.task.type === 'scan') packScan(result);
    parentPort.postMessage({ id: m.id, result });
  } catch (e) {
    parentPort.postMessage({ id: m.id, error: e instanceof Error ? e.message : String(e) });
  }
});
