// The safety net (issue 7): if anything in the app panics, the person sees a plain "Something went
// wrong" message with a Reload button instead of a frozen page, and the panic is in the console.
//
// The fault is real, not a switch in the app: the browser refuses to create an element (as a
// misbehaving extension or a browser bug can make it), and Leptos — which cannot go on without the
// element — panics. Here `document.createElement('details')` throws once (the "could not be shown"
// notice is the only <details> on the page); after Reload it works again. The release build has
// no test-only trigger at all.

import assert from 'node:assert/strict';
import { appTest, assertAccessible, expectShown, params } from './harness.mjs';

const GOOD = ['Good Scheme Letchworth', 'Good Scheme Stevenage', 'Good Scheme Watford'];

appTest(
  'a panic shows "Something went wrong" with a Reload button that brings the page back, filters kept',
  {
    query: '?district=stevenage',
    routes: { '/schemes.geojson': { fixture: 'bad-features.geojson' } },
    waitReady: false,
    init: () => {
      if (sessionStorage.getItem('fault-injected')) return;
      const create = Document.prototype.createElement;
      Document.prototype.createElement = function (tag, ...rest) {
        if (String(tag).toLowerCase() === 'details' && !sessionStorage.getItem('fault-injected')) {
          sessionStorage.setItem('fault-injected', 'yes');
          throw new DOMException('The operation is not allowed (injected by the test).', 'NotAllowedError');
        }
        return create.call(this, tag, ...rest);
      };
    },
  },
  async (app) => {
    const { page } = app;
    const notice = page.getByRole('alert').filter({ hasText: 'Something went wrong.' });
    await notice.waitFor({ state: 'visible' });
    assert.match((await notice.innerText()).replace(/\s+/g, ' '), /^Something went wrong\. Reload the page.* See every scheme as a plain list$/);
    assert.equal(
      await notice.getByRole('link', { name: 'See every scheme as a plain list' }).evaluate((a) => a.href),
      new URL('schemes.html', app.server.url).href,
      'the plain list, which needs nothing of the app',
    );
    const reload = notice.getByRole('button', { name: 'Reload', exact: true });
    await reload.waitFor();
    assert.ok(await reload.evaluate((b) => document.activeElement === b), 'the Reload button has the focus');
    // The message covers the page (the half-built app underneath cannot be used by mistake).
    const box = await notice.boundingBox();
    const view = page.viewportSize();
    assert.ok(box.width >= view.width - 1 && box.height >= view.height - 1, 'the message covers the page');
    await assertAccessible(page, 'after a panic');

    // The panic is in the console, first. After it the module has aborted, so whatever still
    // calls into it (the async executor's next tick) traps or panics in turn; the notice stays one.
    assert.match(app.problems[0] ?? '', /^console\.error: panicked at .*injected by the test/s, JSON.stringify(app.problems));
    assert.ok(app.problems.every((p) => /unreachable|panicked at/.test(p)), `nothing else went wrong: ${JSON.stringify(app.problems)}`);
    assert.equal(await page.locator('#something-went-wrong').count(), 1, 'one message');
    app.problems.length = 0;

    // Reload gives a working page, with the filters of the address kept.
    await Promise.all([page.waitForEvent('load'), reload.click()]);
    await expectShown(page, GOOD.filter((n) => n.endsWith('Stevenage')));
    assert.equal(params(page).get('district'), 'stevenage');
    assert.equal(await page.getByRole('alert').filter({ hasText: 'Something went wrong.' }).count(), 0);
    await page.getByTestId('rejected').locator('summary').click();
  },
);
