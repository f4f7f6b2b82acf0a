# shellcheck shell=bash
# The environment every project script runs in. Source it; it changes nothing on disk.
#
# - node_modules/.bin comes before /usr/bin so that `wasm-opt` is npm's binaryen 132, never
#   Debian's binaryen (whose wasm-opt miscompiles wasm-bindgen output: see shared/TOOLCHAIN.md);
# - ~/.cargo/bin is on PATH for trunk and wasm-bindgen;
# - trunk never tries to download tools or check crates.io for a newer version.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export ROOT
CARGO_BIN="${CARGO_HOME:-$HOME/.cargo}/bin"
case ":$PATH:" in
  ":$ROOT/node_modules/.bin:$CARGO_BIN:"*) ;;
  *) PATH="$ROOT/node_modules/.bin:$CARGO_BIN:$PATH" ;;
esac
export PATH
export TRUNK_SKIP_VERSION_CHECK=true
export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"

# The wasm-bindgen version the crate is locked to (wasm-bindgen-cli must match it exactly).
wasm_bindgen_locked_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock"
}
