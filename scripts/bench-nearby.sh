#!/usr/bin/env bash
# Benchmark "nearest first": filter + sort 10,000 schemes by distance, natively.
#
# Builds examples/bench_nearby.rs with the release profile (the size-tuned one the web app ships
# with), runs it RUNS times (default 5; each run times ITERATIONS repetitions per case, default
# 201), and prints, per case, the median over the runs of each run's median, and the fastest time
# seen. Usage: scripts/bench-nearby.sh [RUNS] [ITERATIONS]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
RUNS="${1:-5}"
ITERATIONS="${2:-201}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target/nearby}"

cargo build --quiet --release --example bench_nearby
BIN="$CARGO_TARGET_DIR/release/examples/bench_nearby"

OUT="$(mktemp)"
trap 'rm -f "$OUT"' EXIT
for run in $(seq 1 "$RUNS"); do
  "$BIN" "$ITERATIONS" | sed "s/^/$run\t/" >>"$OUT"
done

echo "Nearest first: 10,000 schemes, $RUNS runs x $ITERATIONS iterations, $(nproc) cores, $(rustc --version | cut -d' ' -f1-2)"
printf '| case | median (ms) | fastest (ms) | results |\n|---|---:|---:|---:|\n'
# Columns: run, case, median_ms, min_ms, results. Cases keep their order of first appearance.
awk -F'\t' '
  !($2 in seen) { seen[$2] = 1; order[++n] = $2 }
  { medians[$2] = medians[$2] " " $3; if (!($2 in best) || $4 < best[$2]) best[$2] = $4; results[$2] = $5 }
  END {
    for (i = 1; i <= n; i++) {
      c = order[i]; k = split(substr(medians[c], 2), m, " ")
      # sort the k run medians (insertion sort), take the middle one
      for (a = 2; a <= k; a++) { v = m[a]; b = a - 1; while (b >= 1 && m[b] + 0 > v + 0) { m[b + 1] = m[b]; b-- } m[b + 1] = v }
      printf "| %s | %.2f | %.2f | %s |\n", c, m[int((k + 1) / 2)], best[c], results[c]
    }
  }' "$OUT"
