// Many schemes (issue 9): 1,000 valid synthetic schemes (bench/generate.mjs, at real postcode
// points) in place of the shipped file. The map groups markers into clusters that say how many
// schemes they hold and are reachable by keyboard; the list shows 50 entries at a time with a
// "Show 50 more" button; a search still finds every match; axe-core is clean with clusters.

import assert from 'node:assert/strict';
import {
  appTest, assertAccessible, countStatus, entries, eventually, filters, params,
} from './harness.mjs';
import { generate, matching } from '../../bench/generate.mjs';

const N = 1000;
const data = generate(N);
const CLUSTER_SCRIPT = '/markercluster/leaflet.markercluster.js';
const routes = {
  '/schemes.geojson': { body: JSON.stringify(data), contentType: 'application/geo+json' },
  // Counted, then served as usual: the map asks for Leaflet.markercluster only when it clusters.
  [CLUSTER_SCRIPT]: {},
};
const squash = (s) => (s ?? '').replace(/\s+/g, ' ').trim();
const clusters = (page) => page.locator('#map .scheme-cluster');

appTest('1,000 schemes: clusters with counts, 50 list entries and "Show 50 more", axe clean', { routes }, async ({ page, requests }) => {
  await eventually(async () => assert.match(squash(await countStatus(page).first().textContent()), /^1000 schemes$/));
  assert.equal(requests[CLUSTER_SCRIPT], 1, 'Leaflet.markercluster was asked for once');
  assert.equal(await entries(page).count(), 50, 'the first 50 entries');
  // Clusters: each a focusable button named with its count.
  await eventually(async () => assert.ok((await clusters(page).count()) > 0, 'some clusters'));
  const names = await clusters(page).evaluateAll((els) => els.map((e) => ({ role: e.getAttribute('role'), tab: e.tabIndex, text: e.textContent })));
  let inClusters = 0;
  for (const c of names) {
    assert.equal(c.role, 'button');
    assert.equal(c.tab, 0);
    const m = /^(\d+) schemes here, zoom in to see them$/.exec(squash(c.text));
    assert.ok(m, `a cluster's name says its count: "${c.text}"`);
    inClusters += Number(m[1]);
  }
  const singles = await page.locator('#map .leaflet-marker-icon:not(.scheme-cluster)').count();
  assert.equal(inClusters + singles, N, 'clusters and single markers account for every scheme');
  await assertAccessible(page, 'clusters');

  // More entries on request; focus goes to the first new one.
  const more = page.getByRole('button', { name: /^Show 50 more/ });
  await more.click();
  await eventually(async () => assert.equal(await entries(page).count(), 100));
  const firstNew = await entries(page).nth(50).getAttribute('id');
  await eventually(async () => {
    const focused = await page.evaluate(() => document.activeElement?.closest('li')?.id);
    assert.equal(focused, firstNew, 'focus is on the first new entry');
  });
  await assertAccessible(page, '100 entries');

  // A search finds every match; the list starts again at 50.
  const found = matching(data, 'Watford');
  await filters(page).search.fill('Watford');
  await eventually(async () => assert.match(squash(await countStatus(page).first().textContent()), new RegExp(`^${found} schemes$`)));
  assert.equal(await entries(page).count(), Math.min(50, found));
  await eventually(async () => assert.equal(params(page).get('q'), 'Watford'));
});

// The app reads the data before its page mounts (src/ui/mod.rs), except when the schemes file's
// answer declares a large body: then the page comes at once and renders while the file is read
// and parsed (about a second at 10,000 schemes), as before.
function seenAtMount() {
  new MutationObserver((records, observer) => {
    if (!document.querySelector('main.layout')) return;
    observer.disconnect();
    window.__atMount = {
      intro: document.querySelector('.page-header .intro')?.textContent ?? null,
      count: document.querySelector('.count[role="status"]')?.textContent ?? null,
    };
  }).observe(document, { childList: true, subtree: true });
}

appTest('1,000 schemes (a large file): the page comes before the file is parsed, saying it is loading, then every scheme', { routes, init: seenAtMount }, async ({ page }) => {
  await eventually(async () => assert.match(squash(await countStatus(page).first().textContent()), /^1000 schemes$/));
  const seen = await page.evaluate(() => window.__atMount);
  assert.equal(squash(seen.count), 'Loading schemes…');
  assert.equal(squash(seen.intro), '', 'the page came before the data (the intro comes with it)');
  await eventually(async () => assert.notEqual(squash(await page.locator('.page-header .intro').textContent()), ''));
});

