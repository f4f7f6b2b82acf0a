// The benchmarks' own web server: the app's build (dist/, or DIST_DIR) at `/`, the plain Leaflet
// reference page at `/ref/`, and the schemes file each script chooses. No caching, 127.0.0.1 only.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { MIME_TYPES } from '../tests/e2e/server.mjs';
import { ROOT, DIST } from '../tests/e2e/paths.mjs';

const REFERENCE = join(ROOT, 'bench/reference');

/**
 * Starts a server on a free port and resolves to its origin. `route(path)` sees each request's
 * path first: it answers `{ prefix }` to strip a leading part before the files are looked up
 * (`null` for "not found"), or `{ schemes }` with the text to serve as the schemes file.
 */
export async function serveBench(route) {
  const server = createServer(async (req, res) => {
    const send = (status, body, type = 'text/plain; charset=utf-8') => {
      res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
      res.end(body);
    };
    const answer = await route(decodeURIComponent(req.url.split('?')[0]));
    if (!answer) return send(404, 'Not found');
    if (answer.schemes !== undefined) return send(200, answer.schemes, MIME_TYPES['.geojson']);
    let root = DIST;
    let path = answer.path;
    if (path.startsWith('/ref/')) {
      root = REFERENCE;
      path = path.slice(4);
    }
    if (path.endsWith('/')) path += 'index.html';
    const file = resolve(join(root, path));
    if (!file.startsWith(resolve(root) + sep)) return send(400, 'Bad path');
    try {
      if (!(await stat(file)).isFile()) return send(404, 'Not found');
      send(200, await readFile(file), MIME_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream');
    } catch {
      send(404, 'Not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return { server, origin: `http://127.0.0.1:${server.address().port}` };
}
