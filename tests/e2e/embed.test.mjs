// Partners embedding the map (issue 12): a partner's page on ANOTHER loopback origin embeds two
// maps with different presets and fixed filters, and loads embed.js from the map's origin. Each
// frame shows only its schemes without its fixed controls, its height follows its content, "Open
// the full map" carries the view, "Use my location" works inside the frame, axe is clean inside
// each frame. The embed-code builder refuses unreadable colours, and its snippet, pasted into a
// fresh partner page, reproduces its preview.

import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { assertAccessible, assertClean, checked, eventually, expectShown, holdBack, listNames, openApp, ready } from './harness.mjs';
import { embedScript, frameOf, hostHtml, iframeHtml, openHostPage, startHostPage } from './host-page.mjs';
import { SCHEMES, config, expectedNames } from './schemes.mjs';

let hostStarted;
/** The partner's server, started once for this file. */
const partner = () => (hostStarted ??= startHostPage());
after(async () => {
  if (hostStarted) await (await hostStarted).close();
});

/** Two maps: Watford's schemes (district fixed), and diabetes schemes (condition fixed). */
const WATFORD = { id: 'watford-map', query: '?district=watford&embed=1&lock=district&frame=watford-map', title: 'Exercise referral schemes in Watford' };
const DIABETES = { id: 'diabetes-map', query: '?condition=diabetes&embed=1&lock=condition&frame=diabetes-map', title: 'Exercise referral schemes for diabetes' };

const twoMaps = (mapOrigin, { script = true } = {}) =>
  hostHtml({
    body: [WATFORD, DIABETES].map((m) => iframeHtml({ src: mapOrigin + '/' + m.query, title: m.title, id: m.id })).join('\n')
      + (script ? `\n${embedScript(mapOrigin)}` : ''),
  });

/** A test on a partner page: opens it, runs `body`, checks every frame stayed clean; a screenshot on failure. */
function partnerTest(name, { path, html, ...options }, body) {
  test(name, { timeout: 120_000 }, async () => {
    const host = await partner();
    await checked(name, await openHostPage(host, path, html, options), (app) => body(app, host));
  });
}

/** The frame's content height (its body) and the iframe's height on the host page, in CSS pixels. */
async function heights(page, frame, id) {
  const content = await frame.evaluate(() => Math.ceil(document.body.getBoundingClientRect().height));
  const outer = await page.locator(`#${id}`).evaluate((f) => f.getBoundingClientRect().height);
  return { content, outer };
}

/**
 * Waits until the iframe is exactly as tall as its content (embed.js at work); returns the height.
 * The frame is scrolled into view first: Chromium pauses the rendering of cross-origin frames out
 * of view (so their ResizeObserver too) until a visitor scrolls to them.
 */
async function expectHeightFollows(page, frame, id) {
  await page.locator(`#${id}`).scrollIntoViewIfNeeded();
  return eventually(async () => {
    assert.equal(await frame.evaluate(() => document.documentElement.classList.contains('auto-height')), true, 'natural-height layout');
    const h = await heights(page, frame, id);
    assert.ok(Math.abs(h.content - h.outer) <= 1, `#${id} is ${h.outer}px for ${h.content}px of content`);
    return h.outer;
  });
}

const group = (frame, name) => frame.getByRole('group', { name, exact: true });

