// The page as it opens: every scheme on the map and in the list, the cards' content, and choosing
// a scheme from the list or from the map.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  appTest, assertAccessible, checked, entry, entries, eventually, expectShown, filters, inViewport, marker, openApp, openPopup,
  outlinePixels, params,
} from './harness.mjs';
import { SCHEMES, concessionWords, config, conditionLabel, dataFile, describePrice, referralLabel } from './schemes.mjs';

const ALL = SCHEMES.map((s) => s.name);

appTest('every scheme in data/schemes.geojson is one marker and one list entry', {}, async ({ page }) => {
  // All shipped features are valid, so the page shows every one and reports none as rejected.
  assert.equal(await page.getByTestId('rejected').count(), 0, 'the shipped data has no rejected schemes');
  await expectShown(page, ALL);
  assert.equal(new Set(ALL).size, ALL.length, 'scheme names are unique, so the name sets above are exact');
  // Each marker is Leaflet's marker image, from our own origin, and it has loaded.
  await eventually(async () => {
    const icons = await page.locator('#map img.leaflet-marker-icon').evaluateAll((els) =>
      els.map((e) => ({ path: new URL(e.src).pathname, origin: new URL(e.src).origin, ok: e.complete && e.naturalWidth > 0 })));
    assert.equal(icons.length, ALL.length);
    for (const i of icons) {
      assert.match(i.path, /\/leaflet\/images\/marker-icon(-2x)?\.png$/);
      assert.equal(i.origin, new URL(page.url()).origin);
      assert.ok(i.ok, `${i.path} has loaded`);
    }
  });
});

appTest(
  'the shipped schemes are few enough not to cluster, so the page never asks for Leaflet.markercluster',
  { routes: { '/markercluster/leaflet.markercluster.js': {}, '/markercluster/MarkerCluster.css': {} } },
  async ({ page, requests }) => {
    await expectShown(page, ALL);
    assert.equal(await page.locator('#map .scheme-cluster').count(), 0, 'no clusters');
    assert.deepEqual(requests, {}, 'no request for the cluster plug-in');
  },
);

appTest('the page is titled from the config and says the data is for demonstration', {}, async ({ page }) => {
  assert.equal((await page.getByRole('heading', { level: 1 }).textContent()).trim(), config.title);
  assert.equal(config.title, 'Find an exercise referral scheme');
  assert.equal(dataFile.metadata.sample, true, 'the shipped data is marked as sample data');
  assert.match(await page.getByTestId('sample-notice').textContent(), /demonstration data/);
});

appTest('the page has its own icon, from its own origin, so browsers do not ask for a missing /favicon.ico', {}, async ({ page }) => {
  const icon = await page.evaluate(async () => {
    const link = document.querySelector('link[rel="icon"]');
    if (!link) return null;
    const answer = await fetch(link.href);
    return { sameOrigin: new URL(link.href).origin === location.origin, status: answer.status, type: answer.headers.get('content-type'), text: await answer.text() };
  });
  assert.ok(icon, 'index.html links an icon');
  assert.ok(icon.sameOrigin, 'the icon comes from the page\'s own origin');
  assert.equal(icon.status, 200);
  assert.match(icon.type, /^image\/svg\+xml/);
  assert.match(icon.text, /^<svg [^>]*viewBox="0 0 32 32"/);
});

