// The filters: each one alone, combined, the empty state and "Clear filters". The list and the
// markers must always show exactly the schemes the documented rules select (schemes.mjs).

import assert from 'node:assert/strict';
import {
  appTest, assertAccessible, countStatus, entries, eventually, expectShown, filters, hiddenEntries, params,
} from './harness.mjs';
import { CONDITIONS, DISTRICTS, PRICE_CHOICES, SCHEMES, expectedNames } from './schemes.mjs';

const ALL = SCHEMES.map((s) => s.name);

appTest('the filter panel has the labelled controls of the testing contract', {}, async ({ page }) => {
  const form = page.getByRole('form', { name: 'Filters' });
  const labels = (group) =>
    form.getByRole('group', { name: group }).getByRole('checkbox').evaluateAll((els) => els.map((e) => e.labels[0]?.textContent.trim()));
  assert.deepEqual(await labels('District'), DISTRICTS.map((d) => d.name));
  assert.deepEqual(await labels('Condition'), CONDITIONS.map((c) => c.label));
  const options = await filters(page).price.locator('option').evaluateAll((os) => os.map((o) => [o.textContent.trim(), o.value]));
  assert.deepEqual(options, PRICE_CHOICES);
  assert.equal(await filters(page).search.getAttribute('type'), 'search');
});

appTest('each district alone shows exactly its schemes', {}, async ({ page }) => {
  const f = filters(page);
  for (const d of DISTRICTS) {
    const want = expectedNames({ districts: [d.id] });
    assert.ok(want.length > 0, `the data has a scheme in ${d.name}`);
    await f.district(d.name).check();
    await expectShown(page, want);
    await eventually(async () => assert.equal(params(page).get('district'), d.id));
    await f.district(d.name).uncheck();
  }
  await expectShown(page, ALL);
});

appTest('several districts widen the result', {}, async ({ page }) => {
  const f = filters(page);
  const chosen = [DISTRICTS[0], DISTRICTS[6], DISTRICTS[8]];
  for (const d of chosen) await f.district(d.name).check();
  await expectShown(page, expectedNames({ districts: chosen.map((d) => d.id) }));
  await assertAccessible(page, 'filtered');
});

appTest('each price choice compares weekly equivalents and shows the full price', {}, async ({ page }) => {
  const f = filters(page);
  for (const [label, value] of PRICE_CHOICES) {
    const want = expectedNames({ price: value });
    assert.ok(want.length > 0, `the data has a scheme for "${label}"`);
    await f.price.selectOption({ label });
    await expectShown(page, want);
    await eventually(async () => assert.equal(params(page).get('price'), value === 'any' ? null : value));
  }
  // The maxima really narrow: up to £5 a week leaves out some paid schemes that £20 keeps.
  assert.ok(expectedNames({ price: '5' }).length < expectedNames({ price: '20' }).length);
  assert.ok(expectedNames({ price: 'free' }).length < expectedNames({ price: '5' }).length);
});

appTest('each condition alone shows the schemes that accept it', {}, async ({ page }) => {
  const f = filters(page);
  for (const c of CONDITIONS) {
    const want = expectedNames({ conditions: [c.code] });
    assert.ok(want.length > 0, `the data has a scheme for ${c.label}`);
    await f.condition(c.label).check();
    await expectShown(page, want);
    await eventually(async () => assert.equal(params(page).get('condition'), c.code));
    await f.condition(c.label).uncheck();
  }
  await expectShown(page, ALL);
});

appTest('several conditions widen the result', {}, async ({ page }) => {
  const f = filters(page);
  const chosen = [CONDITIONS.find((c) => c.code === 'menopause'), CONDITIONS.find((c) => c.code === 'cancer')];
  for (const c of chosen) await f.condition(c.label).check();
  await expectShown(page, expectedNames({ conditions: chosen.map((c) => c.code) }));
});

