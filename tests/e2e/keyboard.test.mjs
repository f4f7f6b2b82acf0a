// Keyboard focus and the map's card: focus never falls to the page's <body> when what held it goes
// (a list entry turned into its card, a closed card, a "Clear filters" button that goes once
// nothing is set), a card opened by keyboard takes the focus and Escape closes it from anywhere
// in it, a card taller than the map scrolls inside its popup, and on a phone the open card stays
// where it is and a shared link shows its scheme.

import assert from 'node:assert/strict';
import { appTest, assertAccessible, entry, eventually, filters, inViewport, marker, openPopup, params, postcodeInAddress } from './harness.mjs';
import { SCHEMES, expectedNames } from './schemes.mjs';

/** What has keyboard focus: its tag, its text, and the list entry or popup it is in. */
const focused = (page) =>
  page.evaluate(() => {
    const a = document.activeElement;
    return {
      tag: a?.tagName ?? null,
      text: a === document.body ? '(the body)' : (a?.textContent ?? '').trim().slice(0, 80),
      title: a?.getAttribute('title') ?? null,
      id: a?.id ?? '',
      entry: a?.closest('li.result')?.id ?? null,
      inPopup: Boolean(a?.closest('.leaflet-popup')),
    };
  });

const popupCount = (page) => page.locator('#map .leaflet-popup').count();

appTest('choosing a result by keyboard keeps the focus on its name, now the heading of its full card', {}, async ({ page }) => {
  for (const s of [SCHEMES[2], SCHEMES.at(-1)]) {
    const e = entry(page, s.name);
    await e.getByRole('button', { name: s.name, exact: true }).focus();
    await page.keyboard.press('Enter');
    await eventually(async () => assert.equal(await e.getAttribute('aria-current'), 'true'));
    await eventually(async () => {
      const f = await focused(page);
      assert.equal(f.tag, 'BUTTON', `focus on a button, not ${JSON.stringify(f)}`);
      assert.equal(f.text, s.name);
      assert.equal(f.entry, await e.getAttribute('id'), 'in the chosen entry');
    });
    // The card's own links follow with Tab.
    await page.keyboard.press('Tab');
    assert.equal((await focused(page)).entry, await e.getAttribute('id'), 'Tab stays in the card');
  }
});

appTest('a result\'s name says whether its card is open (aria-expanded); pressing it again, or Escape in the card, folds the card back, focus kept', {}, async ({ page }) => {
  const s = SCHEMES[3];
  const e = entry(page, s.name);
  const name = e.getByRole('heading', { level: 3 }).getByRole('button', { name: s.name, exact: true });
  const expanded = () => name.getAttribute('aria-expanded');
  assert.equal(await expanded(), 'false');
  await name.focus();
  await page.keyboard.press('Enter');
  await eventually(async () => assert.equal(await expanded(), 'true'));
  await eventually(async () => assert.equal((await focused(page)).text, s.name));
  // Pressed again: the short entry, its name still focused, no scheme chosen (nor its popup).
  await page.keyboard.press('Enter');
  await eventually(async () => assert.equal(await expanded(), 'false'));
  assert.equal(await e.getAttribute('aria-current'), null);
  await eventually(async () => assert.equal(params(page).has('scheme'), false));
  await eventually(async () => assert.equal(await popupCount(page), 0, 'the map\'s card closed too'));
  let f = await focused(page);
  assert.ok(f.tag === 'BUTTON' && f.text === s.name && f.entry === (await e.getAttribute('id')), `focus kept: ${JSON.stringify(f)}`);

  // Escape from a link inside the card folds it too.
  await page.keyboard.press('Enter');
  await eventually(async () => assert.equal(await expanded(), 'true'));
  await e.locator('.contacts a').first().focus();
  await page.keyboard.press('Escape');
  await eventually(async () => assert.equal(await expanded(), 'false'));
  f = await focused(page);
  assert.ok(f.tag === 'BUTTON' && f.text === s.name, `focus on the name: ${JSON.stringify(f)}`);
  await assertAccessible(page, 'folded again');
});

