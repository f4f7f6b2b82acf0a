// The benchmarks' own web server: the app's build (dist/, or DIST_DIR) at `/`, the plain Leaflet
// reference page at `/ref/`, and the schemes file each script chooses. No caching, 127.0.0.1 only.
//
// It runs in a process of its own (this file, started by `serveBench`), not in the process that
// drives the browser: there, Playwright's own work delayed the server's answers by 100–250 ms
// under load, and the first-marker figures swung with it (docs/benchmarks.md).
import { fork } from 'node:child_process';
import { createServer } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { brotliCompressSync, constants as zlib } from 'node:zlib';
import { tmpdir } from 'node:os';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MIME_TYPES } from '../tests/e2e/server.mjs';
import { ROOT, DIST } from '../tests/e2e/paths.mjs';

const REFERENCE = join(ROOT, 'bench/reference');

/**
 * Chromium's flag that keeps every host but this server's off the network (the map tiles): each
 * other name fails to resolve. Not `context.route`, which holds every request, this server's too,
 * until the script driving the browser answers it: tens to hundreds of milliseconds a request
 * under load, inside the measured load.
 */
export const ONLY_LOCAL = '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1';
const HERE = fileURLToPath(import.meta.url);

/**
 * Starts the server in a child process on a free port and resolves to `{ server, origin }`
 * (`server.close()` stops it). `schemes` maps a path prefix to the text served as the schemes
 * file under it: `{ '/n24': text }` serves `/n24/schemes.geojson` as `text` and every other
 * `/n24/…` path from dist/ (`/n24/ref/…` from the reference page, and `/n24/also/…` from the
 * folder `also`, a second build of the app, when given, with the same schemes file); the prefix
 * `''` serves the whole site so. A path under no prefix is not found.
 *
 * With `{ compress: true }` it answers as a static host that compresses would, to a browser that
 * accepts brotli: a file's `.br` beside it when there is one (dist/ has them), other text brotli
 * compressed on the fly (the reference page, the schemes file). For runs over an emulated slow
 * network, where the bytes on the wire are what counts; without it nothing is compressed.
 */
export async function serveBench(schemes, also = null, { compress = false } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-serve-'));
  const prefixes = Object.entries(schemes).map(([prefix, text], i) => {
    const file = join(dir, `${i}.geojson`);
    writeFileSync(file, text);
    return [prefix, file];
  });
  const child = fork(HERE, ['--child', JSON.stringify(prefixes), also ? resolve(also) : '', compress ? 'compress' : ''], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const port = await new Promise((ok, fail) => {
    child.once('message', (m) => ok(m.port));
    child.once('exit', (code) => fail(new Error(`the bench server stopped before it listened (exit ${code})`)));
  });
  const server = {
    close() {
      child.kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return { server, origin: `http://127.0.0.1:${port}` };
}

/** The child: serves until its parent goes. */
async function child(prefixes, also, compress) {
  const texts = prefixes.map(([prefix, file]) => [prefix, readFileSync(file)]);
  const TEXT = /^(text\/|application\/(javascript|json|geo\+json|wasm)|image\/svg)/;
  const squeezed = new Map(); // a body compressed on the fly, by its path (bodies do not change)
  const server = createServer(async (req, res) => {
    const br = compress && /\bbr\b/.test(req.headers['accept-encoding'] ?? '');
    const send = (status, body, type = 'text/plain; charset=utf-8', { file = null, key = null } = {}) => {
      const headers = { 'Content-Type': type, 'Cache-Control': 'no-store' };
      if (br && status === 200 && TEXT.test(type)) {
        const pre = file && existsSync(file + '.br') ? readFileSync(file + '.br') : null;
        if (!pre && !squeezed.has(key)) squeezed.set(key, brotliCompressSync(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 9 } }));
        body = pre ?? squeezed.get(key);
        headers['Content-Encoding'] = 'br';
        headers['Vary'] = 'Accept-Encoding';
      }
      res.writeHead(status, headers);
      res.end(body);
    };
    let full;
    try {
      full = decodeURIComponent(req.url.split('?')[0]);
    } catch {
      return send(400, 'Bad path');
    }
    const hit = texts.find(([prefix]) => full.startsWith(prefix + '/'));
    if (!hit) return send(404, 'Not found');
    let path = full.slice(hit[0].length);
    if (path === '/schemes.geojson' || (also && path === '/also/schemes.geojson')) return send(200, hit[1], MIME_TYPES['.geojson'], { key: hit[0] });
    let root = DIST;
    if (path.startsWith('/ref/')) {
      root = REFERENCE;
      path = path.slice(4);
    } else if (also && path.startsWith('/also/')) {
      root = also;
      path = path.slice(5);
    }
    if (path.endsWith('/')) path += 'index.html';
    const file = resolve(join(root, path));
    if (!file.startsWith(resolve(root) + sep)) return send(400, 'Bad path');
    try {
      if (!(await stat(file)).isFile()) return send(404, 'Not found');
      send(200, await readFile(file), MIME_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream', { file, key: file });
    } catch {
      send(404, 'Not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  process.send({ port: server.address().port });
  process.on('disconnect', () => process.exit(0));
}

if (process.argv[1] === HERE && process.argv[2] === '--child') await child(JSON.parse(process.argv[3]), process.argv[4], process.argv[5] === 'compress');
