#!/usr/bin/env bash
# Installs whatever is missing (scripts/setup.sh), then runs every test of the project:
#
#   1. format          cargo fmt --check
#   2. lint            cargo clippy --all-targets -- -D warnings   (native, then the wasm UI)
#   3. unit tests      cargo test                                   (native core and data tool)
#   4. browser tests   wasm-bindgen-test in headless Chromium       (tests/web_*.rs; plain #[test]s do not run in wasm)
#   5. release build   trunk build --release                        (dist/)
#   6. size budgets    node scripts/size-budget.mjs                 (gzip sizes of the wasm and of all before the tiles; .br/.gz present)
#   7. open data       node --test tests/open-data/                 (OpenActive's validator and the ORUK schema, offline, over dist/)
#   8. end to end      node --test tests/e2e/                       (playwright-core + axe-core against dist/ over HTTP)
#
# Every step runs even when an earlier one failed (the end-to-end tests need the build); the
# summary lists each step's result and time, and the exit status is non-zero if any failed.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/setup.sh || { echo "test: setup failed, nothing was tested" >&2; exit 1; }
. scripts/env.sh

results=()
failed=0
suite_start=$(date +%s)

# step NAME COMMAND...: runs a step, records its result and time.
step() {
  local name=$1 start status
  shift
  printf '\n=== %s: %s\n' "$name" "$*"
  start=$(date +%s)
  if "$@"; then status=ok; else status=FAILED; failed=1; fi
  results+=("$(printf '%-7s %-44s %5ss' "$status" "$name" "$(($(date +%s) - start))")")
  [ "$status" = ok ]
}

skip() {
  results+=("$(printf '%-7s %-44s %6s' skipped "$1" "($2)")")
  failed=1
}

step "format (cargo fmt --check)" cargo fmt --check
step "lint, native (clippy -D warnings)" cargo clippy --all-targets -- -D warnings
# The web UI (src/ui) and the browser tests exist only for wasm32; the data tool's binary is native only.
WASM_TARGETS=(--target wasm32-unknown-unknown --lib --bin referral-map --bin embed-builder --bin qr-code --test 'web_*')
step "lint, wasm UI (clippy -D warnings)" cargo clippy "${WASM_TARGETS[@]}" -- -D warnings
step "unit tests, native (cargo test)" cargo test
step "browser unit tests (wasm-bindgen-test, Chromium)" \
  env CHROMEDRIVER="$CHROMEDRIVER" CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  cargo test --target wasm32-unknown-unknown --test 'web_*'
# DIST_DIR builds and tests elsewhere than dist/ (e.g. while `trunk serve` uses dist/).
export DIST_DIR=${DIST_DIR:-dist}
if step "release build (trunk build --release)" trunk build --release --dist "$DIST_DIR"; then
  step "size budgets (gzip; .br/.gz beside assets)" node scripts/size-budget.mjs "$DIST_DIR"
  step "open data (OpenActive validator, ORUK schema)" \
    node --test --test-reporter=spec tests/open-data/*.test.mjs
  rm -rf tests/e2e/artifacts
  step "end-to-end (playwright-core, axe-core)" \
    node --test --test-concurrency=1 --test-reporter=spec tests/e2e/*.test.mjs
else
  skip "size budgets (gzip; .br/.gz beside assets)" "no build"
  skip "open data (OpenActive validator, ORUK schema)" "no build"
  skip "end-to-end (playwright-core, axe-core)" "no build"
fi

printf '\n=== Summary (%ss in all)\n' "$(($(date +%s) - suite_start))"
printf '%s\n' "${results[@]}"
if [ "$failed" -ne 0 ]; then
  echo "test: FAILED (screenshots of failed browser tests: tests/e2e/artifacts/)"
  exit 1
fi
echo "test: all passed"
