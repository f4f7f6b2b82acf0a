// The view in the page address: a reload or a shared link restores it; junk is ignored.

import assert from 'node:assert/strict';
import { appTest, assertAccessible, entry, eventually, expectShown, filters, inViewport, openApp, openPopup, params, assertClean, squash } from './harness.mjs';
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
  for (const notice of ['link-missing', 'link-left-out']) assert.equal(await page.getByTestId(notice).isVisible(), false, notice);
  const popup = await openPopup(page);
  assert.equal((await popup.getByRole('heading', { level: 3 }).textContent()).trim(), s.name);
  await eventually(async () => assert.equal(await entry(page, s.name).getAttribute('aria-current'), 'true'));
  assert.equal(params(page).get('scheme'), s.id);
});

appTest('a link to a scheme far down the list scrolls the list to it, not the page: the header stays where it is', { query: `?scheme=${encodeURIComponent(SCHEMES.at(-1).id)}` }, async ({ page }) => {
  const s = SCHEMES.at(-1);
  await openPopup(page);
  const e = entry(page, s.name);
  await eventually(async () => assert.equal(await e.getAttribute('aria-current'), 'true'));
  await eventually(async () => assert.ok(await inViewport(e.getByRole('heading', { level: 3 })), 'the entry is scrolled into view'));
  const page_ = await page.evaluate(() => ({ y: scrollY, scrollable: document.scrollingElement.scrollHeight - innerHeight }));
  assert.deepEqual(page_, { y: 0, scrollable: 0 }, 'on a wide screen the page itself never scrolls (hidden text in the list made it 3,000 px taller)');
  assert.equal(Math.round((await page.locator('header.page-header').boundingBox()).y), 0);
});

appTest('a link to an unknown scheme (one withdrawn since) says so, and shows every scheme and no popup', { query: '?scheme=no-such-scheme' }, async ({ page }) => {
  await expectShown(page, SCHEMES.map((s) => s.name));
  await page.getByTestId('link-missing').waitFor({ state: 'visible' });
  assert.ok(await inViewport(page.getByTestId('link-missing')), 'the notice is in sight when the page opens, not under the filters');
  assert.equal(await page.getByTestId('link-left-out').isVisible(), false);
  assert.equal(
    (await page.getByTestId('link-missing').textContent()).trim(),
    'The scheme in this link is no longer on the map: it may have ended or changed. The schemes on the map are listed below.',
  );
  assert.equal(await page.locator('#map .leaflet-popup').count(), 0);
  assert.equal(await page.locator('[aria-current="true"]').count(), 0);
  await assertAccessible(page, 'link to an unknown scheme');
});

// A link whose own filters leave its scheme out (the scheme's details changed since it was shared,
// or the address was edited): the page says so and offers to show it.
const LEFT_OUT = SCHEMES[3];
const OTHER_DISTRICT = DISTRICTS.find((d) => d.id !== LEFT_OUT.district && expectedNames({ districts: [d.id] }).length > 0);
appTest(
  'a link whose filters leave its scheme out says so; "Show it" clears them and opens the scheme\'s card, with the keyboard on it',
  { query: `?district=${OTHER_DISTRICT.id}&scheme=${encodeURIComponent(LEFT_OUT.id)}` },
  async ({ page }) => {
    await expectShown(page, expectedNames({ districts: [OTHER_DISTRICT.id] }));
    const notice = page.getByTestId('link-left-out');
    await notice.waitFor({ state: 'visible' });
    assert.ok(await inViewport(notice), 'the notice is in sight when the page opens, not under the filters');
    assert.equal(squash(await notice.textContent()), `The scheme in this link, ${LEFT_OUT.name}, is left out by the filters. Show it`);
    assert.equal(await page.getByTestId('link-missing').isVisible(), false);
    await assertAccessible(page, 'link whose scheme is left out');
    await notice.getByRole('button', { name: 'Show it' }).focus();
    await page.keyboard.press('Enter');
    await expectShown(page, SCHEMES.map((s) => s.name));
    await eventually(async () => assert.equal(await entry(page, LEFT_OUT.name).getAttribute('aria-current'), 'true'));
    await page.getByTestId('link-left-out').waitFor({ state: 'hidden' });
    await eventually(async () =>
      assert.equal(await page.evaluate(() => document.activeElement?.closest('[aria-current="true"] .scheme-name')?.textContent.trim()), LEFT_OUT.name),
    );
    assert.equal(await filters(page).district(OTHER_DISTRICT.name).isChecked(), false);
    assert.equal(params(page).get('scheme'), LEFT_OUT.id);
  },
);

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
