// Worker thread entry: plain JavaScript so that it can load the TypeScript cleaner through tsx, which the
// worker does not inherit from the main thread's programmatic registration.
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { cleanRecord } = await import('./clean-record.ts');

parentPort.on('message', (m) => {
  try {
    const result = cleanRecord(m.rec, m.template ? new Set(m.template) : undefined);
    parentPort.postMessage({ id: m.id, result });
  } catch (e) {
    parentPort.postMessage({ id: m.id, error: e instanceof Error ? `${m.rec.source}: ${e.message}` : String(e) });
  }
});
