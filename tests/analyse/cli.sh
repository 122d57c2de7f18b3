#!/usr/bin/env bash
# cli.sh VIGIA [sqlite|pg] — `vigia trend`, `network`, `alerts` and `report`
# on a store filled with planted event JSON Lines (no coder involved): every
# output format is parsed back and checked against what was planted, and bad
# arguments give the documented exit codes. With pg, the store is a fresh
# database in the PostgreSQL test cluster at $VIGIA_TEST_PG (ctest fixture
# store_pg).
set -euo pipefail
vigia="${1:?usage: cli.sh VIGIA [sqlite|pg]}"
backend="${2:-sqlite}"
tmp="$(mktemp -d)"
cleanup() { rm -rf "$tmp"; }
trap cleanup EXIT
fail() { echo "FAIL: $*"; exit 1; }
case "$backend" in
  sqlite) db="$tmp/t.db" ;;
  pg)
    base="${VIGIA_TEST_PG:?VIGIA_TEST_PG is not set: run through ctest (fixture store_pg)}"
    name="vg_analyse_$$"
    psql -X -q "$base/postgres" -c "SET client_min_messages TO warning" -c "DROP DATABASE IF EXISTS $name" \
      -c "CREATE DATABASE $name" || fail "cannot create database $name"
    cleanup() { rm -rf "$tmp"; psql -X -q "$base/postgres" -c "DROP DATABASE IF EXISTS $name" >/dev/null 2>&1 || true; }
    db="$base/$name" ;;
  *) echo "usage: cli.sh VIGIA [sqlite|pg]" >&2; exit 2 ;;
esac
command -v python3 >/dev/null || { echo "SKIP: python3 is needed to check the outputs"; exit 77; }

# Planted: bloc {USA, GUY, TTO} cooperating, bloc {VEN, RUS, CUB} cooperating,
# conflict between the blocs; USA-VEN calm (one accusation a week) for two
# months, then three attacks on 2025-09-02.
python3 - "$tmp/events.jsonl" <<'PY'
import json, sys, datetime
out = open(sys.argv[1], "w")
n = 0
def ev(doc, date, s, t, code, g, text):
    global n
    out.write(json.dumps({"id": doc, "sentence": n % 50, "date": date, "source": s, "target": t,
                          "code": code, "goldstein": g, "sentence_text": text}) + "\n")
    n += 1
d0 = datetime.date(2025, 7, 1)
for k in range(9):
    day = (d0 + datetime.timedelta(days=7 * k)).isoformat()
    doc = "week-%d" % k
    n = 0
    for a, b in [("USA", "GUY"), ("GUY", "TTO"), ("TTO", "USA"), ("VEN", "RUS"), ("RUS", "CUB"), ("CUB", "VEN")]:
        ev(doc, day, a, b, "057", 8.0, "%s signed an agreement with %s." % (a, b))
    for a, b in [("USA", "RUS"), ("GUY", "VEN"), ("TTO", "CUB")]:
        ev(doc, day, a, b, "111", -2.0, "%s criticized %s." % (a, b))
    ev(doc, day, "VENGOV", "USA", "112", -2.0, "Venezuela accused the United States.")
n = 0
for code in ("190", "193", "195"):
    ev("strike", "2025-09-02", "USAMIL", "VEN", code, -10.0, "The United States military attacked a Venezuelan boat (%s)." % code)
PY
"$vigia" ingest --db "$db" --input events -q "$tmp/events.jsonl" || fail "ingest failed"

# ---- trend ----
"$vigia" trend USA VEN --db "$db" --by week > "$tmp/trend.txt" || fail "trend failed"
grep -q "United States (USA), b = Venezuela (VEN)" "$tmp/trend.txt" || fail "trend table has no header"
grep -q "^events ▃▃▃▃▃▃▃▃▃█ " "$tmp/trend.txt" || fail "trend table: wrong volume sparkline"
grep -q "^CCI    ▁▁▁▁▁▁▁▁▁▁ " "$tmp/trend.txt" || fail "trend table: wrong CCI sparkline"
"$vigia" trend USA VEN --db "$db" --by week --format json > "$tmp/trend.json"
"$vigia" trend USA VEN --db "$db" --by week --format csv > "$tmp/trend.csv"
python3 - "$tmp/trend.json" "$tmp/trend.csv" <<'PY' || fail "trend json/csv"
import json, sys, csv
t = json.load(open(sys.argv[1]))
tot = t["total"]["all"]
assert tot["events"] == 12, tot                     # 9 accusations + 3 attacks
assert abs(tot["goldstein_sum"] - (-18 - 30)) < 1e-9, tot
assert t["total"]["cci"] == -1.0
assert t["points"][0]["period"] == "2025-06-30"      # weeks start on Monday
rows = list(csv.DictReader(open(sys.argv[2])))
assert len(rows) == len(t["points"]), (len(rows), len(t["points"]))
strike = [r for r in rows if r["period"] == "2025-09-01"][0]
assert strike["material_conflict"] == "3" and strike["ab_events"] == "3", strike
PY

