// "Find schemes near you" (issue 4): postcode and location searches, distances, nearest first, the
// distance filter and its nearest-anyway fallback, directions, the URL, the online lookup against a
// local postcodes.io stand-in, and the phone layout at 375×667 and 320×568.
//
// The expected lists are worked out here, independently of the app: positions from the built
// postcode files (dist/postcodes/, written by the data tool from OS Code-Point Open) and from
// data/schemes.geojson, distances by the haversine formula, words by the documented rules
// (src/distance.rs describe_miles).

import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import {
  addressWritten, appTest, assertAccessible, assertClean, entries, entry, eventually, filters, listNames, marker, openApp, openPopup, params,
  postcodeInAddress,
} from './harness.mjs';
import { ARTIFACTS, DIST, ROOT } from './paths.mjs';
import { CONDITIONS, DISTRICTS, config, dataFile, expectedNames } from './schemes.mjs';
import { startStandIn } from './postcodes-io-stand-in.mjs';

// ---- the oracle ---------------------------------------------------------------------------------

/** The shipped schemes with their positions (GeoJSON is [lng, lat]). */
const PLACES = dataFile.features.map((f) => ({ ...f.properties, lat: f.geometry.coordinates[1], lng: f.geometry.coordinates[0] }));
const ALL = PLACES.map((s) => s.name);

/** A built postcode file (dist/postcodes/SG1.json): {outcode, lat, lng, sectors, units?}, or meta.json. */
function postcodeFile(outcode) {
  const file = join(DIST, 'postcodes', `${outcode}.json`);
  assert.ok(existsSync(file), `${file} is missing: build with the geodata (data/geodata, or GEODATA_DIR) so the postcode files are written`);
  return JSON.parse(readFileSync(file, 'utf8'));
}
const META = postcodeFile('meta');
const SG1 = postcodeFile('SG1');
const SG5 = postcodeFile('SG5');
const SG19 = postcodeFile('SG19');

const at = ([lat, lng]) => ({ lat, lng });
/** SG1 1LZ: Stevenage Arts and Leisure Centre's own postcode. */
const SG1_1LZ = at(SG1.units['SG1 1LZ']);
/** A well-formed postcode in a covered outcode that does not exist (checked below). */
const UNKNOWN = 'SG1 1ZZ';
/** A postcode outside the covered area (SG19 is Sandy, Bedfordshire): found at its sector's middle. */
const OUTSIDE = 'SG19 1AB';

