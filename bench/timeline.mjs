// One load of the app (or the reference page) at one size, as a timeline: the requests (sent,
// answered, finished), the main thread's tasks over --min ms with what ran in them, and the first
// markers as bench/web.mjs measures them. A helper for looking, not for figures.
//
//   node bench/timeline.mjs [--size 24] [--ref] [--min 2] [--runs 1]

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { ONLY_LOCAL, serveBench } from './serve.mjs';
import { CHROMIUM_ARGS } from '../tests/e2e/chromium.mjs';
import { DIST } from '../tests/e2e/paths.mjs';
import { generate } from './generate.mjs';
import { args, opt } from './options.mjs';

const N = Number(opt('size', '24'));
const REF = args.includes('--ref');
const MIN = Number(opt('min', '2'));
const RUNS = Number(opt('runs', '1'));
const LIGHT = args.includes('--light');
const data = N === 24 ? JSON.parse(await readFile(join(DIST, 'schemes.geojson'), 'utf8')) : generate(N);
const text = JSON.stringify(data);

const { server, origin } = await serveBench({ '': text });

function probes() {
  const marks = (window.__marks = []);
  const mark = (what) => marks.push([performance.now(), what]);
  const seen = new Set();
  const once = (what) => {
    if (!seen.has(what)) {
      seen.add(what);
      mark(what);
    }
  };
  addEventListener('TrunkApplicationStarted', () => mark('TrunkApplicationStarted (main() returned)'));
  addEventListener('DOMContentLoaded', () => mark('DOMContentLoaded'));
  let frames = 0;
  const frame = () => {
    mark('animation frame');
    if (++frames < 400 && !seen.has('done')) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) marks.push([e.startTime, `long task ${e.duration.toFixed(0)} ms (ends ${(e.startTime + e.duration).toFixed(0)})`]);
    }).observe({ type: 'longtask', buffered: true });
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) marks.push([e.startTime, `${e.name} ${e.startTime.toFixed(0)}`]);
    }).observe({ type: 'paint', buffered: true });
  } catch {}
  new MutationObserver((records, obs) => {
    for (const r of records) {
      for (const n of r.removedNodes) if (n.id === 'loading-placeholder') once('placeholder removed (main() starts)');
      for (const n of r.addedNodes) {
        if (n.nodeType !== 1) continue;
        if (n.matches('.layout, .layout *')) once('app layout in the page');
        if (n.querySelector?.('.layout')) once('app layout in the page');
        if (n.matches('.result')) once('first list entry');
        if (n.matches('.checkbox')) once('first checkbox');
        if (n.classList.contains('leaflet-pane') || n.querySelector?.('.leaflet-pane')) once('map created (panes)');
        if (n.matches('path.leaflet-interactive')) once('district outlines');
        if (n.classList.contains('leaflet-marker-icon') && n.closest('#map') && !seen.has('marker')) {
          once('marker');
          mark('*** first marker added');
          requestAnimationFrame(() => setTimeout(() => {
            mark('*** first markers painted (bench figure)');
            console.debug(`bench first markers ${performance.now()} ${performance.now()}`);
            setTimeout(() => once('done'), 200);
          }, 0));
        }
      }
    }
  }).observe(document, { childList: true, subtree: true });
}