appTest('the map\'s zoom buttons (top left) come first in its tab order, before the markers', {}, async ({ page }) => {
  await page.locator('#map').focus();
  const seen = [];
  for (let i = 0; i < 3; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    seen.push(f.title ?? f.text);
  }
  assert.deepEqual(seen.slice(0, 2), ['Zoom in', 'Zoom out'], JSON.stringify(seen));
  assert.ok(SCHEMES.some((s) => s.name === seen[2]), `then a marker: ${JSON.stringify(seen)}`);
  // Still drawn where they were: the map's top left corner.
  const [map, zoom] = [await page.locator('#map').boundingBox(), await page.locator('#map .leaflet-control-zoom').boundingBox()];
  assert.ok(zoom.x - map.x < 20 && zoom.y - map.y < 20, JSON.stringify({ map, zoom }));
});

appTest('a marker chosen by keyboard gives its card the focus; Escape or its close button closes it and focus goes back to the marker', {}, async ({ page }) => {
  const s = SCHEMES[0];
  const pin = marker(page, s.name);
  await pin.focus();
  await page.keyboard.press('Enter');
  const popup = await openPopup(page);
  await eventually(async () => {
    const f = await focused(page);
    assert.ok(f.inPopup && f.tag === 'H3' && f.text === s.name, `the card's heading has the focus, not ${JSON.stringify(f)}`);
  });
  // Tab goes on inside the card (before, it passed every other marker first).
  await page.keyboard.press('Tab');
  assert.equal((await focused(page)).inPopup, true, 'Tab stays in the card');
  // Escape from inside the card (Leaflet's own Escape works only on the map's container).
  await page.keyboard.press('Escape');
  await eventually(async () => assert.equal(await popupCount(page), 0, 'the card is closed'));
  await eventually(async () => assert.equal((await focused(page)).title, s.name, 'focus is back on the marker'));
  await eventually(async () => assert.equal(params(page).has('scheme'), false));

  // Again, closed with its close button from the keyboard.
  await page.keyboard.press('Enter');
  await openPopup(page);
  await popup.page().locator('#map .leaflet-popup-close-button').focus();
  await page.keyboard.press('Enter');
  await eventually(async () => assert.equal(await popupCount(page), 0, 'the card is closed'));
  await eventually(async () => assert.equal((await focused(page)).title, s.name, 'focus is back on the marker'));

  // Escape on the marker itself closes a card opened by mouse.
  await pin.click();
  await openPopup(page);
  await pin.focus();
  await page.keyboard.press('Escape');
  await eventually(async () => assert.equal(await popupCount(page), 0, 'Escape on the marker closes the card'));
});

for (const viewport of [{ width: 1280, height: 800 }, { width: 1280, height: 640 }]) {
  appTest(`at ${viewport.width}×${viewport.height} every card fits inside the map, scrolling inside its popup when it is taller, with its marker in sight`, { viewport }, async ({ page }) => {
    const map = await page.locator('#map').boundingBox();
    let scrolled = 0;
    for (const s of SCHEMES) {
      await entry(page, s.name).getByRole('button', { name: s.name, exact: true }).click();
      const popup = await openPopup(page);
      await eventually(async () => assert.equal((await popup.getByRole('heading', { level: 3 }).textContent()).trim(), s.name));
      await eventually(async () => {
        const box = await page.locator('#map .leaflet-popup').boundingBox();
        const where = `${s.name}: card ${JSON.stringify(box)} in map ${JSON.stringify(map)}`;
        assert.ok(box.y >= map.y - 1 && box.y + box.height <= map.y + map.height + 1, where);
        const pin = await marker(page, s.name).boundingBox();
        assert.ok(pin.y >= map.y && pin.y + pin.height <= map.y + map.height + 1, `${s.name}: its marker in sight ${JSON.stringify(pin)}`);
      });
      // The card's last action can be reached and seen: it scrolls inside the popup.
      const last = popup.getByRole('link', { name: /Report a change/ });
      await last.scrollIntoViewIfNeeded();
      assert.ok(await inViewport(last), `${s.name}: "Report a change" can be scrolled into view`);
      if (await popup.evaluate((c) => c.scrollHeight > c.clientHeight + 1)) scrolled++;
    }
    if (viewport.height === 640) assert.ok(scrolled > 0, 'at this height some cards scroll');
  });
}