/** Miles between two points, by the haversine formula on geo's mean Earth radius. */
function miles(a, b) {
  const R = 6371008.8;
  const rad = (x) => (x * Math.PI) / 180;
  const h = Math.sin(rad(b.lat - a.lat) / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(rad(b.lng - a.lng) / 2) ** 2;
  return (2 * R * Math.asin(Math.sqrt(h))) / 1609.344;
}

/** A distance as the page shows it, in tenths of a mile (src/distance.rs shown_tenths): to the
 * tenth under 10 miles, to the mile from there. */
function shownTenths(m) {
  const t = Math.round(m * 10);
  return t < 100 ? t : Math.round(m) * 10;
}

/** A distance as the page says it (src/distance.rs): "under 0.1 miles", "1 mile", "1.2 miles", "12 miles". */
function describeMiles(m) {
  const t = shownTenths(m);
  if (t === 0) return 'under 0.1 miles';
  if (t === 10) return '1 mile';
  return t < 100 ? `${(t / 10).toFixed(1)} miles` : `${t / 10} miles`;
}

/**
 * The list the page should show from `from`: [{name, distance}] nearest first (ties by name),
 * only those within `within` miles as the distance is shown ("2.0 miles" is within 2), or the 3
 * nearest (`further`) when none is.
 */
function nearest(from, { within, keep = () => true } = {}) {
  const all = PLACES.filter(keep)
    .map((s) => ({ name: s.name, m: miles(from, s) }))
    .sort((a, b) => a.m - b.m || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const inside = within == null ? all : all.filter((s) => shownTenths(s.m) <= within * 10);
  const further = within != null && inside.length === 0 && all.length > 0;
  const shown = further ? all.slice(0, 3) : inside;
  return { further, list: shown.map((s) => ({ name: s.name, distance: describeMiles(s.m) + (further ? ' · further away' : '') })) };
}

/** "51.90187" (the 5 decimals of the directions links). */
const dp5 = (x) => x.toFixed(5);
/** The configured directions link from `from` (or from nowhere) to a scheme. */
function directionsUrl(from, s) {
  const to = (u) => u.replace('{to_lat}', dp5(s.lat)).replace('{to_lng}', dp5(s.lng));
  if (!from) return to(config.directions.url_without_start);
  return to(config.directions.url.replace('{from_lat}', dp5(from.lat)).replace('{from_lng}', dp5(from.lng)));
}

const byName = (name) => PLACES.find((s) => s.name === name);
const countText = (n) => (n === 1 ? '1 scheme' : `${n} schemes`);
const squash = (s) => (s ?? '').replace(/\s+/g, ' ').trim();

// ---- reading and driving the page ---------------------------------------------------------------

/** The count line (`role="status"`), including "No schemes within 2 miles of …". */
const countLine = (page) => page.getByRole('status').filter({ hasText: /\bschemes?\b/ });
const postcodeBox = (page) => page.getByLabel('Postcode', { exact: true });
const message = (page) => page.locator('#postcode-message');
const distanceBox = (page) => page.getByLabel('Distance', { exact: true });

/** Types `text` into the Postcode box and presses "Find". */
async function find(page, text) {
  await postcodeBox(page).fill(text);
  await page.getByRole('button', { name: 'Find', exact: true }).click();
}

/** The list entries in page order: [{name, distance}] (distance text as shown, or null). */
async function shownList(page) {
  const rows = await entries(page).evaluateAll((lis) =>
    lis.map((li) => ({ name: li.querySelector('h3')?.textContent ?? '', distance: li.querySelector('.distance')?.textContent ?? null })),
  );
  return rows.map((r) => ({ name: squash(r.name), distance: r.distance == null ? null : squash(r.distance) }));
}

/** Waits until the list, the markers and the count show `expected` (from nearest()) with `count`. */
async function expectNearest(page, expected, count) {
  await eventually(async () => {
    assert.equal(squash(await countLine(page).first().textContent()), count, 'count line');
    assert.deepEqual(await shownList(page), expected.list, 'list entries, nearest first, with distances');
    const names = expected.list.map((e) => e.name).sort();
    assert.deepEqual(await schemeMarkers(page), names, 'map markers');
  });
}

/** The titles of the map's scheme markers on show (not the search point), sorted. */
async function schemeMarkers(page) {
  const titles = await page.locator('#map .leaflet-marker-icon:not(.search-point-icon):not([hidden])').evaluateAll((els) => els.map((e) => e.title));
  return titles.sort();
}

/** The search-point marker ("You searched here: …"). */
const searchMarker = (page) => page.locator('#map .search-point-icon');

/** Waits until the search-point marker is on the map with the title for `label`. */
async function expectSearchMarker(page, label) {
  await eventually(async () => {
    assert.equal(await searchMarker(page).count(), 1, 'one search-point marker');
    assert.equal(await searchMarker(page).getAttribute('title'), `You searched here: ${label}`);
  });
}

/** Every list entry's "Directions" link: [{name, href, target, rel, label}]. */
async function directionLinks(page) {
  return entries(page).evaluateAll((lis) =>
    lis.map((li) => {
      const a = [...li.querySelectorAll('a')].find((x) => x.textContent.trim().startsWith('Directions'));
      return {
        name: li.querySelector('h3')?.textContent.trim(),
        href: a?.getAttribute('href'),
        target: a?.getAttribute('target'),
        rel: a?.getAttribute('rel'),
        label: a?.textContent.replace(/\s+/g, ' ').trim(),
      };
    }),
  );
}

/**
 * Checks the directions link against the configured planner from `from`. List entries are short:
 * the link is in the full card, which opens on choosing an entry; this chooses the first entry,
 * checks its card, then closes the popup (which clears the selection again).
 */
async function expectDirections(page, from) {
  await entries(page).first().getByRole('heading', { level: 3 }).getByRole('button').click();
  let links = [];
  await eventually(async () => {
    links = (await directionLinks(page)).filter((l) => l.href !== undefined);
    assert.equal(links.length, 1, 'the chosen entry has a directions link');
  });
  for (const l of links) {
    assert.equal(l.href, directionsUrl(from, byName(l.name)), `${l.name}: directions link`);
    assert.equal(l.target, '_blank', `${l.name}: opens in a new tab`);
    assert.equal(l.rel, 'noopener noreferrer', `${l.name}: no opener, no referrer`);
    assert.equal(l.label, `Directions to ${l.name} on ${config.directions.name} (opens in a new tab)`);
  }
  await openPopup(page);
  await page.locator('#map .leaflet-popup-close-button').click();
  await eventually(async () => assert.equal(await entries(page).and(page.locator('[aria-current="true"]')).count(), 0));
}

/** Whether the marker's tip is inside the map's box. */
async function insideMap(page, locator) {
  const map = await page.locator('#map').boundingBox();
  const box = await locator.boundingBox();
  if (!map || !box) return false;
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  return x >= map.x && x <= map.x + map.width && y >= map.y && y <= map.y + map.height;
}

/** Every request the page makes, as "origin path" strings. */
function recordRequests(page) {
  const seen = [];
  page.on('request', (r) => {
    const u = new URL(r.url());
    seen.push(`${u.origin}${u.pathname}`);
  });
  return seen;
}

// ---- postcode searches --------------------------------------------------------------------------

appTest('"SG1 1LZ" puts the scheme at Stevenage Arts and Leisure Centre first, under 0.1 miles', {}, async ({ page, server }) => {
  const asked = recordRequests(page);
  const box = postcodeBox(page);
  assert.equal(await box.getAttribute('type'), 'text');
  // meta.json is asked for after the schemes are shown (it never holds them up).
  await eventually(async () =>
    assert.equal(squash(await page.locator('#postcode-source').textContent()), `Postcodes are looked up in your browser (${META.source}).`),
  );
  const describedBy = (await box.getAttribute('aria-describedby')).split(/\s+/);
  assert.ok(describedBy.includes('postcode-message') && describedBy.includes('postcode-source'), 'the box is described by its message and source');

  await find(page, 'SG1 1LZ');
  const atCentre = PLACES.filter((s) => s.centre === 'Stevenage Arts and Leisure Centre');
  assert.equal(atCentre.length, 1, 'one scheme at Stevenage Arts and Leisure Centre');
  const want = nearest(SG1_1LZ);
  assert.deepEqual(want.list[0], { name: atCentre[0].name, distance: 'under 0.1 miles' }, 'the oracle agrees with the issue');
  await expectNearest(page, want, `${countText(PLACES.length)}, nearest first from SG1 1LZ`);
  assert.equal(squash(await page.locator('.search-summary p').first().textContent()), 'Nearest first from SG1 1LZ.');
  await expectSearchMarker(page, 'SG1 1LZ');
  assert.equal(await message(page).textContent(), '', 'no message after a found postcode');
  assert.equal(await box.getAttribute('aria-invalid'), 'false');
  await eventually(async () => assert.equal(postcodeInAddress(page), 'SG1 1LZ'));
  assert.equal(params(page).has('within'), false);

  // The map fits the search point and the nearest three.
  await eventually(async () => {
    assert.ok(await insideMap(page, searchMarker(page)), 'the search point is in view');
    for (const e of want.list.slice(0, 3)) assert.ok(await insideMap(page, marker(page, e.name)), `${e.name} is in view`);
  });
  // Only the outcode's file was asked for, on our own origin: the postcode never left the page.
  const lookups = asked.filter((u) => /postcode/i.test(u) && !u.endsWith('/postcodes/meta.json'));
  assert.deepEqual(lookups, [`${server.origin}/postcodes/SG1.json`]);
  await assertAccessible(page, 'searched from SG1 1LZ');

  // "Clear postcode" (by keyboard) goes back to the file's order without distances, and leaves
  // the keyboard in the Postcode box, not lost with the button.
  const clearButton = page.getByRole('button', { name: 'Clear postcode', exact: true });
  await clearButton.focus();
  await page.keyboard.press('Enter');
  await eventually(async () => assert.equal(await page.evaluate(() => document.activeElement?.id), 'postcode', 'the focus is in the Postcode box'));
  await eventually(async () => {
    assert.deepEqual(await shownList(page), ALL.map((name) => ({ name, distance: null })));
    assert.equal(squash(await countLine(page).first().textContent()), countText(ALL.length));
    assert.equal(await searchMarker(page).count(), 0, 'no search-point marker');
    assert.equal(await box.inputValue(), '');
    assert.equal(postcodeInAddress(page), null);
  });
});

appTest('"sg11lz" (lower case, no space) finds the same and shows the postcode as found', {}, async ({ page }) => {
  await find(page, 'sg11lz');
  await expectNearest(page, nearest(SG1_1LZ), `${countText(PLACES.length)}, nearest first from SG1 1LZ`);
  await eventually(async () => {
    assert.equal(await postcodeBox(page).inputValue(), 'SG1 1LZ');
    assert.equal(postcodeInAddress(page), 'SG1 1LZ');
  });
  await expectSearchMarker(page, 'SG1 1LZ');
  // Spaces around and inside are forgiven too.
  await find(page, '  Sg1   1lZ ');
  await expectNearest(page, nearest(SG1_1LZ), `${countText(PLACES.length)}, nearest first from SG1 1LZ`);
});

appTest('an outcode ("SG5") searches from its middle, and directions start from nowhere', {}, async ({ page }) => {
  await find(page, 'sg5');
  const want = nearest(at([SG5.lat, SG5.lng]));
  await expectNearest(page, want, `${countText(PLACES.length)}, nearest first from SG5`);
  await expectSearchMarker(page, 'SG5');
  await eventually(async () => assert.equal(postcodeInAddress(page), 'SG5'));
  // The middle of an outcode is not where the person is: the route planner asks for the start.
  await expectDirections(page, null);
  await assertAccessible(page, 'searched from an outcode');
});

appTest('text that is not a postcode gets "Enter a postcode like SG1 1LZ" and no search', {}, async ({ page }) => {
  for (const text of ['hello', 'SG1 1L', '12345', 'SG1 1LZZ']) {
    await find(page, text);
    await eventually(async () => assert.equal(squash(await message(page).textContent()), 'Enter a postcode like SG1 1LZ'), 5_000);
    assert.equal(await postcodeBox(page).getAttribute('aria-invalid'), 'true', `${text}: the box is marked invalid`);
    assert.equal(squash(await countLine(page).first().textContent()), countText(ALL.length), `${text}: no search`);
    assert.equal(await page.locator('.distance').count(), 0, `${text}: no distances`);
    assert.equal(postcodeInAddress(page), null);
    // The message goes once a postcode is found.
    await find(page, 'SG1 1LZ');
    await eventually(async () => assert.equal(await message(page).textContent(), ''));
    await page.getByRole('button', { name: 'Clear postcode', exact: true }).click();
  }
  await find(page, 'hello');
  await eventually(async () => assert.equal(squash(await message(page).textContent()), 'Enter a postcode like SG1 1LZ'));
  assert.equal(await message(page).getAttribute('aria-live'), 'polite');
  await assertAccessible(page, 'invalid postcode');
});

appTest(
  'a well-formed postcode that does not exist gets "We could not find that postcode"',
  // The outcode ZZ9 has no file: the browser logs the 404 of postcodes/ZZ9.json.
  { expectConsole: [/Failed to load resource.*404.*\/postcodes\/ZZ9\.json/] },
  async ({ page }) => {
    // SG1 is in the covered area, and SG1 1ZZ is in neither the built file nor the source data.
    assert.ok(SG1.units && Object.keys(SG1.units).length > 100, 'SG1 is covered, unit by unit');
    assert.equal(SG1.units[UNKNOWN], undefined, `${UNKNOWN} is not in dist/postcodes/SG1.json`);
    const geodata = resolve(ROOT, process.env.GEODATA_DIR || 'data/geodata');
    const unitsFile = readdirSync(geodata).find((n) => n.startsWith('postcodes_codepoint_') && n.endsWith('.csv'));
    assert.ok(unitsFile, `${geodata} has the unit postcode file`);
    const csv = join(geodata, unitsFile);
    const rows = readFileSync(csv, 'utf8');
    assert.ok(rows.includes('\nSG1 1LZ,'), 'the source data is the covered units file');
    assert.ok(!rows.includes(`\n${UNKNOWN},`), `${UNKNOWN} is not in ${csv}`);
    await find(page, UNKNOWN);
    await eventually(async () => assert.equal(squash(await message(page).textContent()), 'We could not find that postcode'));
    assert.equal(await postcodeBox(page).getAttribute('aria-invalid'), 'true');
    assert.equal(squash(await countLine(page).first().textContent()), countText(ALL.length), 'no search');
    assert.equal(postcodeInAddress(page), null);
    await assertAccessible(page, 'unknown postcode');

    // An outcode that does not exist at all (no file) is unknown too, not an error.
    await find(page, 'ZZ9 9ZZ');
    await eventually(async () => assert.equal(squash(await message(page).textContent()), 'We could not find that postcode'));
  },
);

appTest('a postcode outside the covered area is found at its sector\'s middle and says "near …"', {}, async ({ page }) => {
  assert.equal(SG19.units, undefined, 'SG19 is outside the covered area (its file has no units)');
  const sector = SG19.sectors['SG19 1'];
  assert.ok(sector, 'SG19 1 has a sector middle');
  await find(page, OUTSIDE);
  const want = nearest(at(sector));
  await expectNearest(page, want, `${countText(PLACES.length)}, nearest first from near SG19 1`);
  assert.equal(squash(await page.locator('.search-summary p').first().textContent()), 'Nearest first from near SG19 1.');
  await expectSearchMarker(page, 'near SG19 1');
  await eventually(async () => assert.equal(postcodeInAddress(page), OUTSIDE));
  // A sector's middle is not the person's address: directions do not start there.
  await expectDirections(page, null);
  await assertAccessible(page, 'searched from a sector middle');

  // A sector the data does not know falls back to the outcode's middle: "near SG19".
  const unknownSector = [0, 4, 5, 6, 7, 8].map((n) => `SG19 ${n}`).find((s) => !SG19.sectors[s]);
  assert.ok(unknownSector, 'SG19 has a sector with no middle');
  await find(page, `${unknownSector}ZZ`);
  await expectNearest(page, nearest(at([SG19.lat, SG19.lng])), `${countText(PLACES.length)}, nearest first from near SG19`);
  await expectSearchMarker(page, 'near SG19');
});

appTest(
  'a postcode in Northern Ireland, Jersey, Guernsey or the Isle of Man says where it is and what to do, with no request for a file the build cannot have',
  {},
  async ({ page }) => {
    const asked = recordRequests(page);
    for (const [typed, place] of [['BT1 1AA', 'Northern Ireland'], ['je2 3ab', 'Jersey'], ['GY1', 'Guernsey'], ['IM1 1AA', 'the Isle of Man']]) {
      await find(page, typed);
      const shown = typed.toUpperCase();
      await eventually(async () =>
        assert.equal(
          squash(await message(page).textContent()),
          `${shown} is in ${place}, and postcodes there cannot be looked up here. Use your location instead.`,
        ),
      );
      assert.equal(await postcodeBox(page).getAttribute('aria-invalid'), 'true');
    }
    assert.equal(META.source.startsWith('OS Code-Point Open'), true, 'the build\'s postcode files are Code-Point Open (Great Britain only)');
    // Not asked for: the browser logged a 404 for each before (the harness fails on any).
    assert.deepEqual(asked.filter((u) => /\/postcodes\/(BT|JE|GY|IM)\d/.test(u)), []);
    assert.equal(squash(await countLine(page).first().textContent()), countText(ALL.length), 'no search');
    await assertAccessible(page, 'postcode outside Great Britain');
  },
);

appTest(
  'one bad position in a postcode file costs only that entry: the rest of the outcode still searches, the bad postcode from its sector\'s middle',
  {
    routes: {
      '/postcodes/SG1.json': {
        body: JSON.stringify({
          ...SG1,
          // Positions (0, 0) and New York: the build's mistake, never a search point.
          sectors: { ...SG1.sectors, 'SG1 2': [0, 0] },
          units: { ...SG1.units, 'SG1 1XY': [40.7128, -74.006] },
        }),
      },
    },
  },
  async ({ page }) => {
    assert.ok(SG1.units['SG1 1XY'] && SG1.sectors['SG1 1'], 'SG1 1XY and the sector SG1 1 are in the built file');
    await find(page, 'SG1 1LZ');
    await expectNearest(page, nearest(SG1_1LZ), `${countText(PLACES.length)}, nearest first from SG1 1LZ`);
    await find(page, 'SG1 1XY');
    await expectNearest(page, nearest(at(SG1.sectors['SG1 1'])), `${countText(PLACES.length)}, nearest first from near SG1 1`);
    await expectSearchMarker(page, 'near SG1 1');
    await find(page, 'SG1');
    await expectNearest(page, nearest(at([SG1.lat, SG1.lng])), `${countText(PLACES.length)}, nearest first from SG1`);
  },
);

appTest('a whole postcode typed into Search offers the schemes near it, which the Postcode box then searches', {}, async ({ page }) => {
  const AL10 = postcodeFile('AL10');
  assert.ok(AL10.units?.['AL10 8TJ'], 'AL10 8TJ is in the built file');
  const search = page.getByLabel('Search', { exact: true });
  await search.fill('al10 8tj');
  const offer = page.getByRole('button', { name: 'Find schemes near AL10 8TJ', exact: true });
  await offer.waitFor();
  assert.equal(await search.getAttribute('aria-describedby'), 'search-hint search-postcode');
  assert.match(squash(await page.locator('#search-postcode').textContent()), /^That looks like a postcode\./);
  await assertAccessible(page, 'postcode offered');
  await offer.focus();
  await page.keyboard.press('Enter');
  await expectNearest(page, nearest(at(AL10.units['AL10 8TJ'])), `${countText(PLACES.length)}, nearest first from AL10 8TJ`);
  assert.equal(await search.inputValue(), '', 'the Search box is emptied');
  assert.equal(await postcodeBox(page).inputValue(), 'AL10 8TJ');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'results-heading');
  // An outcode or a word is not offered.
  for (const text of ['AL10', 'watford']) {
    await search.fill(text);
    await eventually(async () => assert.equal(await page.locator('#search-postcode').count(), 0, text));
  }
});

// ---- the device's position ----------------------------------------------------------------------

/** Near Hatfield Leisure Centre (not a postcode's position). */
const DEVICE = { latitude: 51.7512, longitude: -0.2279 };

appTest(
  'Use my location (allowed) searches from the device, with directions from there and nothing in the URL',
  { contextOptions: { geolocation: DEVICE, permissions: ['geolocation'] } },
  async ({ page }) => {
    await page.getByRole('button', { name: 'Use my location', exact: true }).click();
    const from = { lat: DEVICE.latitude, lng: DEVICE.longitude };
    const want = nearest(from);
    assert.equal(want.list[0].name, PLACES.find((s) => s.centre === 'Hatfield Leisure Centre').name);
    await expectNearest(page, want, `${countText(PLACES.length)}, nearest first from your location`);
    await expectSearchMarker(page, 'your location');
    await expectDirections(page, from);
    // A position is never put in the page address (it would be shared with the link).
    await addressWritten(page);
    assert.equal(postcodeInAddress(page), null);
    assert.doesNotMatch(page.url(), /51\.75|0\.227|lat|lng/i);
    assert.equal(await postcodeBox(page).inputValue(), '');
    // What clears it says so.
    assert.ok(await page.getByRole('button', { name: 'Clear your location', exact: true }).isVisible());
    await assertAccessible(page, 'searched from the device');

    // With a distance: only the schemes within it, and still nothing of the position in the URL.
    await distanceBox(page).selectOption('5');
    const within = nearest(from, { within: 5 });
    await expectNearest(page, within, `${countText(within.list.length)} within 5 miles of your location, nearest first`);
    await eventually(async () => assert.equal(new URL(page.url()).search, '?within=5'));
  },
);

appTest(
  'Use my location far outside the area (Edinburgh): the count says the map covers Hertfordshire and how far the nearest scheme is',
  { contextOptions: { geolocation: { latitude: 55.9533, longitude: -3.1883 }, permissions: ['geolocation'] } },
  async ({ page }) => {
    await page.getByRole('button', { name: 'Use my location', exact: true }).click();
    const want = nearest({ lat: 55.9533, lng: -3.1883 });
    const miles = want.list[0].distance;
    assert.match(miles, /^3\d\d miles$/, 'the oracle: over 300 miles');
    await expectNearest(
      page,
      want,
      `${countText(PLACES.length)}, nearest first from your location. This map covers ${config.area.name}: the nearest scheme is ${miles} from your location.`,
    );
    // With a distance, nothing is within it: the 3 nearest, and the same note.
    await distanceBox(page).selectOption('5');
    await eventually(async () =>
      assert.equal(
        squash(await countLine(page).first().textContent()),
        `No schemes within 5 miles of your location. The 3 nearest are shown, further away. This map covers ${config.area.name}: the nearest scheme is ${miles} from your location.`,
      ),
    );
    await assertAccessible(page, 'searched from far away');
  },
);

appTest(
  'Use my location (not allowed) says so and suggests a postcode',
  { contextOptions: { permissions: [] } },
  async ({ page, context }) => {
    await context.clearPermissions();
    await page.getByRole('button', { name: 'Use my location', exact: true }).click();
    await eventually(async () =>
      assert.equal(squash(await message(page).textContent()), 'You did not allow this page to use your location. Enter a postcode instead.'),
    );
    assert.equal(squash(await countLine(page).first().textContent()), countText(ALL.length), 'no search');
    assert.equal(await searchMarker(page).count(), 0);
    await assertAccessible(page, 'location refused');
  },
);

appTest(
  'Use my location when the position is unavailable says so',
  { contextOptions: { permissions: ['geolocation'] } },
  async ({ page, context }) => {
    // Chromium's own override without a position: "position unavailable".
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setGeolocationOverride', {});
    await page.getByRole('button', { name: 'Use my location', exact: true }).click();
    await eventually(async () => assert.match(squash(await message(page).textContent()), /^Your location is not available right now\. /));
    assert.equal(squash(await countLine(page).first().textContent()), countText(ALL.length), 'no search');
  },
);

// ---- distance -----------------------------------------------------------------------------------

appTest('the Distance filter keeps the schemes within 2, 5, 10 or 20 miles, and joins the URL', {}, async ({ page }) => {
  await find(page, 'SG1 1LZ');
  await expectNearest(page, nearest(SG1_1LZ), `${countText(PLACES.length)}, nearest first from SG1 1LZ`);
  const options = await distanceBox(page).locator('option').evaluateAll((os) => os.map((o) => [o.value, o.textContent.trim()]));
  assert.deepEqual(options, [['any', 'Any distance'], ['2', 'Within 2 miles'], ['5', 'Within 5 miles'], ['10', 'Within 10 miles'], ['20', 'Within 20 miles']]);
  const sizes = [];
  for (const w of [2, 5, 10, 20]) {
    const want = nearest(SG1_1LZ, { within: w });
    assert.equal(want.further, false, `there are schemes within ${w} miles of SG1 1LZ`);
    sizes.push(want.list.length);
    await distanceBox(page).selectOption({ label: `Within ${w} miles` });
    await expectNearest(page, want, `${countText(want.list.length)} within ${w} miles of SG1 1LZ, nearest first`);
    await eventually(async () => assert.equal(params(page).get('within'), String(w)));
    if (w === 5) {
      // The map fits the search point and everything within the distance.
      await eventually(async () => {
        for (const e of want.list) assert.ok(await insideMap(page, marker(page, e.name)), `${e.name} is in view`);
      });
      await assertAccessible(page, 'within 5 miles');
    }
  }
  // The filter really narrows: each distance keeps more than the one before, 20 miles not all.
  assert.ok(sizes.every((n, i) => i === 0 || n > sizes[i - 1]), `sizes ${sizes}`);
  assert.ok(sizes[0] >= 1 && sizes[3] < PLACES.length, `sizes ${sizes}`);
  await distanceBox(page).selectOption('any');
  await expectNearest(page, nearest(SG1_1LZ), `${countText(PLACES.length)}, nearest first from SG1 1LZ`);
  await eventually(async () => assert.equal(params(page).has('within'), false));
});

appTest('when nothing is within the distance, the 3 nearest are shown anyway, labelled further away', {}, async ({ page }) => {
  // East Hertfordshire's schemes are all more than 5 miles from SG1 1LZ, and there are more than 3.
  const east = DISTRICTS.find((d) => d.id === 'east-hertfordshire');
  const keep = (s) => s.district === east.id;
  assert.ok(PLACES.filter(keep).length > 3, 'more than 3 schemes in East Hertfordshire');
  const want = nearest(SG1_1LZ, { within: 5, keep });
  assert.equal(want.further, true, 'none within 5 miles');
  assert.equal(want.list.length, 3);

  await find(page, 'SG1 1LZ');
  await filters(page).district(east.name).check();
  await distanceBox(page).selectOption('5');
  await expectNearest(page, want, 'No schemes within 5 miles of SG1 1LZ. The 3 nearest are shown, further away.');
  for (const d of await entries(page).locator('.distance').allTextContents()) assert.match(squash(d), / · further away$/);
  await expectSearchMarker(page, 'SG1 1LZ');
  await eventually(async () => {
    assert.equal(params(page).get('within'), '5');
    assert.equal(params(page).get('district'), east.id);
  });
  await assertAccessible(page, 'nearest anyway');

  // A wider distance that reaches them shows them as usual.
  await distanceBox(page).selectOption('10');
  const wider = nearest(SG1_1LZ, { within: 10, keep });
  assert.equal(wider.further, false);
  await expectNearest(page, wider, `${countText(wider.list.length)} within 10 miles of SG1 1LZ, nearest first`);
});

// ---- directions ---------------------------------------------------------------------------------

appTest('every scheme has a Directions link from the searched postcode, in the list and in the popup', {}, async ({ page }) => {
  // Before any search the route planner is opened without a start.
  await expectDirections(page, null);
  await find(page, 'SG1 1LZ');
  await expectNearest(page, nearest(SG1_1LZ), `${countText(PLACES.length)}, nearest first from SG1 1LZ`);
  await expectDirections(page, SG1_1LZ);
  const first = byName(nearest(SG1_1LZ).list[0].name);
  assert.equal(
    directionsUrl(SG1_1LZ, first),
    `https://www.openstreetmap.org/directions?route=51.90187,-0.20532;${dp5(first.lat)},${dp5(first.lng)}`,
    'the oracle writes OpenStreetMap links',
  );
  // The popup's card says the same.
  await entries(page).first().getByRole('heading', { level: 3 }).getByRole('button').click();
  const popup = await openPopup(page);
  const href = await popup.getByRole('link', { name: /^Directions/ }).getAttribute('href');
  assert.equal(href, directionsUrl(SG1_1LZ, first));
  assert.match(squash(await popup.locator('.distance').textContent()), /^under 0\.1 miles$/);
  await assertAccessible(page, 'popup with directions');

  // After an outcode search the links no longer start from SG1 1LZ.
  await find(page, 'SG5');
  await expectNearest(page, nearest(at([SG5.lat, SG5.lng])), `${countText(PLACES.length)}, nearest first from SG5`);
  await expectDirections(page, null);
});

// ---- the URL ------------------------------------------------------------------------------------

test('a postcode and a distance in the URL repeat the search, survive a reload and are shared, and the postcode never reaches the server', { timeout: 90_000 }, async () => {
  const want = nearest(SG1_1LZ, { within: 5 });
  const count = `${countText(want.list.length)} within 5 miles of SG1 1LZ, nearest first`;
  // An old-style link (postcode in the query) still works; the address is rewritten with the
  // postcode in the fragment, which browsers never send to a server.
  const opened = await openApp({ query: '?postcode=SG1+1LZ&within=5' });
  try {
    const { page } = opened;
    await expectNearest(page, want, count);
    await eventually(async () => {
      assert.equal(await postcodeBox(page).inputValue(), 'SG1 1LZ');
      assert.equal(await distanceBox(page).inputValue(), '5');
    });
    await expectSearchMarker(page, 'SG1 1LZ');
    await eventually(async () => assert.equal(new URL(page.url()).search + new URL(page.url()).hash, '?within=5#postcode=SG1+1LZ'));
    const asked = [];
    page.on('request', (r) => asked.push(r.url()));
    await page.reload();
    await expectNearest(page, want, count);
    assert.ok(asked.length > 0);
    assert.deepEqual(asked.filter((u) => /SG1(\+|%20| )1LZ/i.test(u)), [], 'no request carried the postcode');
    assertClean(opened);
  } finally {
    await opened.context.close();
  }

  // A search made on the page gives a link that reproduces it.
  const first = await openApp();
  let shared;
  try {
    await find(first.page, 'sg5');
    await distanceBox(first.page).selectOption('10');
    const five = nearest(at([SG5.lat, SG5.lng]), { within: 10 });
    await expectNearest(first.page, five, `${countText(five.list.length)} within 10 miles of SG5, nearest first`);
    await eventually(async () => assert.equal(new URL(first.page.url()).search + new URL(first.page.url()).hash, '?within=10#postcode=SG5'));
    shared = new URL(first.page.url()).search + new URL(first.page.url()).hash;
    assertClean(first);
  } finally {
    await first.context.close();
  }
  const second = await openApp({ query: shared });
  try {
    const five = nearest(at([SG5.lat, SG5.lng]), { within: 10 });
    await expectNearest(second.page, five, `${countText(five.list.length)} within 10 miles of SG5, nearest first`);
    assertClean(second);
  } finally {
    await second.context.close();
  }
});

appTest('a link with a postcode that is not one shows the message, not an error', { query: '?within=5#postcode=hello' }, async ({ page }) => {
  await eventually(async () => assert.equal(squash(await message(page).textContent()), 'Enter a postcode like SG1 1LZ'));
  assert.equal(squash(await countLine(page).first().textContent()), countText(ALL.length));
});

appTest('a link with a long text for a postcode says so too, rather than dropping it', { query: `#postcode=${'x'.repeat(300)}` }, async ({ page }) => {
  await eventually(async () => assert.equal(squash(await message(page).textContent()), 'Enter a postcode like SG1 1LZ'));
  assert.equal(await postcodeBox(page).inputValue(), `${'x'.repeat(19)}…`, 'the box shows the start of what the link had');
  assert.equal(squash(await countLine(page).first().textContent()), countText(ALL.length));
});

appTest('a link with a postcode spaced out wide is still searched', { query: '#postcode=SG1%20%20%20%20%201LZ' }, async ({ page }) => {
  await expectNearest(page, nearest(SG1_1LZ), `${countText(PLACES.length)}, nearest first from SG1 1LZ`);
});

appTest('a postcode changed in the address of an open page (edited, or a link to the page with another) is searched, and taken away clears the search', {}, async ({ page }) => {
  await find(page, 'SG1 1LZ');
  await expectNearest(page, nearest(SG1_1LZ), `${countText(PLACES.length)}, nearest first from SG1 1LZ`);
  await eventually(async () => assert.equal(postcodeInAddress(page), 'SG1 1LZ'));
  // As typing in the address bar does: the fragment changes, the page stays.
  await page.evaluate(() => { location.hash = '#postcode=SG5'; });
  await expectNearest(page, nearest(at([SG5.lat, SG5.lng])), `${countText(PLACES.length)}, nearest first from SG5`);
  assert.equal(await postcodeBox(page).inputValue(), 'SG5');
  await page.evaluate(() => { location.hash = ''; });
  await eventually(async () => {
    assert.deepEqual(await shownList(page), ALL.map((name) => ({ name, distance: null })));
    assert.equal(await postcodeBox(page).inputValue(), '');
    assert.equal(await searchMarker(page).count(), 0, 'no search-point marker');
  });
});

// ---- the online lookup --------------------------------------------------------------------------

test('without postcode files the app looks postcodes up online (a postcodes.io stand-in) and says so', { timeout: 90_000 }, async () => {
  const standIn = await startStandIn({
    postcodes: { 'SG1 1LZ': SG1.units['SG1 1LZ'], 'JE2 3AB': [null, null], 'SG1 2AA': [40.7128, -74.006] },
    outcodes: { SG5: [SG5.lat, SG5.lng] },
  });
  const online = {
    ...config,
    // The stand-in speaks plain HTTP on the loopback; a deployer may allow http: the same way.
    allow_http: true,
    postcodes: {
      ...config.postcodes,
      online_url: `${standIn.origin}/postcodes/{postcode}`,
      online_outcode_url: `${standIn.origin}/outcodes/{outcode}`,
    },
  };
  assert.equal(config.postcodes.online_name, 'postcodes.io');
  const app = await openApp({
    routes: { '/postcodes/meta.json': { status: 404 }, '/config.json': { body: JSON.stringify(online) } },
    allowOrigins: [standIn.origin],
    // The browser logs the 404s the test set up: no meta.json, and the stand-in's unknown postcode.
    expectConsole: [/Failed to load resource.*404.*\/postcodes\/meta\.json/, new RegExp(`Failed to load resource.*404.*${standIn.origin}/postcodes/`)],
  });
  try {
    const { page } = app;
    const asked = recordRequests(page);
    await eventually(async () =>
      assert.equal(squash(await page.locator('#postcode-source').textContent()), 'Postcodes are looked up online with postcodes.io.'),
    );
    assert.equal(app.requests['/postcodes/meta.json'], 1, 'the app asked for meta.json first');

    await find(page, 'sg1 1lz');
    await expectNearest(page, nearest(SG1_1LZ), `${countText(PLACES.length)}, nearest first from SG1 1LZ`);
    assert.equal((await shownList(page))[0].distance, 'under 0.1 miles');
    await expectSearchMarker(page, 'SG1 1LZ');
    await expectDirections(page, SG1_1LZ);
    await assertAccessible(page, 'online lookup');

    await find(page, 'SG5');
    await expectNearest(page, nearest(at([SG5.lat, SG5.lng])), `${countText(PLACES.length)}, nearest first from SG5`);
    await expectDirections(page, null);

    // A postcode that finds nothing leaves the last search's results, and the message says so:
    // the box now holds another postcode than the one the list is from.
    const still = ' The list is still nearest first from SG5.';
    await find(page, UNKNOWN);
    await eventually(async () => assert.equal(squash(await message(page).textContent()), `We could not find that postcode.${still}`));

    // postcodes.io knows Jersey's postcodes, without a position.
    await find(page, 'JE2 3AB');
    await eventually(async () =>
      assert.equal(
        squash(await message(page).textContent()),
        `JE2 3AB is in Jersey, and postcodes there cannot be looked up here. Use your location instead.${still}`,
      ),
    );
    // A position outside the UK is the service's mistake, never a search point.
    await find(page, 'SG1 2AA');
    await eventually(async () =>
      assert.equal(
        squash(await message(page).textContent()),
        `The postcode lookup's answer could not be read: the position (40.7128, -74.006) is not in the UK. Try again later, or use your location.${still}`,
      ),
    );
    assert.equal(squash(await countLine(page).first().textContent()), `${countText(PLACES.length)}, nearest first from SG5`, 'the last search found is kept');

    // The stand-in got postcodes.io's paths (the postcode without its space); the site's own
    // postcode files were never used.
    assert.deepEqual(standIn.requests, ['/postcodes/SG11LZ', '/outcodes/SG5', `/postcodes/${UNKNOWN.replace(' ', '')}`, '/postcodes/JE23AB', '/postcodes/SG12AA']);
    assert.deepEqual(asked.filter((u) => u.startsWith(app.server.origin) && /\/postcodes\//.test(u)), []);
    assertClean(app);
  } finally {
    await app.context.close();
    await standIn.close();
  }
});

// ---- on a phone ---------------------------------------------------------------------------------

const PHONES = [
  { width: 375, height: 667 },
  { width: 320, height: 568 },
];
const phone = (viewport) => ({ viewport, contextOptions: { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } });

/** Fails if anything makes the page scroll sideways. */
async function expectNoSidewaysScroll(page, viewport, state) {
  const m = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    body: document.body.scrollWidth,
    inner: window.innerWidth,
    client: document.documentElement.clientWidth,
  }));
  assert.equal(m.inner, viewport.width, `${state}: the page is not zoomed out to fit something wide`);
  assert.ok(m.scroll <= m.inner && m.body <= m.inner, `${state}: nothing scrolls sideways (${JSON.stringify(m)})`);
}

