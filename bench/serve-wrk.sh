#!/usr/bin/env bash
# serve-wrk.sh — load-test `vigia serve` with wrk on GET /api/trend.
#
#   bench/serve-wrk.sh [BUILD_DIR] [DURATION] [CONNECTIONS] [DB_URL]
#   (defaults: build 10s 32; needs build/vigia and build/tests/serve_mkdb)
#
# Without DB_URL, fills a fresh SQLite store with the generated test events
# (serve_mkdb); with it, serves that store (e.g. one filled by
# `tests/store/gen-events 100000 | vigia ingest --input events`). Starts
# the server on a free port with 4 worker threads, runs wrk (2 threads) on the
# weekly USA-VEN trend, and fails when any request errs or answers non-2xx.
# Prints wrk's latency distribution and a one-line summary for
# docs/benchmarks.md.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-$repo/build}"
dur="${2:-10s}"
conns="${3:-32}"
dburl="${4:-}"
command -v wrk >/dev/null || { echo "serve-wrk: wrk is not installed (scripts/install-deps)"; exit 2; }
work="$(mktemp -d)"
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -rf "$work"' EXIT
pid=""
if [ -z "$dburl" ]; then
  "$build/tests/serve_mkdb" "$work/bench.db" "$work/events.jsonl" >/dev/null
  dburl="$work/bench.db"
fi
"$build/vigia" serve --db "$dburl" --port 0 --threads 4 --quiet >"$work/out" 2>"$work/err" &
pid=$!
for _ in $(seq 1 100); do grep -q listening "$work/out" 2>/dev/null && break; sleep 0.1; done
base="$(sed -n 's|^listening on \(http://[^/]*\)/.*|\1|p' "$work/out")"
[ -n "$base" ] || { cat "$work/err"; exit 1; }
url="$base/api/trend?a=USA&b=VEN&by=week"
curl -sf "$url" >/dev/null
events=$(curl -sf "$base/healthz" | python3 -c 'import json,sys; print(json.load(sys.stdin)["database"]["events"])')
wrk -t2 -c"$conns" -d"$dur" --timeout 10s --latency "$url" | tee "$work/wrk.txt"
if grep -q "Non-2xx\|Socket errors" "$work/wrk.txt"; then
  echo "serve-wrk: FAILED: errors or non-2xx responses"; exit 1
fi
rps=$(awk '/^Requests\/sec/ {print $2}' "$work/wrk.txt")
p50=$(awk '$1=="50%" {print $2}' "$work/wrk.txt")
p99=$(awk '$1=="99%" {print $2}' "$work/wrk.txt")
total=$(awk '/requests in/ {print $1}' "$work/wrk.txt")
echo "serve-wrk: /api/trend (USA-VEN weekly, $events events in store), $dur, $conns connections:" \
     "$total requests, 0 errors, $rps req/s, p50 $p50, p99 $p99"