appTest('"Clear filters" (or "Clear the search") keeps the keyboard where it was: in the filters, or at the results once the empty state goes', {}, async ({ page }) => {
  const f = filters(page);
  const some = expectedNames({ conditions: ['diabetes'] });
  await f.condition('Diabetes').check();
  await eventually(async () => assert.equal(await page.locator('.result-list > li:not([hidden])').count(), some.length));
  await page.getByRole('button', { name: 'Clear filters' }).focus();
  await page.keyboard.press('Enter');
  await eventually(async () => assert.equal((await focused(page)).id, 'search', 'focus moves to the Search box'));

  await page.locator('#search').fill('no such scheme anywhere');
  const empty = page.getByTestId('empty');
  await empty.waitFor({ state: 'visible' });
  await empty.getByRole('button', { name: 'Clear the search' }).focus();
  await page.keyboard.press('Enter');
  await eventually(async () => assert.equal(await page.getByTestId('empty').count(), 0));
  await eventually(async () => assert.equal((await focused(page)).id, 'results-heading', 'focus moves to the results heading'));
});

appTest('"Skip to results" moves the focus to the results and leaves the postcode in the address', {}, async ({ page }) => {
  await page.locator('#postcode').fill('SG1 1LZ');
  await page.getByRole('button', { name: 'Find', exact: true }).click();
  await eventually(async () => assert.equal(postcodeInAddress(page), 'SG1 1LZ'));
  await page.locator('.skip-link').focus();
  await page.keyboard.press('Enter');
  await eventually(async () => assert.equal((await focused(page)).id, 'results-heading'));
  assert.equal(postcodeInAddress(page), 'SG1 1LZ', 'a reload would search the same postcode');
});

const phone = { viewport: { width: 375, height: 667 }, contextOptions: { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } };
const switchButton = (page, name) => page.getByRole('group', { name: 'Show results as' }).getByRole('button', { name, exact: true });

appTest('phone: a scheme chosen from the list is shown on the map with the focus on its card; "Map" pressed again leaves the card where it is', phone, async ({ page }) => {
  const s = SCHEMES[5];
  await entry(page, s.name).getByRole('button', { name: s.name, exact: true }).focus();
  await page.keyboard.press('Enter');
  const popup = await openPopup(page);
  await eventually(async () => {
    const f = await focused(page);
    assert.ok(f.inPopup && f.text === s.name, `the card's heading has the focus, not ${JSON.stringify(f)}`);
  });
  // axe clean, and the headings in order (axe's best-practice rule): the card's h3 under the
  // map's h2, though the list's headings are out of sight.
  await assertAccessible(page, 'phone map with a card');
  const order = await page.evaluate(async () => (await window.axe.run(document, { runOnly: { type: 'rule', values: ['heading-order'] } })).violations);
  assert.deepEqual(order, [], 'headings in order');
  const frames = () => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 0)))));
  const cardAt = () => page.locator('#map .leaflet-popup').boundingBox();
  // The card at rest (its pan into view finished).
  const before = await eventually(async () => {
    const a = await cardAt();
    await frames();
    assert.deepEqual(await cardAt(), a, 'the card is at rest');
    return a;
  });
  await switchButton(page, 'Map').tap();
  // Two frames later nothing has moved (before, the map fitted every scheme again and moved the
  // card by hundreds of pixels).
  await frames();
  const after = await cardAt();
  assert.ok(Math.abs(after.y - before.y) < 2 && Math.abs(after.x - before.x) < 2, `the card has not moved: ${JSON.stringify({ before, after })}`);
  assert.equal((await popup.getByRole('heading', { level: 3 }).textContent()).trim(), s.name);
});

