// Clinicians' signposting (issue 11): clinical words in the Search box, copying a scheme's details
// for the record (read back from the real clipboard), sharing its link with a QR code, reporting a
// change, and the printed handout (a PDF page count, a print-media screenshot, and the printed QR
// decoded by jsQR, an independent decoder). Keyboard only, axe-clean in every new state.

import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { appTest, assertAccessible, entry, eventually, expectShown, filters } from './harness.mjs';
import { ARTIFACTS, ROOT } from './paths.mjs';
import { SCHEMES, concessionWords, config, describePrice } from './schemes.mjs';

const JSQR = readFileSync(join(ROOT, 'node_modules/jsqr/dist/jsQR.js'), 'utf8');
const squash = (s) => (s ?? '').replace(/\s+/g, ' ').trim();
/** A scheme's sessions as the card, the record and the handout write them: "Mon 13:00–14:00, Fri 10:00–11:00". */
const sessionsText = (s) => s.sessions.map((x) => `${x.day[0].toUpperCase()}${x.day.slice(1)} ${x.start}–${x.end}`).join(', ');
const longDate = (iso) => new Date(`${iso}T12:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const namesFor = (code) => SCHEMES.filter((s) => s.conditions.includes(code)).map((s) => s.name);
const button = (page, name) => page.getByRole('button', { name, exact: true });

/** Presses a control with the keyboard: focus, then Enter. */
async function press(locator) {
  await locator.focus();
  await locator.press('Enter');
}

/** Decodes the QR code in a PNG with jsQR in a blank page of the same browser. */
/**
 * Opens a scheme's full card, where its actions are: list entries are short and choosing one opens
 * the card (issue 9). On a phone the chosen scheme is shown on the map, whose card's "All details"
 * comes back to the full card in the list.
 */
async function openCard(page, s, { phone = false } = {}) {
  const e = entry(page, s.name);
  await press(e.getByRole('heading', { level: 3 }).getByRole('button', { name: s.name, exact: true }));
  if (phone) {
    const popup = page.locator('#map .leaflet-popup');
    await popup.waitFor();
    await press(popup.getByRole('button', { name: /^All details/ }));
  }
  await eventually(async () => assert.equal(await e.getAttribute('aria-current'), 'true'));
  return e;
}

async function decodeQr(context, png) {
  const page = await context.newPage();
  try {
    await page.addScriptTag({ content: JSQR });
    return await page.evaluate(async (b64) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.naturalWidth;
      canvas.height = img.naturalHeight;
      const ctx = canvas.getContext('2d');
      ctx.drawImage(img, 0, 0);
      const data = ctx.getImageData(0, 0, canvas.width, canvas.height);
      return window.jsQR(data.data, canvas.width, canvas.height)?.data ?? null;
    }, png.toString('base64'));
  } finally {
    await page.close();
  }
}

// ---- clinical words ------------------------------------------------------------------------------

const CLINICAL = [
  ['COPD', 'breathing', 'matches: breathing (COPD)'],
  ['post-MI', 'heart', 'matches: heart (post-MI)'],
  ['T2DM', 'diabetes', 'matches: diabetes (T2DM)'],
  ['low mood', 'mental-health', 'matches: mental health (low mood)'],
  ['Parkinsons', 'neurological', "matches: neurological (Parkinson's)"],
  ['osteoarthritus', 'msk', 'matches: MSK (osteoarthritis)'],
  ['frailty', 'falls', 'matches: falls (frailty)'],
  ['perimenopause', 'menopause', 'matches: menopause (perimenopause)'],
];

appTest('clinical words in the search find the schemes for the condition, and each says why', {}, async ({ page }) => {
  const f = filters(page);
  for (const [q, code, reason] of CLINICAL) {
    const want = namesFor(code);
    assert.ok(want.length > 0, `the data has a scheme for ${code}`);
    await f.search.fill(q);
    await expectShown(page, want);
    for (const name of want) {
      assert.equal(squash(await entry(page, name).locator('.match-reason').textContent()), reason, `${q}: ${name}`);
    }
  }
  await assertAccessible(page, 'searched with a clinical word');
  // "ms" is multiple sclerosis, not every scheme whose words contain the letters m, s.
  await f.search.fill('ms');
  await expectShown(page, namesFor('neurological'));
  // A plain word is still plain text, with no reason given.
  await f.search.fill('watford');
  await expectShown(page, SCHEMES.filter((s) => s.town === 'Watford').map((s) => s.name));
  assert.equal(await page.locator('.match-reason').count(), 0);
});

// ---- copy for the record -------------------------------------------------------------------------

const CLIPBOARD = { contextOptions: { permissions: ['clipboard-read', 'clipboard-write'] } };

appTest('"Copy details" puts the scheme on the clipboard as plain text, with when its sessions are, and says "Copied"', CLIPBOARD, async ({ page, server }) => {
  // A scheme with sessions, a programme length and notes, so the record must say them.
  const s = SCHEMES.find((x) => x.sessions?.length && x.programme_weeks && x.notes);
  const card = await openCard(page, s);
  await press(card.getByRole('button', { name: `Copy details of ${s.name}`, exact: true }));
  await eventually(async () => assert.equal(squash(await card.getByRole('status').textContent()), 'Copied'));
  const text = await page.evaluate(() => navigator.clipboard.readText());
  const lines = text.split('\n');
  assert.equal(lines[0], `Exercise referral scheme: ${s.name}`);
  for (const line of [
    `Centre: ${s.centre} (${s.operator})`,
    `Address: ${s.address}, ${s.town} ${s.postcode}`,
    `Phone: ${s.phone}`,
    `Email: ${s.email}`,
    `Website: ${s.website}`,
    `Details last checked: ${longDate(s.last_verified)}`,
    `Link: ${server.url}?scheme=${s.id}`,
    `Programme: ${s.programme_weeks} weeks`,
    `Sessions: ${sessionsText(s)}`,
    `Notes: ${s.notes}`,
  ]) {
    assert.ok(lines.includes(line), `the record has "${line}":\n${text}`);
  }
  assert.ok(lines.some((l) => l.startsWith(`Price: ${describePrice(s.price)}`) && l.includes(concessionWords(s.price))), text);
  assert.ok(lines.some((l) => l.startsWith('Who can refer: GP')), text);
  assert.ok(lines.some((l) => l.startsWith('How to join: ')), text);
  assert.ok(!/[<>]/.test(text), 'plain text');
  await assertAccessible(page, 'copied');
});

appTest('where the browser refuses the clipboard, the details are shown selected for Ctrl+C', {}, async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(navigator, 'clipboard', {
      value: { writeText: () => Promise.reject(new DOMException('refused by the test', 'NotAllowedError')) },
    });
  });
  await page.reload();
  const s = SCHEMES[1];
  const card = await openCard(page, s);
  await press(card.getByRole('button', { name: `Copy details of ${s.name}`, exact: true }));
  await eventually(async () => assert.match(squash(await card.getByRole('status').textContent()), /press Ctrl\+C/));
  const box = card.locator('textarea');
  await eventually(async () => {
    const sel = await box.evaluate((t) => ({ focused: document.activeElement === t, start: t.selectionStart, end: t.selectionEnd, len: t.value.length, ro: t.readOnly, value: t.value }));
    assert.ok(sel.focused, 'the text is focused');
    assert.ok(sel.ro, 'read-only');
    assert.deepEqual([sel.start, sel.end], [0, sel.len], 'all of it selected');
    assert.ok(sel.value.startsWith(`Exercise referral scheme: ${s.name}`));
  });
  await assertAccessible(page, 'clipboard refused');
});

// ---- share ---------------------------------------------------------------------------------------

appTest('"Share" opens a dialog with the link and a large QR code; Escape closes it and focus returns', CLIPBOARD, async ({ page, context, server }) => {
  const s = SCHEMES[2];
  const link = `${server.url}?scheme=${s.id}`;
  const share = (await openCard(page, s)).getByRole('button', { name: `Share ${s.name}`, exact: true });
  await press(share);
  const dialog = page.getByRole('dialog', { name: `Share ${s.name}` });
  await dialog.waitFor();
  assert.equal(await dialog.getByLabel('Link to this scheme').inputValue(), link);
  assert.ok(await dialog.evaluate((d) => d.contains(document.activeElement)), 'focus moved into the dialog');
  const qr = dialog.getByRole('img', { name: `QR code of the link to ${s.name}` });
  const size = await qr.boundingBox();
  assert.ok(size.width >= 250, `a large QR code (${size.width}px)`);
  assert.equal(await decodeQr(context, await qr.screenshot()), link);
  await assertAccessible(page, 'share dialog open');

  await press(dialog.getByRole('button', { name: 'Copy link', exact: true }));
  await eventually(async () => assert.equal(squash(await dialog.getByRole('status').textContent()), 'Link copied'));
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), link);

  await page.keyboard.press('Escape');
  await eventually(async () => assert.equal(await dialog.count(), 0, 'the dialog closed'));
  assert.ok(await share.evaluate((b) => document.activeElement === b), 'focus is back on "Share"');
  // "Close" closes it too, and focus returns again.
  await press(share);
  await dialog.waitFor();
  await press(dialog.getByRole('button', { name: 'Close', exact: true }));
  await eventually(async () => assert.ok(await share.evaluate((b) => document.activeElement === b)));
});

appTest('the share dialog fits a 320 px phone', { viewport: { width: 320, height: 640 } }, async ({ page }) => {
  const s = SCHEMES[0];
  const share = (await openCard(page, s, { phone: true })).getByRole('button', { name: `Share ${s.name}`, exact: true });
  await press(share);
  const dialog = page.getByRole('dialog', { name: `Share ${s.name}` });
  await dialog.waitFor();
  const box = await dialog.boundingBox();
  assert.ok(box.x >= 0 && box.x + box.width <= 320, `the dialog is within the screen (${JSON.stringify(box)})`);
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 320), 'no sideways scrolling');
  await assertAccessible(page, 'share dialog on a phone');
});

// ---- report a change -----------------------------------------------------------------------------

appTest('every card has "Report a change", a prefilled email to the configured maintainer', {}, async ({ page }) => {
  const s = SCHEMES[3];
  const a = (await openCard(page, s)).getByRole('link', { name: /^Report a change to this scheme/ });
  const href = new URL(await a.getAttribute('href'));
  assert.equal(href.protocol, 'mailto:');
  assert.equal(href.pathname, config.maintainer_email);
  const subject = href.searchParams.get("subject") ?? "";
  assert.equal(subject, `Change to scheme: ${s.name} (${s.id})`);
  const body = href.searchParams.get("body") ?? "";
  assert.ok(body.includes(`Id: ${s.id}`) && body.includes(`Last checked: ${longDate(s.last_verified)}`), body);
  // The link is in every full card: the chosen entry's and the popup's (list entries are short).
  assert.equal(await page.getByRole('link', { name: /^Report a change to this scheme/ }).count(), 2);
});

const noMaintainer = JSON.stringify({ ...config, maintainer_email: undefined });
appTest('without a maintainer in the configuration there is no "Report a change" link', { routes: { '/config.json': { body: noMaintainer } } }, async ({ page }) => {
  await expectShown(page, SCHEMES.map((s) => s.name));
  assert.equal(await page.getByRole('link', { name: /Report a change/ }).count(), 0);
});

// ---- print ---------------------------------------------------------------------------------------

/** The browser's print dialog cannot be driven headless: count calls instead, then render print media. */
const STUB_PRINT = () => {
  window.__printed = 0;
  window.print = () => { window.__printed += 1; };
};

/** Pages in a PDF (each page object is "/Type /Page", the tree "/Type /Pages"). */
const pdfPages = (pdf) => (pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length;

appTest('"Print" gives a one-page A4 handout with how to join, contacts, price, date and a QR code that opens the scheme', {}, async ({ page, context, server }) => {
  await page.addInitScript(STUB_PRINT);
  await page.reload();
  const s = SCHEMES.find((x) => x.referral.includes('self-referral') && x.sessions?.length && x.notes);
  await press((await openCard(page, s)).getByRole('button', { name: `Print ${s.name}`, exact: true }));
  await eventually(async () => assert.equal(await page.evaluate(() => window.__printed), 1));

  const handout = page.locator('#print-area .handout');
  await page.setViewportSize({ width: 794, height: 1123 }); // A4 at 96 px per inch
  await page.emulateMedia({ media: 'print' });
  await handout.waitFor();
  const text = squash(await handout.textContent());
  for (const part of [s.name, s.centre, s.postcode, s.phone, s.email, describePrice(s.price), 'Self-referral',
    `Printed on ${longDate(new Date().toISOString().slice(0, 10))}`, 'Demonstration data',
    // When to come, and what the card says of the scheme.
    `Sessions${sessionsText(s)}`, `Programme${s.programme_weeks} weeks`, `Notes${s.notes}`, `Last checked${longDate(s.last_verified)}`]) {
    assert.ok(text.includes(part), `the handout says "${part}": ${text}`);
  }
  // Nothing but the handout is printed: no map, no tiles, no buttons.
  const visible = await page.evaluate(() =>
    [...document.querySelectorAll('#map, .leaflet-container, button, .filters, header.page-header')]
      .filter((e) => e.getClientRects().length > 0).map((e) => e.outerHTML.slice(0, 60)));
  assert.deepEqual(visible, []);
  // No text cut off: nothing in the handout is wider than it.
  const overflow = await handout.evaluate((h) => [...h.querySelectorAll('*')].filter((e) => e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflow !== 'visible').length);
  assert.equal(overflow, 0);

  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, 'handout-print.png'), fullPage: true });
  const qr = handout.getByRole('img', { name: `QR code: opens ${s.name} on the map` });
  assert.equal(await decodeQr(context, await qr.screenshot()), `${server.url}?scheme=${s.id}`);
  assert.equal(pdfPages(await page.pdf({ format: 'A4' })), 1, 'one A4 page');
  await page.emulateMedia({ media: 'screen' });
  await assertAccessible(page, 'after printing');
});

appTest('"Print these results" prints up to ten shown schemes on one A4 page', {}, async ({ page, server, context }) => {
  await page.addInitScript(STUB_PRINT);
  await page.reload();
  const f = filters(page);
  await f.search.fill('diabetes');
  const want = namesFor('diabetes');
  await expectShown(page, want);
  assert.ok(want.length > 1 && want.length <= 10, `${want.length} schemes`);
  await press(button(page, 'Print these results'));
  await eventually(async () => assert.equal(await page.evaluate(() => window.__printed), 1));
  await page.emulateMedia({ media: 'print' });
  const names = await page.locator('#print-area .handout-scheme h2').allTextContents();
  assert.deepEqual(names.map(squash).sort(), [...want].sort());
  const links = await page.locator('#print-area .handout-link').allTextContents();
  assert.ok(links.every((l) => l.startsWith(`${server.url}?scheme=`)));
  // Every scheme's printed QR code reads back (jsQR) as the link to that scheme.
  for (const item of await page.locator('#print-area .handout-scheme').all()) {
    const name = squash(await item.locator('h2').textContent());
    const s = SCHEMES.find((x) => x.name === name);
    const qr = item.getByRole('img', { name: `QR code: opens ${s.name} on the map` });
    assert.equal(await decodeQr(context, await qr.screenshot()), `${server.url}?scheme=${s.id}`, s.name);
  }
  await page.screenshot({ path: join(ARTIFACTS, 'handout-results-print.png'), fullPage: true });
  assert.equal(pdfPages(await page.pdf({ format: 'A4' })), 1, 'one A4 page');

  // With more than ten shown, the first ten are printed.
  await page.emulateMedia({ media: 'screen' });
  await f.search.fill('');
  await expectShown(page, SCHEMES.map((s) => s.name));
  await press(button(page, 'Print the first 10 results'));
  await eventually(async () => assert.equal(await page.evaluate(() => window.__printed), 2));
  assert.equal(await page.locator('#print-area .handout-scheme').count(), 10);
  await page.emulateMedia({ media: 'print' });
  // A price's note can change it ("Free for people living with Parkinson's"): printed with ten too.
  for (const item of await page.locator('#print-area .handout-scheme').all()) {
    const name = squash(await item.locator('h2').textContent());
    const s = SCHEMES.find((x) => x.name === name);
    if (s.price.note) assert.ok(await item.getByText(s.price.note, { exact: true }).isVisible(), `${s.name}: its price note is printed`);
    if (s.sessions?.length) assert.ok(await item.getByText(sessionsText(s), { exact: true }).isVisible(), `${s.name}: its sessions are printed`);
  }
  await page.screenshot({ path: join(ARTIFACTS, 'handout-ten-print.png'), fullPage: true });
  assert.equal(pdfPages(await page.pdf({ format: 'A4' })), 1, 'ten schemes on one A4 page');
});

// ---- the QR-code drawer, a wasm of its own ------------------------------------------------------

const QR_WASM = '/qr-code_bg.wasm';
const QR_JS = '/qr-code.js';

appTest('the QR-code drawer is loaded only when a QR code is first asked for, and once', { routes: { [QR_WASM]: {}, [QR_JS]: {} } }, async ({ page, requests }) => {
  const [a, b] = [SCHEMES[1], SCHEMES[4]];
  const card = await openCard(page, a);
  assert.equal(requests[QR_WASM], undefined, 'not loaded with the map');
  assert.equal(requests[QR_JS], undefined, 'not loaded with the map');
  await press(card.getByRole('button', { name: `Share ${a.name}`, exact: true }));
  const dialog = page.getByRole('dialog', { name: `Share ${a.name}` });
  await dialog.getByRole('img', { name: `QR code of the link to ${a.name}` }).waitFor();
  await press(dialog.getByRole('button', { name: 'Close', exact: true }));
  // Another scheme's dialog and a handout use the drawer already loaded.
  const other = await openCard(page, b);
  await press(other.getByRole('button', { name: `Share ${b.name}`, exact: true }));
  const second = page.getByRole('dialog', { name: `Share ${b.name}` });
  await second.getByRole('img', { name: `QR code of the link to ${b.name}` }).waitFor();
  await press(second.getByRole('button', { name: 'Close', exact: true }));
  await page.evaluate(STUB_PRINT);
  await press(other.getByRole('button', { name: `Print ${b.name}`, exact: true }));
  await eventually(async () => assert.equal(await page.evaluate(() => window.__printed), 1));
  assert.equal(await page.locator('#print-area .handout-qr img').count(), 1, 'the handout has its QR code');
  assert.deepEqual([requests[QR_JS], requests[QR_WASM]], [1, 1], 'the drawer was loaded once');
});

appTest(
  'with the QR-code drawer missing, "Share" still gives the link and "Print" still prints, without a QR code; Share tries again when opened again',
  { routes: { [QR_WASM]: [{ status: 404 }, { status: 404 }, { real: true }] }, expectConsole: [/status of 404/], init: STUB_PRINT },
  async ({ page, server, requests }) => {
    const s = SCHEMES[2];
    const card = await openCard(page, s);
    await press(card.getByRole('button', { name: `Print ${s.name}`, exact: true }));
    await eventually(async () => assert.equal(await page.evaluate(() => window.__printed), 1));
    const handout = page.locator('#print-area .handout');
    assert.ok(squash(await handout.textContent()).includes(`${server.url}?scheme=${s.id}`), 'the handout gives the link');
    assert.equal(await handout.locator('img').count(), 0, 'no QR code');
    // "Share" asks again (a failed load is not kept) and still gives the link to copy.
    await press(card.getByRole('button', { name: `Share ${s.name}`, exact: true }));
    const dialog = page.getByRole('dialog', { name: `Share ${s.name}` });
    await dialog.waitFor();
    assert.equal(await dialog.getByLabel('Link to this scheme').inputValue(), `${server.url}?scheme=${s.id}`);
    await eventually(async () => assert.equal(requests[QR_WASM], 2, 'asked for again'));
    await assertAccessible(page, 'share dialog without a QR code');
    // Opened again, the dialog tries again; this time the drawer comes (the route's third answer).
    await press(dialog.getByRole('button', { name: 'Close', exact: true }));
    await eventually(async () => assert.equal(await dialog.count(), 0, 'the dialog closed'));
    await press(card.getByRole('button', { name: `Share ${s.name}`, exact: true }));
    await dialog.getByRole('img', { name: `QR code of the link to ${s.name}` }).waitFor();
    assert.equal(requests[QR_WASM], 3);
  },
);

appTest('printing the page itself (Ctrl+P) after a handout prints the page, not the old handout', {}, async ({ page }) => {
  await page.addInitScript(STUB_PRINT);
  await page.reload();
  const s = SCHEMES[0];
  await press((await openCard(page, s)).getByRole('button', { name: `Print ${s.name}`, exact: true }));
  await eventually(async () => assert.equal(await page.evaluate(() => window.__printed), 1));
  await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('#print-area').isVisible(), false);
  assert.equal(await page.locator('.results').isVisible(), true);
});

appTest('"Share" in the map popup: Escape closes the dialog, not the popup, and focus returns', {}, async ({ page, server }) => {
  const s = SCHEMES.at(-1);
  await press(entry(page, s.name).getByRole('heading', { level: 3 }).getByRole('button', { name: s.name, exact: true }));
  const popup = page.locator('#map .leaflet-popup');
  await popup.waitFor();
  const share = popup.getByRole('button', { name: `Share ${s.name}`, exact: true });
  await press(share);
  const dialog = page.getByRole('dialog', { name: `Share ${s.name}` });
  await dialog.waitFor();
  assert.equal(await dialog.getByLabel('Link to this scheme').inputValue(), `${server.url}?scheme=${s.id}`);
  await assertAccessible(page, 'share dialog from the popup');
  await page.keyboard.press('Escape');
  await eventually(async () => assert.equal(await dialog.count(), 0, 'the dialog closed'));
  assert.equal(await popup.count(), 1, 'the popup is still open');
  assert.ok(await share.evaluate((b) => document.activeElement === b), 'focus is back on the popup\'s "Share"');
});
