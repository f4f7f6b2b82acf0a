// When the data is wrong or does not arrive: a file that is not GeoJSON, features that are not
// valid, and failed requests (404, 500, network). Never a blank page; "Try again" works.

import assert from 'node:assert/strict';
import { appTest, assertAccessible, countStatus, eventually, expectShown, listNames } from './harness.mjs';
import { SCHEMES } from './schemes.mjs';

const ALL = SCHEMES.map((s) => s.name);
const SCHEMES_PATH = '/schemes.geojson';

/** The load-failure message: an alert with a clear sentence and a "Try again" button. */
async function expectLoadProblem(page, pattern) {
  const alert = page.getByRole('alert').filter({ has: page.getByRole('button', { name: 'Try again' }) });
  await alert.waitFor({ state: 'visible' });
  assert.match((await alert.textContent()).replace(/\s+/g, ' '), pattern);
  assert.deepEqual(await listNames(page), [], 'no list while the data is missing');
  // The plain list, written with the site, needs nothing the map loads.
  assert.equal(await alert.getByRole('link', { name: 'See every scheme as a plain list' }).getAttribute('href'), 'schemes.html');
  return alert;
}

appTest(
  'a file that is not JSON shows a clear message, and "Try again" asks again',
  { routes: { [SCHEMES_PATH]: { fixture: 'not-geojson.geojson' } } },
  async (app) => {
    // Said for the person first, the file's fault for the site's owner after it.
    const alert = await expectLoadProblem(
      app.page,
      /The list of schemes is damaged and could not be read\. Please try again later; if this keeps happening, tell the website's owner\. \(.*not JSON\.\)/,
    );
    await assertAccessible(app.page, 'error');
    await alert.getByRole('button', { name: 'Try again' }).click();
    await eventually(async () => assert.equal(app.requests[SCHEMES_PATH], 2, 'the file was asked for again'));
    await expectLoadProblem(app.page, /not JSON/i);
  },
);

appTest(
  'JSON that is not a FeatureCollection shows a clear message',
  { routes: { [SCHEMES_PATH]: { fixture: 'not-a-feature-collection.geojson' } } },
  async ({ page }) => {
    await expectLoadProblem(page, /FeatureCollection/);
  },
);

for (const [what, step, logged] of [
  ['a 404', { status: 404 }, /status of 404/],
  ['a 500', { status: 500 }, /status of 500/],
  ['a network failure', { abort: 'failed' }, /net::ERR_FAILED/],
]) {
  appTest(
    `${what} shows a clear message, and "Try again" loads the schemes`,
    { routes: { [SCHEMES_PATH]: [step, { real: true }] }, expectConsole: [logged] },
    async (app) => {
      const alert = await expectLoadProblem(app.page, step.status ? new RegExp(`${step.status}`) : /connection/i);
      await assertAccessible(app.page, 'error');
      await alert.getByRole('button', { name: 'Try again' }).click();
      await expectShown(app.page, ALL);
      assert.equal(app.requests[SCHEMES_PATH], 2);
      assert.equal(await app.page.getByRole('alert').count(), 0, 'the message is gone');
    },
  );
}

appTest(
  'a missing config.json falls back to the built-in configuration',
  { routes: { '/config.json': { status: 404 } }, expectConsole: [/status of 404.*config\.json/] },
  async ({ page }) => {
    await expectShown(page, ALL);
  },
);

appTest(
  'bad features are left out and reported by name and reason; the good ones are shown',
  { routes: { [SCHEMES_PATH]: { fixture: 'bad-features.geojson' } } },
  async ({ page }) => {
    await expectShown(page, ['Good Scheme Letchworth', 'Good Scheme Stevenage', 'Good Scheme Watford']);
    const rejected = page.getByTestId('rejected');
    assert.match(await rejected.textContent(), /(^|\D)8 schemes could not be shown/);
    // The details name each one and say why.
    const details = rejected.locator('details');
    assert.equal(await details.count(), 1);
    await details.locator('summary').click();
    const why = await details.evaluate((d) => (d.open ? d.innerText : ''));
    for (const [label, reason] of [
      ['no-name-scheme', /no name/],
      ['Scheme in New York', /outside the UK/],
      ['Scheme with impossible coordinates', /out of range/],
      ['Scheme in an unknown district', /district "atlantis"/],
      ['Scheme with an unknown condition', /"gout".*condition/],
      ['Scheme with an FTP website', /website "ftp:\/\/example\.org\/schemes".*http/],
      ['Scheme with an unreadable price', /price/],
      ['Scheme 11', /not a GeoJSON feature/],
    ]) {
      const line = why.split('\n').find((l) => l.startsWith(label));
      assert.ok(line, `the details name "${label}":\n${why}`);
      assert.match(line, reason, `the details say why "${label}" was left out`);
    }
    // Not demonstration data: no sample notice.
    assert.equal(await page.getByTestId('sample-notice').count(), 0);
    await assertAccessible(page, 'rejected-features');
  },
);

// A file whose every feature is bad (or that has none): "No schemes to show", not "No schemes
// match your filters" with a "Clear filters" that could not help.
const NOTHING_GOOD = JSON.stringify({
  type: 'FeatureCollection',
  features: [
    { type: 'Feature', geometry: { type: 'Point', coordinates: [-0.2, 51.9] }, properties: { id: 'no-name' } },
    { type: 'Feature', geometry: { type: 'Point', coordinates: [500, 91] }, properties: { id: 'far', name: 'Scheme off the globe' } },
  ],
});
appTest(
  'a file with no scheme that can be shown says so, with no "Clear filters", and names each left out',
  { routes: { [SCHEMES_PATH]: { body: NOTHING_GOOD } } },
  async ({ page }) => {
    await eventually(async () => assert.equal((await countStatus(page).textContent()).trim(), 'No schemes to show'));
    const empty = page.getByTestId('empty');
    await empty.waitFor({ state: 'visible' });
    assert.equal((await empty.locator('p').textContent()).trim(), 'The schemes file has no scheme that can be shown. Please try again later.');
    assert.equal(await empty.getByRole('button').count(), 0, 'no button that could not help');
    assert.match(await page.getByTestId('rejected').textContent(), /(^|\D)2 schemes could not be shown/);
    assert.deepEqual(await listNames(page), []);
    await assertAccessible(page, 'nothing to show');
  },
);
