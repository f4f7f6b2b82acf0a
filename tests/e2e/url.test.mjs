// The view in the page address: a reload or a shared link restores it; junk is ignored.

import assert from 'node:assert/strict';
import { appTest, entry, eventually, expectShown, filters, openApp, openPopup, params, assertClean } from './harness.mjs';
import { test } from 'node:test';
import { CONDITIONS, DISTRICTS, SCHEMES, expectedNames } from './schemes.mjs';

const district = (id) => DISTRICTS.find((d) => d.id === id);
const condition = (code) => CONDITIONS.find((c) => c.code === code);

test('filters chosen on the page survive a reload and open the same view from a shared link', { timeout: 90_000 }, async () => {
  const view = { districts: ['stevenage', 'north-hertfordshire', 'watford'], conditions: ['heart', 'msk'], price: '20', q: 'active' };
  const want = expectedNames(view);
  assert.ok(want.length > 0, 'the view shows something');

  const first = await openApp();
  let shared;
  try {
    const f = filters(first.page);
    for (const id of view.districts) await f.district(district(id).name).check();
    for (const code of view.conditions) await f.condition(condition(code).label).check();
    await f.price.selectOption(view.price);
    await f.search.fill(view.q);
    await expectShown(first.page, want);
    await eventually(async () => {
      const p = params(first.page);
      // Canonical form: districts in id order, conditions in the list's order.
      assert.equal(p.get('district'), [...view.districts].sort().join(','));
      assert.equal(p.get('condition'), view.conditions.join(','));
      assert.equal(p.get('price'), view.price);
      assert.equal(p.get('q'), view.q);
    });
    shared = new URL(first.page.url()).search;

    await first.page.reload();
    await expectShown(first.page, want);
    await expectControls(first.page, view);
    assertClean(first);
  } finally {
    await first.context.close();
  }

  const second = await openApp({ query: shared });
  try {
    await expectShown(second.page, want);
    await expectControls(second.page, view);
    assertClean(second);
  } finally {
    await second.context.close();
  }
});

appTest(
  'unknown and malformed parameters are ignored, never fatal',
  { query: '?district=stevenage,nowhere,,%20watford&condition=diabetes,gout&price=cheap&q=&foo=bar&%zz=1&district&within=7&&=&scheme=' },
  async ({ page }) => {
    const view = { districts: ['stevenage', 'watford'], conditions: ['diabetes'] };
    await expectShown(page, expectedNames(view));
    await expectControls(page, { ...view, price: 'any', q: '' });
    assert.equal(await page.locator('#map .leaflet-popup').count(), 0, 'no popup');
    // The address is rewritten in canonical form without the junk.
    await eventually(async () => assert.equal(new URL(page.url()).search, '?district=stevenage,watford&condition=diabetes'));
  },
);

const LONG_Q = 'pool '.repeat(60);
appTest('a price that is not a number and an over-long search are handled', { query: `?price=-3&q=${LONG_Q}` }, async ({ page }) => {
  const q = LONG_Q.slice(0, 100).trim();
  await expectShown(page, expectedNames({ q }));
  assert.equal(await filters(page).price.inputValue(), 'any');
  assert.equal(await filters(page).search.inputValue(), q, 'the search is cut to 100 characters');
});

appTest('a weekly maximum that is not one of the choices: the price box shows what is applied', { query: '?price=7' }, async ({ page }) => {
  // Either the unknown maximum is ignored or the price box names it; the list follows the box.
  const shown = await filters(page).price.evaluate((s) => ({ value: s.value, text: s.selectedOptions[0]?.textContent.trim() ?? '' }));
  assert.notEqual(shown.text, '', 'the price box shows a choice');
  await expectShown(page, expectedNames({ price: shown.value }));
});

appTest('a link to a scheme opens its popup and highlights its entry', { query: `?scheme=${encodeURIComponent(SCHEMES[3].id)}` }, async ({ page }) => {
  const s = SCHEMES[3];
  const popup = await openPopup(page);
  assert.equal((await popup.getByRole('heading', { level: 3 }).textContent()).trim(), s.name);
  await eventually(async () => assert.equal(await entry(page, s.name).getAttribute('aria-current'), 'true'));
  assert.equal(params(page).get('scheme'), s.id);
});

appTest('a link to an unknown scheme shows every scheme and no popup', { query: '?scheme=no-such-scheme' }, async ({ page }) => {
  await expectShown(page, SCHEMES.map((s) => s.name));
  assert.equal(await page.locator('#map .leaflet-popup').count(), 0);
  assert.equal(await page.locator('[aria-current="true"]').count(), 0);
});

/** The filter controls show `view`. */
async function expectControls(page, { districts = [], conditions = [], price = 'any', q = '' }) {
  const f = filters(page);
  await eventually(async () => {
    for (const d of DISTRICTS) assert.equal(await f.district(d.name).isChecked(), districts.includes(d.id), d.name);
    for (const c of CONDITIONS) assert.equal(await f.condition(c.label).isChecked(), conditions.includes(c.code), c.label);
    assert.equal(await f.price.inputValue(), price);
    assert.equal(await f.search.inputValue(), q);
  });
}