test('where the map is the first view, its marker images are asked for with the data, not after the first marker is made, and are the ones Leaflet shows', { timeout: 90_000 }, async () => {
  // When the first marker was added to the page, seen before any of the page's scripts run.
  const init = () =>
    new MutationObserver((_, observer) => {
      if (!document.querySelector('#map .leaflet-marker-icon')) return;
      window.__firstMarker = performance.now();
      observer.disconnect();
    }).observe(document, { childList: true, subtree: true });
  const images = (page) =>
    page.evaluate(() => ({
      firstMarker: window.__firstMarker,
      used: [...document.querySelectorAll('#map img.leaflet-marker-icon, #map img.leaflet-marker-shadow')].map((i) => i.src),
      asked: performance.getEntriesByType('resource').filter((e) => e.name.includes('/leaflet/images/')).map((e) => ({ url: e.name, at: e.startTime, by: e.initiatorType })),
    }));
  // Leaflet takes its "2x" images where devicePixelRatio > 1.
  for (const deviceScaleFactor of [1, 2]) {
    await checked(`marker images at ${deviceScaleFactor}x`, await openApp({ init, contextOptions: { deviceScaleFactor } }), async ({ page }) => {
      const { firstMarker, used, asked } = await images(page);
      const icon = deviceScaleFactor > 1 ? 'marker-icon-2x.png' : 'marker-icon.png';
      assert.deepEqual([...new Set(used)].map((u) => u.split('/').at(-1)).sort(), [icon, 'marker-shadow.png']);
      // (The test server's `no-store` makes Chromium ask again when the marker shows the image,
      // though it paints the preloaded one at once.)
      const early = asked.filter((a) => a.at < firstMarker).map((a) => a.url);
      assert.deepEqual([...new Set(early)].sort(), [...new Set(used)].sort(), `the images asked for before the first marker (${firstMarker} ms) are those the markers show: ${JSON.stringify(asked)}`);
    });
  }
  // On a phone the list is the first view: no image is preloaded (each is asked for by a marker's
  // <img>, once the markers are made, as before), so they take nothing from the app's own files.
  await checked('marker images on a phone', await openApp({ init, viewport: { width: 375, height: 667 } }), async ({ page }) => {
    // The markers are made behind the list once Leaflet has come (asked for after the wasm).
    await page.waitForFunction(() => window.__firstMarker > 0);
    const { firstMarker, asked } = await images(page);
    assert.ok(firstMarker > 0, 'the markers are made on a phone too, behind the list');
    assert.deepEqual(asked.filter((a) => a.by !== 'img'), [], 'only the markers ask for their images');
  });
});

appTest('the map fits every scheme on load, and markers and the list work with no tiles', {}, async ({ page, blocked }) => {
  await expectShown(page, ALL);
  const map = await page.locator('#map').boundingBox();
  await eventually(async () => {
    for (const name of ALL) {
      const box = await marker(page, name).boundingBox();
      const centre = { x: box.x + box.width / 2, y: box.y + box.height };
      assert.ok(
        centre.x >= map.x && centre.x <= map.x + map.width && centre.y >= map.y && centre.y <= map.y + map.height,
        `${name}'s marker is inside the map`,
      );
    }
  });
  // The tiles were asked for (and blocked, as on these offline machines).
  assert.ok(blocked.length > 0, 'the map asked for tiles');
});

// From 701 px (the phone layout's end) the page is the window's height with the map beside the
// list. Between 701 and 760 px it once was not: the list and the map grew to 7,000 px, and 21 of
// the 24 markers were below the window.
for (const viewport of [{ width: 701, height: 800 }, { width: 740, height: 900 }, { width: 760, height: 700 }]) {
  appTest(`${viewport.width}x${viewport.height}: the page is the window's height and every marker is in sight`, { viewport }, async ({ page }) => {
    await expectShown(page, ALL);
    const page_ = await page.evaluate(() => ({ scroll: document.documentElement.scrollHeight, inner: innerHeight }));
    assert.ok(page_.scroll <= page_.inner, `the page does not scroll: ${JSON.stringify(page_)}`);
    await eventually(async () => {
      const out = [];
      for (const name of ALL) if (!(await inViewport(marker(page, name)))) out.push(name);
      assert.deepEqual(out, [], 'markers out of sight');
    });
    const map = await page.locator('#map').boundingBox();
    assert.ok(map.y + map.height <= viewport.height && map.height >= viewport.height / 2, `the map fills the window's height: ${JSON.stringify(map)}`);
  });
}

appTest('the tiles asked for at load are the fitted view\'s only (none for the configured centre before the fit)', {}, async ({ page, blocked }) => {
  await expectShown(page, ALL);
  // The tile images in the page that overlap the map's box (Leaflet keeps a border of others).
  const inView = () =>
    page.locator('#map').evaluate((map) => {
      const m = map.getBoundingClientRect();
      return [...map.querySelectorAll('img.leaflet-tile')]
        .filter((i) => {
          const r = i.getBoundingClientRect();
          return r.right > m.left && r.left < m.right && r.bottom > m.top && r.top < m.bottom;
        })
        .map((i) => i.src);
    });
  await eventually(async () => assert.ok(blocked.length > 0 && (await inView()).length > 0, 'the map asked for tiles'));
  const shown = new Set(await inView());
  const tiles = blocked.filter((u) => u.startsWith('https://tile.openstreetmap.org/'));
  assert.deepEqual(tiles.filter((u) => !shown.has(u)), [], 'every tile asked for is one the map shows');
});