/**
 * The visible buttons, links, inputs and selects inside `scope` that are smaller than 24×24 CSS
 * px and not spaced as WCAG 2.2 2.5.8 allows (a 24 px circle on each small target's centre does
 * not reach another target or another small target's circle). Links inside running text are
 * exempt ("inline"). Returns how many targets were measured and descriptions of the failures.
 */
function smallTargets(page, scopes) {
  return page.evaluate((selectors) => {
    const targets = [];
    for (const sel of selectors) {
      for (const scope of document.querySelectorAll(sel)) {
        for (const el of scope.querySelectorAll('a[href], button, input, select, textarea, [role="button"]')) {
          const r = el.getBoundingClientRect();
          const style = getComputedStyle(el);
          if (r.width === 0 || r.height === 0 || style.visibility === 'hidden' || el.closest('.visually-hidden')) continue;
          // A link in a sentence (its parent has other text) is an inline target.
          const inline = el.tagName === 'A' && style.display === 'inline' && el.parentElement.textContent.trim() !== el.textContent.trim();
          targets.push({ el, r, inline, label: `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''} "${(el.textContent || el.value || el.getAttribute('aria-label') || '').trim().slice(0, 40)}"` });
        }
      }
    }
    const centre = (r) => ({ x: r.left + r.width / 2, y: r.top + r.height / 2 });
    const distToRect = (p, r) => Math.hypot(Math.max(r.left - p.x, 0, p.x - r.right), Math.max(r.top - p.y, 0, p.y - r.bottom));
    const small = (t) => !t.inline && (t.r.width < 24 || t.r.height < 24);
    const out = [];
    for (const t of targets.filter(small)) {
      const c = centre(t.r);
      for (const o of targets) {
        if (o === t || o.el.contains(t.el) || t.el.contains(o.el)) continue;
        const tooClose = small(o) ? Math.hypot(c.x - centre(o.r).x, c.y - centre(o.r).y) < 24 : distToRect(c, o.r) < 12;
        if (tooClose) {
          out.push(`${t.label} (${t.r.width.toFixed(1)}×${t.r.height.toFixed(1)}) is too close to ${o.label}`);
          break;
        }
      }
    }
    return { checked: targets.length, failures: out };
  }, scopes);
}