partnerTest(
  'two maps on a partner page from another origin each show only their schemes, without their fixed controls, axe clean in each',
  { path: '/two-maps.html', html: (o) => twoMaps(o) },
  async ({ page, warnings }) => {
    const watford = await frameOf(page, `#${WATFORD.id}`);
    const diabetes = await frameOf(page, `#${DIABETES.id}`);
    await ready(watford);
    await ready(diabetes);
    await expectShown(watford, expectedNames({ districts: ['watford'] }));
    await expectShown(diabetes, expectedNames({ conditions: ['diabetes'] }));

    // What the partner's page hears from the maps: heights, never how many schemes a visitor's
    // filters leave (a condition filter is health information; that count goes only to the map's
    // own origin, the embed-code builder).
    await page.evaluate(() => window.addEventListener('message', (e) => (window.heard ??= []).push(String(e.data))));

    // Fixed controls are absent; the others are there.
    assert.equal(await group(watford, 'District').count(), 0, 'no District filter in the Watford map');
    assert.equal(await group(watford, 'Condition').count(), 1);
    assert.equal(await group(diabetes, 'Condition').count(), 0, 'no Condition filter in the diabetes map');
    assert.equal(await group(diabetes, 'District').count(), 1);
    // "Clear filters" only for what a visitor set (the fixed filters are not theirs to clear).
    assert.equal(await watford.getByRole('button', { name: 'Clear filters' }).count(), 0);
    await watford.getByRole('group', { name: 'Condition' }).getByLabel('Weight', { exact: true }).check();
    await expectShown(watford, expectedNames({ districts: ['watford'], conditions: ['weight'] }));
    await watford.getByRole('button', { name: 'Clear filters' }).click();
    await expectShown(watford, expectedNames({ districts: ['watford'] }));
    const heard = await eventually(async () => {
      const h = (await page.evaluate(() => window.heard ?? [])).map((m) => JSON.parse(m));
      assert.ok(h.length > 0, 'the maps posted their heights after the filter changes');
      return h;
    });
    assert.deepEqual(heard.filter((m) => m.type !== 'referral-map:resize' || 'count' in m), [], 'nothing but heights');
    assert.deepEqual(warnings.filter((w) => /postMessage/.test(w)), [], 'no message aimed at another origin (a warning on the partner\'s page)');
    // What each map is limited to, in one line; no page heading or intro, a heading for screen readers.
    await watford.getByText('Showing schemes in Watford', { exact: true }).waitFor();
    await diabetes.getByText('Showing schemes for diabetes', { exact: true }).waitFor();
    for (const f of [watford, diabetes]) {
      assert.equal(await f.locator('.intro').count(), 0, 'no intro');
      const h1 = f.getByRole('heading', { level: 1 });
      assert.equal(await h1.count(), 1);
      assert.equal(await h1.evaluate((e) => e.getBoundingClientRect().width <= 1), true, 'the heading is visually hidden');
      const notice = await f.getByTestId('sample-notice').evaluate((e) => ({ height: e.clientHeight, line: parseFloat(getComputedStyle(e).lineHeight) }));
      assert.ok(notice.height < 2 * notice.line, `the sample notice is one line (${JSON.stringify(notice)})`);
      assert.equal(await f.getByRole('link', { name: 'Embed this map on your website' }).count(), 0);
      await f.getByRole('list', { name: 'Data sources' }).waitFor({ state: 'attached' });
    }
    // The iframes are named by their titles on the partner's page.
    assert.equal(await page.getByTitle(WATFORD.title).count(), 1);

    await assertAccessible(watford, 'Watford map embedded');
    await assertAccessible(diabetes, 'diabetes map embedded');
  },
);

partnerTest(
  'each embedded map keeps its own height, following its content as the list grows and shrinks',
  { path: '/two-maps-heights.html', html: (o) => twoMaps(o) },
  async ({ page }) => {
    const watford = await frameOf(page, `#${WATFORD.id}`);
    const diabetes = await frameOf(page, `#${DIABETES.id}`);
    await ready(watford);
    await ready(diabetes);
    const watfordHeight = await expectHeightFollows(page, watford, WATFORD.id);
    const eight = await expectHeightFollows(page, diabetes, DIABETES.id);

    // Free only: 2 schemes instead of 8, so the diabetes map shrinks; Watford's stays as it was.
    await diabetes.getByLabel('Price', { exact: true }).selectOption('free');
    await expectShown(diabetes, expectedNames({ conditions: ['diabetes'], price: 'free' }));
    const two = await eventually(async () => {
      const h = await expectHeightFollows(page, diabetes, DIABETES.id);
      assert.ok(h < eight, `shrinks from ${eight}px (now ${h}px)`);
      return h;
    });
    // And grows back.
    await diabetes.getByLabel('Price', { exact: true }).selectOption('any');
    await expectShown(diabetes, expectedNames({ conditions: ['diabetes'] }));
    await eventually(async () => assert.equal(await expectHeightFollows(page, diabetes, DIABETES.id), eight));
    assert.ok(two < eight);
    assert.equal(await expectHeightFollows(page, watford, WATFORD.id), watfordHeight, 'the other map keeps its height');
  },
);

