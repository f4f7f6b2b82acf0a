// The web benchmark: the app (A, the built dist/) against the plain Leaflet reference page (B,
// bench/reference/), alternated in one run of one headless Debian Chromium with the end-to-end
// tests' flags, tiles blocked. Prints medians and ratios A/B and writes them as JSON.
//
//   node bench/web.mjs [--sizes 24,1000,10000] [--runs 5] [--big 50000] [--big-reference] [--json out.json]
//                      [--write docs/benchmarks.md --label TEXT] [--also DIR] [--reference-outlines]
//
// --also DIR adds a second build of the app (C, e.g. main's build in a folder of its own) to the
// same run, alternated with A and B, and prints its figures and its ratio to B beside A's: an
// A/B comparison of two builds under the same load, which separate runs on a shared machine do
// not give.
//
// --reference-outlines has the plain page draw the district outlines too, as the app does (its
// `?outlines`): a second comparison, for what that feature costs; the issue's reference is without.
//
// --phone (a 390×844 window), --cpu N (Chromium's CPU throttling, N times slower) and
// --network slow4g (150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up, the files brotli
// compressed as a static host would send them: bench/serve.mjs) measure the load as a patient on
// a cheap phone would have it. Without them: a 1280×800 window, no throttling, nothing compressed.
//
// --write replaces that file's "## Web speed" section (or appends it) with the figures, the date,
// the machine and --label (e.g. the commit).
//
// Measured in the page (performance.now(), the same code for A and B):
// - first markers: navigation start → the frame after the first map marker is added has painted
//   (a MutationObserver sees the marker; then requestAnimationFrame + a task after that frame;
//   reported on the console, so the script evaluates nothing in the page until then);
// - firstFrame: navigation start → that frame, in its requestAnimationFrame callback once its style
//   and layout are done (forced there): leaves out the work a page queues for after the frame with
//   the first markers, which firstMarkers counts (the task after the frame runs behind it);
// - markerImage: navigation start → the first marker's image painted (Element Timing's renderTime
//   of that <img>; 0 where the first marker is not an image, as a cluster's badge is, or is out of
//   sight, as behind a phone's list). A marker whose image has not come yet is on the map but not
//   seen; both pages use Leaflet's default icon;
// - firstEntry: navigation start → the frame after the first list entry on show is added has
//   painted (then a task, as for the markers): the first view where the list comes first (a phone);
// - search: one input event typing "Watford" into the empty search box (the event's timeStamp) →
//   the count says the right number, a marker is on the map, and the frame after that has painted.
//   The page's own probe sees it (a MutationObserver armed before the keystroke, then
//   requestAnimationFrame + a task) and reports it on the console: nothing is polled and nothing is
//   evaluated in the page while it works (see docs/benchmarks.md, "Search and filter latency,
//   measured by the page (issue 9, keys)");
// - searchChanged: the same, to the end of the task that made the count right (no frame);
// - searchEvent: Chromium's Event Timing duration of that input event (to the paint after its
//   handlers, in steps of 8 ms; 0 when under 16 ms, which Event Timing does not report);
// - clear, clearChanged, clearEvent: Backspace on the selected search text (every scheme back) → the same;
// - long tasks (PerformanceObserver 'longtask') after the first view, at the big size, while the
//   page loads its list, the map is panned and zoomed, searched and cleared.
// 24 schemes is the shipped data file; the other sizes are bench/generate.mjs's synthetic files.

import { readFile } from 'node:fs/promises';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../tests/e2e/chromium.mjs';
import { DIST } from '../tests/e2e/paths.mjs';
import { generate, matching } from './generate.mjs';
import { ONLY_LOCAL, serveBench } from './serve.mjs';
import { args, opt } from './options.mjs';

const SIZES = opt('sizes', '24,1000,10000').split(',').filter(Boolean).map(Number);
const RUNS = Number(opt('runs', '5'));
const BIG = Number(opt('big', '50000'));
const JSON_OUT = opt('json', null);
// The reference page at the big size takes minutes (one DOM marker each): only on request.
const BIG_REFERENCE = args.includes('--big-reference');
const REFERENCE_OUTLINES = args.includes('--reference-outlines');
const WRITE = opt('write', null);
const LABEL = opt('label', '');
const ALSO = opt('also', null);
const SEARCH = 'Watford';
const VIEWPORT = args.includes('--phone') ? { width: 390, height: 844 } : { width: 1280, height: 800 };
const CPU = Number(opt('cpu', '1'));
const NETWORK = { slow4g: { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 } }[opt('network', '')] ?? null;
if (args.includes('--network') && !NETWORK) throw new Error('--network takes slow4g');