/** Fails unless every target in `scopes` is big enough or spaced enough (and there are at least `min`). */
async function expectTouchTargets(page, scopes, min, state) {
  const { checked, failures } = await smallTargets(page, scopes);
  assert.ok(checked >= min, `${state}: at least ${min} targets measured (${checked})`);
  assert.deepEqual(failures, [], `${state}: targets smaller than 24×24 CSS px and too close to others`);
}

/** Saves a screenshot of the page as a test artefact (tests/e2e/artifacts/, git-ignored). */
async function keepScreenshot(page, name, fullPage = true) {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `near-me-${name}.png`);
  await page.screenshot({ path, fullPage });
  assert.ok(existsSync(path), `screenshot ${path}`);
}

/**
 * Waits until the map's popup holds `name`'s card and the card can be read: as wide as the map at
 * most and inside it, its heading and close button in view.
 */
async function expectCardInView(page, name) {
  await eventually(async () => {
    const popup = page.locator('#map .leaflet-popup');
    assert.equal(squash(await popup.getByRole('heading', { level: 3 }).textContent()), name);
    const map = await page.locator('#map').boundingBox();
    const box = await popup.boundingBox();
    const where = JSON.stringify({ map, card: box });
    assert.ok(box.x >= map.x - 1 && box.x + box.width <= map.x + map.width + 1, `${name}: the card fits the map's width ${where}`);
    assert.ok(await insideMap(page, popup.getByRole('heading', { level: 3 })), `${name}: the card's heading is in view ${where}`);
    assert.ok(await insideMap(page, popup.locator('.leaflet-popup-close-button')), `${name}: the card's close button is in view ${where}`);
  });
}