appTest(
  'a marker the fit leaves outside the map (the nearest three are fitted) is brought into sight when Tab reaches it, and stays',
  { query: '?price=5&q=type+2+diabetes#postcode=AL10+8TJ' },
  async ({ page }) => {
    // Four matches; the map fits the postcode and the nearest three, so the fourth is off it.
    const far = SCHEMES.find((x) => x.town === 'Sawbridgeworth');
    await eventually(async () => assert.equal(await marker(page, far.name).count(), 1));
    const inMap = async () => {
      const [m, box] = [await page.locator('#map').boundingBox(), await marker(page, far.name).boundingBox()];
      return box.x >= m.x && box.y >= m.y && box.x + box.width <= m.x + m.width && box.y + box.height <= m.y + m.height;
    };
    await eventually(async () => assert.equal(await page.locator('#search-summary').count(), 1));
    assert.equal(await inMap(), false, 'the test needs the marker outside the fitted view');
    await page.locator('#map').focus();
    for (let i = 0; i < 10 && (await page.evaluate(() => document.activeElement?.title)) !== far.name; i++) {
      await page.keyboard.press('Tab');
    }
    assert.equal(await page.evaluate(() => document.activeElement?.title), far.name, 'Tab reaches the marker');
    // Leaflet's `autoPanOnFocus` pans it in, animated; it stays there.
    await eventually(async () => assert.ok(await inMap(), 'the focused marker is in sight'));
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 0)))));
    assert.ok(await inMap(), 'the focused marker stays in sight');
    assert.equal(await page.locator('#map').evaluate((m) => m.scrollLeft + m.scrollTop), 0, 'the map box is not left scrolled');
  },
);

appTest('from the Price box one Tab and Enter take the keyboard past the checkboxes to the results', {}, async ({ page }) => {
  await page.getByLabel('Price', { exact: true }).focus();
  await page.keyboard.press('Tab');
  const link = page.locator(':focus');
  assert.equal((await link.textContent()).trim(), 'Skip to results');
  assert.ok(await inViewport(link), 'the link shows while it has the focus');
  const box = await link.boundingBox();
  assert.ok(box.width > 24 && box.height >= 24, `big enough to see and press: ${JSON.stringify(box)}`);
  const before = page.url();
  await page.keyboard.press('Enter');
  await eventually(async () => assert.equal(await page.evaluate(() => document.activeElement?.id), 'results-heading'));
  assert.equal(page.url(), before, 'the address is not changed');
  // Out of sight again once the focus has left it.
  assert.equal(await inViewport(page.locator('.filters .skip-inline')), false);
});

// The scheme last in the list (in the data file's order without a search point), far below the fold.
const LAST = SCHEMES.at(-1);

appTest('phone: a link to a scheme (Share, a handout\'s QR code) opens the list at that scheme\'s card', { ...phone, query: `?scheme=${encodeURIComponent(LAST.id)}` }, async ({ page }) => {
  const e = entry(page, LAST.name);
  await eventually(async () => assert.equal(await e.getAttribute('aria-current'), 'true'));
  const place = await page.locator('.result-list > li:not([hidden])').evaluateAll((lis, id) => [lis.findIndex((li) => li.id === id), lis.length], await e.getAttribute('id'));
  assert.ok(place[0] >= place[1] - 3, `the scheme is at the end of the list (${place})`);
  await eventually(async () => assert.ok(await inViewport(e.getByRole('heading', { level: 3 })), 'the chosen scheme\'s card is in view'));
});

appTest('phone: Back after a scheme was chosen from the list returns to the list, not to the site before; Forward shows the scheme again', phone, async ({ page, server }) => {
  const s = SCHEMES[4];
  await entry(page, s.name).getByRole('button', { name: s.name, exact: true }).tap();
  const popup = await openPopup(page);
  await eventually(async () => assert.equal(params(page).get('scheme'), s.id));
  assert.equal(await switchButton(page, 'Map').getAttribute('aria-pressed'), 'true');

  await page.goBack();
  await eventually(async () => assert.equal(await switchButton(page, 'List').getAttribute('aria-pressed'), 'true', 'the list is shown'));
  assert.ok(page.url().startsWith(server.url), `still on the map's page: ${page.url()}`);
  await eventually(async () => assert.equal(params(page).has('scheme'), false, 'no scheme chosen'));
  assert.equal(await page.locator('.result-list > li[aria-current="true"]').count(), 0);

  await page.goForward();
  await eventually(async () => assert.equal(await switchButton(page, 'Map').getAttribute('aria-pressed'), 'true', 'the map is shown'));
  await openPopup(page);
  await eventually(async () => assert.equal((await popup.getByRole('heading', { level: 3 }).textContent()).trim(), s.name));
  assert.equal(params(page).get('scheme'), s.id);
});