// ---- data and server ------------------------------------------------------------------------------

const files = new Map(); // size → { text, total, found }
async function dataFor(n) {
  if (!files.has(n)) {
    let data;
    if (n === 24) data = JSON.parse(await readFile(join(DIST, 'schemes.geojson'), 'utf8'));
    else data = generate(n);
    files.set(n, { text: JSON.stringify(data), total: data.features.length, found: matching(data, SEARCH) });
  }
  return files.get(n);
}

/** Serves /n{N}/… as dist/ with that size's schemes file, and /n{N}/ref/… as the reference page
 * (bench/serve.mjs, in a process of its own: every size's file is made before it starts). */
async function serve() {
  const schemes = {};
  for (const n of [...SIZES, ...(BIG ? [BIG] : [])]) schemes[`/n${n}`] = (await dataFor(n)).text;
  return serveBench(schemes, ALSO, { compress: NETWORK !== null });
}

// ---- in-page probes -------------------------------------------------------------------------------

/** Installed before any page script: first-marker time, input timestamps, long tasks. */
function probes() {
  window.__bench = { firstMarkers: null, inputAt: null, longTasks: [] };
  // The first list entry on show (the app's `li.result`, the plain page's `#list li`): the first
  // view where the list comes first, as on a phone. Its frame, then a task, as for the markers.
  new MutationObserver((records, obs) => {
    for (const r of records) {
      for (const n of r.addedNodes) {
        if (n.nodeType === 1 && n.matches('li.result:not([hidden]), #list li')) {
          obs.disconnect();
          requestAnimationFrame(() => setTimeout(() => (window.__bench.firstEntry = performance.now()), 0));
          return;
        }
      }
    }
  }).observe(document, { childList: true, subtree: true });
  new MutationObserver((records, obs) => {
    for (const r of records) {
      for (const n of r.addedNodes) {
        if (n.nodeType === 1 && n.classList.contains('leaflet-marker-icon') && n.closest('#map')) {
          obs.disconnect();
          if (n.tagName === 'IMG') n.setAttribute('elementtiming', 'bench-marker');
          requestAnimationFrame(() => {
            // The frame that paints the first markers, once its style and layout are done (forced
            // here; the frame would do them next anyway). Unlike firstMarkers, this leaves out work
            // a page queues for after that frame (the app builds its list and filters there).
            void document.body.offsetHeight;
            window.__bench.firstFrame = performance.now();
            setTimeout(() => {
              window.__bench.firstMarkers = performance.now();
              // Told through the console, so that nothing is evaluated in the page while it loads.
              console.debug(`bench first markers ${window.__bench.firstMarkers} ${window.__bench.firstFrame}`);
            }, 0);
          });
          return;
        }
      }
    }
  }).observe(document, { childList: true, subtree: true });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (e.identifier === 'bench-marker') window.__bench.markerImage ??= e.renderTime || e.loadTime;
    }).observe({ type: 'element', buffered: true });
  } catch {}
  document.addEventListener('input', (e) => (window.__bench.inputAt = e.timeStamp), true);
  // The end of a search or clear, seen by the page itself: armed (outside the measured time)
  // with the count to wait for, a MutationObserver checks the count and the markers after each
  // task that changes the page; once both are right, the frame after that has painted
  // (requestAnimationFrame, then a task) ends the measure, reported on the console. Nothing is
  // polled and nothing is evaluated in the page in between: the same code for both pages.
  window.__bench.arm = (text) => {
    const done = () =>
      [...document.querySelectorAll('[role="status"]')].some((e) => e.textContent.trim().startsWith(text)) &&
      (text.startsWith('No ') || document.querySelector('#map .leaflet-marker-icon') !== null);
    const obs = new MutationObserver(() => {
      if (window.__bench.inputAt === null || !done()) return;
      obs.disconnect();
      const inputAt = window.__bench.inputAt;
      const rightAt = performance.now();
      requestAnimationFrame(() =>
        setTimeout(() => {
          const now = performance.now();
          console.debug(`bench settled ${now - inputAt} ${rightAt - inputAt} ${inputAt}`);
        }, 0),
      );
    });
    window.__bench.inputAt = null;
    obs.observe(document.body, { childList: true, characterData: true, subtree: true });
  };
  // Chromium's own measure of each input event (Event Timing: from the event's timeStamp to the
  // paint of the frame after its handlers ran, in steps of 8 ms; reported only from 16 ms).
  window.__bench.events = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (e.name === 'input') window.__bench.events.push({ start: e.startTime, duration: e.duration, processing: e.processingEnd - e.startTime });
    }).observe({ type: 'event', durationThreshold: 16, buffered: true });
  } catch {}
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__bench.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {}
}