const switchGroup = (page) => page.getByRole('group', { name: 'Show results as' });
const switchButton = (page, name) => switchGroup(page).getByRole('button', { name, exact: true });
const filtersButton = (page) => page.getByRole('button', { name: /^Filters/ });

/**
 * The Map view fills the screen below the List/Map switch: the whole map and its tile credit are
 * in sight, not pushed half below the screen by the page's heading.
 */
async function expectMapFillsScreen(page, vp, state) {
  await eventually(async () => {
    const bar = await switchGroup(page).boundingBox();
    const map = await page.locator('#map').boundingBox();
    const credit = await page.locator('.tile-credit').boundingBox();
    const where = `${state}: ${JSON.stringify({ bar, map, credit })}`;
    assert.ok(Math.abs(bar.y) < 1, `the switch is at the top of the screen ${where}`);
    assert.ok(Math.abs(map.y - (bar.y + bar.height)) < 2, `the map starts under the switch ${where}`);
    assert.ok(credit.y + credit.height <= vp.height + 1, `the map and its credit end on the screen ${where}`);
    assert.ok(credit.y + credit.height >= vp.height - 2, `the map takes the screen's height ${where}`);
  });
}

for (const vp of PHONES) {
  const size = `${vp.width}x${vp.height}`;

  appTest(`phone ${size}: the list view after a search fits the width, with big enough targets and a text keyboard`, phone(vp), async ({ page }) => {
    await expectNoSidewaysScroll(page, vp, 'on load');
    const box = postcodeBox(page);
    assert.equal(await box.getAttribute('autocomplete'), 'off');
    assert.equal(await box.getAttribute('inputmode'), 'text');
    assert.equal(await box.getAttribute('type'), 'text');
    assert.ok(await box.isVisible(), 'the postcode box is on the first screen');
    assert.equal(await switchButton(page, 'List').getAttribute('aria-pressed'), 'true');
    assert.equal(await switchButton(page, 'Map').getAttribute('aria-pressed'), 'false');
    assert.equal(await page.locator('#map').isVisible(), false, 'the map is a separate view');
    await assertAccessible(page, `phone ${size} on load`);

    await box.tap();
    await box.fill('SG1 1LZ');
    await page.getByRole('button', { name: 'Find', exact: true }).tap();
    await expectNearest(page, nearest(SG1_1LZ), `${countText(PLACES.length)}, nearest first from SG1 1LZ`);
    await expectNoSidewaysScroll(page, vp, 'after a search');
    // List entries are short (one button each; the links are in the chosen entry's full card).
    await expectTouchTargets(page, ['.panel', '.phone-switch'], 30, 'list view');
    await keepScreenshot(page, `${size}-list`);
    await assertAccessible(page, `phone ${size} list after a search`);

    // The nearest-anyway state, with its longer messages, fits too.
    await distanceBox(page).selectOption('2');
    await find(page, OUTSIDE);
    await eventually(async () => assert.match(squash(await countLine(page).first().textContent()), /^No schemes within 2 miles of the SG19 1 area\./));
    await expectNoSidewaysScroll(page, vp, 'nearest anyway');
    await expectTouchTargets(page, ['.panel', '.phone-switch'], 10, 'nearest-anyway state');
    await assertAccessible(page, `phone ${size} nearest anyway`);
  });

  appTest(`phone ${size}: List and Map are two views switched by a control`, phone(vp), async ({ page }) => {
    await find(page, 'SG1 1LZ');
    await expectNearest(page, nearest(SG1_1LZ), `${countText(PLACES.length)}, nearest first from SG1 1LZ`);

    await switchButton(page, 'Map').tap();
    await eventually(async () => {
      assert.equal(await switchButton(page, 'Map').getAttribute('aria-pressed'), 'true');
      assert.equal(await switchButton(page, 'List').getAttribute('aria-pressed'), 'false');
      assert.ok(await page.locator('#map').isVisible(), 'the map is shown');
      assert.equal(await entries(page).first().isVisible(), false, 'the list is hidden');
      assert.equal(await postcodeBox(page).isVisible(), false, 'the search form is with the list');
      const map = await page.locator('#map').boundingBox();
      assert.ok(map.width >= vp.width - 2 && map.height >= vp.height / 2, `the map fills the width and most of the screen (${JSON.stringify(map)})`);
      assert.equal(await schemeMarkers(page).then((m) => m.length), PLACES.length, 'the markers are on the map');
      assert.ok(await searchMarker(page).isVisible(), 'the search-point marker is on the map');
    });
    await expectMapFillsScreen(page, vp, 'Map pressed');
    // The switch stays on screen, so the person can go back.
    const sw = await switchGroup(page).boundingBox();
    assert.ok(sw.y >= 0 && sw.y + sw.height <= vp.height, 'the switch is on screen');
    await expectNoSidewaysScroll(page, vp, 'map view');
    await expectTouchTargets(page, ['.phone-switch', '#map .leaflet-control-zoom'], 4, 'map view');
    await keepScreenshot(page, `${size}-map`, false);
    await assertAccessible(page, `phone ${size} map view`);

    await switchButton(page, 'List').tap();
    await eventually(async () => {
      assert.equal(await switchButton(page, 'List').getAttribute('aria-pressed'), 'true');
      assert.equal(await page.locator('#map').isVisible(), false, 'the map is hidden again');
      assert.ok(await entries(page).first().isVisible(), 'the list is back');
    });

    // Choosing a scheme in the list shows it on the map, with its card.
    const other = nearest(SG1_1LZ).list[1].name;
    await entries(page).nth(1).getByRole('heading', { level: 3 }).getByRole('button', { name: other, exact: true }).tap();
    await eventually(async () => {
      assert.equal(await switchButton(page, 'Map').getAttribute('aria-pressed'), 'true');
      assert.ok(await page.locator('#map').isVisible());
    });
    const shown = await openPopup(page);
    await eventually(async () => assert.equal(squash(await shown.getByRole('heading', { level: 3 }).textContent()), other));
    await expectMapFillsScreen(page, vp, 'a scheme chosen in the list');

    // Back to the list with "List": the chosen entry is the full card; its name folds it, and
    // chosen again it is shown on the map again.
    await switchButton(page, 'List').tap();
    const card = page.locator('.result-list > li[aria-current="true"]');
    await eventually(async () => assert.ok(await card.locator('.scheme-card').isVisible(), 'the chosen entry is the full card'));
    const otherName = entries(page).nth(1).getByRole('heading', { level: 3 }).getByRole('button', { name: other, exact: true });
    await otherName.tap();
    await eventually(async () => assert.equal(await otherName.getAttribute('aria-expanded'), 'false', 'folded'));
    assert.equal(await switchButton(page, 'List').getAttribute('aria-pressed'), 'true', 'the list still shown');
    await otherName.tap();
    await eventually(async () => assert.equal(await switchButton(page, 'Map').getAttribute('aria-pressed'), 'true', 'the map is shown'));
    await eventually(async () => assert.equal(squash(await shown.getByRole('heading', { level: 3 }).textContent()), other));

    // The last scheme, chosen far down the list: the map fills the screen too, and Back returns
    // to the list where the person was.
    await page.goBack();
    await eventually(async () => assert.ok(await entries(page).first().isVisible(), 'the list is back'));
    const last = entries(page).last().getByRole('heading', { level: 3 }).getByRole('button');
    const lastName = squash(await last.textContent());
    await last.scrollIntoViewIfNeeded();
    await last.tap();
    await eventually(async () => assert.equal(squash(await shown.getByRole('heading', { level: 3 }).textContent()), lastName));
    await expectMapFillsScreen(page, vp, 'the last scheme chosen in the list');
    await expectCardInView(page, lastName);
    await page.goBack();
    await eventually(async () => {
      const box = await entries(page).last().boundingBox();
      assert.ok(box && box.y < vp.height && box.y + box.height > 0, `the list is back where it was: ${JSON.stringify(box)}`);
    });
  });

  appTest(`phone ${size}: the Map view shows the schemes, the search point and the chosen card in view`, phone(vp), async ({ page }) => {
    // Before any search: every scheme's marker is inside the map when the Map view opens.
    await switchButton(page, 'Map').tap();
    await eventually(async () => {
      const out = [];
      for (const name of ALL) if (!(await insideMap(page, marker(page, name)))) out.push(name);
      assert.deepEqual(out, [], 'markers outside the map in the Map view');
    });

    // After a search from the list: the search point and the nearest schemes.
    await switchButton(page, 'List').tap();
    await find(page, 'SG1 1LZ');
    await expectNearest(page, nearest(SG1_1LZ), `${countText(PLACES.length)}, nearest first from SG1 1LZ`);
    await switchButton(page, 'Map').tap();
    await eventually(async () => {
      assert.ok(await insideMap(page, searchMarker(page)), 'the search point is in view');
      for (const e of nearest(SG1_1LZ).list.slice(0, 3)) assert.ok(await insideMap(page, marker(page, e.name)), `${e.name}'s marker is in view`);
    });

    // A marker opens its card on the map, and the card fits on the screen.
    const nearestName = nearest(SG1_1LZ).list[0].name;
    await marker(page, nearestName).tap();
    const popup = await openPopup(page);
    assert.equal(squash(await popup.getByRole('heading', { level: 3 }).textContent()), nearestName);
    await expectNoSidewaysScroll(page, vp, 'popup open');

    await expectCardInView(page, nearestName);

    // A scheme chosen in the list: the Map view opens with its card in view.
    await switchButton(page, 'List').tap();
    const other = nearest(SG1_1LZ).list[1].name;
    await entries(page).nth(1).getByRole('heading', { level: 3 }).getByRole('button', { name: other, exact: true }).tap();
    await openPopup(page);
    await expectCardInView(page, other);
  });

  appTest(`phone ${size}: the filters fold behind a "Filters" button that counts what is set`, phone(vp), async ({ page }) => {
    const button = filtersButton(page);
    assert.equal(squash(await button.textContent()), 'Filters');
    assert.equal(await button.getAttribute('aria-expanded'), 'false');
    assert.equal(await button.getAttribute('aria-controls'), 'filters');
    assert.equal(await page.locator('#filters').isVisible(), false, 'folded at first');

    await button.tap();
    await eventually(async () => {
      assert.equal(await button.getAttribute('aria-expanded'), 'true');
      assert.ok(await page.locator('#filters').isVisible(), 'unfolded');
    });
    const heart = CONDITIONS.find((c) => c.code === 'heart');
    await filters(page).condition(heart.label).check();
    await eventually(async () => assert.equal(squash(await button.textContent()), 'Filters (1 set)'));
    await filters(page).price.selectOption('free');
    await filters(page).district('Stevenage').check();
    await eventually(async () => assert.equal(squash(await button.textContent()), 'Filters (3 set)'));
    await expectNoSidewaysScroll(page, vp, 'filters open');
    await expectTouchTargets(page, ['.panel', '.phone-switch'], 30, 'filters open');

    // Going back up the form with Shift+Tab never hides the focused control under the sticky
    // List/Map switch (WCAG 2.2 2.4.11, focus not obscured).
    await page.locator('#filters input[type="checkbox"]').last().focus();
    for (let i = 0; i < 40 && !(await button.evaluate((b) => b === document.activeElement)); i++) {
      await page.keyboard.press('Shift+Tab');
      const seen = await page.evaluate(() => {
        const el = document.activeElement;
        const r = el.getBoundingClientRect();
        const bar = document.querySelector('.phone-switch').getBoundingClientRect();
        return { what: el.id || el.textContent.trim(), top: r.top, bottom: r.bottom, bar: bar.bottom };
      });
      assert.ok(seen.bottom > seen.bar, `${seen.what} has focus but is hidden under the List/Map switch (${JSON.stringify(seen)})`);
    }
    assert.ok(await button.evaluate((b) => b === document.activeElement), 'Shift+Tab went back up to the Filters button');

    await page.evaluate(() => window.scrollTo(0, 0));
    await keepScreenshot(page, `${size}-filters`);
    await assertAccessible(page, `phone ${size} filters open`);

    await button.tap();
    await eventually(async () => {
      assert.equal(await button.getAttribute('aria-expanded'), 'false');
      assert.equal(await page.locator('#filters').isVisible(), false, 'folded again');
      assert.equal(squash(await button.textContent()), 'Filters (3 set)', 'the count shows while folded');
    });
    assert.equal(await page.locator('#filters').count(), 1, 'the form stays in the page while folded');
    await assertAccessible(page, `phone ${size} filters folded with 3 set`);
    await button.tap();
    await filters(page).clear.tap();
    await eventually(async () => assert.equal(squash(await button.textContent()), 'Filters'));
  });
}

