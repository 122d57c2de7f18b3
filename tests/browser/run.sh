#!/usr/bin/env bash
# run.sh — browser tests of the dashboard (registered in ctest as serve_browser).
#
#   run.sh --vigia PATH --mkdb PATH --workdir DIR --artifacts DIR
#
# Builds the sample database the way a user would: `vigia serve` with a token,
# then the example articles (examples/articles.jsonl) POSTed to /api/ingest,
# i.e. coded by the real pipeline and stored. When the coder yields too few
# events for the panels to be meaningful, generated events (serve_mkdb) are
# added and the log says so. Then dashboard.test.mjs drives Debian's chromium
# through playwright-core. Exit 77 (skip) when chromium or node is missing.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
while [ $# -gt 0 ]; do
  case "$1" in
    --vigia) vigia="$2"; shift 2 ;;
    --mkdb) mkdb="$2"; shift 2 ;;
    --workdir) work="$2"; shift 2 ;;
    --artifacts) artifacts="$2"; shift 2 ;;
    *) echo "run.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
chromium="${CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$chromium" ]; then echo "SKIP: $chromium not installed (scripts/install-deps installs it)"; exit 77; fi
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then echo "SKIP: node/npm not installed"; exit 77; fi

# playwright-core from npm (lock committed); never downloads a browser.
# (Under a lock: test runs of several build directories share this tree.)
(
  flock 9
  if [ ! -f "$here/node_modules/.package-lock.json" ] || [ "$here/package-lock.json" -nt "$here/node_modules/.package-lock.json" ]; then
    cd "$here" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
  fi
) 9>"$here/.npm.lock"
"$repo/web/build.sh"

rm -rf "$work" "$artifacts"  # no stale screenshots from an earlier run
mkdir -p "$work" "$artifacts"
db="$work/sample.db"
token="browser-test-token-$$"
log="$work/serve.log"
"$vigia" serve --db "$db" --port 0 --token "$token" --web "$repo/web/dist" >"$work/serve.out" 2>"$log" &
pid=$!
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  grep -q "listening on" "$work/serve.out" 2>/dev/null && break
  kill -0 $pid 2>/dev/null || { echo "vigia serve died:"; cat "$log"; exit 1; }
  sleep 0.1
done
base="$(sed -n 's|^listening on \(http://[^/]*\)/.*|\1|p' "$work/serve.out")"
[ -n "$base" ] || { echo "vigia serve did not report its address"; cat "$log"; exit 1; }
echo "server at $base"

echo "== dashboard on the empty store (a fresh install) =="
node "$here/dashboard.test.mjs" "$base" "$artifacts" empty

articles="$repo/examples/articles.jsonl"
events=0
if [ -f "$articles" ]; then
  curl -sS --fail-with-body -X POST -H "Authorization: Bearer $token" -H "Content-Type: application/x-ndjson" \
    --data-binary "@$articles" "$base/api/ingest" >"$work/ingest.json" || { echo "ingest failed:"; cat "$work/ingest.json"; exit 1; }
  echo "ingest: $(cat "$work/ingest.json" | head -c 400)"
fi
events=$(curl -sS "$base/healthz" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["database"]["events"])')
alerts=$(curl -sS "$base/api/alerts" | python3 -c 'import json,sys; print(json.load(sys.stdin)["count"])')
echo "examples/ via the real pipeline: $events events, $alerts alerts"
min_events="${SERVE_BROWSER_MIN_EVENTS:-40}"
if [ "$events" -ge "$min_events" ] && [ "$alerts" -ge 1 ]; then
  echo "== dashboard on the example articles (real pipeline) =="
  node "$here/dashboard.test.mjs" "$base" "$artifacts" dashboard
  exit 0
fi
# Too little for every panel (and the alert click) to mean something: test
# what the examples give, then add generated events and test everything.
if [ "$events" -ge 1 ]; then
  echo "== dashboard on the example articles alone (alerts optional) =="
  node "$here/dashboard.test.mjs" "$base" "$artifacts" examples
fi
echo "NOTE: fewer than $min_events events or no alert from the examples; adding generated events (serve_mkdb)"
"$mkdb" "$db" "$work/generated.jsonl"
echo "== dashboard on examples + generated events =="
node "$here/dashboard.test.mjs" "$base" "$artifacts" dashboard