/** Types or deletes with `act` and waits for the page's probe (`__bench.arm`) to report the count
 * `text` right and painted; returns [ms from the input event to the frame after, ms to the change]. */
async function settled(page, text, act) {
  await page.evaluate((t) => window.__bench.arm(t), text);
  const seen = page.waitForEvent('console', { predicate: (m) => m.text().startsWith('bench settled ') });
  await act();
  const [painted, right, inputAt] = (await seen).text().slice('bench settled '.length).split(' ').map(Number);
  return { painted, right, inputAt };
}

/** Event Timing's duration of the input event at `inputAt` (null: under 16 ms, not reported). */
async function eventDuration(page, inputAt) {
  // Entries arrive after the paint they measure: give them a moment.
  await page.waitForTimeout(100);
  const events = await page.evaluate(() => window.__bench.events);
  const e = events.find((x) => Math.abs(x.start - inputAt) < 1);
  return e ? e.duration : null;
}

const say = (n) => (n === 0 ? 'No schemes match' : n === 1 ? '1 scheme' : `${n} schemes`);

// ---- one run --------------------------------------------------------------------------------------

async function run(browser, origin, which, n, { big = false } = {}) {
  const data = await dataFor(n);
  const context = await browser.newContext({ viewport: VIEWPORT, serviceWorkers: 'block' });
  await context.addInitScript(probes);
  const page = await context.newPage();
  page.setDefaultTimeout(big ? 300_000 : 120_000);
  if (CPU !== 1 || NETWORK) {
    const cdp = await context.newCDPSession(page);
    if (CPU !== 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU });
    if (NETWORK) {
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', NETWORK);
    }
  }
  const url = `${origin}/n${n}/${{ A: '', B: REFERENCE_OUTLINES ? 'ref/?outlines' : 'ref/', C: 'also/' }[which]}`;
  const out = {};
  try {
    // Waiting for the first markers evaluates nothing in the page (no Playwright polling: its
    // injected script costs the page's main thread tens of milliseconds, which fell inside the
    // measured time): the probe reports them on the console.
    const first = page.waitForEvent('console', { predicate: (m) => m.text().startsWith('bench first markers '), timeout: big ? 300_000 : 120_000 });
    await page.goto(url, { waitUntil: 'commit' });
    [out.firstMarkers, out.firstFrame] = (await first).text().slice('bench first markers '.length).split(' ').map(Number);
    await page.waitForFunction(
      (t) => [...document.querySelectorAll('[role="status"]')].some((e) => e.textContent.trim().startsWith(t)),
      say(data.total),
      { polling: 50 },
    );
    out.ready = await page.evaluate(() => performance.now());
    out.firstEntry = await page.evaluate(async () => {
      for (let i = 0; i < 500 && window.__bench.firstEntry == null; i++) await new Promise((r) => setTimeout(r, 20));
      return window.__bench.firstEntry ?? 0;
    });
    // The first marker's image (none to wait for where that marker is a cluster's badge, or the
    // map is out of sight behind the list, as on a phone).
    out.markerImage = await page.evaluate(async () => {
      const img = document.querySelector('#map img[elementtiming="bench-marker"]');
      if (!img?.checkVisibility()) return 0;
      for (let i = 0; i < 500 && window.__bench.markerImage == null; i++) await new Promise((r) => setTimeout(r, 20));
      return window.__bench.markerImage ?? 0;
    });
    const search = page.locator('#search');
    if (big) {
      // Pan and zoom with the mouse, as a person would.
      const box = await page.locator('#map').boundingBox();
      const cx = box.x + box.width / 2;
      const cy = box.y + box.height / 2;
      for (const [dx, dy] of [[200, 0], [0, 150], [-250, -100]]) {
        await page.mouse.move(cx, cy);
        await page.mouse.down();
        await page.mouse.move(cx + dx, cy + dy, { steps: 8 });
        await page.mouse.up();
      }
      await page.mouse.move(cx, cy);
      await page.mouse.wheel(0, -300);
      await page.waitForTimeout(500);
      await page.mouse.wheel(0, 300);
      await page.waitForTimeout(500);
    }
    // On a phone the app folds its filters away behind a "Filters" button: opened first, as a
    // person would (not measured).
    if (!(await search.isVisible())) await page.locator('button[aria-controls="filters"]').click();
    await search.focus();
    const s = await settled(page, say(data.found), () => page.keyboard.insertText(SEARCH));
    out.search = s.painted;
    out.searchChanged = s.right;
    out.searchEvent = await eventDuration(page, s.inputAt);
    await search.selectText();
    const c = await settled(page, say(data.total), () => page.keyboard.press('Backspace'));
    out.clear = c.painted;
    out.clearChanged = c.right;
    out.clearEvent = await eventDuration(page, c.inputAt);
    if (big) {
      // Let anything queued finish, then collect the long tasks after the first view.
      await page.waitForTimeout(1000);
      const { firstMarkers, longTasks } = await page.evaluate(() => window.__bench);
      const after = longTasks.filter((t) => t.start >= firstMarkers);
      out.longTasksAfterFirstView = after.length;
      out.longestTaskAfterFirstView = after.reduce((m, t) => Math.max(m, t.duration), 0);
      out.tasksOver200 = after.filter((t) => t.duration > 200).length;
    }
  } finally {
    await context.close();
  }
  return out;
}