appTest('search matches name, centre, town, postcode, operator, district, who can refer, a free price and the notes, in any case', {}, async ({ page }) => {
  const f = filters(page);
  const s = SCHEMES[0];
  const queries = [
    s.name.toUpperCase(), // name
    s.centre.split(' ').slice(0, 2).join(' ').toLowerCase(), // centre
    SCHEMES[5].town, // town
    s.postcode.replace(' ', '').toLowerCase(), // postcode without its space
    s.postcode, // postcode as written
    SCHEMES.find((x) => x.operator !== s.operator).operator.toLowerCase(), // operator
    `  ${s.town.toLowerCase()}   ${s.operator.split(' ')[0]}  `, // two words, odd spacing
    // What else the card says: the notes, who can refer, a free price, the district's name, and
    // a word with a full stop after it.
    'wheelchair',
    'self referral',
    'free',
    'Welwyn Hatfield',
    'St. Albans',
  ];
  for (const q of queries) {
    const want = expectedNames({ q });
    assert.ok(want.length > 0, `the search "${q}" finds something`);
    await f.search.fill(q);
    await expectShown(page, want);
    await eventually(async () => assert.equal(params(page).get('q'), q.trim()));
  }
  await f.search.fill('');
  await expectShown(page, ALL);
});

appTest('entries and markers a search leaves out cannot be reached, and clearing it shows the same list in the same order', {}, async ({ page }) => {
  const f = filters(page);
  await expectShown(page, ALL);
  const listed = () => entries(page).evaluateAll((lis) => lis.map((li) => `${li.id} ${li.querySelector('h3')?.textContent.trim()}`));
  const before = await listed();
  assert.equal(before.length, ALL.length);

  const q = 'Watford';
  const want = expectedNames({ q });
  assert.ok(want.length > 0 && want.length < ALL.length, `the search "${q}" leaves some schemes out`);
  await f.search.fill(q);
  await expectShown(page, want);
  // What the list keeps of the others (if anything) is out of sight, out of the accessibility
  // tree and out of the tab order.
  const hidden = await hiddenEntries(page).evaluateAll((lis) =>
    lis.map((li) => {
      const button = li.querySelector('h3 button');
      button?.focus();
      return {
        name: li.querySelector('h3')?.textContent.trim(),
        display: getComputedStyle(li).display,
        focused: !!button && document.activeElement === button,
      };
    }),
  );
  for (const h of hidden) {
    assert.ok(!want.includes(h.name), `"${h.name}" is hidden although it matches`);
    assert.equal(h.display, 'none', `"${h.name}" is not displayed`);
    assert.equal(h.focused, false, `"${h.name}" cannot take focus`);
    assert.equal(await page.getByRole('button', { name: h.name, exact: true }).count(), 0, `"${h.name}" is not in the accessibility tree`);
  }
  // The same for the markers the map keeps hidden (if any).
  const hiddenMarkers = await page.locator('#map .leaflet-marker-icon[hidden]').evaluateAll((els) =>
    els.map((e) => {
      e.focus();
      const box = e.getBoundingClientRect();
      return { name: e.title, display: getComputedStyle(e).display, focused: document.activeElement === e, size: box.width * box.height };
    }),
  );
  for (const m of hiddenMarkers) {
    assert.ok(!want.includes(m.name), `the marker of "${m.name}" is hidden although it matches`);
    assert.equal(m.display, 'none', `the marker of "${m.name}" is not displayed`);
    assert.equal(m.focused, false, `the marker of "${m.name}" cannot take focus`);
    assert.equal(m.size, 0, `the marker of "${m.name}" takes no room to be clicked`);
  }
  // Tabbing from the search box through the page never lands on something hidden.
  await f.search.focus();
  for (let k = 0; k < 40; k++) {
    await page.keyboard.press('Tab');
    const inHidden = await page.evaluate(() => !!document.activeElement?.closest('[hidden]'));
    assert.equal(inHidden, false, `tab stop ${k + 1} is hidden`);
  }
  const ids = await page.evaluate(() => [...document.querySelectorAll('[id]')].map((e) => e.id));
  assert.equal(new Set(ids).size, ids.length, 'every id is unique');
  await assertAccessible(page, 'searched');

  await f.search.fill('');
  await expectShown(page, ALL);
  assert.deepEqual(await listed(), before, 'the same entries in the same order');
});