const summary = [];
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, args: [...CHROMIUM_ARGS, ONLY_LOCAL] });
try {
  for (let run = 0; run < RUNS; run++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'block' });
    await context.addInitScript(probes);
    const page = await context.newPage();
    if (LIGHT) {
      const first = page.waitForEvent('console', { predicate: (m) => m.text().startsWith('bench first markers ') });
      await page.goto(`${origin}/${REF ? 'ref/' : ''}`, { waitUntil: 'commit' });
      await first;
      await page.waitForTimeout(400);
      const { marks, resources } = await page.evaluate(() => ({
        marks: window.__marks,
        resources: performance.getEntriesByType('resource').map((r) => [r.name, r.startTime, r.responseStart, r.responseEnd]),
      }));
      await context.close();
      const lines = [...marks];
      const nav = await Promise.resolve(0);
      for (const [name, start, first, end] of resources) {
        const u = name.replace(origin, '');
        lines.push([start, `  send   ${u}`]);
        lines.push([end, `  done   ${u} (first byte ${first.toFixed(0)})`]);
      }
      lines.sort((a, b) => a[0] - b[0]);
      console.log(`\n${REF ? 'reference' : 'app'} at ${N}, run ${run + 1} (no tracing):`);
      let last = -1;
      for (const [t, l] of lines) {
        if (l === 'animation frame') {
          if (t - last < 0) continue;
          last = t;
        }
        console.log(`${t.toFixed(1).padStart(7)}  ${l}`);
      }
      continue;
    }
    await browser.startTracing(page, { categories: ['toplevel', 'devtools.timeline', 'v8.execute', 'blink.user_timing', 'loading', 'disabled-by-default-devtools.timeline'] });
    const first = page.waitForEvent('console', { predicate: (m) => m.text().startsWith('bench first markers ') });
    await page.goto(`${origin}/${REF ? 'ref/' : ''}`, { waitUntil: 'commit' });
    const [added, painted] = (await first).text().slice('bench first markers '.length).split(' ').map(Number);
    await page.waitForTimeout(300);
    const trace = JSON.parse((await browser.stopTracing()).toString());
    await context.close();
    const events = trace.traceEvents ?? trace;
    const nav = events.find((e) => e.name === 'navigationStart' && e.args?.data?.isLoadingMainFrame && e.args?.data?.documentLoaderURL?.startsWith(origin))
      ?? events.find((e) => e.name === 'navigationStart');
    const t0 = nav.ts;
    const ms = (ts) => ((ts - t0) / 1000).toFixed(1).padStart(7);
    const lines = [];
    const short = (u) => (u ?? '').replace(origin, '').slice(0, 60);
    const urls = new Map();
    for (const e of events) {
      const d = e.args?.data;
      if (e.name === 'ResourceSendRequest' && d.url?.startsWith(origin)) {
        urls.set(d.requestId, short(d.url));
        lines.push([e.ts, `  send   ${short(d.url)} (${d.priority})`]);
      }
      if (e.name === 'ResourceReceiveResponse' && urls.has(d.requestId)) lines.push([e.ts, `  answer ${urls.get(d.requestId)}`]);
      if (e.name === 'ResourceFinish' && urls.has(d.requestId)) lines.push([e.ts, `  done   ${urls.get(d.requestId)}`]);
    }
    const parse = events.find((x) => x.name === 'ParseHTML' && x.args?.beginData?.url?.startsWith(origin));
    const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && parse && e.pid === parse.pid && e.tid === parse.tid);
    const mine = events.filter((e) => main && e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.ts >= t0);
    // Top-level tasks only (a RunTask inside another is part of it).
    const top = mine.filter((e) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask' || e.name.startsWith('BlinkScheduler_'))
      .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
    const tops = [];
    for (const t of top) if (!tops.length || t.ts >= tops.at(-1).ts + tops.at(-1).dur) tops.push(t);
    for (const t of tops) {
      if (t.dur < MIN * 1000) continue;
      const inside = mine
        .filter((e) => e !== t && e.ts >= t.ts && e.ts + e.dur <= t.ts + t.dur && e.dur >= 1000 && !e.name.startsWith('V8.') && e.name !== 'RunTask')
        .map((e) => {
          const d = e.args?.data ?? e.args?.beginData ?? {};
          const what = d.url ? ' ' + short(d.url).split('/').pop() : d.functionName ? ':' + d.functionName : d.type ? ':' + d.type : '';
          return `${e.name}${what} ${(e.dur / 1000).toFixed(1)}`;
        });
      lines.push([t.ts, `task ${(t.dur / 1000).toFixed(1)} ms: ${inside.slice(0, 14).join(', ')}`]);
    }
    for (const e of events.filter((e) => e.name === 'DrawFrame' || e.name === 'PipelineReporter' && e.ph === 'b' && e.args?.chrome_frame_reporter?.state === 'STATE_PRESENTED_ALL')) if (e.pid === main?.pid) lines.push([e.ts, `  frame`]);
    for (const e of events.filter((e) => ['firstContentfulPaint', 'firstPaint', 'domContentLoadedEventEnd', 'MarkDOMContent'].includes(e.name) && e.ts >= t0)) lines.push([e.ts, `  mark ${e.name}`]);
    lines.push([t0 + added * 1000, '*** first marker added']);
    lines.push([t0 + painted * 1000, '*** first markers painted (bench figure)']);
    lines.sort((a, b) => a[0] - b[0]);
    // The main thread's own work until the frame with the first markers: the tasks' thread time
    // (CPU, `tdur`) as well as their wall-clock time. On a loaded machine the wall-clock figures
    // stretch with the load; the thread time much less, so it compares two builds more steadily.
    const until = t0 + painted * 1000;
    const before = tops.filter((t) => t.ts + t.dur <= until);
    const cpu = before.reduce((sum, t) => sum + (t.tdur ?? t.dur), 0) / 1000;
    const wall = before.reduce((sum, t) => sum + t.dur, 0) / 1000;
    // Of which style and layout (thread time), and script (wasm and JS: the outermost calls).
    const sum = (names) => mine.filter((e) => names.includes(e.name) && e.ts + e.dur <= until).reduce((x, e) => x + (e.tdur ?? e.dur), 0) / 1000;
    const layout = sum(['Layout', 'UpdateLayoutTree']);
    const outer = mine.filter((e) => ['FunctionCall', 'EvaluateScript', 'v8.evaluateModule', 'RunMicrotasks', 'TimerFire', 'FireAnimationFrame'].includes(e.name) && e.ts + e.dur <= until);
    const script = outer.filter((e) => !outer.some((o) => o !== e && o.ts <= e.ts && o.ts + o.dur >= e.ts + e.dur && (o.ts < e.ts || o.dur > e.dur))).reduce((x, e) => x + (e.tdur ?? e.dur), 0) / 1000;
    summary.push({ painted, cpu, wall, layout, script });
    console.log(`\n${REF ? 'reference' : 'app'} at ${N}, run ${run + 1}: first markers ${painted.toFixed(0)} ms; main thread until then: ${cpu.toFixed(1)} ms CPU (style and layout ${layout.toFixed(1)}, script ${script.toFixed(1)}), ${wall.toFixed(1)} ms in tasks`);
    for (const [ts, l] of lines) console.log(`${ms(ts)}  ${l}`);
  }
  if (summary.length > 1) {
    const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
    const m = (k) => median(summary.map((r) => r[k])).toFixed(1);
    console.log(`\nmedians of ${summary.length} traced runs: first markers ${m('painted')} ms; main thread until then ${m('cpu')} ms CPU (style and layout ${m('layout')}, script ${m('script')}), ${m('wall')} ms in tasks`);
  }
} finally {
  await browser.close();
  server.close();
}