// The map out of sight behind the list (issue 9): a search, a filter or a postcode there leaves the
// map alone (moving and redrawing a map no one sees doubled a keystroke's work on a slow phone), and
// the map catches up when it is shown. With nothing missed it stays where the person left it.
const framesPass = (page) => page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
/**
 * Where the first scheme marker is from the middle of the map (the page may scroll between the
 * views, and Leaflet keeps the middle where it was when the map's box changes size).
 */
async function firstMarkerAt(page) {
  const map = await page.locator('#map').boundingBox();
  const box = await page.locator('#map .leaflet-marker-icon:not(.search-point-icon):not([hidden])').first().boundingBox();
  return { x: Math.round(box.x - map.x - map.width / 2), y: Math.round(box.y - map.y - map.height / 2) };
}

appTest('phone 375x667: after "Find" the search\'s summary comes to the top with the first results under it (they were a screen below)', phone(PHONES[0]), async ({ page }) => {
  await find(page, 'SG1 1LZ');
  const want = nearest(SG1_1LZ);
  await expectNearest(page, want, `${countText(PLACES.length)}, nearest first from SG1 1LZ`);
  const first = entries(page).first();
  await eventually(async () => {
    const summary = await page.locator('.search-summary').boundingBox();
    const bar = await page.locator('.phone-switch').boundingBox();
    assert.ok(summary.y >= bar.y + bar.height - 1 && summary.y <= bar.y + bar.height + 80, `the summary just under the List/Map switch: ${JSON.stringify({ summary, bar })}`);
    const box = await first.boundingBox();
    assert.ok(box.y + 40 <= 667, `the first result is in sight: ${JSON.stringify(box)}`);
  });
  assert.equal(squash(await entries(page).first().locator('h3').textContent()), want.list[0].name);
  // The box is one short scroll up: the page did not move the focus.
  assert.equal(await page.evaluate(() => document.activeElement?.textContent?.trim()), 'Find');
});

