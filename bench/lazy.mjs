// Which wasm functions V8 compiles lazily on the way to the first markers, by name and by crate.
// A helper for looking, not for figures: it needs a build that keeps the wasm's name section
// (see bench/README.md, "What the first view compiles"), given as DIST_DIR.
//
//   DIST_DIR=/tmp/dist-names node bench/lazy.mjs [--size 24] [--runs 3] [--top 40]
//
// Each load is traced with V8's `wasm.CompileLazy` events (their `func_index`); the names come from
// the wasm's own name section. Printed: how many functions were compiled before the frame with the
// first markers (and in the task after it, which the bench's firstMarkers figure counts), with
// their compile time, grouped by the crate or module their name starts with.

import { readFile } from 'node:fs/promises';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { ONLY_LOCAL, serveBench } from './serve.mjs';
import { CHROMIUM_ARGS } from '../tests/e2e/chromium.mjs';
import { DIST } from '../tests/e2e/paths.mjs';
import { generate } from './generate.mjs';
import { opt } from './options.mjs';

const N = Number(opt('size', '24'));
const RUNS = Number(opt('runs', '3'));
const TOP = Number(opt('top', '40'));

/** Function index → name, from the wasm's "name" custom section (subsection 1). */
function functionNames(bytes) {
  let p = 8;
  const u32 = () => {
    let result = 0;
    let shift = 0;
    for (;;) {
      const b = bytes[p++];
      result += (b & 0x7f) * 2 ** shift;
      shift += 7;
      if (!(b & 0x80)) return result;
    }
  };
  const names = new Map();
  while (p < bytes.length) {
    const id = bytes[p++];
    const size = u32();
    const end = p + size;
    if (id === 0) {
      const len = u32();
      const name = new TextDecoder().decode(bytes.subarray(p, p + len));
      p += len;
      if (name === 'name') {
        while (p < end) {
          const sub = bytes[p++];
          const subSize = u32();
          const subEnd = p + subSize;
          if (sub === 1) {
            const count = u32();
            for (let i = 0; i < count; i++) {
              const idx = u32();
              const l = u32();
              names.set(idx, new TextDecoder().decode(bytes.subarray(p, p + l)));
              p += l;
            }
          }
          p = subEnd;
        }
      }
    }
    p = end;
  }
  return names;
}

/** The crate or module a (mangled or demangled) Rust name belongs to, for grouping. */
function group(name) {
  if (!name) return '(no name)';
  let n = name;
  // Legacy mangling: _ZN<len><ident>...; keep the first two path segments.
  const parts = [];
  const m = /^_?_ZN(.*)$/.exec(n);
  if (m) {
    let s = m[1];
    while (parts.length < 3) {
      const l = /^(\d+)/.exec(s);
      if (!l) break;
      const len = Number(l[1]);
      parts.push(s.slice(l[1].length, l[1].length + len));
      s = s.slice(l[1].length + len);
    }
    n = parts.join('::');
  }
  // Trait impls: "<T as Trait>::f" — group by T's crate.
  n = n.replace(/^_?\$LT\$/, '').replace(/^</, '');
  const seg = n.split('::');
  const crate = seg[0];
  if (['referral_map', 'tachys', 'reactive_graph', 'leptos', 'serde_json', 'core', 'alloc'].includes(crate) && seg[1]) return `${crate}::${seg[1].replace(/\.\.$/, '')}`;
  return crate;
}

/** The broader family of a group: Leptos's renderer, its reactive graph, the app, std, the bindings. */
function family(g) {
  if (/^(T as )?tachys|tachys|^\(\) as tachys|as tachys/.test(g)) return "Leptos's renderer (tachys)";
  if (/reactive_graph/.test(g)) return "Leptos's reactive graph (reactive_graph)";
  if (/^leptos/.test(g)) return 'leptos';
  if (/^referral_map::ui/.test(g)) return "the app's UI (referral_map::ui)";
  if (/^referral_map/.test(g)) return "the app's core (referral_map, not ui)";
  if (/^core::ptr/.test(g)) return 'core::ptr (drop glue)';
  if (/^(T as )?(core|alloc|std|hashbrown|dlmalloc|indexmap)|^str>|^__rustc|as (core|alloc)/.test(g)) return 'core, alloc, std, hashbrown, indexmap, dlmalloc';
  if (/wasm_bindgen|js_sys|web_sys|send_wrapper/.test(g)) return 'wasm-bindgen, js-sys, web-sys';
  if (/serde/.test(g)) return 'serde, serde_json';
  if (/leaflet/.test(g)) return 'leaflet (the crate)';
  return 'other: ' + g;
}

