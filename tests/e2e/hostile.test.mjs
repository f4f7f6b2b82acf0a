// Every data field and URL parameter is untrusted: a data file whose every text field holds HTML or
// script (fixtures/hostile.geojson) is shown as text and runs nothing; a `javascript:` website is
// refused (its scheme is reported as not shown). The other files the page reads at run time are
// untrusted too: a byte-order mark before them is read past, and a district outlines file holding
// other geometries than polygons draws only the polygons.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  appTest, entries, entry, eventually, expectShown, filters, fixture, marker, openPopup, outlinePixels, params,
} from './harness.mjs';
import { DIST } from './paths.mjs';
import { SCHEMES, matches } from './schemes.mjs';

const hostile = JSON.parse(fixture('hostile.geojson'));
const [shown1, shown2, refused] = hostile.features.map((f) => f.properties);
const routes = { '/schemes.geojson': { fixture: 'hostile.geojson' } };

/** Nothing from the data became markup or ran. */
async function expectNothingRan(page) {
  const found = await page.evaluate(() => ({
    pwned: typeof window.__pwned,
    handlers: [...document.querySelectorAll('*')].flatMap((el) =>
      [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${el.tagName}[${a.name}]`)),
    injected: [...document.querySelectorAll('img[src="x"], svg[onload], iframe, b, details[ontoggle], style')]
      .filter((el) => el.tagName !== 'STYLE' || el.textContent.includes('display:none'))
      .map((el) => el.outerHTML),
    scripts: [...document.scripts].filter((s) => s.textContent.includes('__pwned')).length,
    jsLinks: [...document.querySelectorAll('a[href]')].filter((a) => /^\s*javascript:/i.test(a.getAttribute('href'))).length,
  }));
  assert.deepEqual(found, { pwned: 'undefined', handlers: [], injected: [], scripts: 0, jsLinks: 0 });
}

appTest('HTML and script in every text field are shown as text and run nothing', { routes }, async (app) => {
  const { page } = app;
  await expectShown(page, [shown1.name, shown2.name]);

  // Each text field reads exactly as written (in the full card, which opens on choosing the entry).
  for (const s of [shown1, shown2]) {
    await entry(page, s.name).getByRole('button', { name: s.name, exact: true }).click();
    await eventually(async () => assert.equal(await entry(page, s.name).getAttribute('aria-current'), 'true'));
    const text = await entry(page, s.name).textContent();
    for (const field of ['name', 'operator', 'centre', 'address', 'town', 'notes']) {
      assert.ok(text.includes(s[field]), `the ${field} ${JSON.stringify(s[field])} shows as text`);
    }
    assert.ok(text.includes(s.price.note), 'the price note shows as text');
  }
  // The website with a quote in it is an attribute value, not markup.
  await entry(page, shown1.name).getByRole('button', { name: shown1.name, exact: true }).click();
  await eventually(async () => assert.equal(await entry(page, shown1.name).getAttribute('aria-current'), 'true'));
  const site = entry(page, shown1.name).locator('a[target="_blank"][rel="noopener noreferrer"]').filter({ hasText: 'Website' });
  assert.equal(await site.getAttribute('href'), shown1.website);
  // Close the chosen scheme's popup again, so the markers below can be clicked.
  await openPopup(page);
  await page.locator('#map .leaflet-popup-close-button').click();
  await page.locator('#map .leaflet-popup').waitFor({ state: 'detached' });

  // The notice from the file's metadata is text too.
  assert.ok((await page.getByTestId('sample-notice').textContent()).includes(hostile.metadata.notice));

  // The scheme with a javascript: website is not shown, and is named (as text) in the report.
  const rejected = page.getByTestId('rejected');
  assert.match(await rejected.textContent(), /(^|\D)1 scheme could not be shown/);
  await rejected.locator('summary').click();
  const why = await rejected.locator('details').innerText();
  assert.ok(why.includes(refused.name), `the report names ${refused.name}`);
  assert.ok(why.includes(refused.website), 'the report quotes the refused website as text');

  // Each popup, opened from the map and from the list, shows the same text.
  for (const s of [shown1, shown2]) {
    await marker(page, s.name).click();
    const popup = await openPopup(page);
    await eventually(async () => assert.equal((await popup.getByRole('heading', { level: 3 }).textContent()).trim(), s.name));
    assert.ok((await popup.textContent()).includes(s.notes));
    await page.locator('#map .leaflet-popup-close-button').click();
    await page.locator('#map .leaflet-popup').waitFor({ state: 'detached' });
  }
  await entry(page, shown1.name).getByRole('button', { name: shown1.name, exact: true }).click();
  await eventually(async () => assert.equal(params(page).get('scheme'), shown1.id));
  const popup = await openPopup(page);
  await eventually(async () => assert.equal((await popup.getByRole('heading', { level: 3 }).textContent()).trim(), shown1.name));

  // Hover everything that could carry a handler, then check nothing ran.
  await page.evaluate(() => {
    for (const el of document.querySelectorAll('body *')) {
      for (const type of ['mouseover', 'focus', 'toggle']) el.dispatchEvent(new Event(type, { bubbles: true }));
    }
  });
  await expectNothingRan(page);
  assert.equal(await page.locator('body').isVisible(), true, 'no injected style hid the page');
});

appTest(
  'HTML and script in URL parameters are shown as text and run nothing',
  { routes, query: `?q=${encodeURIComponent('<img src=x onerror=window.__pwned=1>')}&scheme=${encodeURIComponent(shown1.id)}` },
  async ({ page }) => {
    assert.equal(await filters(page).search.inputValue(), '<img src=x onerror=window.__pwned=1>');
    const q = '<img src=x onerror=window.__pwned=1>';
    await expectShown(page, [shown1, shown2].filter((s) => matches(s, { q })).map((s) => s.name));
    const popup = await openPopup(page);
    assert.equal((await popup.getByRole('heading', { level: 3 }).textContent()).trim(), shown1.name);
    await expectNothingRan(page);
  },
);

// ---- the other files read at run time ------------------------------------------------------------

const ALL = SCHEMES.map((s) => s.name);
const squash = (s) => (s ?? '').replace(/\s+/g, ' ').trim();
/** A file of the build under test, as text. */
const built = (path) => readFileSync(join(DIST, path), 'utf8');
const BOM = '\uFEFF';

appTest(
  'a byte-order mark before the district outlines, postcodes/meta.json and a postcode file: each is read as without it',
  {
    routes: {
      '/districts.geojson': { body: BOM + built('districts.geojson'), contentType: 'application/geo+json' },
      '/postcodes/meta.json': { body: BOM + built('postcodes/meta.json') },
      '/postcodes/SG1.json': { body: BOM + built('postcodes/SG1.json') },
    },
  },
  async ({ page }) => {
    await expectShown(page, ALL);
    await eventually(async () => assert.ok((await outlinePixels(page)) > 0, 'the district outlines are drawn'));
    // The build's own postcode files are used (not the online lookup), and SG1 1LZ is found in SG1's.
    await eventually(async () => assert.match(squash(await page.locator('#postcode-source').textContent()), /looked up in your browser/));
    await page.getByLabel('Postcode', { exact: true }).fill('SG1 1LZ');
    await page.getByRole('button', { name: 'Find', exact: true }).click();
    await eventually(async () => {
      assert.equal(squash(await page.locator('#postcode-message').textContent()), '');
      assert.match(squash(await entries(page).first().textContent()), /under 0\.1 miles/);
    });
  },
);

/** The built outlines with other geometries beside and among the polygons. */
function outlinesWithOtherGeometries() {
  const outlines = JSON.parse(built('districts.geojson'));
  const [first] = outlines.features;
  assert.ok(first, 'the build wrote district outlines (it needs the geodata in data/geodata)');
  const point = { type: 'Point', coordinates: [-0.2, 51.9] };
  const line = { type: 'LineString', coordinates: [[-0.3, 51.8], [-0.1, 51.95]] };
  first.geometry = { type: 'GeometryCollection', geometries: [first.geometry, point, line] };
  const feature = (geometry) => ({ type: 'Feature', properties: {}, geometry });
  outlines.features.push(
    feature(point),
    feature({ type: 'MultiPoint', coordinates: [[-0.25, 51.85], [-0.35, 51.75]] }),
    feature({ type: 'GeometryCollection', geometries: [{ type: 'GeometryCollection', geometries: [point] }] }),
    feature(null),
  );
  return JSON.stringify(outlines);
}

appTest(
  'points in the district outlines file (a GeometryCollection\'s too) put no marker on the map: only polygons are drawn',
  { routes: { '/districts.geojson': { body: outlinesWithOtherGeometries(), contentType: 'application/geo+json' } } },
  async ({ page }) => {
    await eventually(async () => assert.ok((await outlinePixels(page)) > 0, 'the district outlines are drawn'));
    // The markers on the map are exactly the schemes'.
    await expectShown(page, ALL);
    assert.equal(await page.locator('#map .leaflet-marker-pane > *').count(), ALL.length, 'nothing else in the marker pane');
  },
);