appTest('phone 375x667: the map behind the list is left alone, catches up when shown, and otherwise stays where the person left it', phone(PHONES[0]), async ({ page }) => {
  const watford = expectedNames({ q: 'Watford' });
  const pane = () => page.locator('#map .leaflet-map-pane').evaluate((e) => e.style.transform);
  const before = await pane();
  await filtersButton(page).tap();
  await page.locator('#search').fill('Watford');
  await eventually(async () => assert.deepEqual(await listNames(page), watford));
  await framesPass(page);
  assert.deepEqual(await schemeMarkers(page), [...ALL].sort(), 'the hidden map still shows what it showed');
  assert.equal(await pane(), before, 'and has not moved');

  // Shown: exactly the list's schemes, fitted into view.
  await switchButton(page, 'Map').tap();
  await eventually(async () => assert.deepEqual(await schemeMarkers(page), watford));
  for (const name of watford) {
    assert.ok(await insideMap(page, page.locator(`#map .leaflet-marker-icon[title="${name}"]`)), `${name} is in view`);
  }

  // The person zooms in, looks at the list and comes back: nothing changed, so the map has not moved.
  const fitted = await firstMarkerAt(page);
  await page.locator('#map .leaflet-control-zoom-in').tap();
  // Zoomed in once the marker has moved and stays put from one frame to the next.
  let zoomed;
  await eventually(async () => {
    const a = await firstMarkerAt(page);
    await framesPass(page);
    zoomed = await firstMarkerAt(page);
    assert.notDeepEqual(zoomed, fitted, 'zoomed in');
    assert.deepEqual(zoomed, a, 'the zoom has finished');
  });
  await switchButton(page, 'List').tap();
  await switchButton(page, 'Map').tap();
  await eventually(async () => assert.ok(await page.locator('#map').isVisible()));
  await framesPass(page);
  assert.deepEqual(await firstMarkerAt(page), zoomed, 'the map is where the person left it');

  // A change in the list, then a scheme chosen there: the map shows that scheme, with every
  // listed scheme's marker, rather than a fit of them all.
  await switchButton(page, 'List').tap();
  await page.locator('#search').fill('');
  await eventually(async () => assert.deepEqual(await listNames(page), [...ALL].sort()));
  const chosen = (await listNames(page))[3];
  await entry(page, chosen).getByRole('button', { name: chosen, exact: true }).tap();
  const popup = await openPopup(page);
  await eventually(async () => assert.equal(squash(await popup.getByRole('heading', { level: 3 }).textContent()), chosen));
  await eventually(async () => assert.deepEqual(await schemeMarkers(page), [...ALL].sort()));
  assert.ok(await insideMap(page, popup.getByRole('heading', { level: 3 })), 'the chosen scheme\'s card is in view');
});

