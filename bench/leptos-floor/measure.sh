#!/usr/bin/env bash
# Builds the three floor apps (a counter; a todo list; the todo list reading JSON with serde_json)
# the way the map's wasm is built, and prints raw, gzip -9 and brotli 11 sizes in bytes.
# Offline, from the crates the app's own build has already fetched (same Cargo.lock).
#   bash bench/leptos-floor/measure.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"
. ../../scripts/env.sh   # wasm-bindgen 0.2.130, npm binaryen 132's wasm-opt
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/tmp/leptos-floor-target}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
cargo build --offline --release --target wasm32-unknown-unknown --bins
printf '%-11s %10s %10s %10s %10s\n' app raw_bg raw_opt gzip9 brotli11
for X in counter list list_serde; do
  wasm-bindgen --target web --out-dir "$out" "$CARGO_TARGET_DIR/wasm32-unknown-unknown/release/$X.wasm"
  wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --low-memory-unused \
    "$out/${X}_bg.wasm" -o "$out/${X}_opt.wasm"
  f="$out/${X}_opt.wasm"
  gz=$(gzip -9 -c "$f" | wc -c)
  br=$(node -e 'const z=require("zlib"),fs=require("fs");process.stdout.write(String(z.brotliCompressSync(fs.readFileSync(process.argv[1]),{params:{[z.constants.BROTLI_PARAM_QUALITY]:11}}).length))' "$f")
  printf '%-11s %10d %10d %10d %10d\n' "$X" "$(wc -c <"$out/${X}_bg.wasm")" "$(wc -c <"$f")" "$gz" "$br"
done
