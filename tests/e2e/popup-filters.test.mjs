// A scheme's popup is open on the map and a filter change hides that scheme (issue 7): the popup
// closes, the selection is cleared, the list and markers follow the filter, and the map still
// works. Before the fix, Leaflet's popup "remove" event came back into Rust while the adapter held
// a RefCell borrow: "RefCell already borrowed", then "unreachable", and a half-dead page.
//
// One test per filter (condition, district, price, search text, distance), opening the popup by
// clicking the marker or by the keyboard (Enter on the marker: Leaflet's `keypress`).

import assert from 'node:assert/strict';
import {
  appTest, assertAccessible, entry, eventually, expectShown, filters, marker, openPopup, params, postcodeInAddress,
} from './harness.mjs';
import { SCHEMES, conditionLabel, expectedNames } from './schemes.mjs';

const byName = (name) => {
  const s = SCHEMES.find((x) => x.name === name);
  assert.ok(s, `the shipped data has "${name}"`);
  return s;
};

/** Opens the popup of `name` by clicking its marker (or pressing Enter on it), and checks it holds that scheme. */
async function openOnMap(page, name, how = 'click') {
  if (how === 'click') await marker(page, name).click();
  else {
    await marker(page, name).focus();
    await page.keyboard.press('Enter');
  }
  const popup = await openPopup(page);
  assert.equal((await popup.getByRole('heading', { level: 3 }).textContent()).trim(), name);
  await eventually(async () => assert.equal(params(page).get('scheme'), byName(name).id));
}

/** The popup is closed, nothing is selected, and choosing another marker still opens its popup. */
async function expectClosedAndWorking(page, hidden, next) {
  await eventually(async () => {
    assert.equal(await page.locator('#map .leaflet-popup').count(), 0, 'the popup closed with its scheme');
    assert.equal(params(page).get('scheme'), null, 'the hidden scheme is no longer selected');
    assert.equal(await marker(page, hidden).count(), 0, 'its marker is gone');
  });
  await marker(page, next).click();
  const popup = await openPopup(page);
  assert.equal((await popup.getByRole('heading', { level: 3 }).textContent()).trim(), next, 'the map still answers');
  await eventually(async () => assert.equal(await entry(page, next).getAttribute('aria-current'), 'true'));
}

appTest('ticking a Condition that hides the scheme whose popup is open closes it, without a panic', {}, async ({ page }) => {
  const open = 'Steady Steps Ware'; // falls only
  await openOnMap(page, open);
  await filters(page).condition(conditionLabel('heart')).check();
  await expectShown(page, expectedNames({ conditions: ['heart'] }));
  await expectClosedAndWorking(page, open, 'Active Watford');
  await assertAccessible(page, 'popup closed by a filter');
});

appTest('ticking a District that hides the scheme whose popup is open closes it (opened with Enter)', {}, async ({ page }) => {
  const open = 'Woodside Wellbeing';
  await openOnMap(page, open, 'keyboard');
  await filters(page).district('Stevenage').check();
  await expectShown(page, expectedNames({ districts: ['stevenage'] }));
  await expectClosedAndWorking(page, open, "Parkinson's Active Stevenage");
});

appTest('choosing a Price that hides the scheme whose popup is open closes it', {}, async ({ page }) => {
  const open = 'Active Watford'; // paid per session
  await openOnMap(page, open);
  await filters(page).price.selectOption({ label: 'Free only' });
  await expectShown(page, expectedNames({ price: 'free' }));
  await expectClosedAndWorking(page, open, 'Steady Steps Ware');
});

appTest('search text that hides the scheme whose popup is open closes it', {}, async ({ page }) => {
  const open = 'Breathe Easy Hoddesdon';
  await openOnMap(page, open);
  await filters(page).search.fill('Watford');
  await expectShown(page, expectedNames({ q: 'Watford' }));
  await expectClosedAndWorking(page, open, 'Woodside Wellbeing');
});

appTest('a Distance that hides the scheme whose popup is open closes it', {}, async ({ page }) => {
  await page.getByLabel('Postcode', { exact: true }).fill('SG1 1LZ');
  await page.getByRole('button', { name: 'Find', exact: true }).click();
  await eventually(async () => assert.equal(postcodeInAddress(page), 'SG1 1LZ'));
  // The map fits Stevenage: choose the far scheme from its list entry (its marker is off the map).
  const open = 'Active Watford';
  await entry(page, open).getByRole('heading', { level: 3 }).getByRole('button', { name: open, exact: true }).click();
  const popup = await openPopup(page);
  assert.equal((await popup.getByRole('heading', { level: 3 }).textContent()).trim(), open);
  await page.getByLabel('Distance', { exact: true }).selectOption({ label: 'Within 2 miles' });
  await eventually(async () => assert.equal(params(page).get('within'), '2'));
  await expectClosedAndWorking(page, open, 'Active Health Stevenage');
});
