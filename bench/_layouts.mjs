import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../tests/e2e/chromium.mjs';
import { serveBench, ONLY_LOCAL } from './serve.mjs';
import { readFileSync } from 'node:fs';
const REF = process.argv.includes('--ref');
const { server, origin } = await serveBench({ '': readFileSync((process.env.DIST_DIR ?? 'dist') + '/schemes.geojson', 'utf8') });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: [...CHROMIUM_ARGS, ONLY_LOCAL] });
for (let run = 0; run < 2; run++) {
const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
const page = await context.newPage();
await browser.startTracing(page, { categories: ['loading', 'blink.user_timing', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.wasm'] });
await page.goto(origin + (REF ? '/ref/' : '/'));
await page.waitForSelector('#map .leaflet-marker-icon');
await page.waitForTimeout(300);
const ev = (JSON.parse((await browser.stopTracing()).toString())).traceEvents;
const nav = ev.find((e) => e.name === 'navigationStart' && e.args?.data?.documentLoaderURL?.startsWith(origin)) ?? ev.find((e) => e.name === 'navigationStart');
let lazy = 0;
for (const e of ev) {
  if (e.ts < nav.ts) continue;
  if (e.name === 'wasm.CompileLazy') lazy += (e.tdur ?? 0) / 1000;
  if (e.name === 'Layout' || e.name === 'UpdateLayoutTree') {
    const b = e.args?.beginData ?? {};
    const st = (b.stackTrace ?? []).slice(0, 2).map((f) => f.functionName).join('<');
    console.log(((e.ts - nav.ts) / 1000).toFixed(1), e.name, ((e.tdur ?? e.dur) / 1000).toFixed(2), 'dirty', b.dirtyObjects, 'total', b.totalObjects, b.partialLayout ? 'partial' : '', 'elements', e.args?.elementCount ?? '', st);
  }
  if (e.name === 'MarkLoad' || e.name === 'firstContentfulPaint') console.log(((e.ts - nav.ts) / 1000).toFixed(1), e.name);
}
console.log('lazy wasm compile (thread ms)', lazy.toFixed(1));
await context.close();
}
await browser.close(); server.close();
