// The end-to-end harness: one static server over dist/ and one headless Debian Chromium per test
// file, a fresh browser context per test, every non-loopback request blocked, data fixtures swapped
// in with page routes, console errors collected (a test fails on any it did not expect), axe-core
// run in the page, and a screenshot in tests/e2e/artifacts/ when a test fails.
//
// Every page runs under the site's strict Content-Security-Policy (the server sends the headers
// of dist/_headers), and every `securitypolicyviolation` event in the page is collected: a test
// fails on any.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { serve } from './server.mjs';
import { ARTIFACTS, DIST, FIXTURES, ROOT } from './paths.mjs';
import { config } from './schemes.mjs';
import { CHROMIUM_ARGS } from './chromium.mjs';

/** Flags for Debian's Chromium as root on a closed network (shared/TOOLCHAIN.md). */
export { CHROMIUM_ARGS };

/** The only external host the page may ask for: the configured map tiles (always blocked in tests). */
const TILE_HOST = new URL(config.tiles.url.replace(/\{[a-z]\}/g, '0')).hostname;

let shared;
/** The server and browser shared by the tests of one file (started on first use). */
function environment() {
  shared ??= (async () => {
    assert.ok(existsSync(join(DIST, 'index.html')), `${DIST} has no index.html: run \`trunk build --release\` first`);
    const server = await serve(DIST);
    assert.ok(server.csp, `${DIST}/_headers gives no Content-Security-Policy: was it built by trunk (its hook runs \`schemes site-data\`)?`);
    // launch() gives every browser a fresh temporary user-data-dir.
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      headless: true,
      args: CHROMIUM_ARGS,
    });
    return { server, browser };
  })();
  return shared;
}
after(async () => {
  if (!shared) return;
  const { server, browser } = await shared;
  await browser.close();
  await server.close();
});

/** What a misconfigured server or proxy answers, with status 200, instead of a data file. */
export const HTML_ERROR_PAGE = '<!doctype html><html><head><title>Service unavailable</title></head><body><h1>Sorry, something went wrong</h1></body></html>';

/** The text of a fixture file in tests/e2e/fixtures/. */
export const fixture = (name) => readFileSync(join(FIXTURES, name), 'utf8');

/**
 * Opens the app in a fresh context.
 *
 * `routes` maps a path on the test server ("/schemes.geojson") to what it answers, one step per
 * request (the last step repeats): `{ fixture: 'hostile.geojson' }`, `{ status: 404 }`,
 * `{ abort: 'failed' }` (a network failure), `{ real: true }` (the built file), `{ stall: true }`
 * (never answered: the request hangs until the page gives up), `{ truncate: true }` (the first
 * half of the built file), `{ html: true }` (a server's HTML error page with status 200),
 * `{ bytes: N }` (a body of N spaces).
 * `expectConsole` lists regular expressions for console errors the test expects (e.g. the
 * browser's own "Failed to load resource" line for a 404 it set up); any other error fails.
 * `allowOrigins` lists other origins the page may reach (e.g. a local stand-in server, as
 * "http://127.0.0.1:PORT"); they are added to the CSP's connect-src, as the build adds the online
 * lookup's origin when it has no postcode files; `contextOptions` are passed to Playwright's
 * `browser.newContext` (e.g. `{ geolocation, permissions: ['geolocation'], hasTouch: true }`); `init`
 * is a function run in the page before any of its scripts (Playwright's `addInitScript`), e.g. to
 * replace a browser API.
 */
