// The map open all day: one page load, then hundreds of "consultations" (a town searched, a scheme
// chosen in the list and its popup closed, a condition, a district and a price filter set, a
// postcode found and cleared, the filters cleared), with the page's memory read after a garbage
// collection at checkpoints: the JavaScript heap, the wasm's linear memory, the DOM nodes and
// the event listeners. Growth that keeps rising with the count is a leak; a level that settles is
// not. A helper for looking, not for figures in CI (bench/README.md).
//
//   node bench/soak.mjs [--size 24] [--cycles 300] [--every 50] [--ref]   (DIST_DIR chooses the build)

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { ONLY_LOCAL, serveBench } from './serve.mjs';
import { CHROMIUM_ARGS } from '../tests/e2e/chromium.mjs';
import { DIST } from '../tests/e2e/paths.mjs';
import { generate } from './generate.mjs';
import { opt } from './options.mjs';

const N = Number(opt('size', '24'));
const CYCLES = Number(opt('cycles', '300'));
const EVERY = Number(opt('every', '50'));
const TOWNS = ['Watford', 'Stevenage', 'Hemel', 'Hertford', 'Cheshunt', 'Hatfield', 'Letchworth', 'St Albans'];
// --only search|popup|filters|postcode: one part of the consultation, to find which one grows.
const ONLY = opt('only', null);
const doing = (part) => !ONLY || ONLY === part;
const POSTCODES = ['SG1 1HN', 'AL1 3JE', 'WD17 1AP', 'HP1 1BT'];

const data = N === 24 ? await readFile(join(DIST, 'schemes.geojson'), 'utf8') : JSON.stringify(generate(N));
const { server, origin } = await serveBench({ '': data });

/** Keeps the wasm's exports (its memory) where the script can read them. */
function keepWasm() {
  addEventListener('TrunkApplicationStarted', (e) => (window.__wasm = e.detail.wasm));
}

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, args: [...CHROMIUM_ARGS, ONLY_LOCAL] });
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'block' });
  await context.addInitScript(keepWasm);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && !m.text().includes('ERR_NAME_NOT_RESOLVED') && errors.push(m.text()));
  page.on('response', (r) => r.status() >= 400 && errors.push(`${r.status()} ${r.url()}`));
  const cdp = await context.newCDPSession(page);
  await page.goto(`${origin}/`);
  const status = page.locator('[role="status"]').filter({ hasText: /scheme/ }).first();
  await status.waitFor();
  await page.locator('#search').waitFor();
  const total = (await status.textContent()).trim();

  // Text goes into the boxes as a page script would put it (the value, then an input event), not
  // typed: Chromium's undo stack keeps one text node per typed value (up to its own limit), which
  // Memory.getDOMCounters counts and which would look like a leak of the page's (seen 2026-11-24:
  // +1 node per search typed and cleared with Playwright's fill, none this way).
  const put = (selector, text) =>
    page.evaluate(([selector, text]) => {
      const el = document.querySelector(selector);
      el.value = text;
      el.dispatchEvent(new Event('input', { bubbles: true }));
    }, [selector, text]);

  /** Waits until the page has painted a frame after the last change (two animation frames). */
  const settled = () => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

  async function consultation(i) {
    // A town in the search box, then a scheme chosen from the list, its popup closed.
    if (doing('search') || doing('popup')) await put('#search', TOWNS[i % TOWNS.length]);
    await settled();
    const chosen = page.locator('#results .scheme-entry:not([hidden]) h3 button').first();
    if (doing('popup') && (await chosen.count())) {
      await chosen.click();
      await page.locator('#map .leaflet-popup').waitFor();
      await page.locator('#map .leaflet-popup-close-button').click();
      await page.locator('#map .leaflet-popup').waitFor({ state: 'detached' });
    }
    if (doing('search') || doing('popup')) await put('#search', '');
    // A condition, a district and a price.
    if (doing('filters')) {
      const conditions = page.locator('#filters input[id^="condition-"]');
      const districts = page.locator('#filters input[id^="district-"]');
      await conditions.nth(i % (await conditions.count())).check();
      await districts.nth(i % (await districts.count())).check();
      await page.selectOption('#price', { index: 1 + (i % 3) });
      await settled();
    }
    // A postcode, found and cleared.
    if (doing('postcode')) {
      await put('#postcode', POSTCODES[i % POSTCODES.length]);
      await page.press('#postcode', 'Enter');
      const clearSearch = page.getByRole('button', { name: 'Clear search' });
      await clearSearch.waitFor();
      await clearSearch.click();
    }
    // Everything back.
    if (doing('filters')) await page.getByRole('button', { name: 'Clear filters' }).first().click();
    await status.filter({ hasText: total }).waitFor();
  }

  async function measure(after) {
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    const dom = await cdp.send('Memory.getDOMCounters');
    const [wasm, inDocument] = await page.evaluate(() => {
      let n = 0;
      const walk = document.createTreeWalker(document, NodeFilter.SHOW_ALL);
      while (walk.nextNode()) n++;
      return [window.__wasm?.memory?.buffer.byteLength ?? 0, n];
    });
    return { after, js: usedSize, wasm, nodes: dom.nodes, inDocument, listeners: dom.jsEventListeners };
  }

  const rows = [];
  for (let i = 0; i < 5; i++) await consultation(i); // warm-up: everything made once
  rows.push(await measure(0));
  const started = Date.now();
  for (let i = 1; i <= CYCLES; i++) {
    await consultation(i);
    if (i % EVERY === 0) rows.push(await measure(i));
  }
  const kb = (b) => (b / 1024).toFixed(0);
  console.log(`${N} schemes, ${CYCLES} consultations after 5 to warm up (${((Date.now() - started) / 1000).toFixed(0)} s); after a garbage collection:`);
  console.log('  after   JS heap kB   wasm memory kB   DOM nodes   in the document   listeners');
  for (const r of rows) console.log(`  ${String(r.after).padStart(5)}   ${kb(r.js).padStart(10)}   ${kb(r.wasm).padStart(14)}   ${String(r.nodes).padStart(9)}   ${String(r.inDocument).padStart(15)}   ${String(r.listeners).padStart(9)}`);
  const [a, b] = [rows[1] ?? rows[0], rows.at(-1)];
  const per = (k) => ((b[k] - a[k]) / Math.max(1, b.after - a.after));
  console.log(`  growth per consultation from ${a.after} to ${b.after}: JS ${(per('js') / 1024).toFixed(2)} kB, wasm ${(per('wasm') / 1024).toFixed(2)} kB, nodes ${per('nodes').toFixed(2)} (in the document ${per('inDocument').toFixed(2)}), listeners ${per('listeners').toFixed(2)}`);
  if (errors.length) console.log(`  page errors: ${errors.slice(0, 5).join(' | ')}`);
} finally {
  await browser.close();
  server.close();
}
