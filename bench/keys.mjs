// The keystroke's own task, in main-thread CPU time (a trace's thread time, so less sensitive to
// the machine's load than wall time), over many keystrokes: each of ten towns typed into the
// Search box in one input event, then Backspace over it, in one page load; `--rounds` page loads
// of this build (dist/, or DIST_DIR) and, with --also DIR, of another build, alternated. Prints
// the medians of the task (wall and thread time) and of the style and layout in the 60 ms after
// each keystroke (the frame it causes). A helper for comparing builds (bench/web.mjs gives the
// figures against the plain page).
//
//   node bench/keys.mjs [--size 1000] [--rounds 2] [--also DIR]
import { chromium } from 'playwright-core';
import { ONLY_LOCAL, serveBench } from './serve.mjs';
import { CHROMIUM_ARGS } from '../tests/e2e/chromium.mjs';
import { generate } from './generate.mjs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DIST } from '../tests/e2e/paths.mjs';
import { opt } from './options.mjs';
const N = Number(opt('size', '1000'));
const ROUNDS = Number(opt('rounds', '2'));
const ALSO = opt('also', null);
const TOWNS = ['Watford', 'Cheshunt', 'Hemel Hempstead', 'Hertford', 'Borehamwood', 'Letchworth', 'St Albans', 'Stevenage', 'Rickmansworth', 'Hatfield'];
const data = N === 24 ? JSON.parse(await readFile(join(DIST, 'schemes.geojson'), 'utf8')) : generate(N);
const { server, origin } = await serveBench({ '': JSON.stringify(data) }, ALSO);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: [...CHROMIUM_ARGS, ONLY_LOCAL] });
const med = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN; };
const out = { A: { search: [], clear: [], searchT: [], clearT: [] }, C: { search: [], clear: [], searchT: [], clearT: [] } };
async function one(which) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(`${origin}/${which === 'C' ? 'also/' : ''}`);
  const count = () => page.evaluate(() => document.querySelector('.count')?.textContent ?? '');
  await page.waitForFunction(() => /^\d+ schemes/.test(document.querySelector('.count')?.textContent ?? ''), null, { polling: 50 });
  await page.waitForTimeout(1500);
  const search = page.locator('#search');
  await search.focus();
  await browser.startTracing(page, { categories: ['devtools.timeline', 'toplevel'] });
  const kinds = [];
  for (const town of TOWNS) {
    const before = await count();
    await page.keyboard.insertText(town);
    kinds.push('search');
    await page.waitForFunction((b) => document.querySelector('.count')?.textContent !== b, before, { polling: 20 });
    await page.waitForTimeout(300);
    await search.selectText();
    const b2 = await count();
    await page.keyboard.press('Backspace');
    kinds.push('clear');
    await page.waitForFunction((b) => document.querySelector('.count')?.textContent !== b, b2, { polling: 20 });
    await page.waitForTimeout(300);
  }
  const trace = JSON.parse((await browser.stopTracing()).toString());
  const ev = trace.traceEvents ?? trace;
  const main = ev.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const mine = ev.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X');
  const tasks = mine.filter((e) => e.name === 'ThreadControllerImpl::RunTask' || e.name === 'RunTask');
  const inputs = mine.filter((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'input').sort((a, b) => a.ts - b.ts);
  inputs.forEach((e, k) => {
    const t = tasks.filter((t) => t.ts <= e.ts && t.ts + t.dur >= e.ts + e.dur).sort((a, b) => b.dur - a.dur)[0];
    if (!t || !kinds[k]) return;
    out[which][kinds[k]].push(t.dur / 1000);
    out[which][kinds[k] + 'T'].push((t.tdur ?? t.dur) / 1000);
    // Style and layout (thread time) from the input to 60 ms after it: the keystroke's frame.
    const rl = mine.filter((x) => (x.name === 'UpdateLayoutTree' || x.name === 'Layout') && x.ts >= e.ts && x.ts < e.ts + 60_000).reduce((n, x) => n + (x.tdur ?? x.dur) / 1000, 0);
    out[which][kinds[k] + 'RL'] = [...(out[which][kinds[k] + 'RL'] ?? []), rl];
  });
  await context.close();
}
try {
  for (let r = 0; r < ROUNDS; r++) for (const w of ALSO ? (r % 2 ? ['C', 'A'] : ['A', 'C']) : ['A']) await one(w);
  for (const w of ALSO ? ['A', 'C'] : ['A']) {
    const o = out[w];
    console.log(`${w === 'A' ? 'this build' : 'also      '} at ${N}: search task ${med(o.search).toFixed(1)} ms (thread ${med(o.searchT).toFixed(1)}), clear task ${med(o.clear).toFixed(1)} ms (thread ${med(o.clearT).toFixed(1)}), n=${o.search.length}+${o.clear.length}; style+layout in the 60 ms after: search ${med(o.searchRL).toFixed(1)}, clear ${med(o.clearRL).toFixed(1)}`);
  }
} finally { await browser.close(); server.close(); }