export async function openApp({
  query = '', routes = {}, expectConsole = [], viewport = { width: 1280, height: 800 }, waitReady = true,
  allowOrigins = [], contextOptions = {}, init,
} = {}) {
  const { server, browser } = await environment();
  // The tests of a file run one after another, so this applies to this test's pages only.
  server.allowConnect(allowOrigins);
  const context = await browser.newContext({ viewport, serviceWorkers: 'block', ...contextOptions });
  if (init) await context.addInitScript(init);
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const app = {
    page,
    context,
    server,
    /** Unexpected console errors and uncaught exceptions. */
    problems: [],
    /** External URLs the page asked for (all blocked). */
    blocked: [],
    /** Messages of alert/confirm/prompt dialogs (dismissed). */
    dialogs: [],
    /** How many times each routed path was requested. */
    requests: {},
    /** Content-Security-Policy violations reported in the page. */
    cspViolations: [],
    /** Console warnings (not failures; for tests that expect one). */
    warnings: [],
  };
  await context.exposeBinding('__reportCspViolation', (_source, v) => app.cspViolations.push(v));
  await context.addInitScript(() => {
    document.addEventListener(
      'securitypolicyviolation',
      (e) =>
        window.__reportCspViolation(
          `${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile || '?'}:${e.lineNumber} ${e.sample || ''}`.trim(),
        ),
      true,
    );
  });
  page.on('dialog', (d) => {
    app.dialogs.push(`${d.type()}: ${d.message()}`);
    d.dismiss().catch(() => {});
  });
  page.on('pageerror', (e) => app.problems.push(`uncaught: ${e.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'warning') app.warnings.push(msg.text());
    if (msg.type() !== 'error' && msg.type() !== 'assert') return;
    const text = msg.text();
    const where = msg.location()?.url ?? '';
    // A blocked external request (map tiles) is checked through `blocked` instead.
    if (app.blocked.includes(where) || (/ERR_BLOCKED_BY_CLIENT/.test(text) && app.blocked.length > 0)) return;
    if (expectConsole.some((re) => re.test(`${text} ${where}`))) return;
    app.problems.push(`console.${msg.type()}: ${text}${where ? ` (${where})` : ''}`);
  });
  await context.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (allowOrigins.includes(url.origin)) return route.continue();
    if (url.origin !== server.origin) {
      app.blocked.push(url.href);
      return route.abort('blockedbyclient');
    }
    const plan = routes[url.pathname];
    if (!plan) return route.continue();
    const n = (app.requests[url.pathname] = (app.requests[url.pathname] ?? 0) + 1);
    const step = Array.isArray(plan) ? plan[Math.min(n, plan.length) - 1] : plan;
    if (step.abort) return route.abort(step.abort);
    if (step.stall) return undefined;
    if (step.html) return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: HTML_ERROR_PAGE });
    if (step.bytes) return route.fulfill({ status: 200, contentType: 'application/json', body: Buffer.alloc(step.bytes, 0x20) });
    if (step.truncate) {
      const real = await route.fetch();
      const text = await real.text();
      return route.fulfill({ response: real, body: text.slice(0, Math.floor(text.length / 2)) });
    }
    if (step.status) return route.fulfill({ status: step.status, contentType: 'text/plain', body: `HTTP ${step.status} from the test` });
    if (step.fixture) return route.fulfill({ status: 200, contentType: 'application/geo+json', body: fixture(step.fixture) });
    if (step.body !== undefined) return route.fulfill({ status: 200, contentType: step.contentType ?? 'application/json', body: step.body });
    return route.continue();
  });
  await page.goto(server.url + query);
  if (waitReady) await ready(page);
  return app;
}

/** Waits until the app has loaded its data: the count says "N scheme(s)", "No schemes match" or "No schemes to show", or an alert is shown. */
export async function ready(page) {
  await page.waitForFunction(() => {
    const count = [...document.querySelectorAll('[role="status"]')].some((e) => /\d+ schemes?\b|No schemes (match|to show)/.test(e.textContent));
    const alert = [...document.querySelectorAll('[role="alert"]')].some((e) => e.textContent.trim() !== '');
    return count || alert;
  });
}

/** Fails when the page broke its CSP, logged an unexpected error, asked for a non-tile external URL, or opened a dialog. */
export function assertClean(app) {
  assert.deepEqual(app.cspViolations, [], 'Content-Security-Policy violations');
  assert.deepEqual(app.problems, [], 'console errors or uncaught exceptions');
  const foreign = app.blocked.filter((u) => new URL(u).hostname !== TILE_HOST);
  assert.deepEqual(foreign, [], `external requests other than the map tiles (${TILE_HOST})`);
  assert.deepEqual(app.dialogs, [], 'dialogs opened');
}

/**
 * A browser test: opens the app with `options`, runs `body(app)`, then checks the page stayed
 * clean (see assertClean). On failure a screenshot goes to tests/e2e/artifacts/.
 */
export function appTest(name, options, body) {
  test(name, { timeout: 90_000 }, async () => checked(name, await openApp(options), body));
}

/**
 * Runs `body(app)` on an opened page, then checks the page stayed clean (see assertClean); on
 * failure a screenshot named after the test goes to tests/e2e/artifacts/. Closes the page's
 * context in every case.
 */
export async function checked(name, app, body) {
  try {
    await body(app);
    assertClean(app);
  } catch (e) {
    mkdirSync(ARTIFACTS, { recursive: true });
    const file = join(ARTIFACTS, `${name.replace(/[^a-z0-9]+/gi, '-').slice(0, 80)}.png`);
    await app.page.screenshot({ path: file, fullPage: true }).catch(() => {});
    e.message += `\n  screenshot: ${file}\n  page problems: ${JSON.stringify(app.problems)}`;
    throw e;
  } finally {
    await app.context.close();
  }
}

/**
 * Holds back every request matching `pattern` (as on a slow connection) until the returned
 * function is called; then they go on to the page's server as usual.
 */
export async function holdBack(context, pattern) {
  let release;
  const held = new Promise((ok) => (release = ok));
  await context.route(pattern, async (route) => {
    await held;
    return route.fallback();
  });
  return release;
}

/** Retries `check` (which throws until the page is as expected) for up to `timeout` ms. */
export async function eventually(check, timeout = 10_000) {
  const end = Date.now() + timeout;
  for (;;) {
    try {
      return await check();
    } catch (e) {
      if (Date.now() > end) throw e;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

const AXE_SOURCE = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * Runs axe-core (WCAG 2.0/2.1/2.2 A and AA) on the page and fails on any violation.
 *
 * One narrow exception: the target-size rule (WCAG 2.2, 2.5.8) is not applied to the map's
 * markers. Markers of schemes at the same or nearby centres overlap at county zoom, and 2.5.8's
 * "equivalent" exception covers them: every marker's function (choose the scheme, open its card)
 * is also the full-size button heading its list entry. Every other target is checked.
 */
export async function assertAccessible(page, state) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(AXE_SOURCE);
  // Check the state a person settles on, not a frame of a fade: wait for the running finite CSS
  // transitions and animations (a card fading in, a highlight) to finish first.
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => a.effect?.getComputedTiming().iterations !== Infinity)
        .map((a) => a.finished.catch(() => {})),
    ),
  );
  const violations = await page.evaluate(async (tags) => {
    const summary = (result) =>
      result.violations.map((v) => ({
        rule: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary?.replace(/\s+/g, ' ')}`),
      }));
    const all = await window.axe.run(document, {
      runOnly: { type: 'tag', values: tags },
      rules: { 'target-size': { enabled: false } },
      resultTypes: ['violations'],
    });
    const sizes = await window.axe.run(
      { exclude: [['.leaflet-marker-icon']] },
      { runOnly: { type: 'rule', values: ['target-size'] }, resultTypes: ['violations'] },
    );
    return [...summary(all), ...summary(sizes)];
  }, AXE_TAGS);
  assert.deepEqual(violations, [], `axe-core violations in the ${state} state:\n${JSON.stringify(violations, null, 2)}`);
}

