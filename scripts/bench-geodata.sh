#!/usr/bin/env bash
# Benchmark `schemes geodata` on a full-size OS Code-Point Open-shaped input, release binary.
#
# The input is made by the test `the_shipped_geodata_is_reproduced_from_a_full_size_code_point_input`
# (tests/tool_geodata.rs): the shipped data/geodata taken back to the British National Grid as a
# Code-Point zip of 1.75 million rows (stored, for the test's speed). It is recompressed here with
# deflate, as OS ships it, into a temporary folder, and `schemes geodata` is timed RUNS times
# (default 3) with the shipped boundaries file as the ONS input. Prints the median and fastest
# wall-clock time and the median CPU time of the whole command, and the input's size.
# Usage: scripts/bench-geodata.sh [RUNS]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
RUNS="${1:-3}"

cargo test --quiet --test tool_geodata -- --exact the_shipped_geodata_is_reproduced_from_a_full_size_code_point_input >/dev/null
STORED="$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')/tmp/tool-tests/geodata-full-roundtrip/codepo_gb.zip"
[ -f "$STORED" ] || { echo "bench-geodata: $STORED was not made" >&2; exit 1; }

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target/tool}"
cargo build --quiet --release --bin schemes
BIN="$CARGO_TARGET_DIR/release/schemes"

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
python3 - "$STORED" "$WORK/codepo_gb.zip" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as src, zipfile.ZipFile(sys.argv[2], "w", zipfile.ZIP_DEFLATED) as dst:
    for info in src.infolist():
        dst.writestr(info.filename, src.read(info))
PY
BOUNDARIES="$(ls data/geodata/districts_ons_*.geojson | tail -1)"
rows=$(python3 -c "import zipfile,sys; z=zipfile.ZipFile(sys.argv[1]); print(sum(z.read(n).count(b'\n') for n in z.namelist() if n.startswith('Data/')))" "$WORK/codepo_gb.zip")
zip_mb=$(du -m "$WORK/codepo_gb.zip" | cut -f1)

timed() {
  local t
  t=$({ TIMEFORMAT="%R %U %S"; time "$@" >/dev/null 2>&1; } 2>&1)
  echo "$t" | awk '{ printf "%d %d\n", $1 * 1000, ($2 + $3) * 1000 }'
}
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

load="$(cut -d' ' -f1-3 /proc/loadavg)"
"$BIN" geodata --codepoint "$WORK/codepo_gb.zip" --boundaries "$BOUNDARIES" --out "$WORK/geodata"
data=$(for _ in $(seq 1 "$RUNS"); do timed "$BIN" geodata --codepoint "$WORK/codepo_gb.zip" --boundaries "$BOUNDARIES" --out "$WORK/geodata"; done)
echo "schemes geodata: $rows Code-Point rows ($zip_mb MB deflated zip), $RUNS runs, $(nproc) cores, load average $load, $(rustc --version | cut -d' ' -f1-2), release profile"
echo "| command | wall-clock median | wall-clock fastest | CPU time median |"
echo "|---|---:|---:|---:|"
echo "| schemes geodata (full GB Code-Point-shaped zip → data/geodata) | $(cut -d' ' -f1 <<<"$data" | median) ms | $(cut -d' ' -f1 <<<"$data" | sort -n | head -1) ms | $(cut -d' ' -f2 <<<"$data" | median) ms |"
