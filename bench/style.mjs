// The style work of one keystroke (typing "Watford" in one input event, or Backspace over it): each
// style recalculation with the elements it styled (Blink's counters), what invalidated them
// (`--per`: the invalidation-tracking events before each recalculation of 1 ms or more), the
// main thread's events (`--tasks`) and the time spent matching each selector (the trace's selector
// statistics). A helper for looking, not a benchmark.
//
//   node bench/style.mjs [--size 24] [--what search|clear] [--ref] [--per] [--tasks [--min 300]] [--top 60]
//   (DIST_DIR chooses the build)
import { readFile } from 'node:fs/promises';
import { DIST } from '../tests/e2e/paths.mjs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { ONLY_LOCAL, serveBench } from './serve.mjs';
import { CHROMIUM_ARGS } from '../tests/e2e/chromium.mjs';
import { generate, matching } from './generate.mjs';
import { args, opt } from './options.mjs';
const N = Number(opt('size', '24'));
const WHAT = opt('what', 'search');
const REF = args.includes('--ref');
const data = N === 24 ? JSON.parse(await readFile(join(DIST, 'schemes.geojson'), 'utf8')) : generate(N);
const total = data.features.length, found = matching(data, 'Watford');
const { server, origin } = await serveBench({ '': JSON.stringify(data) });
const say = (n) => (n === 0 ? 'No schemes match' : n === 1 ? '1 scheme' : `${n} schemes`);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: [...CHROMIUM_ARGS, ONLY_LOCAL] });
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const waitCount = (t) => page.waitForFunction((t) => [...document.querySelectorAll('[role="status"]')].some((e) => e.textContent.trim().startsWith(t)), t, { polling: 20 });
  await page.goto(`${origin}/${REF ? 'ref/' : ''}`);
  await waitCount(say(total));
  await page.waitForTimeout(1500);
  const counts = await page.evaluate(() => ({ elements: document.querySelectorAll('*').length, rules: [...document.styleSheets].reduce((n, s) => { try { return n + s.cssRules.length; } catch { return n; } }, 0) }));
  console.log('page', counts);
  const search = page.locator('#search');
  await search.focus();
  if (WHAT === 'clear') { await page.keyboard.insertText('Watford'); await waitCount(say(found)); await page.waitForTimeout(800); await search.selectText(); }
  const cats = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'disabled-by-default-devtools.timeline.invalidationTracking', 'disabled-by-default-blink.debug', 'blink', 'blink.debug'];
  await browser.startTracing(page, { categories: cats });
  if (WHAT === 'search') await page.keyboard.insertText('Watford'); else await page.keyboard.press('Backspace');
  await waitCount(say(WHAT === 'search' ? found : total));
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
  await page.waitForTimeout(200);
  const trace = JSON.parse((await browser.stopTracing()).toString());
  const ev = trace.traceEvents ?? trace;
  const main = ev.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const mine = ev.filter((e) => e.pid === main.pid && e.tid === main.tid);
  const t0 = Math.min(...mine.filter(e=>e.ts>0).map((e) => e.ts));
  for (const e of mine.filter((e) => e.name === 'UpdateLayoutTree' || e.name === 'Layout' || e.name === 'RecalcStyle' || e.name==='Document::updateStyle')) {
    console.log(`${e.name} at ${((e.ts - t0) / 1000).toFixed(1)} dur ${(e.dur / 1000).toFixed(2)} ms`, JSON.stringify(e.args?.elementCount ?? e.args?.beginData ?? e.args));
  }
  if (args.includes('--tasks')) {
    const X = mine.filter((e) => e.ph === 'X' && e.dur >= Number(opt('min', '300')));
    for (const e of X.sort((a, b) => a.ts - b.ts)) {
      const depth = X.filter((p) => p !== e && p.ts <= e.ts && p.ts + p.dur >= e.ts + e.dur).length;
      console.log(`${'  '.repeat(depth)}${((e.ts - t0) / 1000).toFixed(1)} +${(e.dur / 1000).toFixed(2)} ${e.name} ${e.args?.data?.type ?? e.args?.data?.functionName ?? ''}`);
    }
  }
  if (args.includes('--per')) {
    const ult = mine.filter((e) => e.name === 'UpdateLayoutTree' && e.ph === 'X').sort((a, b) => a.ts - b.ts);
    let prev = 0;
    for (const u of ult) {
      const before = mine.filter((e) => /StyleRecalcInvalidationTracking|ScheduleStyleInvalidationTracking/.test(e.name) && e.ts >= prev && e.ts < u.ts);
      prev = u.ts + u.dur;
      if (u.dur < 1000) continue;
      console.log(`== UpdateLayoutTree at ${((u.ts - t0) / 1000).toFixed(1)} +${(u.dur / 1000).toFixed(2)} elements ${u.args?.elementCount}`);
      const st = u.args?.beginData?.stackTrace ?? u.args?.data?.stackTrace;
      if (st) console.log('   stack:', st.slice(0, 6).map((f) => `${f.functionName}@${f.url.split('/').pop()}:${f.lineNumber}`).join(' < '));
      const m = new Map();
      for (const e of before) { const d = e.args?.data ?? {}; const k = `${e.name.replace('InvalidationTracking', '')} ${d.reason ?? ''} ${d.nodeName ?? ''} ${d.changedAttribute ?? ''}${d.changedClass ?? ''}`; m.set(k, (m.get(k) ?? 0) + 1); }
      for (const [k, v] of [...m].sort((a, b) => b[1] - a[1])) console.log(String(v).padStart(6), k);
    }
  }
  const inv = new Map();
  for (const e of mine.filter((e) => /Invalidation/.test(e.name))) {
    const d = e.args?.data ?? {};
    const k = `${e.name} ${d.reason ?? ''} ${d.nodeName ?? ''} ${d.invalidationList ? JSON.stringify(d.invalidationList).slice(0, 200) : ''} ${d.changedClass??''} ${d.changedAttribute??''} ${d.changedId??''} ${d.changedPseudo??''} ${d.extraData??''}`;
    inv.set(k, (inv.get(k) ?? 0) + 1);
  }
  for (const [k, v] of [...inv].sort((a, b) => b[1] - a[1]).slice(0, Number(opt('top', '60')))) console.log(String(v).padStart(5), k);
  const sel = mine.filter((e) => e.name === 'SelectorStats' || e.args?.selector_stats);
  const agg = new Map();
  for (const e of sel) for (const s of e.args.selector_stats?.selector_timings ?? []) {
    const a = agg.get(s.selector) ?? { us: 0, match_attempts: 0, match_count: 0, fast_reject_count: 0 };
    a.us += s['elapsed (us)']; a.match_attempts += s.match_attempts; a.match_count += s.match_count; a.fast_reject_count += s.fast_reject_count;
    agg.set(s.selector, a);
  }
  console.log('selector stats events', sel.length);
  const tot = [...agg.values()].reduce((n, a) => n + a.us, 0);
  console.log('total selector us', tot.toFixed(0));
  for (const [k, a] of [...agg].sort((x, y) => y[1].us - x[1].us).slice(0, 30)) console.log(`${a.us.toFixed(0).padStart(6)} us  attempts ${a.match_attempts} matches ${a.match_count} rejected ${a.fast_reject_count}  ${k}`);
} finally { await browser.close(); server.close(); }