const ALL_MAP = { id: 'all-map', query: '?embed=1&frame=all-map', title: 'Exercise referral schemes in Hertfordshire' };

partnerTest(
  'in a map as tall as its content, Share opens beside its button, in the visitor\'s sight, and Copy link can copy (the snippet allows clipboard-write)',
  {
    path: '/all-map.html',
    html: (o) => hostHtml({ body: `${iframeHtml({ src: o + '/' + ALL_MAP.query, title: ALL_MAP.title, id: ALL_MAP.id })}\n${embedScript(o)}` }),
    contextOptions: { permissions: ['clipboard-read', 'clipboard-write'] },
  },
  async ({ page }) => {
    const frame = await frameOf(page, `#${ALL_MAP.id}`);
    await ready(frame);
    await expectHeightFollows(page, frame, ALL_MAP.id);
    // A scheme far down the frame (the list is in the file's order), chosen from the list: its
    // card's Share button, scrolled to.
    const chosen = SCHEMES.at(-2).name;
    await frame.locator('.result-list').getByRole('button', { name: chosen, exact: true }).click();
    const share = frame.locator('li[aria-current="true"]').getByRole('button', { name: `Share ${chosen}` });
    await share.scrollIntoViewIfNeeded();
    const height = page.viewportSize().height;
    const at = await share.boundingBox();
    assert.ok(at.y > 0 && at.y < height, `the Share button is in sight (${JSON.stringify(at)})`);
    await share.click();
    const dialog = frame.getByRole('dialog', { name: `Share ${chosen}` });
    await dialog.waitFor({ state: 'visible' });
    const close = dialog.getByRole('button', { name: 'Close' });
    await eventually(async () => {
      const box = await close.boundingBox();
      assert.ok(box.y >= 0 && box.y + box.height <= height, `the dialog's Close button is in sight: ${JSON.stringify(box)} in ${height}px`);
      const title = await dialog.getByRole('heading', { level: 2 }).boundingBox();
      assert.ok(title.y >= 0 && title.y < height, `its title is in sight: ${JSON.stringify(title)}`);
    });
    await dialog.getByRole('button', { name: 'Copy link' }).click();
    await dialog.getByText('Link copied', { exact: true }).waitFor();
    await close.click();
    await dialog.waitFor({ state: 'hidden' });
  },
);

// 768: a partner page as wide as a tablet held upright, whose frame is 701 to 760 px wide (the
// wide layout once left those widths out, and the list and map grew to 7,000 px inside the frame).
for (const width of [1280, 768]) partnerTest(
  `without embed.js the map works at the fixed height: the map fills the frame and the list scrolls inside (partner page ${width} px wide)`,
  { path: `/no-script-${width}.html`, html: (o) => twoMaps(o, { script: false }), viewport: { width, height: 900 } },
  async ({ page }) => {
    const diabetes = await frameOf(page, `#${DIABETES.id}`);
    await ready(diabetes);
    await expectShown(diabetes, expectedNames({ conditions: ['diabetes'] }));
    assert.equal(await page.locator(`#${DIABETES.id}`).evaluate((f) => f.getBoundingClientRect().height), 600);
    assert.equal(await diabetes.evaluate(() => document.documentElement.classList.contains('auto-height')), false);
    const layout = await diabetes.evaluate(() => {
      const panel = document.querySelector('.panel');
      const map = document.querySelector('#map').getBoundingClientRect();
      return { bodyHeight: document.body.getBoundingClientRect().height, mapBottom: map.bottom, mapHeight: map.height, scrolls: panel.scrollHeight > panel.clientHeight };
    });
    assert.ok(layout.bodyHeight <= 600, `the page fits the frame (${layout.bodyHeight}px)`);
    assert.ok(layout.mapHeight > 300 && layout.mapBottom <= 600, `the map fills the frame (${JSON.stringify(layout)})`);
    assert.ok(layout.scrolls, 'the list scrolls inside the frame');
  },
);