appTest('the map draws the districts\' outlines from the ONS boundaries, under the markers and not clickable', {}, async ({ page }) => {
  // One canvas in the overlay pane (under the marker pane) carries every district's outline: it is
  // cheaper to redraw on a zoom change than one SVG path per district (leaflet_adapter.rs).
  const canvas = page.locator('#map .leaflet-overlay-pane canvas');
  await eventually(async () => assert.ok((await outlinePixels(page)) > 0, 'the outlines are drawn'));
  assert.equal(await canvas.count(), 1, 'one canvas for the outlines');
  assert.equal(await canvas.evaluate((c) => getComputedStyle(c).pointerEvents), 'none', 'outlines let clicks through');
  assert.doesNotMatch(await canvas.evaluate((c) => c.getAttribute('class') ?? ''), /leaflet-interactive/);
  // A marker over an outline is still the thing a click reaches.
  await expectShown(page, ALL);
});

test('the district outlines are drawn after the first markers and the list, even when their file comes first (a slow device)', { timeout: 90_000 }, async () => {
  // What the page added, in order, seen before any of its scripts run. The frame that paints the
  // first markers is made to last 600 ms more, as on a slow device: the outlines' file (asked for
  // when the map was made) has come by its end, before the list is rendered.
  const init = () => {
    const order = (window.__order = []);
    const note = (what, selector) => {
      if (order.includes(what) || !document.querySelector(selector)) return false;
      order.push(what);
      return true;
    };
    new MutationObserver(() => {
      if (note('marker', '#map .leaflet-marker-icon')) {
        requestAnimationFrame(() => {
          const until = performance.now() + 600;
          while (performance.now() < until);
        });
      }
      note('list', 'ul[aria-label="Results"] > li');
      note('outlines', '#map .leaflet-overlay-pane canvas');
    }).observe(document, { childList: true, subtree: true });
  };
  await checked('outlines after the first view', await openApp({ init }), async ({ page }) => {
    await eventually(async () => assert.ok((await outlinePixels(page)) > 0, 'the outlines are drawn'));
    assert.deepEqual(await page.evaluate(() => window.__order), ['marker', 'list', 'outlines']);
    await expectShown(page, ALL);
  });
});

/** Where the outlines are drawn: how many pixels in the outline colour, and their middle in the
 * map's own coordinates (the canvas moves inside the map as the view changes). */
const outlineShape = (page) =>
  page.locator('#map .leaflet-overlay-pane canvas').evaluate((c) => {
    const map = document.getElementById('map').getBoundingClientRect();
    const box = c.getBoundingClientRect();
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let n = 0, x = 0, y = 0;
    for (let i = 0; i < d.length; i += 4) {
      if (d[i + 3] > 100 && d[i] < 40 && Math.abs(d[i + 1] - 90) < 40 && Math.abs(d[i + 2] - 156) < 40) {
        const p = i / 4;
        n++;
        x += (p % c.width) * (box.width / c.width);
        y += Math.floor(p / c.width) * (box.height / c.height);
      }
    }
    return n ? { n, x: box.left - map.left + x / n, y: box.top - map.top + y / n } : { n: 0, x: 0, y: 0 };
  });

appTest('after a filter change zooms the map, the outlines are drawn where a fresh page at that view draws them', {}, async ({ page }) => {
  await eventually(async () => assert.ok((await outlinePixels(page)) > 0, 'the outlines are drawn'));
  const before = await outlineShape(page);
  await filters(page).search.fill('Watford');
  await eventually(async () => assert.equal(params(page).get('q'), 'Watford'));
  // Drawn again at the new zoom (the canvas is redrawn in an animation frame).
  let changed;
  await eventually(async () => {
    changed = await outlineShape(page);
    assert.ok(changed.n > 0 && (changed.n !== before.n || Math.abs(changed.x - before.x) > 5), 'the outlines were drawn again for the new view');
  });
  // The same address loaded afresh: the outlines arrive after the first fit and are drawn at that view.
  await page.reload();
  await eventually(async () => {
    const fresh = await outlineShape(page);
    assert.ok(fresh.n > 0, 'the outlines are drawn');
    assert.ok(Math.abs(fresh.n - changed.n) <= fresh.n * 0.02, `as many outline pixels (${changed.n} after the change, ${fresh.n} fresh)`);
    assert.ok(Math.abs(fresh.x - changed.x) <= 2 && Math.abs(fresh.y - changed.y) <= 2, `in the same place (${JSON.stringify(changed)} after the change, ${JSON.stringify(fresh)} fresh)`);
  });
});

