// Removes the comments from a built site's index.html: they explain the page to its developers
// (index.html in the repository keeps them) and were about 1.1 kB of the 2 kB gzip every visitor
// downloads before the map starts. Run by trunk's post-build hook (Trunk.toml) on the staging
// folder before precompress.mjs, or by hand: `node scripts/strip-html-comments.mjs dist`.
// Only index.html: it carries no integrity hash (the files it links to do, and are not touched).

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The HTML without its comments, and without the blank lines they and trunk's own elements leave. */
export function stripComments(html) {
  return html.replace(/<!--[\s\S]*?-->/g, '').replace(/^[ \t]*\r?\n/gm, '');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.argv[2] ?? 'dist';
  const path = join(dir, 'index.html');
  const before = readFileSync(path, 'utf8');
  const after = stripComments(before);
  writeFileSync(path, after);
  console.log(`strip-html-comments: ${path} ${before.length} → ${after.length} bytes`);
}