partnerTest(
  '"Open the full map" opens the current view in a new tab, without the embed parameters',
  { path: '/full-map.html', html: (o) => twoMaps(o) },
  async ({ page, context, server }) => {
    const diabetes = await frameOf(page, `#${DIABETES.id}`);
    await ready(diabetes);
    await diabetes.getByLabel('Price', { exact: true }).selectOption('free');
    const link = diabetes.getByRole('link', { name: /Open the full map/ });
    await eventually(async () => assert.equal(await link.getAttribute('href'), `${server.origin}/?condition=diabetes&price=free`));
    // The frame's own address keeps its embed parameters as the view changes (a reload stays embedded).
    await eventually(async () =>
      assert.equal(new URL(diabetes.url()).search, '?condition=diabetes&price=free&embed=1&lock=condition&frame=diabetes-map'),
    );
    assert.equal(await link.getAttribute('target'), '_blank');
    assert.match(await link.getAttribute('rel'), /\bnoopener\b/);
    const [full] = await Promise.all([context.waitForEvent('page'), link.click()]);
    await ready(full);
    await expectShown(full, expectedNames({ conditions: ['diabetes'], price: 'free' }));
    assert.equal(await full.getByRole('heading', { level: 1 }).isVisible(), true, 'the full page with its heading');
    assert.equal(await full.locator('.embed-bar').count(), 0);
    // The full map's footer links to the embed-code builder.
    assert.equal(await full.getByRole('link', { name: 'Embed this map on your website' }).getAttribute('href'), '?tool=embed');
  },
);

partnerTest(
  '"Use my location" works inside the frame (the iframe allows geolocation)',
  {
    path: '/geolocation.html',
    html: (o) => twoMaps(o),
    contextOptions: { geolocation: { latitude: 51.6565, longitude: -0.3903 }, permissions: ['geolocation'] },
  },
  async ({ page }) => {
    const diabetes = await frameOf(page, `#${DIABETES.id}`);
    await ready(diabetes);
    await diabetes.getByRole('button', { name: 'Use my location', exact: true }).click();
    await diabetes.getByText(/Nearest first from/).waitFor();
    assert.match(await diabetes.locator('.search-summary').textContent(), /your location/);
    await assertAccessible(diabetes, 'embedded, searched from the device');
  },
);

partnerTest(
  'an embedded map is usable at 280 px wide, with the List/Map switch',
  {
    path: '/narrow.html',
    html: (o) => hostHtml({ body: `<div style="width:280px">${iframeHtml({ src: `${o}/${WATFORD.query}`, title: WATFORD.title, id: WATFORD.id })}</div>${embedScript(o)}` }),
    viewport: { width: 320, height: 640 },
  },
  async ({ page }) => {
    const watford = await frameOf(page, `#${WATFORD.id}`);
    await ready(watford);
    await expectShown(watford, expectedNames({ districts: ['watford'] }));
    const overflow = await watford.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.equal(overflow, 0, 'nothing wider than the frame');
    await watford.getByRole('group', { name: 'Show results as' }).getByRole('button', { name: 'Map' }).click();
    await watford.locator('#map').waitFor({ state: 'visible' });
    await assertAccessible(watford, 'embedded at 280 px, map shown');
  },
);

/** The slippy-map tile holding a point at a zoom level (the OSM tile scheme the config's tiles use). */
function tileOf(lat, lng, z) {
  const n = 2 ** z;
  const rad = (lat * Math.PI) / 180;
  return { x: Math.floor(((lng + 180) / 360) * n), y: Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n) };
}

test("the preset centre and zoom are the map's first view", { timeout: 90_000 }, async () => {
  const center = { lat: 51.6565, lng: -0.3903 };
  const app = await openApp({ query: `?embed=1&center=${center.lat},${center.lng}&zoom=14` });
  try {
    // Tiles are blocked in tests, but Leaflet still asks for the tiles of its view: the centre's tile at zoom 14.
    const { x, y } = tileOf(center.lat, center.lng, 14);
    await eventually(async () => {
      const tiles = await app.page.locator('#map .leaflet-tile').evaluateAll((imgs) => imgs.map((i) => i.src));
      assert.ok(tiles.some((t) => t.endsWith(`/14/${x}/${y}.png`)), `a tile /14/${x}/${y}.png among ${tiles.slice(0, 4).join(' ')}`);
    });
    assert.equal(await app.page.evaluate(() => document.documentElement.classList.contains('embed')), true);
    assertClean(app);
  } finally {
    await app.context.close();
  }
});

