// OpenActive's own validator (npm @openactive/data-model-validator), run offline.
//
// The validator fetches three remote JSON-LD documents (the Activity List and the beta and
// extension namespaces). With `loadRemoteJson` and a `remoteJsonCachePath` it first reads
// `<cache>/<sha256 of the URL>.json` (see its src/helpers/json-loader.js); we write those cache
// files from tests/fixtures/openactive/ with a far-future fetch time, so it never goes online.
//
// As a program: node tests/open-data/openactive.mjs FILE...   (prints the counts and messages)
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const validator = require('@openactive/data-model-validator');

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'openactive');
export const REMOTE_DOCUMENTS = {
  'https://openactive.io/activity-list': 'activity-list.jsonld',
  'https://openactive.io/ns-beta': 'beta.jsonld',
  'https://openactive.io/ns-extension': 'extension.jsonld',
};

let cacheDir = null;

/** A folder the validator reads as its cache, holding our copies of the remote documents. */
export function seededCache() {
  if (cacheDir) return cacheDir;
  cacheDir = mkdtempSync(join(tmpdir(), 'openactive-cache-'));
  for (const [url, file] of Object.entries(REMOTE_DOCUMENTS)) {
    const data = JSON.parse(readFileSync(join(FIXTURES, file), 'utf8'));
    const key = createHash('sha256').update(url).digest('hex');
    const entry = {
      errorCode: 'error_none', statusCode: 200, url, contentType: 'application/ld+json',
      data, exception: null, fetchTime: Date.now(),
    };
    writeFileSync(join(cacheDir, `${key}.json`), JSON.stringify(entry));
  }
  return cacheDir;
}

/** The Activity List's concepts by @id: { id: prefLabel }. */
export function activityList() {
  const list = JSON.parse(readFileSync(join(FIXTURES, 'activity-list.jsonld'), 'utf8'));
  return Object.fromEntries(list.concept.map((c) => [c.id, c.prefLabel]));
}

/**
 * Validates one document (an RPDE page, an item, or a dataset site's JSON-LD).
 * Returns { failures, warnings, others, all } (arrays of the validator's messages).
 */
export async function validate(doc, validationMode = 'RPDEFeed') {
  const all = await validator.validate(doc, {
    loadRemoteJson: true,
    remoteJsonCachePath: seededCache(),
    remoteJsonCacheTimeToLive: 10 * 365 * 24 * 3600,
    validationMode,
  });
  return {
    failures: all.filter((e) => e.severity === 'failure'),
    warnings: all.filter((e) => e.severity === 'warning'),
    others: all.filter((e) => e.severity !== 'failure' && e.severity !== 'warning'),
    all,
  };
}

/** "path: message" lines, the same message counted once with how often it came. */
export function summarise(messages) {
  const counts = new Map();
  for (const m of messages) {
    const path = m.path.replace(/\[\d+\]/g, '[*]');
    const key = `${m.severity} ${m.type} at ${path}: ${m.message.split('\n')[0]}`;
    counts.set(key, (counts.get(key) || 0) + 1);
  }
  return [...counts].map(([k, n]) => `${String(n).padStart(4)} × ${k}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const files = process.argv.slice(2);
  const mode = process.env.OA_MODE || 'RPDEFeed';
  let failures = 0;
  let warnings = 0;
  let others = 0;
  const messages = [];
  for (const f of files) {
    const r = await validate(JSON.parse(readFileSync(f, 'utf8')), mode);
    failures += r.failures.length;
    warnings += r.warnings.length;
    others += r.others.length;
    messages.push(...r.all);
  }
  console.log(summarise(messages).join('\n'));
  console.log(`${files.length} file(s): ${failures} failures, ${warnings} warnings, ${others} notices/suggestions`);
  process.exitCode = failures ? 1 : 0;
}