appTest('a cluster opens with the keyboard (Enter zooms in to its schemes)', { routes }, async ({ page }) => {
  await eventually(async () => assert.ok((await clusters(page).count()) > 0, 'some clusters'));
  const before = await mapZoom(page);
  const first = clusters(page).first();
  await first.focus();
  assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('scheme-cluster')), true, 'a cluster takes focus');
  await page.keyboard.press('Enter');
  await eventually(async () => assert.notEqual(await mapZoom(page), before, 'the map zoomed in'));
  await assertAccessible(page, 'after opening a cluster');
});

/** The map's zoom, as Leaflet's zoom proxy's transform (changes with every zoom step). */
function mapZoom(page) {
  return page.evaluate(() => document.querySelector('#map .leaflet-proxy')?.style.transform ?? '');
}

/** One zoom step `in` or `out` with the map's zoom button, waited for until its animation has
 * ended (Leaflet ignores a zoom asked for while it animates one). */
async function zoomStep(page, which) {
  const before = await mapZoom(page);
  await page.locator(`#map .leaflet-control-zoom-${which}`).click();
  await eventually(async () => assert.notEqual(await mapZoom(page), before, `the map zoomed ${which}`));
  await eventually(async () => assert.equal(await page.locator('#map .leaflet-zoom-anim').count(), 0, 'the zoom ended'));
}

/** Schemes on the map: the counts of the clusters plus the single markers. */
async function onMap(page) {
  const counts = await clusters(page).evaluateAll((els) => els.map((e) => Number(/\d+/.exec(e.textContent)?.[0] ?? NaN)));
  const singles = await page.locator('#map .leaflet-marker-icon:not(.scheme-cluster)').count();
  return counts.reduce((a, b) => a + b, 0) + singles;
}

appTest('1,000 schemes: a search shows exactly its matches on the map, clearing it brings every scheme back', { routes }, async ({ page }) => {
  await eventually(async () => assert.equal(await onMap(page), N, 'every scheme on the map'));
  const found = matching(data, 'Watford');
  const search = filters(page).search;
  await search.fill('Watford');
  await eventually(async () => assert.match(squash(await countStatus(page).first().textContent()), new RegExp(`^${found} schemes$`)));
  // The map fits the matches, so every one of them is in view: clusters and markers add up to them.
  await eventually(async () => assert.equal(await onMap(page), found, 'the matches, and only they, on the map'));
  const titles = await page.locator('#map .leaflet-marker-icon:not(.scheme-cluster)').evaluateAll((els) => els.map((e) => e.title));
  const names = new Set(data.features.filter((f) => JSON.stringify(f.properties).includes('Watford')).map((f) => f.properties.name));
  for (const t of titles) assert.ok(names.has(t), `"${t}" matches the search`);
  await search.fill('');
  await eventually(async () => assert.match(squash(await countStatus(page).first().textContent()), /^1000 schemes$/));
  await eventually(async () => assert.equal(await onMap(page), N, 'every scheme back on the map'));
  await assertAccessible(page, 'after clearing the search');
});