test('the embed-code builder: presets, fixed filters, colours refused with the reason, a live preview, Copy; the pasted snippet reproduces the preview', { timeout: 150_000 }, async () => {
  const app = await openApp({
    query: '?tool=embed', waitReady: false, contextOptions: { permissions: ['clipboard-read', 'clipboard-write'] },
  });
  const { page, server } = app;
  let snippet;
  let previewNames;
  try {
    await page.getByRole('heading', { level: 1, name: 'Embed the map on your website' }).waitFor();
    await assertAccessible(page, 'builder at start');
    // A page that scrolls as a whole (the map's page is one window high and scrolls inside).
    // The mouse wheel over the choices (a script could scroll even a page whose overflow is hidden).
    await page.mouse.move(100, 400);
    await page.mouse.wheel(0, 3000);
    await eventually(async () => assert.ok((await page.evaluate(() => window.scrollY)) > 0, 'the builder page scrolls'));
    await page.evaluate(() => window.scrollTo(0, 0));

    await page.getByRole('group', { name: 'Districts' }).getByLabel('Watford', { exact: true }).check();
    await page.getByRole('group', { name: 'Fixed filters (hidden from visitors)' }).getByLabel('Districts', { exact: true }).check();
    const title = page.getByLabel('Title of the embedded map', { exact: true });
    await eventually(async () => assert.equal(await title.inputValue(), 'Find an exercise referral scheme: showing schemes in Watford'));

    // A colour pair below AA contrast is refused, with the reason, and left out of the code.
    const brand = page.getByLabel('Brand colour', { exact: true });
    await brand.fill('#ffdd00');
    await brand.press('Tab');
    const problem = page.locator('#colour-problem');
    await eventually(async () => assert.match(await problem.textContent(), /contrast of 1\.[0-9]:1; it needs at least 4\.5:1/));
    assert.equal(await problem.getAttribute('role'), 'alert');
    assert.equal(await brand.getAttribute('aria-invalid'), 'true');
    const code = page.getByLabel('Code to paste into your page', { exact: true });
    assert.doesNotMatch(await code.inputValue(), /brand=/);
    // Beside the code, what it leaves out: a partner copying it is not misled.
    const leftOut = page.locator('#snippet-problem');
    assert.equal((await leftOut.textContent()).trim(), "This code leaves out your colours (the map's own are used): put right what is marked above.");
    assert.equal(await code.getAttribute('aria-describedby'), 'snippet-problem');
    await assertAccessible(page, 'builder with refused colours');

    // Dark text on the yellow passes.
    const on = page.getByLabel('Text colour on the brand colour', { exact: true });
    await on.fill('#0b0c0c');
    await on.press('Tab');
    await eventually(async () => assert.equal(await problem.textContent(), ''));
    assert.equal(await brand.getAttribute('aria-invalid'), 'false');
    assert.equal(await leftOut.textContent(), '');
    snippet = await code.inputValue();
    const src = `${server.origin}/?district=watford&embed=1&lock=district&brand=%23ffdd00&brand_text=%230b0c0c`;
    assert.equal(
      snippet,
      `<iframe src="${src.replace(/&/g, '&amp;')}" title="Find an exercise referral scheme: showing schemes in Watford" width="100%" height="600" style="border:0;max-width:100%" loading="lazy" allow="geolocation; clipboard-write" referrerpolicy="strict-origin-when-cross-origin"></iframe>\n<script src="${server.origin}/embed.js" async></script>`,
    );

    // The live preview is the same address, and shows what the partner's visitors will see.
    const preview = page.locator('iframe.embed-preview');
    await eventually(async () => assert.equal(await preview.getAttribute('src'), src));
    assert.equal(await preview.getAttribute('title'), 'Find an exercise referral scheme: showing schemes in Watford');
    const frame = await frameOf(page, 'iframe.embed-preview', src);
    await ready(frame);
    await expectShown(frame, expectedNames({ districts: ['watford'] }));
    previewNames = await listNames(frame);
    assert.equal(await group(frame, 'District').count(), 0);
    assert.equal(await frame.locator('.embed-bar').evaluate((e) => getComputedStyle(e).backgroundColor), 'rgb(255, 221, 0)');
    assert.equal(await frame.locator('.embed-bar').evaluate((e) => getComputedStyle(e).color), 'rgb(11, 12, 12)');
    await assertAccessible(frame, 'builder preview');

    // The code comes right after the choices, not below the preview (as tall as the map it shows).
    const form = await page.locator('.builder-form').boundingBox();
    const codeAt = await page.locator('.builder-code').boundingBox();
    assert.ok(codeAt.y >= form.y + form.height - 1 && codeAt.y <= form.y + form.height + 100, `the code under the choices: ${JSON.stringify({ form, codeAt })}`);

    // Copy: announced, and the clipboard holds the code.
    await page.getByRole('button', { name: 'Copy the code' }).click();
    await page.getByRole('status').filter({ hasText: /^Copied/ }).waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), snippet);
    await assertAccessible(page, 'builder after copying');
    assertClean(app);
  } finally {
    await app.context.close();
  }

  // The snippet pasted into a fresh partner page reproduces the preview.
  const host = await partner();
  const pasted = await openHostPage(host, '/pasted.html', () => hostHtml({ body: snippet }));
  try {
    const frame = await frameOf(pasted.page, 'iframe');
    await ready(frame);
    await expectShown(frame, expectedNames({ districts: ['watford'] }));
    assert.deepEqual(await listNames(frame), previewNames);
    await frame.getByText('Showing schemes in Watford', { exact: true }).waitFor();
    assert.equal(await frame.locator('.embed-bar').evaluate((e) => getComputedStyle(e).backgroundColor), 'rgb(255, 221, 0)');
    await eventually(async () => {
      const content = await frame.evaluate(() => Math.ceil(document.body.getBoundingClientRect().height));
      const outer = await pasted.page.locator('iframe').evaluate((f) => f.getBoundingClientRect().height);
      assert.ok(Math.abs(content - outer) <= 1, `auto height: ${outer}px for ${content}px`);
    });
    assertClean(pasted);
  } finally {
    await pasted.context.close();
  }
});

