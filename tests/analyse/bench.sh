#!/usr/bin/env bash
# bench.sh VIGIA [EVENTS] — time the analysis commands on a synthetic store
# (not a ctest: timings belong in docs/benchmarks.md, not in assertions).
#
# EVENTS (default 500000) events in documents of 5, among 20 countries of the
# Americas and their allies with three roles each (USA, USAGOV, USAMIL, ...),
# 10 CAMEO codes from 057 to 190, dates spread over 2024-2025, seed fixed.
# Prints the median of 3 runs of each command, in seconds.
set -euo pipefail
vigia="${1:?usage: bench.sh VIGIA [EVENTS]}"
events="${2:-500000}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
python3 - "$events" > "$tmp/events.jsonl" <<'PY'
import json, random, datetime, sys
random.seed(1)
C = ["USA","VEN","RUS","CHN","IRN","CUB","GUY","COL","BRA","TTO","MEX","ARG","ECU","PER","CHL","DOM","NIC","PAN","QAT","BRB"]
S = ["", "GOV", "MIL"]
codes = [("057",8.0),("051",3.4),("043",2.8),("111",-2.0),("112",-2.0),("130",-4.4),("163",-8.0),("190",-10.0),("036",4.0),("042",1.9)]
d0 = datetime.date(2024, 1, 1)
for i in range(int(sys.argv[1]) // 5):
    day = (d0 + datetime.timedelta(days=random.randrange(730))).isoformat()
    for j in range(5):
        a, b = random.sample(C, 2)
        c, g = random.choice(codes)
        print(json.dumps({"id": "d%d" % i, "sentence": j, "date": day, "source": a + random.choice(S),
                          "target": b + random.choice(S), "code": c, "goldstein": g, "sentence_text": "s"}))
PY
db="$tmp/bench.db"
ms() { echo $(( $(date +%s%N) / 1000000 )); }
secs() { printf '%d.%03d' $(($1 / 1000)) $(($1 % 1000)); }
start=$(ms)
"$vigia" ingest --db "$db" --input events -q "$tmp/events.jsonl"
echo "ingest $(secs $(( $(ms) - start ))) s ($events events)"
median() {
  local label="$1"; shift
  local t=()
  for _ in 1 2 3; do
    local s
    s=$(ms); "$@" > /dev/null
    t+=("$(( $(ms) - s ))")
  done
  printf '%-48s %s s\n' "$label" "$(secs "$(printf '%s\n' "${t[@]}" | sort -n | sed -n 2p)")"
}
median "trend USA VEN --by week" "$vigia" trend USA VEN --db "$db" --by week
median "trend USA VEN --by day --format json" "$vigia" trend USA VEN --db "$db" --by day --format json
median "trend USA VEN --from 2025-01-01 --to 2025-06-30" "$vigia" trend USA VEN --db "$db" --from 2025-01-01 --to 2025-06-30
median "network --format json" "$vigia" network --db "$db"
median "alerts --format json" "$vigia" alerts --db "$db" --format json
median "alerts --dyad USA,VEN" "$vigia" alerts --db "$db" --dyad USA,VEN
median "report" "$vigia" report --db "$db"