appTest('a list entry is short, and choosing it opens the full card with everything a person needs', {}, async ({ page }) => {
  for (const s of SCHEMES) {
    const e = entry(page, s.name);
    const text = (await e.textContent()).replace(/\s+/g, ' ');
    for (const part of [s.name, s.centre, s.town]) assert.ok(text.includes(part), `${s.name}: "${part}" in the short entry "${text}"`);
    for (const c of s.conditions) assert.ok(text.toLowerCase().includes(conditionLabel(c).toLowerCase()), `${s.name}: condition ${c}`);
    assert.equal(await e.locator('a').count(), 0, `${s.name}: the short entry has no contact links`);
    assert.equal(text.includes('Self-referral'), s.referral.includes('self-referral'), `${s.name}: the self-referral badge`);
    await e.getByRole('heading', { level: 3 }).getByRole('button', { name: s.name, exact: true }).click();
    await eventually(async () => assert.equal(await e.getAttribute('aria-current'), 'true'));
    await checkCard(e, s);
  }
});

appTest('choosing a list entry pans to its marker, opens its popup and updates the URL', {}, async ({ page }) => {
  const s = SCHEMES.at(-1);
  const e = entry(page, s.name);
  await e.getByRole('heading', { level: 3 }).getByRole('button', { name: s.name, exact: true }).click();
  const popup = await openPopup(page);
  assert.equal((await popup.getByRole('heading', { level: 3 }).textContent()).trim(), s.name);
  await checkCard(popup, s);
  assert.equal(await e.getAttribute('aria-current'), 'true');
  assert.equal(await entries(page).and(page.locator('[aria-current="true"]')).count(), 1, 'one entry is current');
  await eventually(async () => assert.equal(params(page).get('scheme'), s.id));
  await eventually(async () => assert.ok(await inViewport(marker(page, s.name)), 'the marker is in view'));
  await assertAccessible(page, 'popup-open');

  // Choosing another entry moves the popup and the highlight.
  const other = SCHEMES[0];
  await entry(page, other.name).getByRole('button', { name: other.name, exact: true }).click();
  await eventually(async () => {
    assert.equal((await popup.getByRole('heading', { level: 3 }).textContent()).trim(), other.name);
    assert.equal(await entry(page, other.name).getAttribute('aria-current'), 'true');
    assert.equal(await e.getAttribute('aria-current'), null);
    assert.equal(params(page).get('scheme'), other.id);
  });
});

appTest('choosing a marker opens its popup, highlights its list entry and scrolls it into view', {}, async ({ page }) => {
  // The last entry of the list is out of view until the marker is chosen.
  const s = SCHEMES.at(-1);
  const e = entry(page, s.name);
  assert.equal(await inViewport(e), false, 'the last entry starts out of view');
  await marker(page, s.name).click();
  const popup = await openPopup(page);
  assert.equal((await popup.getByRole('heading', { level: 3 }).textContent()).trim(), s.name);
  await eventually(async () => {
    assert.equal(await e.getAttribute('aria-current'), 'true');
    assert.ok(await inViewport(e), 'the entry is scrolled into view');
    assert.equal(params(page).get('scheme'), s.id);
  });

  // Closing the popup clears the selection.
  await page.locator('#map .leaflet-popup-close-button').click();
  await eventually(async () => {
    assert.equal(await page.locator('#map .leaflet-popup').count(), 0);
    assert.equal(await e.getAttribute('aria-current'), null);
    assert.equal(params(page).has('scheme'), false);
  });
});

appTest('markers are reachable by keyboard and open the popup with Enter', {}, async ({ page }) => {
  const s = SCHEMES[0];
  await marker(page, s.name).focus();
  await page.keyboard.press('Enter');
  const popup = await openPopup(page);
  assert.equal((await popup.getByRole('heading', { level: 3 }).textContent()).trim(), s.name);
});