test('the embed-code builder says when its choices would give a map with no scheme (the preview tells it)', { timeout: 90_000 }, async () => {
  const app = await openApp({ query: '?tool=embed', waitReady: false });
  const { page } = app;
  try {
    await page.getByRole('heading', { level: 1, name: 'Embed the map on your website' }).waitFor();
    assert.deepEqual(expectedNames({ districts: ['broxbourne'], conditions: ['msk'] }), [], 'the test needs a choice with no scheme');
    const warning = page.locator('#snippet-problem').filter({ hasText: 'With these choices the map shows no scheme' });
    assert.equal(await page.locator('#snippet-problem').getAttribute('role'), 'status', 'said when it appears');
    const preview = page.frameLocator('iframe.embed-preview');
    await page.getByRole('group', { name: 'Districts' }).getByLabel('Broxbourne', { exact: true }).check();
    await eventually(async () => assert.match(await preview.getByRole('status').filter({ hasText: /schemes?$/ }).first().textContent(), /^\d+ schemes?$/));
    assert.equal(await warning.count(), 0, 'Broxbourne alone has schemes');
    await page.getByRole('group', { name: 'Conditions' }).getByLabel('Joints, bones and back (MSK)', { exact: true }).check();
    await eventually(async () => assert.equal((await warning.textContent()).trim(), 'With these choices the map shows no scheme: change them in 1.'), 20_000);
    await assertAccessible(page, 'builder warning of an empty map');
    await page.getByRole('group', { name: 'Conditions' }).getByLabel('Joints, bones and back (MSK)', { exact: true }).uncheck();
    await eventually(async () => assert.equal(await warning.count(), 0, 'the warning goes'), 20_000);
    assertClean(app);
  } finally {
    await app.context.close();
  }
});