appTest('phone 375x667: no map tiles are downloaded while the list is shown; opening the map asks for them', phone(PHONES[0]), async ({ page, blocked }) => {
  await eventually(async () => assert.deepEqual(await listNames(page), [...ALL].sort()));
  await framesPass(page);
  const tiles = () => blocked.filter((u) => u.startsWith('https://tile.openstreetmap.org/'));
  assert.deepEqual(tiles(), [], 'no tile for the map behind the list');
  await switchButton(page, 'Map').tap();
  await eventually(async () => assert.ok(tiles().length > 0, 'the map asked for its tiles'));
});

appTest('phone 375x667: after a search in the list, a wider window (the phone turned, a window widened) shows the map caught up', phone(PHONES[0]), async ({ page }) => {
  const watford = expectedNames({ q: 'Watford' });
  await filtersButton(page).tap();
  await page.locator('#search').fill('Watford');
  await eventually(async () => assert.deepEqual(await listNames(page), watford));
  await page.setViewportSize({ width: 1024, height: 768 });
  await eventually(async () => {
    assert.ok(await page.locator('#map').isVisible(), 'the wide layout shows the map beside the list');
    assert.deepEqual(await schemeMarkers(page), watford);
  });
  for (const name of watford) {
    assert.ok(await insideMap(page, page.locator(`#map .leaflet-marker-icon[title="${name}"]`)), `${name} is in view`);
  }
});
