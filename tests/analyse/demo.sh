#!/usr/bin/env bash
# demo.sh VIGIA — the README's first command (scripts/demo) end to end on the
# sample articles: the real coder with vigia's own dictionaries, a SQLite store
# in a temporary directory. The crisis report must show at least two blocs and
# one alert, hold all 57 articles, and a second run must change nothing.
set -euo pipefail
vigia="${1:?usage: demo.sh VIGIA}"
repo="$(cd "$(dirname "$0")/../.." && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

"$repo/scripts/demo" --vigia "$vigia" --db "$tmp/demo.db" --quiet > "$tmp/report1.txt"
cat "$tmp/report1.txt"
n_articles=$(wc -l < "$repo/examples/articles.jsonl")
blocs=$(sed -n 's/.* relations, \([0-9]*\) blocs\{0,1\} (signed modularity.*/\1/p' "$tmp/report1.txt")
alerts=$(sed -n 's/^Escalation alerts (\([0-9]*\) on [0-9]* dyads\{0,1\}, newest first)$/\1/p' "$tmp/report1.txt")
echo "demo.sh: articles=$n_articles blocs=${blocs:-?} alerts=${alerts:-?}"
grep -q "^store: sqlite, $n_articles documents" "$tmp/report1.txt" || fail "not all $n_articles articles were stored"
[ "${blocs:-0}" -ge 2 ] || fail "fewer than 2 blocs in the report"
[ "${alerts:-0}" -ge 1 ] || fail "no alert in the report"

# Idempotent: same database, same report, no new events.
"$repo/scripts/demo" --vigia "$vigia" --db "$tmp/demo.db" --quiet > "$tmp/report2.txt"
cmp -s "$tmp/report1.txt" "$tmp/report2.txt" || { diff "$tmp/report1.txt" "$tmp/report2.txt"; fail "a second run changed the report"; }
echo "demo.sh: second run gives the same report"
