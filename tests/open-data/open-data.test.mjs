// The open data in the built site (dist/, or DIST_DIR), checked by the standards' own tools,
// offline: OpenActive's validator over the RPDE feed and the dataset page, and the Open Referral
// UK files against the UK profile's published schemas. docs/open-data.md lists the warnings left
// and why; the test fails if a new kind appears.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validate, activityList, summarise } from './openactive.mjs';
import { schemaErrors, undefinedFields, SERVICE_SCHEMA, SERVICE_LIST_SCHEMA } from './oruk.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const DIST = resolve(ROOT, process.env.DIST_DIR ?? 'dist');
const CONFIG = JSON.parse(readFileSync(join(DIST, 'config.json'), 'utf8'));
const BASE = CONFIG.open_data.base_url.replace(/\/?$/, '/');
const SCHEMES = JSON.parse(readFileSync(join(DIST, 'schemes.geojson'), 'utf8')).features;
const read = (rel) => JSON.parse(readFileSync(join(DIST, rel), 'utf8'));

/** A feed URL as the file in dist/ it names. */
function local(url) {
  assert.ok(url.startsWith(BASE), `${url} is under the configured base URL ${BASE}`);
  return url.slice(BASE.length);
}

/** The feed's pages, followed from the first by their `next` links. */
function feedPages() {
  const pages = [];
  let url = `${BASE}openactive/session-series/1.json`;
  for (let guard = 0; guard < 1000; guard += 1) {
    const page = read(local(url));
    pages.push({ url, page });
    if (page.next === url) return pages;
    url = page.next;
  }
  throw new Error('the feed never ends');
}

// Warnings the validator gives for facts our data does not hold (docs/open-data.md says why).
const EXPECTED_WARNINGS = new Set([
  '$.items[*].data.image', '$.items[*].data.genderRestriction', '$.items[*].data.leader',
  '$.items[*].data.level', '$.items[*].data.organizer.sameAs', '$.items[*].data.organizer.telephone',
  '$.items[*].data.organizer.url', '$.items[*].data.location.url', '$.items[*].data.location.description',
  '$.items[*].data.location.image', '$.items[*].data.location.telephone',
  '$.items[*].data.location.openingHoursSpecification', '$.items[*].data.location.amenityFeature',
  '$.items[*].data.programme.logo',
]);

test('the RPDE feed pages link on, and the last is empty and links to itself', () => {
  const pages = feedPages();
  assert.ok(pages.length >= 2);
  const last = pages.at(-1).page;
  assert.deepEqual(last.items, []);
  for (const { page } of pages) {
    assert.equal(page.license, CONFIG.open_data.licence || 'https://creativecommons.org/licenses/by/4.0/');
    for (const item of page.items) {
      assert.equal(item.state, 'updated');
      assert.equal(item.kind, 'SessionSeries');
      assert.ok(Number.isInteger(item.modified));
    }
  }
  const items = pages.flatMap((p) => p.page.items);
  assert.equal(items.length, SCHEMES.length, 'every scheme is in the feed');
  const order = items.map((i) => [i.modified, i.id]);
  const sorted = [...order].sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  assert.deepEqual(order, sorted, 'items in RPDE order: modified, then id');
  assert.equal(new Set(items.map((i) => i.data['@id'])).size, items.length, 'unique @ids');
});

test('OpenActive’s validator finds no failures in the feed, only the documented warnings', async () => {
  let warnings = 0;
  for (const { url, page } of feedPages()) {
    const r = await validate(page, 'RPDEFeed');
    if (page.items.length === 0) {
      // RPDE requires the last page's empty `items`; the model validator's "omit empty arrays"
      // rule reports exactly that, and nothing else may be wrong with the page.
      assert.deepEqual(r.failures.map((f) => `${f.type} ${f.path}`), ['field_is_empty $.items'], url);
      continue;
    }
    assert.deepEqual(summarise(r.failures), [], `${url}: no failures`);
    for (const w of r.warnings) {
      const path = w.path.replace(/\[\d+\]/g, '[*]');
      assert.ok(EXPECTED_WARNINGS.has(path), `${url}: an undocumented warning: ${summarise([w])}`);
    }
    warnings += r.warnings.length;
  }
  assert.ok(warnings > 0, 'the validator ran and reported its recommendations');
});

