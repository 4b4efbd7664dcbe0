// Worker thread of a site build: renders pages of chunked templates (templates/_lib/data.ts) into the output
// folder. Plain JavaScript so that it can load the TypeScript templates through tsx, which a worker does
// not inherit from the main thread. It reads the same archive as the main thread (from the same content
// folder, with the main thread's parsed files), so a template computes the same list of pages in both.
import { parentPort, workerData } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import { register } from 'tsx/esm/api';

register();
const { archiveFor, resetArchive } = await import('./archive.ts');
const { beginPages } = await import('./pages.ts');

process.env.ARSHIF_CONTENT = workerData.content;
resetArchive();
archiveFor(workerData.content, workerData.files);
beginPages(workerData.out, '', new Map(), true);
const templates = new Map();

parentPort.on('message', async (m) => {
  try {
    let t = templates.get(m.template);
    if (!t) {
      t = (await import(pathToFileURL(m.template).href)).default;
      templates.set(m.template, t);
    }
    parentPort.postMessage({ rendered: t.renderPages(m.indices) });
  } catch (e) {
    parentPort.postMessage({ error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  }
});