// ---- reading the page as a person would ---------------------------------------------------------

export const squash = (s) => (s ?? '').replace(/\s+/g, ' ').trim();

/** The results list (`<ul aria-label="Results">`). */
export const resultsList = (page) => page.getByRole('list', { name: 'Results', exact: true });

/** The entries of the results list on show. Entries taken off show by a filter are kept, hidden
 * (the `hidden` attribute: not displayed, out of the accessibility tree and the tab order), so a
 * filter change need not build them again (ui/results.rs); they are not the list a person reads. */
export const entries = (page) => resultsList(page).locator(':scope > li:not([hidden])');

/** The entries of the results list kept hidden. */
export const hiddenEntries = (page) => resultsList(page).locator(':scope > li[hidden]');

/** The entry whose heading is `name`. */
export const entry = (page, name) =>
  entries(page).filter({ has: page.getByRole('heading', { level: 3, name, exact: true }) });

/** The map marker of the scheme called `name` (its title), on show. Plain markers a filter takes
 * off the map are kept, hidden (the `hidden` attribute: not displayed, so not focusable, clickable
 * or announced; ui/leaflet_adapter.rs): they are not on the map a person sees. */
export const marker = (page, name) => page.locator(`#map .leaflet-marker-icon:not([hidden])[title="${name.replace(/["\\]/g, '\\$&')}"]`);

/** How many pixels of the district outlines Leaflet drew: they are drawn on one canvas in the map's
 * overlay pane (leaflet_adapter.rs), so the pixels in the outline colour (#005a9c, stroked at 0.7
 * opacity, tiles blocked so nothing else is under them) are counted. */
