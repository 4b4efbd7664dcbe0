// `arshif serve`: build, serve the output folder on localhost, rebuild when dumps or content change.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { ingest } from '../ingest/run.ts';
import { buildSite } from '../site/build.ts';

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.json': 'application/json', '.woff2': 'font/woff2', '.xml': 'application/xml', '.txt': 'text/plain; charset=utf-8', '.wasm': 'application/wasm' };

/** Serves the site until the process is stopped. */
export async function serve(opts: { dumps: string; content: string; out: string; port: number }): Promise<void> {
  const rebuild = async () => {
    if (fs.existsSync(opts.dumps)) await ingest({ paths: [opts.dumps], content: opts.content });
    const r = await buildSite({ content: opts.content, out: opts.out });
    process.stdout.write(`arshif: rebuilt ${r.pages} pages in ${r.ms} ms\n`);
  };
  await rebuild();
  const root = path.resolve(opts.out);
  http
    .createServer((req, res) => {
      let url: string;
      try {
        url = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
      } catch {
        res.writeHead(400).end(); // a malformed escape in the path
        return;
      }
      let file = path.resolve(root, `.${url}`);
      if (file !== root && !file.startsWith(root + path.sep)) {
        res.writeHead(403).end();
        return;
      }
      if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
      if (!fs.existsSync(file)) {
        res.writeHead(404, { 'content-type': TYPES['.html']! });
        fs.createReadStream(path.join(root, '404.html')).pipe(res);
        return;
      }
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
      fs.createReadStream(file).pipe(res);
    })
    .listen(opts.port, '127.0.0.1', () => process.stdout.write(`arshif: serving ${root} at http://127.0.0.1:${opts.port}/\n`));
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      if (running) return schedule();
      running = true;
      try {
        await rebuild();
      } catch (e) {
        process.stderr.write(`arshif: rebuild failed: ${(e as Error).message}\n`);
      } finally {
        running = false;
      }
    }, 300);
  };
  for (const dir of [opts.dumps, path.join(opts.content, 'articles')]) {
    if (fs.existsSync(dir)) fs.watch(dir, { recursive: true }, schedule);
  }
}
