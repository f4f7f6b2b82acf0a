// Where things are: the project root, the built site under test and the test artefacts.

import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** The release build under test (`trunk build --release` writes it); DIST_DIR overrides. */
export const DIST = resolve(ROOT, process.env.DIST_DIR ?? 'dist');
export const FIXTURES = join(ROOT, 'tests/e2e/fixtures');
/** Screenshots of failed tests (git-ignored). */
export const ARTIFACTS = join(ROOT, 'tests/e2e/artifacts');
