#!/usr/bin/env bash
# Installs whatever this project needs and is missing, at pinned versions; skips what is already
# there at the right version, so a second run takes a few seconds. Safe to run any number of times.
#
#   Debian chromium + chromium-driver    (browser tests)
#   rustup target wasm32-unknown-unknown
#   trunk 0.21.14                        (cargo install --locked)
#   wasm-bindgen-cli = the wasm-bindgen version in Cargo.lock (cargo install, without --locked)
#   node_modules from package-lock.json  (npm ci): leaflet, binaryen (wasm-opt 132), terser, playwright-core, axe-core
#
# Versions and the reasons for them: the comments below, and README.md ("Two commands").
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"

TRUNK_VERSION=0.21.14
BINARYEN_MAJOR=132

# One setup at a time on this machine (serve and test may start together).
exec 9>"${TMPDIR:-/tmp}/referral-map-setup.lock"
flock 9

say() { printf 'setup: %s\n' "$*"; }
die() { printf 'setup: ERROR: %s\n' "$*" >&2; exit 1; }
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null; then sudo -n "$@"
  else die "need root (or sudo) to run: $*"; fi
}

# --- Debian packages: chromium + chromium-driver -------------------------------------------------
missing_debs=()
for pkg in chromium chromium-driver; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q '^install ok installed$'; then
    missing_debs+=("$pkg")
  fi
done
if [ ${#missing_debs[@]} -gt 0 ]; then
  # Refresh the package lists only when apt does not know the packages (a fresh machine).
  if ! apt-cache policy "${missing_debs[@]}" 2>/dev/null | grep -q 'Candidate: [0-9]'; then
    say "apt-get update"
    as_root apt-get update -q
  fi
  say "apt-get install ${missing_debs[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing_debs[@]}"
else
  say "ok   chromium, chromium-driver ($(dpkg-query -W -f='${Version}' chromium))"
fi

# --- Rust: the wasm target and the rustfmt/clippy components ---------------------------------------
command -v cargo >/dev/null || die "cargo not found: install Rust with rustup first (https://rustup.rs)"
if command -v rustup >/dev/null; then
  installed_targets=$(rustup target list --installed)
  if grep -qx wasm32-unknown-unknown <<<"$installed_targets"; then
    say "ok   rustup target wasm32-unknown-unknown"
  else
    say "rustup target add wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
  fi
  installed_components=$(rustup component list --installed)
  for comp in rustfmt clippy; do
    if grep -q "^$comp" <<<"$installed_components"; then
      say "ok   rustup component $comp"
    else
      say "rustup component add $comp"
      rustup component add "$comp"
    fi
  done
else
  die "rustup not found: the wasm32-unknown-unknown target cannot be checked"
fi

# --- trunk ------------------------------------------------------------------------------------------
have_trunk=$(trunk --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have_trunk" = "$TRUNK_VERSION" ]; then
  say "ok   trunk $have_trunk"
else
  say "cargo install --locked trunk@$TRUNK_VERSION (was: ${have_trunk:-none}; takes ~10 min)"
  cargo install --locked ${have_trunk:+--force} "trunk@$TRUNK_VERSION"
fi

# --- wasm-bindgen-cli (wasm-bindgen + wasm-bindgen-test-runner) --------------------------------------
WBG_VERSION=$(wasm_bindgen_locked_version)
[ -n "$WBG_VERSION" ] || die "no wasm-bindgen package in Cargo.lock"
have_wbg=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
have_runner=$(wasm-bindgen-test-runner --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have_wbg" = "$WBG_VERSION" ] && [ "$have_runner" = "$WBG_VERSION" ]; then
  say "ok   wasm-bindgen-cli $have_wbg"
else
  # Without --locked: the CLI's own lock file pins a webpki-roots the registry lacks.
  say "cargo install wasm-bindgen-cli@$WBG_VERSION (was: ${have_wbg:-none}; takes ~3 min)"
  cargo install ${have_wbg:+--force} "wasm-bindgen-cli@$WBG_VERSION"
fi

# --- node packages ----------------------------------------------------------------------------------
command -v node >/dev/null || die "node not found: install Node.js 20 or newer"
command -v npm >/dev/null || die "npm not found: install npm"
node_major=$(node -p 'process.versions.node.split(".")[0]')
[ "$node_major" -ge 20 ] || die "node $(node --version) is too old: the tests need Node.js 20 or newer"
# Every package of package-lock.json installed at its locked version?
if node -e '
  const fs = require("fs");
  const lock = JSON.parse(fs.readFileSync("package-lock.json", "utf8"));
  for (const [path, info] of Object.entries(lock.packages || {})) {
    if (path === "" || info.link || info.optional) continue;
    let got;
    try { got = JSON.parse(fs.readFileSync(path + "/package.json", "utf8")).version; } catch { process.exit(1); }
    if (got !== info.version) process.exit(1);
  }' 2>/dev/null; then
  say "ok   node_modules match package-lock.json"
else
  say "npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi

# --- check what the build will actually use ------------------------------------------------------
wasm_opt_path=$(command -v wasm-opt || true)
[ "$wasm_opt_path" = "$ROOT/node_modules/.bin/wasm-opt" ] || die "wasm-opt on PATH is ${wasm_opt_path:-missing}, not npm binaryen's"
wasm-opt --version | grep -q "version $BINARYEN_MAJOR" || die "wasm-opt is not binaryen $BINARYEN_MAJOR: $(wasm-opt --version)"
say "ok   wasm-opt $(wasm-opt --version | awk '{print $3}') from node_modules/.bin"
say "done"
