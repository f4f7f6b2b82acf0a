// Where the time goes in the app (dist/) on one search and one clear: a CPU profile (self time by
// function and file) and a trace (the browser's own work: script, style, layout, paint), at one size.
// A helper for looking, not a benchmark (bench/web.mjs gives the figures).
//
//   node bench/profile.mjs [--size 1000] [--what search|clear|load] [--top 25] [--ref]

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { ONLY_LOCAL, serveBench } from './serve.mjs';
import { CHROMIUM_ARGS } from '../tests/e2e/chromium.mjs';
import { DIST } from '../tests/e2e/paths.mjs';
import { generate, matching } from './generate.mjs';
import { args, opt } from './options.mjs';

const N = Number(opt('size', '1000'));
const WHAT = opt('what', 'search');
const TOP = Number(opt('top', '25'));
const REF = args.includes('--ref');
const SEARCH = 'Watford';

const data = N === 24 ? JSON.parse(await readFile(join(DIST, 'schemes.geojson'), 'utf8')) : generate(N);
const text = JSON.stringify(data);
const total = data.features.length;
const found = matching(data, SEARCH);

const { server, origin } = await serveBench({ '': text });
const say = (n) => (n === 0 ? 'No schemes match' : n === 1 ? '1 scheme' : `${n} schemes`);

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, args: [...CHROMIUM_ARGS, ONLY_LOCAL] });
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  page.setDefaultTimeout(300_000);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  const waitCount = (t) =>
    page.waitForFunction((t) => [...document.querySelectorAll('[role="status"]')].some((e) => e.textContent.trim().startsWith(t)), t, { polling: 20 });
  const fromStart = WHAT === 'load' || WHAT === 'all';
  if (fromStart) await cdp.send('Profiler.start');
  if (fromStart) await browser.startTracing(page, { categories: ['toplevel', 'devtools.timeline', 'v8.execute'] });
  await page.goto(`${origin}/${REF ? 'ref/' : ''}`);
  await waitCount(say(total));
  await page.waitForSelector('#map .leaflet-marker-icon');
  await page.waitForTimeout(1500);
  const search = page.locator('#search');
  if (WHAT === 'clear') {
    await search.focus();
    await page.keyboard.insertText(SEARCH);
    await waitCount(say(found));
    await page.waitForTimeout(1000);
    await search.selectText();
  } else if (WHAT === 'search') await search.focus();
  if (!fromStart) {
    await browser.startTracing(page, { categories: ['toplevel', 'devtools.timeline', 'v8.execute'] });
    await cdp.send('Profiler.start');
  }
  const t0 = Date.now();
  if (WHAT === 'search') await page.keyboard.insertText(SEARCH);
  if (WHAT === 'clear') await page.keyboard.press('Backspace');
  if (WHAT !== 'load' && WHAT !== 'all') await waitCount(say(WHAT === 'search' ? found : total));
  if (WHAT === 'all') {
    await search.focus();
    await page.keyboard.insertText(SEARCH);
    await waitCount(say(found));
    await page.waitForTimeout(1000);
    await search.selectText();
    await page.keyboard.press('Backspace');
    await waitCount(say(total));
    await page.waitForTimeout(2000);
  }
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
  const wall = Date.now() - t0;
  await page.waitForTimeout(300);
  const { profile } = await cdp.send('Profiler.stop');
  const trace = JSON.parse((await browser.stopTracing()).toString());

  // Self time by function.
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const dt = profile.timeDeltas;
  for (let i = 0; i < profile.samples.length; i++) {
    const n = byId.get(profile.samples[i]);
    const f = n.callFrame;
    const key = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
    self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0) / 1000);
  }
  console.log(`${REF ? 'reference' : 'app'} ${WHAT} at ${N} (wall ${wall} ms incl. CDP overhead)`);
  console.log('CPU profile, self ms:');
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, TOP)) console.log(`  ${v.toFixed(1).padStart(8)}  ${k}`);
  // Trace: top-level durations by event name on the renderer main thread.
  const events = trace.traceEvents ?? trace;
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const agg = new Map();
  const tasks = [];
  for (const e of events) {
    if (!main || e.pid !== main.pid || e.tid !== main.tid || e.ph !== 'X') continue;
    agg.set(e.name, (agg.get(e.name) ?? 0) + e.dur / 1000);
    if ((e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') && e.dur > 5000) tasks.push((e.dur / 1000).toFixed(1));
  }
  // Inclusive tree, nodes over 2 ms.
  const incl = new Map();
  for (let i = 0; i < profile.samples.length; i++) incl.set(profile.samples[i], (incl.get(profile.samples[i]) ?? 0) + (dt[i] ?? 0) / 1000);
  const totalOf = (n) => {
    let t = incl.get(n.id) ?? 0;
    for (const c of n.children ?? []) t += totalOf(byId.get(c));
    n.total = t;
    return t;
  };
  const root = profile.nodes[0];
  totalOf(root);
  const show = (n, depth) => {
    if (depth > 40) return;
    const kids = (n.children ?? []).map((c) => byId.get(c)).filter((c) => c.total >= Number(opt('min', '2'))).sort((a, b) => b.total - a.total);
    for (const c of kids) {
      const f = c.callFrame;
      if (!['(idle)', '(program)'].includes(f.functionName)) console.log(`${' '.repeat(depth)}${c.total.toFixed(1)} ${f.functionName || '(anon)'} ${f.url.split('/').pop()}`);
      show(c, depth + 1);
    }
  };
  if (args.includes('--tree')) show(root, 0);
  console.log('trace (renderer main thread, inclusive ms by event):');
  for (const [k, v] of [...agg].sort((a, b) => b[1] - a[1]).slice(0, 18)) console.log(`  ${v.toFixed(1).padStart(8)}  ${k}`);
  console.log(`tasks over 5 ms: ${tasks.join(', ')}`);
  // The long tasks (over 50 ms) and what ran in them.
  const mine = events.filter((e) => main && e.pid === main.pid && e.tid === main.tid && e.ph === 'X');
  for (const t of mine.filter((e) => (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') && e.dur > 50_000)) {
    const inside = mine
      .filter((e) => e !== t && e.ts >= t.ts && e.ts + e.dur <= t.ts + t.dur && e.dur > 10_000 && !e.name.startsWith('V8.'))
      .map((e) => `${e.name}${e.args?.data?.functionName ? ':' + e.args.data.functionName : ''}${e.args?.data?.type ? ':' + e.args.data.type : ''} ${(e.dur / 1000).toFixed(0)}`);
    console.log(`long task ${(t.dur / 1000).toFixed(0)} ms: ${inside.slice(0, 12).join(', ')}`);
  }
} finally {
  await browser.close();
  server.close();
}
