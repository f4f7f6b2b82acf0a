// The page under the strict Content-Security-Policy the build writes into dist/_headers (every
// test of the suite runs under it; these check the policy itself, the other headers, and that a
// violation is really caught), and an invalid config.json: one line on the page, the field named
// in the console, the built-in settings used.

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { appTest, assertAccessible, eventually, expectShown } from './harness.mjs';
import { DIST } from './paths.mjs';
import { SCHEMES, config, dataFile } from './schemes.mjs';

const ALL = SCHEMES.map((s) => s.name);
const TILE_ORIGIN = new URL(config.tiles.url.replace(/\{[a-z]\}/g, '0')).origin;

appTest('the page runs under the strict CSP from _headers, with no inline script', {}, async (app) => {
  const { page, server } = app;
  const csp = server.csp;
  for (const directive of [
    "default-src 'none'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self'",
    `img-src 'self' data: ${TILE_ORIGIN}`,
    "connect-src 'self'",
    "font-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "object-src 'none'",
    "frame-src 'self'",
    "frame-ancestors 'self'",
  ]) {
    assert.ok(csp.split('; ').includes(directive), `"${directive}" in ${csp}`);
  }
  assert.doesNotMatch(csp, /'unsafe-inline'|'unsafe-eval'|'unsafe-hashes'|\s\*(\s|;|$)/, 'nothing unsafe, no wildcard source');
  // The page as served carries it, and the app is fully up under it.
  const response = await page.goto(server.url);
  assert.equal(response.headers()['content-security-policy'], csp);
  await expectShown(page, ALL);
  const inline = await page.evaluate(() => ({
    scripts: [...document.scripts].filter((s) => !s.src).map((s) => s.outerHTML.slice(0, 80)),
    styleAttributes: [...document.querySelectorAll('[style]')].length,
  }));
  assert.deepEqual(inline.scripts, [], 'no inline script');
  assert.equal(readFileSync(join(DIST, 'index.html'), 'utf8').match(/<script(?![^>]*\bsrc=)[^>]*>/g), null, 'index.html has no inline script');
  await assertAccessible(page, 'under the CSP');
});

