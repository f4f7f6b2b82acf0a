#!/usr/bin/env bash
# Benchmark the data tool: import and validate 10,000 schemes with the release binary.
#
# Generates a 10,000-row spreadsheet in a temporary folder from the Hertfordshire postcodes of the
# geodata (data/geodata), then times `schemes import` (CSV → GeoJSON,
# including reading the geodata, geocoding every row and the district point-in-polygon) and
# `schemes validate` (GeoJSON → the app's rules + warnings), RUNS times each (default 5), and
# prints the median and fastest wall-clock time of the whole command.
# Usage: scripts/bench-tool.sh [RUNS]      (GEODATA_DIR, else data/geodata, for the geodata)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
RUNS="${1:-5}"
ROWS=10000
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target/tool}"
GEODATA="${GEODATA_DIR:-$ROOT/data/geodata}"
UNITS="$(ls "$GEODATA"/postcodes_codepoint_*.csv 2>/dev/null | tail -1 || true)"
if [ -z "$UNITS" ]; then
  echo "bench-tool: no postcode file in $GEODATA (set GEODATA_DIR)" >&2
  exit 2
fi

cargo build --quiet --release --bin schemes
BIN="$CARGO_TARGET_DIR/release/schemes"

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# 10,000 rows at real Hertfordshire postcodes (every third one in the county), with the written
# forms of prices, words for conditions and referral routes, and given coordinates on every tenth
# row (the postcode's own point, so the 2 km check runs without moving a border postcode out). EN5 4AP is skipped: it is the one
# postcode Code-Point puts in Hertfordshire whose point lies just outside the ONS boundary,
# so the import rightly refuses it. Columns: postcode, longitude, latitude, district (the GSS
# code for postcodes in the configured districts, empty for the others).
awk -F, -v rows="$ROWS" '
  BEGIN {
    OFS = ","
    print "id,name,operator,centre,address,town,postcode,district,latitude,longitude,phone,email,website,price,price_note,conditions,referral,min_age,max_age,programme_weeks,last_checked,notes,sample"
    split("Free|£3.50 per session|\"£3.50 per session, 2 sessions a week\"|£5 per week|£22.49/month for 6 months|£40 for 12 weeks|£2.50 (concessions £1.50)", price, "|")
    split("cardiac; COPD|type 2 diabetes; obesity|back pain; falls|anxiety; depression|stroke; MS; Parkinson'\''s|menopause|cancer; high blood pressure", cond, "|")
    split("GP referral|physio; self-referral|social prescriber|GP; nurse; self", ref, "|")
  }
  NR > 1 && $4 != "" && $1 != "EN5 4AP" && (++k % 3) == 0 && n < rows {
    n++
    lat = ""; lng = ""
    if (n % 10 == 0) { lat = $3; lng = $2 }
    print "bench-" n, "Bench Scheme " n, "Everyone Active", "Centre " n, "High Street", "Town", $1, "", lat, lng, \
      sprintf("01632 960%03d", n % 1000), "bench" n "@example.org", "https://www.everyoneactive.com/", \
      price[n % 7 + 1], "", cond[n % 7 + 1], ref[n % 4 + 1], 16, "", 12, sprintf("2026-%02d-15", n % 11 + 1), "", "yes"
  }' "$UNITS" >"$WORK/schemes.csv"

count=$(($(wc -l <"$WORK/schemes.csv") - 1))
size=$(du -k "$WORK/schemes.csv" | cut -f1)

# timed CMD...: runs the command, prints "wall_ms cpu_ms" (cpu = user + system time, which
# other work on a shared machine inflates much less than wall-clock time).
timed() {
  local t
  t=$({ TIMEFORMAT="%R %U %S"; time "$@" >/dev/null 2>&1; } 2>&1)
  echo "$t" | awk '{ printf "%d %d\n", $1 * 1000, ($2 + $3) * 1000 }'
}

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

summary() { # "wall cpu" lines on stdin → median and fastest wall-clock, median CPU
  local data
  data=$(cat)
  echo "$(cut -d' ' -f1 <<<"$data" | median) ms | $(cut -d' ' -f1 <<<"$data" | sort -n | head -1) ms | $(cut -d' ' -f2 <<<"$data" | median) ms"
}

load="$(cut -d' ' -f1-3 /proc/loadavg)"
if ! "$BIN" import "$WORK/schemes.csv" --out "$WORK/schemes.geojson" --geodata "$GEODATA" --today 2026-11-22 >"$WORK/first.txt"; then
  head -20 "$WORK/first.txt" >&2
  exit 1
fi
imports=$(for _ in $(seq 1 "$RUNS"); do rm -f "$WORK/schemes.geojson"; timed "$BIN" import "$WORK/schemes.csv" --out "$WORK/schemes.geojson" --geodata "$GEODATA" --today 2026-11-22; done | summary)
validates=$(for _ in $(seq 1 "$RUNS"); do timed "$BIN" validate "$WORK/schemes.geojson" --today 2026-11-22; done | summary)
geo_size=$(du -k "$WORK/schemes.geojson" | cut -f1)
sites=$(for _ in $(seq 1 "$RUNS"); do timed "$BIN" site-data --out "$WORK/site" --geodata "$GEODATA"; done | summary)

echo "Data tool: $count schemes ($size KB CSV, $geo_size KB GeoJSON), $RUNS runs each, $(nproc) cores, load average $load, $(rustc --version | cut -d' ' -f1-2), release profile"
echo "| command | wall-clock median | wall-clock fastest | CPU time median |"
echo "|---|---:|---:|---:|"
echo "| schemes import (10,000 rows: read the geodata, geocode, 2 km and district checks, write) | $imports |"
echo "| schemes validate (10,000 schemes) | $validates |"
echo "| schemes site-data (2,864 outcode files) | $sites |"