export const outlinePixels = (page) =>
  page.locator('#map .leaflet-overlay-pane canvas').evaluateAll((canvases) => {
    let n = 0;
    for (const c of canvases) {
      if (!c.width || !c.height) continue;
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      for (let i = 0; i < d.length; i += 4) {
        if (d[i + 3] > 100 && d[i] < 40 && Math.abs(d[i + 1] - 90) < 40 && Math.abs(d[i + 2] - 156) < 40) n++;
      }
    }
    return n;
  });

/** The scheme names in the list (each entry's heading), sorted. */
export async function listNames(page) {
  if ((await resultsList(page).count()) === 0) return [];
  const names = await entries(page).evaluateAll((lis) => lis.map((li) => li.querySelector('h3')?.textContent ?? ''));
  return names.map(squash).sort();
}

/** The map's scheme markers on show (see `marker`): [{title, alt}], sorted by title. */
export async function markers(page) {
  const all = await page.locator('#map .leaflet-marker-icon:not([hidden])').evaluateAll((els) => els.map((e) => ({ title: e.title, alt: e.alt })));
  return all.sort((a, b) => (a.title < b.title ? -1 : a.title > b.title ? 1 : 0));
}

/** The count line (`role="status"` mentioning schemes). */
export const countStatus = (page) => page.getByRole('status').filter({ hasText: /\d+ schemes?\b|No schemes (match|to show)/ });

/** A regular expression for "N schemes" / "1 scheme" / "No schemes match your filters" (or "your search"). */
export function countPattern(n) {
  if (n === 0) return /No schemes match your (filters|search)/;
  return n === 1 ? /(^|\D)1 scheme\b/ : new RegExp(`(^|\\D)${n} schemes\\b`);
}

/** Waits until the list and the markers show exactly `names` and the count line agrees. */
export async function expectShown(page, names) {
  const want = [...names].sort();
  await eventually(async () => {
    assert.deepEqual(await listNames(page), want, 'list entries');
    assert.deepEqual(await markers(page), want.map((n) => ({ title: n, alt: n })), 'map markers (title and alt)');
    const count = squash(await countStatus(page).first().textContent());
    assert.match(count, countPattern(want.length), `count line "${count}"`);
  });
}

/**
 * Waits until the page has written its address for the changes made so far: the app writes it
 * after the next frame has painted (a task queued from that frame), so this waits for the same.
 */
export const addressWritten = (page) => page.evaluate(() => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0))));

/** The query string of the page's address, as URLSearchParams. */
export const params = (page) => new URL(page.url()).searchParams;

/**
 * The postcode in the page's address: in the fragment, which browsers never send to a server.
 * Fails if the query carries one.
 */
export function postcodeInAddress(page) {
  const url = new URL(page.url());
  assert.equal(url.searchParams.has('postcode'), false, `the query carries no postcode: ${url.search}`);
  return new URLSearchParams(url.hash.slice(1)).get('postcode');
}

/** The filter form and its controls, found by their visible labels. */
export function filters(page) {
  const form = page.getByRole('form', { name: 'Filters' });
  return {
    form,
    district: (name) => form.getByRole('group', { name: 'District' }).getByLabel(name, { exact: true }),
    condition: (label) => form.getByRole('group', { name: 'Condition' }).getByLabel(label, { exact: true }),
    price: form.getByLabel('Price', { exact: true }),
    search: form.getByLabel('Search', { exact: true }),
    clear: form.getByRole('button', { name: 'Clear filters' }),
  };
}

/** Whether the element is at least partly visible in the viewport (scroll containers included). */
export function inViewport(locator) {
  return locator.evaluate(
    (el) =>
      new Promise((resolve) => {
        const io = new IntersectionObserver(([e]) => {
          io.disconnect();
          resolve(e.intersectionRatio > 0);
        });
        io.observe(el);
      }),
  );
}

/** Waits until Leaflet's popup is open and fully faded in; returns its content locator. */
export async function openPopup(page) {
  const popup = page.locator('#map .leaflet-popup');
  await popup.waitFor({ state: 'visible' });
  await page.waitForFunction(() => {
    const p = document.querySelector('#map .leaflet-popup');
    return p && getComputedStyle(p).opacity === '1';
  });
  return popup.locator('.leaflet-popup-content');
}