test('a light placeholder shows at once, before the app has loaded, and goes when the app starts', { timeout: 90_000 }, async () => {
  const app = await openApp({ query: 'embed.js', waitReady: false });
  // The wasm is held back, as on a slow connection.
  const release = await holdBack(app.context, '**/*_bg.wasm');
  try {
    await app.page.goto(`${app.server.url}?district=watford&embed=1`);
    const placeholder = app.page.locator('#loading-placeholder');
    await placeholder.waitFor({ state: 'visible' });
    assert.match(await placeholder.textContent(), /Loading the map of exercise referral schemes/);
    const look = await placeholder.evaluate((e) => ({
      height: e.getBoundingClientRect().height,
      panel: getComputedStyle(e.querySelector('div'), '::before').backgroundColor,
    }));
    assert.ok(look.height >= 300, `it fills the frame (${look.height}px)`);
    assert.notEqual(look.panel, 'rgba(0, 0, 0, 0)', 'not a white box');
    await assertAccessible(app.page, 'placeholder before the app');
    release();
    await ready(app.page);
    assert.equal(await placeholder.count(), 0, 'removed when the app starts');
    assertClean(app);
  } finally {
    release();
    await app.context.close();
  }
});

test("the configuration's brand colours apply to the full map; a partner's valid pair wins in embed mode", { timeout: 90_000 }, async () => {
  const routes = { '/config.json': { body: JSON.stringify({ ...config, brand: { colour: '#005eb8', text: '#ffffff' } }) } };
  const button = (page) => page.getByRole('button', { name: 'Find', exact: true });
  const background = (locator) => locator.evaluate((e) => getComputedStyle(e).backgroundColor);
  const full = await openApp({ routes });
  try {
    await eventually(async () => assert.equal(await background(button(full.page)), 'rgb(0, 94, 184)'));
    assert.equal(await full.page.evaluate(() => document.documentElement.getAttribute('style')), '--accent: #005eb8; --accent-hover: #005eb8; --on-accent: #ffffff;', 'set through the CSSOM');
    await assertAccessible(full.page, 'configured brand colours');
    assertClean(full);
  } finally {
    await full.context.close();
  }
  const partner = await openApp({ routes, query: '?embed=1&brand=%230b0c0c' });
  try {
    await eventually(async () => assert.equal(await background(button(partner.page)), 'rgb(11, 12, 12)'));
    assertClean(partner);
  } finally {
    await partner.context.close();
  }
  // A pair a person could not read, from an address: ignored, the configuration's kept.
  const refused = await openApp({ routes, query: '?embed=1&brand=%23ffdd00' });
  try {
    await eventually(async () => assert.equal(await background(refused.page.locator('.embed-bar')), 'rgb(0, 94, 184)'));
    assertClean(refused);
  } finally {
    await refused.context.close();
  }
});

test("an embedded map whose config.json cannot be read says so in its header, and shows every scheme", { timeout: 90_000 }, async () => {
  const app = await openApp({
    query: '?embed=1', routes: { '/config.json': { body: '{"title": "Half a file' } },
  });
  try {
    await expectShown(app.page, expectedNames({}));
    const notice = app.page.locator('.embed-header').getByTestId('config-notice');
    assert.equal((await notice.textContent()).trim(), "The map's settings could not be read; showing the defaults.");
    await assertAccessible(app.page, 'embedded, config unreadable');
    assertClean(app);
  } finally {
    await app.context.close();
  }
});

/** The paths of the files the page itself loaded (not its frames'). */
const loadedPaths = (page) => page.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname));

test('the map does not load the embed-code builder (a separate wasm, which only the builder page loads)', { timeout: 90_000 }, async () => {
  const map = await openApp({ query: '?embed=1' });
  try {
    const paths = await loadedPaths(map.page);
    assert.ok(paths.some((p) => /\/referral-map-[0-9a-f]+_bg\.wasm$/.test(p)), paths.join(' '));
    assert.ok(!paths.some((p) => p.includes('embed-builder')), paths.join(' '));
    assertClean(map);
  } finally {
    await map.context.close();
  }
  const builder = await openApp({ query: '?tool=embed', waitReady: false });
  try {
    await builder.page.getByRole('heading', { level: 1, name: 'Embed the map on your website' }).waitFor();
    const paths = await loadedPaths(builder.page);
    // (The page also preloads the map's wasm, as index.html does for everyone: the builder's
    // preview frame runs the map, and finds it in the cache.)
    assert.ok(paths.includes('/embed-builder_bg.wasm'), paths.join(' '));
    assertClean(builder);
  } finally {
    await builder.context.close();
  }
});
