// Two schemes with the same id (issue 7): the first is shown, the second is named in the "could
// not be shown" notice with the reason — never silently unreachable (ids are how the list, the
// map and the URL find a scheme).

import assert from 'node:assert/strict';
import { appTest, assertAccessible, expectShown } from './harness.mjs';
import { dataFile } from './schemes.mjs';

const [first, second, third] = dataFile.features;
const copy = structuredClone(third);
copy.properties.name = 'Same Id Again';
copy.properties.id = first.properties.id;
copy.id = first.properties.id;
const file = { ...dataFile, features: [first, second, copy, third] };

appTest(
  'a second scheme with an id already used is reported by name and reason; the first is shown',
  { routes: { '/schemes.geojson': { body: JSON.stringify(file), contentType: 'application/geo+json' } } },
  async ({ page }) => {
    await expectShown(page, [first.properties.name, second.properties.name, third.properties.name]);
    const rejected = page.getByTestId('rejected');
    assert.match(await rejected.textContent(), /(^|\D)1 scheme could not be shown/);
    await rejected.locator('summary').click();
    const why = (await rejected.locator('details').innerText()).replace(/\s+/g, ' ');
    assert.match(
      why,
      new RegExp(`Same Id Again: its id "${first.properties.id}" is already used by "${first.properties.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}", which is shown instead`),
    );
    await assertAccessible(page, 'duplicate reported');
  },
);