test('every activity is in the OpenActive Activity List, and sessions become eventSchedule', () => {
  const list = activityList();
  const items = feedPages().flatMap((p) => p.page.items);
  for (const item of items) {
    for (const a of item.data.activity) {
      assert.equal(list[a['@id']], a.prefLabel, `${a['@id']} is "${a.prefLabel}" in the list`);
    }
    const scheme = SCHEMES.find((f) => f.properties.id === item.id).properties;
    if (scheme.sessions?.length) {
      const days = item.data.eventSchedule.flatMap((s) => s.byDay).sort();
      assert.equal(days.length, scheme.sessions.length, item.id);
    }
    assert.ok(item.data.offers.every((o) => o.priceCurrency === 'GBP'));
    assert.ok(item.data.location.address.streetAddress && item.data.location.geo, item.id);
    assert.ok(item.data.organizer['@id'].startsWith(BASE));
  }
});

test('the dataset page carries the dataset’s JSON-LD: name, publisher, licence, distribution', async () => {
  const html = readFileSync(join(DIST, 'openactive/index.html'), 'utf8');
  const m = html.match(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/);
  assert.ok(m, 'a JSON-LD script');
  const ld = JSON.parse(m[1]);
  assert.equal(ld['@type'], 'Dataset');
  assert.ok(ld.name && ld.publisher.name);
  assert.equal(ld.license, CONFIG.open_data.licence);
  assert.equal(ld.distribution[0].contentUrl, `${BASE}openactive/session-series/1.json`);
  const r = await validate(ld, 'DatasetSite');
  const failures = r.failures.map((f) => f.path);
  // A publisher logo is required by OpenActive's dataset pages; the demonstration's publisher has none.
  assert.deepEqual(failures, CONFIG.open_data.publisher_logo ? [] : ['$.publisher.logo'], summarise(r.failures).join('\n'));
});

test('the Open Referral UK files are valid against the UK profile, with no undefined fields', () => {
  const root = read('oruk/index.json');
  assert.deepEqual(schemaErrors('root', root), []);
  assert.equal(root.version, 'HSDS-UK-3.0');
  const list = read('oruk/services/index.json');
  assert.deepEqual(schemaErrors('page', list), []);
  assert.equal(list.total_items, SCHEMES.length);
  for (const item of list.contents) {
    assert.deepEqual(schemaErrors('serviceListItem', item), [], item.name);
    assert.deepEqual(undefinedFields(SERVICE_LIST_SCHEMA, item), [], item.name);
  }
  // Only the JSON files (dist/ also carries precompressed .br and .gz copies beside them).
  const files = readdirSync(join(DIST, 'oruk/services')).filter((f) => f.endsWith('.json') && f !== 'index.json');
  assert.equal(files.length, SCHEMES.length);
  for (const item of list.contents) {
    const rel = `oruk/services/${item.id}.json`;
    assert.ok(existsSync(join(DIST, rel)), rel);
    const service = read(rel);
    assert.deepEqual(schemaErrors('service', service), [], rel);
    assert.deepEqual(undefinedFields(SERVICE_SCHEMA, service), [], rel);
    // Every fact is there in UK-profile fields.
    const scheme = SCHEMES.find((f) => f.properties.name === service.name).properties;
    if (scheme.phone) assert.ok(service.description.includes(scheme.phone), `${rel}: phone`);
    if (scheme.email) assert.equal(service.email, scheme.email);
    if (scheme.sessions?.length) assert.ok(service.schedules.length > 0, `${rel}: schedules`);
    assert.ok(service.fees && service.cost_options.length, `${rel}: price`);
    const terms = service.attributes.map((a) => a.taxonomy_term.term);
    for (const c of scheme.conditions) assert.ok(terms.includes(c), `${rel}: condition ${c}`);
    for (const r of scheme.referral) assert.ok(terms.includes(r), `${rel}: referral route ${r}`);
  }
});