appTest('1,000 schemes: search, clear, the same search again, another search: the map shows exactly the matches each time', { routes }, async ({ page }) => {
  // Clustered, every scheme is one cluster group and a search's matches another (see
  // src/ui/leaflet_adapter.rs): this goes from one to the other and back.
  await eventually(async () => assert.equal(await onMap(page), N, 'every scheme on the map'));
  const search = filters(page).search;
  // The search group comes back holding Watford's markers: to keep them (the same search), and
  // to start again (another search); then one search after another within it.
  for (const words of ['Watford', '', 'Watford', '', 'Stevenage', 'St Albans', '']) {
    const expected = words ? matching(data, words) : N;
    await search.fill(words);
    await eventually(async () => assert.match(squash(await countStatus(page).first().textContent()), new RegExp(`^${expected} schemes$`)));
    await eventually(async () => assert.equal(await onMap(page), expected, `"${words}": the matches, and only they, on the map`));
    if (words) {
      // Zoomed out to the whole area, so that markers the group held for an earlier search
      // elsewhere would be in view too.
      for (let i = 0; i < 3; i++) await zoomStep(page, 'out');
      await eventually(async () => assert.equal(await onMap(page), expected, `"${words}", zoomed out: the matches, and only they, on the map`));
      const names = new Set(data.features.filter((f) => JSON.stringify(f.properties).includes(words)).map((f) => f.properties.name));
      const titles = await page.locator('#map .leaflet-marker-icon:not(.scheme-cluster)').evaluateAll((els) => els.map((e) => e.title));
      for (const t of titles) assert.ok(names.has(t), `"${t}" matches "${words}"`);
    }
  }
  // The clusters put back on the map by the clear are still buttons named with their count.
  const named = await clusters(page).evaluateAll((els) => els.map((e) => [e.getAttribute('role'), e.tabIndex, e.textContent]));
  assert.ok(named.length > 0, 'clusters after the last clear');
  for (const [role, tab, text] of named) {
    assert.equal(role, 'button');
    assert.equal(tab, 0);
    assert.match(squash(text), /^\d+ schemes here, zoom in to see them$/);
  }
  await assertAccessible(page, 'after searching and clearing again');
});

appTest(
  '1,000 schemes with Leaflet.markercluster missing: every scheme is a plain marker and in the list',
  { routes: { ...routes, [CLUSTER_SCRIPT]: { status: 404 } }, expectConsole: [/status of 404/] },
  async ({ page }) => {
    await eventually(async () => assert.match(squash(await countStatus(page).first().textContent()), /^1000 schemes$/));
    assert.equal(await entries(page).count(), 50, 'the first 50 entries');
    await eventually(async () => assert.equal(await page.locator('#map .leaflet-marker-icon').count(), N, 'one marker per scheme'));
    assert.equal(await clusters(page).count(), 0, 'no clusters');
  },
);

appTest(
  '1,000 schemes with Leaflet.markercluster never arriving: the list still shows every scheme',
  { routes: { ...routes, [CLUSTER_SCRIPT]: { stall: true } } },
  async ({ page }) => {
    // The map waits for its plug-in; the list, the map's alternative, renders after a few seconds.
    await eventually(async () => assert.match(squash(await countStatus(page).first().textContent()), /^1000 schemes$/), 15_000);
    assert.equal(await entries(page).count(), 50, 'the first 50 entries');
  },
);

appTest('1,000 schemes: a search and back only add the new entries: no entry is moved, hidden entries come back in place', { routes }, async ({ page }) => {
  await eventually(async () => assert.match(squash(await countStatus(page).first().textContent()), /^1000 schemes$/));
  const ids = () => entries(page).evaluateAll((els) => els.map((e) => e.id));
  const first = await ids();
  assert.equal(first.length, 50);
  // Every entry added to or removed from the list from now on (a moved entry is both).
  await page.evaluate(() => {
    window.__listChanges = { added: [], removed: [] };
    new MutationObserver((records) => {
      for (const r of records) {
        for (const n of r.addedNodes) if (n.nodeName === 'LI') window.__listChanges.added.push(n.id);
        for (const n of r.removedNodes) if (n.nodeName === 'LI') window.__listChanges.removed.push(n.id);
      }
    }).observe(document.querySelector('.result-list'), { childList: true });
  });
  const changes = () => page.evaluate(() => window.__listChanges);
  const search = filters(page).search;
  const found = matching(data, 'Watford');
  await search.fill('Watford');
  await eventually(async () => assert.match(squash(await countStatus(page).first().textContent()), new RegExp(`^${found} schemes$`)));
  const watford = await ids();
  const { added, removed } = await changes();
  assert.deepEqual(removed, [], 'no entry was removed (or moved)');
  assert.deepEqual([...added].sort(), watford.filter((id) => !first.includes(id)).sort(), 'only the entries new to the list were added');
  // Back: the first entries were kept, hidden, and show again where they were; nothing is added.
  await search.fill('');
  await eventually(async () => assert.match(squash(await countStatus(page).first().textContent()), /^1000 schemes$/));
  assert.deepEqual(await ids(), first, 'the same entries in the same order');
  assert.equal((await changes()).added.length, added.length, 'no entry added on the way back');
  assert.deepEqual((await changes()).removed, [], 'none removed');
  // The search again: its entries come back in place, in the same order.
  await search.fill('Watford');
  await eventually(async () => assert.match(squash(await countStatus(page).first().textContent()), new RegExp(`^${found} schemes$`)));
  assert.deepEqual(await ids(), watford);
  assert.equal((await changes()).added.length, added.length, 'nothing made twice');
  await assertAccessible(page, 'after a search, back and the search again');
});