# ---- network ----
"$vigia" network --db "$db" > "$tmp/net.json" || fail "network failed"
"$vigia" network --db "$db" --format graphml > "$tmp/net.graphml"
"$vigia" network --db "$db" --format dot > "$tmp/net.dot"
python3 - "$tmp/net.json" "$tmp/net.graphml" "$tmp/net.dot" <<'PY' || fail "network outputs"
import json, sys, xml.etree.ElementTree as ET
n = json.load(open(sys.argv[1]))
blocs = sorted(sorted(b["members"]) for b in n["blocs"])
assert blocs == [["CUB", "RUS", "VEN"], ["GUY", "TTO", "USA"]], blocs
assert n["frustration"] == 0, n["frustration"]
g = ET.parse(sys.argv[2]).getroot()
ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
assert len(g.findall(".//g:node", ns)) == 6
assert len(g.findall(".//g:edge", ns)) == len(n["edges"])
dot = open(sys.argv[3]).read()
assert dot.count("{") == dot.count("}") and "graph vigia {" in dot and "cluster_bloc1" in dot
PY

# ---- alerts ----
"$vigia" alerts --db "$db" --format json > "$tmp/alerts.json" || fail "alerts failed"
"$vigia" alerts --db "$db" --dyad VEN,USA --format csv > "$tmp/alerts.csv"
"$vigia" alerts --db "$db" > "$tmp/alerts.txt"
python3 - "$tmp/alerts.json" "$tmp/alerts.csv" <<'PY' || fail "alerts outputs"
import json, sys, csv
a = json.load(open(sys.argv[1]))["alerts"]
spikes = [x for x in a if x["kind"] == "spike"]
assert len(spikes) == 1 and spikes[0]["a"] == "USA" and spikes[0]["b"] == "VEN", spikes
s = spikes[0]
assert s["date"] == "2025-09-02" and s["z"] >= 3
assert [e["code"] for e in s["events"][:3]] == ["190", "193", "195"], s["events"]
assert all("attacked a Venezuelan boat" in e["sentence"] and e["doc_id"] == "strike" for e in s["events"][:3])
firsts = [x for x in a if x["kind"] == "first-material"]
assert [(x["a"], x["b"], x["date"]) for x in firsts] == [("USA", "VEN", "2025-09-02")], firsts
rows = list(csv.DictReader(open(sys.argv[2])))
assert {r["kind"] for r in rows} == {"spike", "first-material"}, rows
assert all(r["a"] == "VEN" and r["b"] == "USA" for r in rows)   # the dyad as asked
PY
grep -q '"The United States military attacked a Venezuelan boat (190)."' "$tmp/alerts.txt" || fail "alerts table lacks evidence"
# Tuning: only spikes; a threshold no day reaches; a baseline too long to observe.
[ "$("$vigia" alerts --db "$db" --kinds spike --format csv | tail -n +2 | cut -d, -f3 | sort -u)" = spike ] || fail "--kinds spike"
[ "$("$vigia" alerts --db "$db" --kinds spike --z 100 --format csv | wc -l)" = 1 ] || fail "--z 100 still fires"
[ "$("$vigia" alerts --db "$db" --kinds spike --min-intensity 31 --format csv | wc -l)" = 1 ] || fail "--min-intensity 31 still fires"
[ "$("$vigia" alerts --db "$db" --kinds spike --min-intensity 30 --format csv | wc -l)" = 2 ] || fail "--min-intensity 30 does not fire"

# ---- report ----
"$vigia" report --db "$db" > "$tmp/report.txt" || fail "report failed"
grep -q "2 blocs" "$tmp/report.txt" || fail "report: blocs"
grep -q "^Escalation alerts (2 on 1 dyad, newest first)" "$tmp/report.txt" || fail "report: alerts"
grep -q "^United States - Venezuela" "$tmp/report.txt" || fail "report: top relations"

# ---- errors: exit 2 for usage, 3 for resources, a message naming the problem ----
expect() {
  local want="$1" pattern="$2"; shift 2
  local rc=0
  "$@" > "$tmp/out" 2> "$tmp/err" || rc=$?
  [ "$rc" = "$want" ] || { cat "$tmp/err"; fail "'$*' exited $rc, not $want"; }
  grep -q -- "$pattern" "$tmp/err" || { cat "$tmp/err"; fail "'$*' did not say '$pattern'"; }
}
expect 3 "cannot open" "$vigia" trend USA VEN --db "$tmp/missing/none.db"
expect 2 "needs two actors" "$vigia" trend USA --db "$db"
expect 2 "must be day, week or month" "$vigia" trend USA VEN --db "$db" --by year
expect 2 "needs a date" "$vigia" trend USA VEN --db "$db" --from 2025-02-30
expect 2 "is after" "$vigia" alerts --db "$db" --from 2025-09-01 --to 2025-08-01
expect 2 "must be one of" "$vigia" network --db "$db" --format svg
expect 2 "unknown option" "$vigia" report --db "$db" --colour
expect 2 "needs two actor codes" "$vigia" alerts --db "$db" --dyad USA
expect 2 "takes spike, turn, first-material" "$vigia" alerts --db "$db" --kinds spikes
expect 2 "needs a positive number" "$vigia" alerts --db "$db" --z -1
expect 2 "needs a number of days" "$vigia" alerts --db "$db" --baseline 1x
echo "cli.sh ($backend): trend, network, alerts, report and their errors OK"