// ---- the benchmark --------------------------------------------------------------------------------

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const ms = (x) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));

const { server, origin } = await serve();
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, args: [...CHROMIUM_ARGS, ONLY_LOCAL] });
const chromiumVersion = browser.version();
const results = { sizes: {}, big: null };
try {
  for (const n of SIZES) {
    const runs = { A: [], B: [], C: [] };
    // One warm-up of each page (not counted), then alternate A, B (and C), in turning orders.
    const pages = ALSO ? ['A', 'B', 'C'] : ['A', 'B'];
    for (const which of pages) await run(browser, origin, which, n);
    for (let i = 0; i < RUNS; i++) {
      const order = pages.map((_, k) => pages[(i + k) % pages.length]);
      for (const which of order) runs[which].push(await run(browser, origin, which, n));
    }
    const row = {};
    // search/clear: to the frame after the right count has painted; …Changed: to the task that
    // made it right; …Event: Event Timing's duration of the input event (0 when under 16 ms).
    for (const metric of ['firstMarkers', 'firstFrame', 'markerImage', 'firstEntry', 'search', 'clear', 'searchChanged', 'clearChanged', 'searchEvent', 'clearEvent']) {
      const a = median(runs.A.map((r) => r[metric] ?? 0));
      const b = median(runs.B.map((r) => r[metric] ?? 0));
      row[metric] = { A: a, B: b, ratio: a / b };
      if (ALSO) {
        const c = median(runs.C.map((r) => r[metric] ?? 0));
        row[metric].C = c;
        row[metric].ratioC = c / b;
      }
    }
    results.sizes[n] = { runs: RUNS, found: (await dataFor(n)).found, ...row };
    console.log(`\n${n} schemes (${RUNS} runs each, medians in ms; search finds ${(await dataFor(n)).found}):`);
    for (const [metric, { A, B, ratio, C, ratioC }] of Object.entries(row)) {
      const t = (x) => (metric.endsWith('Event') && x === 0 ? '<16' : metric === 'markerImage' && x === 0 ? '–' : ms(x));
      const r = (x) => (Number.isFinite(x) && x > 0 ? x.toFixed(2) : '–');
      const also = ALSO ? `   also ${t(C).padStart(7)}  ratio ${r(ratioC)}` : '';
      console.log(`  ${metric.padEnd(13)} app ${t(A).padStart(7)}  reference ${t(B).padStart(7)}  ratio ${r(ratio)}${also}`);
    }
  }
  if (BIG) {
    results.big = { n: BIG, A: await run(browser, origin, 'A', BIG, { big: true }) };
    if (BIG_REFERENCE) results.big.B = await run(browser, origin, 'B', BIG, { big: true });
    console.log(`\n${BIG} schemes (one run; load, pan, zoom, search, clear):`);
    for (const w of BIG_REFERENCE ? ['A', 'B'] : ['A']) {
      const r = results.big[w];
      console.log(`  ${w === 'A' ? 'app      ' : 'reference'} first markers ${ms(r.firstMarkers)} ms, search ${ms(r.search)} ms, clear ${ms(r.clear)} ms, ` +
        `long tasks after first view ${r.longTasksAfterFirstView} (longest ${ms(r.longestTaskAfterFirstView)} ms, over 200 ms: ${r.tasksOver200})`);
    }
  }
} finally {
  await browser.close();
  server.close();
}
if (JSON_OUT) writeFileSync(JSON_OUT, JSON.stringify(results, null, 2));

