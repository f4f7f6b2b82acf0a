// A tiny static file server for the end-to-end tests: serves a built site (dist/) on a free
// loopback port with the MIME types a browser needs (.wasm as application/wasm), and with the
// headers the build wrote for static hosts in dist/_headers (Netlify/Cloudflare Pages format):
// the Content-Security-Policy and the other security headers reach every test exactly as a host
// would send them. One exception: caching is always `no-store`, so each test sees fresh files.
// No dependencies.
//
// As a module: `const server = await serve(dir); server.url; server.csp; await server.close();`
// From a shell: `node tests/e2e/server.mjs [dir=dist] [port=8080]`.

import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.geojson': 'application/geo+json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/** Resolves a request path inside `root`, or null when it would escape it. */
function fileFor(root, urlPath) {
  let path;
  try {
    path = decodeURIComponent(urlPath.split('?')[0].split('#')[0]);
  } catch {
    return null;
  }
  if (path.endsWith('/')) path += 'index.html';
  const file = resolve(join(root, path));
  return file === root || file.startsWith(root + sep) ? file : null;
}

/**
 * Reads a `_headers` file: [{ pattern: RegExp, headers: [[name, value]] }]. A path line starts
 * with `/` (`*` matches anything); the header lines under it are indented `Name: value`.
 */
export function parseHeadersFile(text) {
  const rules = [];
  for (const line of text.split('\n')) {
    if (!line.trim() || line.trim().startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      const re = line.trim().split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
      rules.push({ path: line.trim(), pattern: new RegExp(`^${re}$`), headers: [] });
    } else if (rules.length > 0) {
      const at = line.indexOf(':');
      if (at > 0) rules.at(-1).headers.push([line.slice(0, at).trim(), line.slice(at + 1).trim()]);
    }
  }
  return rules;
}

/** The headers `rules` give a path; a header set by two rules gets both values, comma-joined (as Netlify does). */
export function headersFor(rules, path) {
  const out = {};
  for (const rule of rules) {
    if (!rule.pattern.test(path)) continue;
    for (const [name, value] of rule.headers) {
      const key = name.toLowerCase();
      out[key] = out[key] ? `${out[key]}, ${value}` : value;
    }
  }
  return out;
}

/** Serves `dir` on 127.0.0.1 (port 0 = any free port). Resolves once it is listening. */
export async function serve(dir, port = 0) {
  const root = resolve(dir);
  let rules = [];
  try {
    rules = parseHeadersFile(await readFile(join(root, '_headers'), 'utf8'));
  } catch {
    // No _headers: served without the security headers (the harness refuses that).
  }
  const extra = { connect: [] };
  const server = createServer(async (req, res) => {
    const send = (status, body, type = 'text/plain; charset=utf-8') => {
      const path = (req.url ?? '/').split('?')[0].split('#')[0];
      const headers = headersFor(rules, path);
      if (headers['content-security-policy'] && extra.connect.length > 0) {
        headers['content-security-policy'] = headers['content-security-policy'].replace(/connect-src ([^;]*)/, `connect-src $1 ${extra.connect.join(' ')}`);
      }
      res.writeHead(status, { 'content-type': type, ...headers, 'cache-control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'Method not allowed');
    const file = fileFor(root, req.url ?? '/');
    if (!file) return send(400, 'Bad path');
    try {
      if (!(await stat(file)).isFile()) return send(404, 'Not found');
      const body = await readFile(file);
      send(200, body, MIME_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream');
    } catch {
      send(404, 'Not found');
    }
  });
  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', ok);
  });
  const { port: bound } = server.address();
  return {
    url: `http://127.0.0.1:${bound}/`,
    /** The Content-Security-Policy the site's `_headers` gives every page (undefined without one). */
    csp: headersFor(rules, '/')['content-security-policy'],
    /**
     * Other origins the pages may connect to from now on (added to connect-src, as the build adds
     * the online postcode lookup's origin when it has no postcode files); [] for none.
     */
    allowConnect: (origins) => {
      extra.connect = [...origins];
    },
    origin: `http://127.0.0.1:${bound}`,
    close: () =>
      new Promise((ok) => {
        server.closeAllConnections?.();
        server.close(() => ok());
      }),
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [dir = 'dist', port = '8080'] = process.argv.slice(2);
  const s = await serve(dir, Number(port));
  console.log(`Serving ${resolve(dir)} at ${s.url}`);
}
