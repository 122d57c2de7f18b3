#!/usr/bin/env bash
# bench-big.sh — the analysis commands on a large existing store (e.g. the
# 10,000,000-event SQLite store bench/store-bench builds).
#
#   tests/analyse/bench-big.sh BUILD_DIR DB [RUNS]
#
# 1. each whole command (process start, opening the store, the analysis,
#    writing to /dev/null), RUNS times (default 5), median and best:
#    trend USA VEN --by week, trend USAGOV VENGOV --by week, network, alerts,
#    alerts --dyad USA,VEN, report;
# 2. the library calls alone (vg-analyse-bench: the store opened once, warm),
#    with the reference event path timed once for comparison
#    (VG_BENCH_SKIP_REFERENCE=1 skips it).
# Not a test: nothing is asserted. Results go to docs/benchmarks.md.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:?usage: bench-big.sh BUILD_DIR DB [RUNS]}
db=${2:?usage: bench-big.sh BUILD_DIR DB [RUNS]}
runs=${3:-5}
vigia=$build/vigia
tool=$(find "$build" -name vg-analyse-bench -type f -perm -u+x | head -1)
[ -x "$vigia" ] && [ -n "$tool" ] || { echo "bench-big: build $build first (targets vigia, vg-analyse-bench)" >&2; exit 2; }
[ -f "$db" ] || { echo "bench-big: no store $db" >&2; exit 2; }

echo "== analyse bench-big $(date -u +%Y-%m-%dT%H:%MZ), commit $(git -C "$repo" rev-parse --short HEAD)$(git -C "$repo" diff --quiet -- src/analyse cli || echo ' + working tree')"
echo "== $(nproc) cores: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== store $db: $(ls -la "$db" | awk '{printf "%.1f GB", $5/1e9}')"

time_cmd() { # name, command...
  local name=$1; shift
  local ts=()
  "$@" >/dev/null 2>&1 || { echo "bench-big: '$name' failed:"; "$@" 2>&1 >/dev/null | head -5; return 1; }
  for _ in $(seq 1 "$runs"); do
    local t0 t1
    t0=$(date +%s%N)
    "$@" >/dev/null
    t1=$(date +%s%N)
    ts+=($(( (t1 - t0) / 1000000 )))
  done
  local sorted
  sorted=$(printf '%s\n' "${ts[@]}" | sort -n)
  printf '%-45s median %7d ms  best %7d ms  (%d run(s) after one warm-up)\n' "$name" \
    "$(echo "$sorted" | sed -n "$(( (runs + 1) / 2 ))p")" "$(echo "$sorted" | head -1)" "$runs"
}

echo "-- whole commands"
time_cmd "vigia trend USA VEN --by week" "$vigia" trend USA VEN --by week --db "$db"
time_cmd "vigia trend USA VEN --by day --format json" "$vigia" trend USA VEN --by day --format json --db "$db"
time_cmd "vigia trend USAGOV VENGOV --by week" "$vigia" trend USAGOV VENGOV --by week --db "$db"
time_cmd "vigia network" "$vigia" network --db "$db"
time_cmd "vigia alerts --dyad USA,VEN" "$vigia" alerts --dyad USA,VEN --db "$db"
runs=$(( runs < 3 ? runs : 3 )) time_cmd "vigia alerts" "$vigia" alerts --db "$db"
runs=1 time_cmd "vigia report" "$vigia" report --db "$db"
echo "-- library calls alone (vg-analyse-bench)"
"$tool" "$db" 5