const wasmFile = readdirSync(DIST).find((f) => f.startsWith('referral-map') && f.endsWith('_bg.wasm'));
const names = functionNames(new Uint8Array(await readFile(join(DIST, wasmFile))));
if (!names.size) {
  console.error(`${wasmFile} has no name section: build with names kept (bench/README.md).`);
  process.exit(1);
}
const data = N === 24 ? await readFile(join(DIST, 'schemes.geojson'), 'utf8') : JSON.stringify(generate(N));
const { server, origin } = await serveBench({ '': data });

function probe() {
  new MutationObserver((records, obs) => {
    for (const r of records)
      for (const n of r.addedNodes)
        if (n.nodeType === 1 && n.classList.contains('leaflet-marker-icon') && n.closest('#map')) {
          obs.disconnect();
          requestAnimationFrame(() => {
            performance.mark('bench-first-frame');
            setTimeout(() => {
              performance.mark('bench-first-markers');
              console.debug('bench first markers');
            }, 0);
          });
          return;
        }
  }).observe(document, { childList: true, subtree: true });
}

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, args: [...CHROMIUM_ARGS, ONLY_LOCAL] });
const totals = new Map();
const each = new Map();
try {
  for (let run = 0; run < RUNS; run++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'block' });
    await context.addInitScript(probe);
    const page = await context.newPage();
    await browser.startTracing(page, { categories: ['blink.user_timing', 'v8.wasm', 'disabled-by-default-v8.wasm.detailed'] });
    const first = page.waitForEvent('console', { predicate: (m) => m.text() === 'bench first markers' });
    await page.goto(`${origin}/`, { waitUntil: 'commit' });
    await first;
    const events = JSON.parse((await browser.stopTracing()).toString()).traceEvents;
    await context.close();
    const at = (name) => events.find((e) => e.name === name)?.ts;
    const frame = at('bench-first-frame');
    const after = at('bench-first-markers');
    const lazy = events.filter((e) => e.name === 'wasm.CompileLazy' && e.args?.func_index !== undefined);
    const phases = { 'before the frame': lazy.filter((e) => e.ts < frame), 'frame → probe': lazy.filter((e) => e.ts >= frame && e.ts < after) };
    console.log(`\nrun ${run + 1}:`);
    for (const [phase, list] of Object.entries(phases)) {
      const ms = list.reduce((s, e) => s + (e.tdur ?? e.dur ?? 0), 0) / 1000;
      console.log(`  ${phase}: ${list.length} functions compiled lazily, ${ms.toFixed(1)} ms`);
      {
        for (const e of list) {
          const g = group(names.get(e.args.func_index));
          const key = `${phase}\t${g}`;
          const f = `${phase}\t${names.get(e.args.func_index) ?? e.args.func_index}`;
          each.set(f, (each.get(f) ?? 0) + (e.tdur ?? e.dur ?? 0) / 1000 / RUNS);
          const t = totals.get(key) ?? { n: 0, ms: 0 };
          t.n += 1;
          t.ms += (e.tdur ?? e.dur ?? 0) / 1000;
          totals.set(key, t);
        }
      }
    }
  }
  for (const phase of ['before the frame', 'frame → probe']) {
    console.log(`\n${phase}, by crate or module (mean of ${RUNS} loads: functions, ms):`);
    const rows = [...totals].filter(([k]) => k.startsWith(phase + '\t')).map(([k, v]) => [k.split('\t')[1], v.n / RUNS, v.ms / RUNS]);
    rows.sort((a, b) => b[1] - a[1]);
    const fam = new Map();
    for (const [g, n, ms] of rows) {
      const f = family(g);
      const t = fam.get(f) ?? [0, 0];
      fam.set(f, [t[0] + n, t[1] + ms]);
    }
    console.log('  by family:');
    for (const [f, [n, ms]] of [...fam].sort((a, b) => b[1][0] - a[1][0])) console.log(`  ${n.toFixed(0).padStart(5)}  ${ms.toFixed(2).padStart(6)}  ${f}`);
    console.log('  by crate or module:');
    for (const [g, n, ms] of rows.slice(0, TOP)) console.log(`  ${n.toFixed(0).padStart(5)}  ${ms.toFixed(2).padStart(6)}  ${g}`);
    console.log(`\n${phase}, the ${TOP} functions that took longest to compile (mean ms):`);
    const fs = [...each].filter(([k]) => k.startsWith(phase + '\t')).sort((a, b) => b[1] - a[1]);
    for (const [k, ms] of fs.slice(0, TOP)) console.log(`  ${ms.toFixed(2).padStart(6)}  ${k.split('\t')[1].slice(0, 150)}`);
  }
} finally {
  await browser.close();
  server.close();
}
