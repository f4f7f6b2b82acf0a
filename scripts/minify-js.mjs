// Minifies a release build's own JavaScript with terser: wasm-bindgen's glue for the map, the
// embed-code builder and the QR-code drawer, and js/boot.js. Trunk's own minifier cannot parse
// them (Trunk.toml). The map's glue and boot.js are 12.4 kB of the gzip every visitor downloads
// before the map starts, and 9.2 kB minified (docs/benchmarks.md).
//
// index.html names the map's glue and boot.js with their integrity (trunk's SRI hashes), so each
// changed file's sha384 is written there again; a file it names without one is left so.
// Not minified: embed.js, the auto-height script partners load and may read (docs/embedding.md),
// and Leaflet's files, which ship minified.
//
// Run by trunk's post-build hook (Trunk.toml) on the staging folder of a release build, before
// precompress.mjs; or by hand: `node scripts/minify-js.mjs dist`.

import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { minify } from 'terser';

/** Files that stay as they are. */
const KEEP = new Set(['embed.js']);

/** `html` with the integrity of every element that links to `file` set to `integrity`. */
export function setIntegrity(html, file, integrity) {
  const names = new RegExp(`\\b(?:href|src)=["']?(?:\\./)?${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?=["'\\s>])`);
  return html.replace(/<[^<>]+>/g, (tag) =>
    names.test(tag) ? tag.replace(/\bintegrity=(["']?)sha(?:256|384|512)-[A-Za-z0-9+/=]+\1/, `integrity=$1${integrity}$1`) : tag,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.argv[2] ?? 'dist';
  const page = join(dir, 'index.html');
  let html = readFileSync(page, 'utf8');
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.js') && !KEEP.has(f))) {
    const path = join(dir, file);
    const source = readFileSync(path, 'utf8');
    // A module each (the glue exports init; boot.js awaits at its top level). Terser leaves
    // property names alone, so the glue's import object keeps the names the wasm asks for.
    const { code } = await minify(source, { module: true, compress: { passes: 2 }, mangle: true, format: { comments: false } });
    writeFileSync(path, code);
    html = setIntegrity(html, file, `sha384-${createHash('sha384').update(code).digest('base64')}`);
    console.log(`minify-js: ${file} ${source.length} → ${code.length} bytes`);
  }
  writeFileSync(page, html);
}