// The release build minifies its JavaScript after trunk has written the integrity of each file
// into index.html (scripts/minify-js.mjs writes them again); a stale one would stop the map.
test('every integrity in index.html is the sha384 of the file it names', () => {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const tags = html.match(/<[^<>]*\bintegrity=[^<>]*>/g) ?? [];
  const files = [];
  for (const tag of tags) {
    const file = tag.match(/\b(?:href|src)=["']?(?:\.\/)?([^"'\s>]+)/)[1];
    const integrity = tag.match(/\bintegrity=["']?(sha384-[A-Za-z0-9+/=]+)/)[1];
    assert.equal(integrity, `sha384-${createHash('sha384').update(readFileSync(join(DIST, file))).digest('base64')}`, file);
    files.push(file);
  }
  // The map's glue and boot.js among them, minified (no comment left).
  for (const name of [/^referral-map-[0-9a-f]+\.js$/, /^boot-[0-9a-f]+\.js$/]) {
    const file = files.find((f) => name.test(f));
    assert.ok(file, `index.html names ${name} with an integrity`);
    assert.doesNotMatch(readFileSync(join(DIST, file), 'utf8'), /^\s*\/\//m, `${file} is minified`);
  }
});

appTest('the other headers reach the browser: nosniff, referrer and permissions policies, the wasm type', {}, async ({ page, server }) => {
  const wasm = await page.evaluate(() => document.querySelector('meta[name="referral-map-wasm"]').content);
  const check = async (path, type) => {
    const r = await fetch(new URL(path, server.url));
    assert.equal(r.status, 200, path);
    assert.equal(r.headers.get('x-content-type-options'), 'nosniff', path);
    assert.equal(r.headers.get('referrer-policy'), 'strict-origin-when-cross-origin', path);
    assert.match(r.headers.get('permissions-policy'), /^geolocation=\(self\)/, path);
    assert.ok(r.headers.get('content-security-policy'), path);
    if (type) assert.equal(r.headers.get('content-type'), type, path);
  };
  await check('./', 'text/html; charset=utf-8');
  await check(wasm, 'application/wasm');
  await check('config.json');
  const headers = readFileSync(join(DIST, '_headers'), 'utf8');
  assert.ok(headers.includes(`\n/${wasm.replace(/^\.\//, '')}\n  Cache-Control: public, max-age=31536000, immutable\n`), headers);
  assert.ok(headers.includes('\n/config.json\n  Cache-Control: no-cache\n'), headers);
});

appTest(
  'a violation of the policy is caught (so a test that causes one fails)',
  { expectConsole: [/Content Security Policy/] },
  async (app) => {
    await app.page.evaluate(() => document.body.setAttribute('style', 'outline: 1px solid red'));
    await eventually(() => assert.match(app.cspViolations.join('\n'), /style-src-attr blocked \(inline\)|style-src-attr blocked inline/));
    app.cspViolations.length = 0;
  },
);

const NOTICE = "The map's settings could not be read; showing the defaults.";
const changed = (edit) => {
  const c = structuredClone(config);
  edit(c);
  return JSON.stringify(c);
};

for (const [what, body, field] of [
  ['bad JSON', '{"title": "Half a file', '(file)'],
  ['an unknown placeholder in the tile URL', changed((c) => (c.tiles.url = 'https://tile.example.org/{z}/{x}/{y}{evil}.png')), 'tiles.url'],
  ['a centre outside the UK', changed((c) => (c.area.center = { lat: -51.81, lng: -0.24 })), 'area.center'],
  ['a zoom out of range', changed((c) => (c.area.zoom = 30)), 'area.zoom'],
  ['a non-https URL', changed((c) => (c.directions.url_without_start = 'http://planner.example.org/?to={to_lat},{to_lng}')), 'directions.url_without_start'],
  ['duplicate district ids', changed((c) => (c.area.districts[4].id = c.area.districts[0].id)), 'area.districts[4].id'],
]) {
  appTest(`a config.json with ${what} is reported in one line and the defaults are shown`, { routes: { '/config.json': { body } } }, async (app) => {
    const { page } = app;
    await expectShown(page, ALL);
    const notice = page.getByTestId('config-notice');
    assert.equal((await notice.textContent()).trim(), NOTICE);
    assert.equal((await page.getByRole('heading', { level: 1 }).textContent()).trim(), config.title, 'the built-in title');
    await eventually(() => assert.ok(app.warnings.some((w) => w.includes(`config.json, field ${field}:`)), JSON.stringify(app.warnings)));
    if (field === 'tiles.url') assert.ok(!app.blocked.some((u) => u.includes('tile.example.org')), 'the bad tile URL was never used');
    await assertAccessible(page, `config with ${what}`);
  });
}

appTest('a valid config.json shows no settings notice', {}, async ({ page }) => {
  await expectShown(page, ALL);
  assert.equal(await page.getByTestId('config-notice').count(), 0);
});

{
  // Websites that would mislead: user-info before the real host, and a right-to-left override
  // that makes the address read differently; and an http: one (only https by default).
  const file = structuredClone(dataFile);
  const [a, b, c] = file.features.map((f) => f.properties);
  a.website = 'https://nhs.uk@evil.example/';
  b.website = 'https://www.example.org/\u202egpj.exe';
  c.website = 'http://www.example.org/';
  const refused = [a.name, b.name, c.name];
  appTest(
    'misleading website addresses in the data are refused and reported; the other schemes are shown',
    { routes: { '/schemes.geojson': { body: JSON.stringify(file), contentType: 'application/geo+json' } } },
    async ({ page }) => {
      await expectShown(page, ALL.filter((n) => !refused.includes(n)));
      const rejected = page.getByTestId('rejected');
      assert.match(await rejected.textContent(), /(^|\D)3 schemes could not be shown/);
      await rejected.locator('summary').click();
      const why = await rejected.locator('details').innerText();
      for (const name of refused) assert.match(why, new RegExp(`${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: the website ".*" is not a safe https web address`));
      const hrefs = await page.locator('a[href]').evaluateAll((as) => as.map((x) => x.getAttribute('href')));
      assert.deepEqual(hrefs.filter((h) => /evil\.example|\u202e|^http:/.test(h)), []);
    },
  );
}

appTest('the open-data dataset page keeps its look under the CSP: its style is a file, and nothing is blocked', {}, async (app) => {
  const { page, server } = app;
  const response = await page.goto(new URL('openactive/index.html', server.url).href);
  assert.equal(response.status(), 200);
  assert.ok(response.headers()['content-security-policy'], 'served under the CSP');
  await page.waitForLoadState('load');
  const look = await page.evaluate(() => ({
    maxWidth: getComputedStyle(document.body).maxWidth,
    inlineStyles: document.querySelectorAll('style, [style]').length,
    dataset: JSON.parse(document.querySelector('script[type="application/ld+json"]').textContent)['@type'],
  }));
  assert.equal(look.inlineStyles, 0, 'no inline style');
  assert.equal(look.maxWidth, '736px', 'the stylesheet applied (46rem)');
  assert.equal(look.dataset, 'Dataset');
  await assertAccessible(page, 'the open-data dataset page');
});