appTest('the initial state has no accessibility violations', {}, async ({ page }) => {
  await expectShown(page, ALL);
  await assertAccessible(page, 'initial');
});

/** Checks a scheme card (list entry or popup) against the scheme's record. */
async function checkCard(card, s) {
  const text = (await card.textContent()).replace(/\s+/g, ' ');
  const has = (part, what) => assert.ok(text.includes(part), `${s.name}: ${what} "${part}" in "${text}"`);
  // Lists of conditions and routes may be in sentence case ("Heart and circulation, diabetes").
  const hasWord = (part, what) => assert.ok(text.toLowerCase().includes(part.toLowerCase()), `${s.name}: ${what} "${part}" in "${text}"`);
  has(s.name, 'name');
  has(s.centre, 'centre');
  has(s.operator, 'operator');
  has(s.postcode, 'postcode');
  has(s.town, 'town');
  has(describePrice(s.price), 'price');
  // The concession comes last, after the full price's weekly figure: "£2.80 a session (about
  // £8.40 a week at 3 sessions a week); concessions £2", not two brackets in a row.
  if (concessionWords(s.price)) {
    const price = (await card.locator('.price').textContent()).replace(/\s+/g, ' ');
    assert.ok(price.startsWith(describePrice(s.price)) && price.endsWith(concessionWords(s.price)), `${s.name}: the price line "${price}"`);
    assert.ok(!price.includes(') ('), `${s.name}: no two brackets in a row in "${price}"`);
  }
  has('Conditions', 'heading');
  for (const c of s.conditions) hasWord(conditionLabel(c), 'condition');
  has('Who can refer', 'heading');
  // Called what the page's notice calls it.
  if (s.sample) has('Demonstration data', 'sample tag');
  for (const r of s.referral) hasWord(referralLabel(r), 'referral route');
  // What a patient does next, in one sentence (the handout's and the copied text's).
  has('How to join', 'heading');
  has(s.referral.includes('self-referral') ? 'Self-referral: ' : 'Referral needed from ', 'how to join');
  if (s.min_age != null && s.max_age != null) has(`${s.min_age} to ${s.max_age}`, 'age range');
  else if (s.min_age != null) has(`${s.min_age}+`, 'age range');
  else if (s.max_age != null) has(`up to ${s.max_age}`, 'age range');
  if (s.programme_weeks != null) has(`${s.programme_weeks} weeks`, 'programme length');
  if (s.sessions?.length) {
    const day = (d) => d[0].toUpperCase() + d.slice(1);
    has('Sessions', 'heading');
    has(`${s.sessions.map((x) => `${day(x.day)} ${x.start}–${x.end}`).join(', ')}`, 'session times');
  }
  has('Last checked', 'heading');
  const [y, m, d] = s.last_verified.split('-').map(Number);
  const month = new Date(Date.UTC(y, m - 1, d)).toLocaleString('en-GB', { month: 'long', timeZone: 'UTC' });
  has(`${d} ${month} ${y}`, 'last-checked date');

  if (s.phone) {
    const tel = card.locator('a[href^="tel:"]');
    assert.equal(await tel.count(), 1, `${s.name}: one phone link`);
    assert.equal(await tel.getAttribute('href'), `tel:${s.phone.replace(/[\s()-]/g, '')}`);
    assert.equal((await tel.textContent()).trim(), s.phone);
  }
  if (s.email) {
    // The scheme's own address (the card's "Report a change" link mails the maintainer instead).
    const mail = card.locator(`a[href="mailto:${s.email}"]`);
    assert.equal(await mail.count(), 1, `${s.name}: one email link`);
    assert.equal((await mail.textContent()).trim(), s.email);
  }
  if (s.website) {
    const site = card.locator(`a[href="${s.website}"]`);
    assert.equal(await site.count(), 1, `${s.name}: one website link`);
    assert.equal(await site.getAttribute('target'), '_blank');
    assert.equal(await site.getAttribute('rel'), 'noopener noreferrer');
  }
  // Every link in a card is http(s), tel or mailto; new tabs never get the opener.
  for (const a of await card.locator('a').all()) {
    const href = await a.getAttribute('href');
    assert.match(href, /^(https?:|tel:|mailto:)/, `${s.name}: link ${href}`);
    if ((await a.getAttribute('target')) === '_blank') assert.equal(await a.getAttribute('rel'), 'noopener noreferrer');
  }
}
