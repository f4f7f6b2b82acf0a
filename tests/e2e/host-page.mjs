// A partner's website for the embedding tests: a second static server on ANOTHER loopback origin
// (its own free port, so the browser treats it as a different site's origin), serving host pages
// that embed the map from the map's origin in iframes, with `embed.js` loaded from the map's
// origin, exactly as docs/embedding.md tells partners to do.
//
//   const host = await startHostPage();
//   const app = await openHostPage(host, '/two-maps.html',
//     (mapOrigin) => hostHtml({ body: iframeHtml({ src: `${mapOrigin}/?embed=1`, title, id }) + embedScript(mapOrigin) }));
//   const frame = await frameOf(app.page, '#id');
//   await host.close();
//
// Our host must allow the partner's origin in its Content-Security-Policy `frame-ancestors` (the
// config's `embed_origins`); openHostPage adds the host page's origin there, as a deployer would.

import { createServer } from 'node:http';
import { openApp } from './harness.mjs';

/** Escapes text for an HTML attribute or element (the test builds pages from strings, the app never does). */
export const escapeHtml = (s) =>
  String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

/** Starts the partner's server on 127.0.0.1 (a free port). Pages are set by path. */
export async function startHostPage() {
  const pages = new Map();
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://host.invalid').pathname;
    const body = pages.get(path);
    if (body === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      return res.end('Not found');
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(body);
  });
  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', ok);
  });
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    url: (path) => origin + path,
    /** Serves `html` at `path`. */
    set: (path, html) => pages.set(path, html),
    close: () =>
      new Promise((ok) => {
        server.closeAllConnections?.();
        server.close(() => ok());
      }),
  };
}

/** A plain partner page around `body` (a heading, some text, the embedded maps). */
export function hostHtml({ title = 'Moving More in Hertfordshire', body }) {
  return `<!doctype html>
<html lang="en-GB">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title></head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
<p>A partner's page with the exercise-referral map embedded.</p>
${body}
<p id="after-maps">Text after the maps.</p>
</main>
</body>
</html>`;
}

/** An iframe as the builder writes it (docs/embedding.md). */
export function iframeHtml({ src, title, id, height = 600 }) {
  const idAttr = id ? ` id="${escapeHtml(id)}"` : '';
  return `<iframe src="${escapeHtml(src)}" title="${escapeHtml(title)}" width="100%" height="${height}" style="border:0;max-width:100%" loading="lazy" allow="geolocation; clipboard-write" referrerpolicy="strict-origin-when-cross-origin"${idAttr}></iframe>`;
}

/** The one-line auto-height script, from the map's origin. */
export const embedScript = (mapOrigin) => `<script src="${escapeHtml(mapOrigin)}/embed.js" async></script>`;

/**
 * Serves `html(mapOrigin)` at `path` of the host page and opens it in a fresh context of the
 * harness (its console, CSP and request checks cover the embedded frames too; the host's origin
 * is allowed). The harness opens the map's origin first (its small `embed.js`, not the app) so
 * the map server is known, then the host page. Returns the harness's `app` object.
 */
export async function openHostPage(host, path, html, { contextOptions = {}, viewport } = {}) {
  const app = await openApp({
    query: 'embed.js', waitReady: false, allowOrigins: [host.origin], contextOptions, ...(viewport ? { viewport } : {}),
  });
  // The deployer lists the partner in `embed_origins`, which becomes `frame-ancestors`.
  await app.context.route(`${app.server.origin}/**`, async (route) => {
    if (route.request().resourceType() !== 'document') return route.fallback();
    const response = await route.fetch();
    const headers = response.headers();
    const csp = headers['content-security-policy'];
    if (csp) headers['content-security-policy'] = csp.replace(/frame-ancestors ([^;]*)/, `frame-ancestors $1 ${host.origin}`);
    return route.fulfill({ response, headers });
  });
  host.set(path, html(app.server.origin));
  await app.page.goto(host.url(path));
  return app;
}

/**
 * The Playwright Frame of the iframe matching `selector` on the host page, once its document (the
 * one at `url`, when given) has loaded.
 */
export async function frameOf(page, selector, url) {
  // Chromium pauses the rendering of cross-origin frames out of view (no ResizeObserver, no
  // animation frames) until they are scrolled to, as a visitor would.
  await page.locator(selector).scrollIntoViewIfNeeded();
  const handle = await page.locator(selector).elementHandle();
  const frame = await handle.contentFrame();
  if (!frame) throw new Error(`${selector} has no frame`);
  await frame.waitForURL(url ?? ((u) => u.protocol === 'http:'));
  await frame.waitForLoadState('load');
  return frame;
}
