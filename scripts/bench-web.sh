#!/usr/bin/env bash
# The web app's figures.
#
#   scripts/bench-web.sh speed [bench/web.mjs options]   the app against the plain Leaflet page
#   scripts/bench-web.sh sizes                           build sizes and build times (below)
#   scripts/bench-web.sh                                 both
#
# "speed" runs bench/web.mjs against dist/ (built with `trunk build --release` when missing) and
# writes the "## Web speed" section of docs/benchmarks.md. Takes 5 to 15 minutes.
#
# "sizes": the web build's figures: sizes of the wasm, the JS glue and the CSS in dist/ (raw and gzip -9),
# and the time of a cold and a warm `trunk build --release`. Writes them to docs/benchmarks.md
# under "## Web build" (replacing only that section) and prints them.
#
# The builds use their own target and dist folders (target/bench-web/), so the cold build really
# starts from nothing and the project's target/ and dist/ are left alone. Takes 5 to 15 minutes.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh >/dev/null
. scripts/env.sh

what=${1:-all}
[ $# -gt 0 ] && shift
if [ "$what" = speed ] || [ "$what" = all ]; then
  [ -f dist/index.html ] || trunk build --release --dist dist
  node bench/web.mjs --write docs/benchmarks.md --label "commit $(git rev-parse --short HEAD 2>/dev/null || echo '(not a git checkout)')" "$@"
  [ "$what" = speed ] && exit 0
fi

BENCH=target/bench-web
DIST=$BENCH/dist
export CARGO_TARGET_DIR=$ROOT/$BENCH/target

seconds() { # seconds COMMAND...: runs it quietly, prints the wall-clock seconds
  local start end log=$ROOT/$BENCH/build.log
  start=$(date +%s.%N)
  if ! "$@" >"$log" 2>&1; then cat "$log" >&2; echo "bench-web: build failed" >&2; exit 1; fi
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.0f", b - a }'
}

rm -rf "$BENCH"
mkdir -p "$BENCH"
echo "bench-web: cold release build (empty target folder)…"
cold=$(seconds trunk build --release --dist "$DIST")
echo "bench-web: warm release build after touching src/lib.rs…"
touch src/lib.rs
warm=$(seconds trunk build --release --dist "$DIST")
echo "bench-web: release build with nothing changed…"
noop=$(seconds trunk build --release --dist "$DIST")

kb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1000 }'; }
row() { # row LABEL FILE
  local raw gz
  raw=$(wc -c <"$2")
  gz=$(gzip -9c "$2" | wc -c)
  printf '| %s | `%s` | %s | %s |\n' "$1" "${2#"$DIST"/}" "$(kb "$raw")" "$(kb "$gz")"
}
one() { # one PATTERN: the single file of dist/ matching it
  local f
  f=$(find "$DIST" -maxdepth 1 -name "$1" | head -n 1)
  [ -n "$f" ] || { echo "bench-web: no $1 in $DIST" >&2; exit 1; }
  echo "$f"
}
wasm=$(one '*.wasm')
glue=$(one "$(basename "$wasm" _bg.wasm).js")
css=$(one '*.css')

table=$(
  echo '| file | name in dist/ | raw (kB) | gzip -9 (kB) |'
  echo '|---|---|---:|---:|'
  row "app (wasm)" "$wasm"
  row "JS glue (wasm-bindgen)" "$glue"
  row "app CSS" "$css"
  row "Leaflet JS (vendored, unchanged)" "$DIST/leaflet/leaflet.js"
  row "Leaflet CSS (vendored, unchanged)" "$DIST/leaflet/leaflet.css"
)

section=$(cat <<MD
## Web build

Sizes of the release build and the time to make it: \`scripts/bench-web.sh\` (a cold
\`trunk build --release\` in an empty target folder, then a warm one after \`touch src/lib.rs\`, then
one with nothing changed; sizes of the files in that build's dist/, gzip at level 9; 1 kB = 1000 bytes).
The cold build includes compiling every dependency and the native data tool that the build's hook runs
to write the postcode files.

Measured $(date -u +%Y-%m-%d) at commit $(git rev-parse --short HEAD 2>/dev/null || echo "(not a git checkout)") on the project machine ($(nproc) cores, shared
with other agents: load average $(cut -d' ' -f1-3 /proc/loadavg) at the end), $(rustc --version | cut -d' ' -f1-2),
trunk $(trunk --version | cut -d' ' -f2), wasm-bindgen $(wasm-bindgen --version | cut -d' ' -f2), wasm-opt $(wasm-opt --version | cut -d' ' -f3) (\`-Oz\`).

$table

| build | seconds |
|---|---:|
| cold \`trunk build --release\` | $cold |
| warm, after touching src/lib.rs | $warm |
| nothing changed | $noop |
MD
)

mkdir -p docs
[ -f docs/benchmarks.md ] || printf '# Benchmarks\n\nFigures measured by scripts, never by timed assertions in tests. Each section says how to reproduce it.\n' >docs/benchmarks.md
# Replace the "## Web build" section (up to the next "## " heading), or append it.
SECTION="$section" node -e '
  const fs = require("fs");
  const file = "docs/benchmarks.md";
  const text = fs.readFileSync(file, "utf8");
  const section = process.env.SECTION.trimEnd() + "\n";
  const start = text.search(/^## Web build\s*$/m);
  let out;
  if (start < 0) {
    out = text.trimEnd() + "\n\n" + section;
  } else {
    const rest = text.slice(start + 1);
    const next = rest.search(/^## /m);
    const end = next < 0 ? text.length : start + 1 + next;
    out = text.slice(0, start) + section + (next < 0 ? "" : "\n" + text.slice(end));
  }
  fs.writeFileSync(file, out);
'
echo "$section"