appTest('1,000 schemes: the search group\'s markers are made in idle time after the first view, so a search makes none and shows exactly its matches', { routes }, async ({ page }) => {
  await eventually(async () => assert.equal(await onMap(page), N, 'every scheme on the map'));
  // Count the scheme markers made from now on (every `new L.Marker` calls `initialize`; a
  // scheme's marker has its index in its options, markercluster's clusters do not).
  await page.evaluate(() => {
    window.__made = 0;
    const init = L.Marker.prototype.initialize;
    L.Marker.prototype.initialize = function (...args) {
      if (args[1]?.schemeIndex !== undefined) window.__made += 1;
      return init.apply(this, args);
    };
  });
  // Idle time: three idle periods in a row with nearly all of their 50 ms free.
  await page.evaluate(async () => {
    let free = 0;
    while (free < 3) {
      const left = await new Promise((resolve) => requestIdleCallback((d) => resolve(d.timeRemaining())));
      free = left > 40 ? free + 1 : 0;
    }
  });
  const madeIdle = await page.evaluate(() => window.__made);
  assert.ok(madeIdle <= N, `at most one search-group marker per scheme made in idle time (${madeIdle})`);
  await page.evaluate(() => { window.__made = 0; });
  const found = matching(data, 'Watford');
  await filters(page).search.fill('Watford');
  await eventually(async () => assert.match(squash(await countStatus(page).first().textContent()), new RegExp(`^${found} schemes$`)));
  await eventually(async () => assert.equal(await onMap(page), found, 'the matches, and only they, on the map'));
  assert.equal(await page.evaluate(() => window.__made), 0, 'the search made no markers: they were made ahead');
});

appTest('1,000 schemes: from zoom 15 every scheme is a marker of its own; two schemes at one point are a cluster below that, which spiders them out', { routes }, async ({ page }) => {
  await eventually(async () => assert.equal(await onMap(page), N, 'every scheme on the map'));
  // Two schemes at the very same point (bench/generate.mjs puts some schemes at one postcode).
  const atPoint = data.features.filter((f) => f.properties.postcode === 'SG6 3LR');
  assert.equal(atPoint.length, 2, 'the data has two schemes at SG6 3LR');
  assert.equal(atPoint[0].geometry.coordinates.join(), atPoint[1].geometry.coordinates.join(), 'at the same point');
  const names = atPoint.map((f) => f.properties.name).sort();
  await filters(page).search.fill('SG6 3LR');
  await eventually(async () => assert.match(squash(await countStatus(page).first().textContent()), /^2 schemes$/));
  // The fit (zoom 14 at most): one cluster of the two.
  const singles = () => page.locator('#map .leaflet-marker-icon:not(.scheme-cluster)');
  await eventually(async () => assert.deepEqual([await clusters(page).count(), await singles().count()], [1, 0], 'one cluster, no single marker'));
  assert.match(squash(await clusters(page).first().textContent()), /^2 schemes here, zoom in to see them$/);
  // Zoomed in one step (to 15): two markers, no cluster.
  await zoomStep(page, 'in');
  await eventually(async () => assert.deepEqual([await clusters(page).count(), await singles().count()], [0, 2], 'two markers, no cluster'));
  assert.deepEqual((await singles().evaluateAll((els) => els.map((e) => e.title))).sort(), names);
  await assertAccessible(page, 'zoomed in past clustering');
  // Back to 14: the cluster, which Enter spiders out into its two markers.
  await zoomStep(page, 'out');
  await eventually(async () => assert.deepEqual([await clusters(page).count(), await singles().count()], [1, 0], 'the cluster again'));
  await clusters(page).first().focus();
  await page.keyboard.press('Enter');
  await eventually(async () => assert.deepEqual((await singles().evaluateAll((els) => els.map((e) => e.title))).sort(), names, 'spidered out'));
  await assertAccessible(page, 'a cluster spidered out');
});
