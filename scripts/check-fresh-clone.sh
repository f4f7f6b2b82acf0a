#!/usr/bin/env bash
# The fresh-clone check: the committed project, cloned into an empty temporary folder with
# nothing beside it (no sibling folders, no GEODATA_DIR), passes every test with only the README's test
# command. It proves the repository stands on its own: the geodata, the fixtures and the
# configuration it needs are all in it.
#
#   bash scripts/check-fresh-clone.sh [COMMIT]     (default HEAD: what is committed, not the work tree)
#
# The clone reuses this checkout's cargo target folder (CARGO_TARGET_DIR, default ./target), so the
# dependencies are not built again; the project itself is. The temporary folder is removed
# afterwards unless KEEP_FRESH_CLONE=1. Exit status: that of the clone's `bash scripts/test.sh`.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
COMMIT="${1:-HEAD}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"

PARENT="$(mktemp -d "${TMPDIR:-/tmp}/fresh-clone.XXXXXX")"
# The clone's builds of this crate share the target folder, and cargo judges them fresh for this
# checkout too (same file names, sources not newer), though they carry the clone's path: tests that
# read fixtures from CARGO_MANIFEST_DIR would look in the removed clone. Touching the crate root
# makes the next build here compile the crate again (not its dependencies).
cleanup() {
  touch "$ROOT/src/lib.rs"
  [ "${KEEP_FRESH_CLONE:-0}" = 1 ] && echo "fresh-clone: kept $PARENT" || rm -rf "$PARENT"
}
trap cleanup EXIT

git clone --quiet --no-checkout "$ROOT" "$PARENT/project"
git -C "$PARENT/project" checkout --quiet --detach "$(git -C "$ROOT" rev-parse "$COMMIT")"
if [ -e "$PARENT/shared" ] || [ -n "$(ls -A "$PARENT" | grep -vx project)" ]; then
  echo "fresh-clone: $PARENT is not empty besides the clone" >&2
  exit 2
fi
echo "fresh-clone: $(git -C "$PARENT/project" log --oneline -1) in $PARENT/project (nothing beside it)"
echo "fresh-clone: cargo target folder $CARGO_TARGET_DIR"

cd "$PARENT/project"
env -u GEODATA_DIR -u DIST_DIR -u ROOT bash scripts/test.sh