if (WRITE) {
  const date = new Date().toISOString().slice(0, 10);
  const version = chromiumVersion;
  const lines = [
    '## Web speed',
    '',
    'The app (A: the release build in dist/) against a plain JavaScript + Leaflet page doing the same job',
    '(B: `bench/reference/`, one DOM marker and one list entry per scheme, a text filter), alternated in one',
    'run of headless Debian Chromium with the end-to-end tests\' flags, tiles blocked: `scripts/bench-web.sh speed`',
    '(`bench/web.mjs`; data from `bench/generate.mjs`, valid synthetic schemes at real Hertfordshire postcodes;',
    '24 is the shipped file). Medians in milliseconds; ratio = A / B (lower is better for the app).',
    '"search" is one input event typing "Watford" into the empty search box until the count is right and the',
    'next frame has painted; "clear" is Backspace over that text until every scheme is back and painted.',
    'Those two stop when the page\'s main thread has committed the frame (an animation frame, then a task).',
    'Chromium\'s Event Timing ("ET", in steps of 8 ms; 0 when under 16 ms) runs on to the frame\'s presentation,',
    'so it also counts raster and compositing: judge a change by both.',
    '',
    `Measured ${date}${LABEL ? ` at ${LABEL}` : ''} on the project machine (${cpus().length} cores shared with other agents, ` +
      `load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} at the end), Chromium ${version}. Timings on a shared machine are noisy:`,
    'compare ratios from one run, not absolute figures across runs.',
    `Conditions: a ${VIEWPORT.width}×${VIEWPORT.height} window, ${CPU === 1 ? 'no CPU throttling' : `CPU throttled ${CPU}×`}, ` +
      `${NETWORK ? 'an emulated slow 4G (150 ms, 1.6 Mbit/s), files brotli compressed' : 'no network throttling, nothing compressed'}.`,
    '',
    '| schemes | runs | first markers A / B (ratio) | search A / B (ratio) | clear A / B (ratio) | search ET A / B (ratio) | clear ET A / B (ratio) |',
    '|---:|---:|---|---|---|---|---|',
  ];
  for (const [n, r] of Object.entries(results.sizes)) {
    const cell = ({ A, B, ratio }) => `${ms(A)} / ${ms(B)}${Number.isFinite(ratio) ? ` (${ratio.toFixed(2)})` : ''}`;
    lines.push(`| ${n} | ${r.runs} | ${cell(r.firstMarkers)} | ${cell(r.search)} | ${cell(r.clear)} | ${cell(r.searchEvent)} | ${cell(r.clearEvent)} |`);
  }
  if (results.big) {
    lines.push('', `At ${results.big.n} schemes (one run; load, then pan and zoom with the mouse, search, clear):`, '');
    lines.push('| page | first markers | search | clear | long tasks after first view | longest | over 200 ms |', '|---|---:|---:|---:|---:|---:|---:|');
    for (const w of Object.keys(results.big).filter((k) => k === 'A' || k === 'B')) {
      const r = results.big[w];
      lines.push(`| ${w === 'A' ? 'app' : 'reference'} | ${ms(r.firstMarkers)} | ${ms(r.search)} | ${ms(r.clear)} | ${r.longTasksAfterFirstView} | ${ms(r.longestTaskAfterFirstView)} | ${r.tasksOver200} |`);
    }
  }
  const section = lines.join('\n') + '\n';
  let text = '';
  try {
    text = readFileSync(WRITE, 'utf8');
  } catch {
    text = '# Benchmarks\n';
  }
  const start = text.search(/^## Web speed\s*$/m);
  let out;
  if (start < 0) out = text.trimEnd() + '\n\n' + section;
  else {
    const rest = text.slice(start + 1);
    const next = rest.search(/^## /m);
    out = text.slice(0, start) + section + (next < 0 ? '' : '\n' + rest.slice(next));
  }
  writeFileSync(WRITE, out);
  console.log(`\nwrote the "## Web speed" section of ${WRITE}`);
  process.exit(0);
}