appTest('phone: Back after a scheme was chosen on the map closes its card and leaves the map on show, not the site; Forward opens it again', phone, async ({ page, server }) => {
  // Berkhamsted: far enough from every other scheme that its marker is not under another.
  const s = SCHEMES.find((x) => x.town === 'Berkhamsted');
  await switchButton(page, 'Map').tap();
  await eventually(async () => assert.equal(await switchButton(page, 'Map').getAttribute('aria-pressed'), 'true'));
  const before = await page.evaluate(() => history.length);
  await marker(page, s.name).tap();
  const popup = await openPopup(page);
  await eventually(async () => assert.equal(params(page).get('scheme'), s.id));
  assert.equal(await page.evaluate(() => history.length), before + 1, 'opening the card added one history entry');

  // Another marker while the card is open replaces the entry: one Back still closes the card.
  // (Its marker is under the open card on this small screen: clicked, not tapped.)
  const other = SCHEMES.find((x) => x.town === 'Bishop\'s Stortford');
  await marker(page, other.name).dispatchEvent('click');
  await eventually(async () => assert.equal(params(page).get('scheme'), other.id));
  assert.equal(await page.evaluate(() => history.length), before + 1, 'no entry for the second card');

  await page.goBack();
  await eventually(async () => assert.equal(await page.locator('#map .leaflet-popup').count(), 0, 'the card is closed'));
  assert.ok(page.url().startsWith(server.url), `still on the map's page: ${page.url()}`);
  assert.equal(await switchButton(page, 'Map').getAttribute('aria-pressed'), 'true', 'the map is still shown');
  assert.equal(params(page).has('scheme'), false, 'no scheme chosen');

  await page.goForward();
  await openPopup(page);
  await eventually(async () => assert.equal((await popup.getByRole('heading', { level: 3 }).textContent()).trim(), other.name));
  assert.equal(await switchButton(page, 'Map').getAttribute('aria-pressed'), 'true');
});