appTest('filters of different kinds narrow each other', {}, async ({ page }) => {
  const f = filters(page);
  const combo = { districts: ['east-hertfordshire', 'hertsmere'], conditions: ['heart', 'diabetes'], price: '10', q: '' };
  const want = expectedNames(combo);
  assert.ok(want.length > 0 && want.length < expectedNames({ districts: combo.districts }).length, 'the combination narrows');
  for (const id of combo.districts) await f.district(DISTRICTS.find((d) => d.id === id).name).check();
  for (const code of combo.conditions) await f.condition(CONDITIONS.find((c) => c.code === code).label).check();
  await f.price.selectOption(combo.price);
  await expectShown(page, want);
  await eventually(async () => {
    assert.equal(params(page).get('district'), combo.districts.join(','));
    assert.equal(params(page).get('condition'), combo.conditions.join(','));
    assert.equal(params(page).get('price'), '10');
  });

  // Adding a search word narrows further.
  const q = SCHEMES.find((s) => want.includes(s.name)).town;
  await f.search.fill(q);
  await expectShown(page, expectedNames({ ...combo, q }));

  // The panel's own "Clear filters" resets every control.
  await f.clear.click();
  await expectShown(page, ALL);
  for (const box of await page.getByRole('form', { name: 'Filters' }).getByRole('checkbox').all()) {
    assert.equal(await box.isChecked(), false);
  }
  assert.equal(await f.price.inputValue(), 'any');
  assert.equal(await f.search.inputValue(), '');
  await eventually(async () => assert.equal(new URL(page.url()).search, ''));
});

appTest('no match shows the empty state, whose "Clear filters" brings every scheme back', {}, async ({ page }) => {
  const f = filters(page);
  // A district and a condition with no scheme in common (the data has such combinations).
  const pair = DISTRICTS.flatMap((d) => CONDITIONS.map((c) => [d, c])).find(
    ([d, c]) => expectedNames({ districts: [d.id] }).length > 0 && expectedNames({ conditions: [c.code] }).length > 0
      && expectedNames({ districts: [d.id], conditions: [c.code] }).length === 0,
  );
  assert.ok(pair, 'some district and condition have no scheme in common');
  await f.district(pair[0].name).check();
  await f.condition(pair[1].label).check();
  await expectShown(page, []);
  assert.match(await countStatus(page).textContent(), /No schemes match your filters/);
  const empty = page.getByTestId('empty');
  await empty.waitFor({ state: 'visible' });
  await assertAccessible(page, 'empty');

  await empty.getByRole('button', { name: 'Clear filters' }).click();
  await expectShown(page, ALL);
  assert.equal(await page.getByTestId('empty').count(), 0);
  assert.equal(await f.district(pair[0].name).isChecked(), false);
  assert.equal(await f.condition(pair[1].label).isChecked(), false);
});

appTest('a search that matches nothing says so (not "filters"), and "Clear the search" brings every scheme back', {}, async ({ page }) => {
  await filters(page).search.fill('no such scheme anywhere');
  await expectShown(page, []);
  assert.equal((await countStatus(page).textContent()).trim(), 'No schemes match your search');
  const empty = page.getByTestId('empty');
  assert.equal((await empty.locator('p').textContent()).trim(), 'Try other words: a condition (COPD, back pain), a town or a postcode.');
  await empty.getByRole('button', { name: 'Clear the search' }).click();
  await expectShown(page, ALL);
  assert.equal(await filters(page).search.inputValue(), '');
});