appTest('phone: the map\'s card is a summary that fits, with its phone number and "All details", which opens the full card in the list (one column of facts, links a fingertip tall)', phone, async ({ page }) => {
  for (const s of [SCHEMES[0], SCHEMES.find((x) => x.town === 'Berkhamsted')]) {
    if ((await switchButton(page, 'List').getAttribute('aria-pressed')) !== 'true') await switchButton(page, 'List').tap();
    await entry(page, s.name).getByRole('button', { name: s.name, exact: true }).tap();
    const popup = await openPopup(page);
    await eventually(async () => assert.equal((await popup.getByRole('heading', { level: 3 }).textContent()).trim(), s.name));
    // Measured together, once the map has stopped moving to show the card.
    await eventually(async () => {
      const r = await page.evaluate(() => {
        const box = (sel) => JSON.parse(JSON.stringify(document.querySelector(sel).getBoundingClientRect()));
        const zoom = document.querySelector('#map .leaflet-control-zoom');
        const content = document.querySelector('#map .leaflet-popup-content');
        return { zoom: box('#map .leaflet-control-zoom'), card: box('#map .leaflet-popup'), zoomShown: getComputedStyle(zoom).visibility === 'visible', scrolls: content.scrollHeight > content.clientHeight + 1 };
      });
      const { zoom, card, zoomShown, scrolls } = r;
      const apart = zoom.x >= card.x + card.width || card.x >= zoom.x + zoom.width || zoom.y >= card.y + card.height || card.y >= zoom.y + zoom.height;
      assert.ok(apart || !zoomShown, `${s.name}: the zoom buttons are not over the card: ${JSON.stringify(r)}`);
      assert.equal(scrolls, false, `${s.name}: the card fits without scrolling inside the map: ${JSON.stringify(r)}`);
    });
    const text = (await popup.textContent()).replace(/\s+/g, ' ');
    // How to join ("… then phone 01632 960101 to book.") and the number as a link.
    for (const part of ['Demonstration data', s.centre, `phone ${s.phone} to`, 'Phone: ']) assert.ok(text.includes(part), `${s.name}: "${part}" in the map's card: ${text}`);
    const tel = popup.getByRole('link', { name: s.phone, exact: true });
    assert.equal(Math.round((await tel.boundingBox()).height) >= 44, true, 'the phone number is as tall as a fingertip');
    const details = popup.getByRole('button', { name: /^All details/ });
    assert.ok((await details.boundingBox()).height >= 44);

    // "All details": the list, at the scheme's full card, its name focused.
    await details.tap();
    await eventually(async () => assert.equal(await switchButton(page, 'List').getAttribute('aria-pressed'), 'true', 'the list is shown'));
    const e = entry(page, s.name);
    await eventually(async () => {
      const f = await focused(page);
      assert.ok(f.tag === 'BUTTON' && f.text === s.name && f.entry === (await e.getAttribute('id')), `the full card's name has the focus: ${JSON.stringify(f)}`);
      assert.ok(await inViewport(e.getByRole('heading', { level: 3 })), 'the card is in sight');
    });
    // Each label above its value, not a column beside it squeezing the values.
    const r = await e.evaluate((li) => ({ dt: JSON.parse(JSON.stringify(li.querySelector('.facts dt').getBoundingClientRect())), dd: JSON.parse(JSON.stringify(li.querySelector('.facts dd').getBoundingClientRect())) }));
    assert.ok(Math.abs(r.dt.x - r.dd.x) < 1 && r.dd.y >= r.dt.y + r.dt.height - 1, `label above value: ${JSON.stringify(r)}`);
    // Its links (phone, email, website, directions…) are as tall as a fingertip, not one line of text.
    const links = await e.locator('.scheme-card a').evaluateAll((as) => as.map((a) => [a.textContent.trim(), Math.round(a.getBoundingClientRect().height)]));
    assert.ok(links.length >= 3, JSON.stringify(links));
    assert.deepEqual(links.filter(([, h]) => h < 44), [], 'links under 44 px tall');
    await assertAccessible(page, `phone: ${s.name}'s full card in the list`);
  }
  // The map's card is still open; closed, the zoom buttons are back.
  await switchButton(page, 'Map').tap();
  await page.locator('#map .leaflet-popup-close-button').tap();
  await eventually(async () => assert.ok(await page.locator('#map .leaflet-control-zoom-in').isVisible(), 'the zoom buttons are back'));
});

// A phone on its side (844×390): wide enough for the list beside the map, but short. The page
// scrolls as a whole and the map, as tall as the window, stays in sight beside the list.
appTest('a phone on its side: the page scrolls to the results and the map stays in sight beside them, the window\'s height', { viewport: { width: 844, height: 390 }, contextOptions: { isMobile: true, hasTouch: true } }, async ({ page }) => {
  const heading = page.locator('#results-heading');
  await heading.scrollIntoViewIfNeeded();
  await eventually(async () => assert.ok(await inViewport(heading), 'the results heading can be brought into sight'));
  const map = await page.locator('#map').boundingBox();
  assert.ok(map.y >= -1 && map.y + map.height <= 391, `the map in the window: ${JSON.stringify(map)}`);
  // The map's area is the window's height (the map, and the tiles' credit line under it).
  const area = await page.locator('.map-area').boundingBox();
  assert.ok(Math.abs(area.height - 390) <= 1, `the map's area is the window's height: ${area.height}`);
  assert.ok(map.height >= 330, `the map takes most of it: ${map.height}`);
  // The last entry too, with the map still beside it.
  const last = entry(page, SCHEMES.at(-1).name);
  await last.scrollIntoViewIfNeeded();
  assert.ok(await inViewport(last), 'the last entry can be reached');
  const after = await page.locator('#map').boundingBox();
  assert.ok(after.y >= -1 && after.y + after.height <= 391, `the map still in the window: ${JSON.stringify(after)}`);
  await assertAccessible(page, 'phone on its side');
});
