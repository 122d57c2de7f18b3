#!/usr/bin/env bash
# cases.sh VIGIA — vigia's own conformance cases (tests/conformance/cases.txt), run
# through the CLI with the dictionaries in tests/conformance/dict/. Modes: y exact
# set, n must-not-match, i either (reported). Needs nothing from ../shared.
set -u
vigia=$1
here=$(cd "$(dirname "$0")" && pwd)
d=$here/dict
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 - "$here/cases.txt" "$tmp/in.jsonl" "$tmp/cases.json" <<'PY'
import json, sys
cases = []
with open(sys.argv[1], encoding="utf-8") as f, open(sys.argv[2], "w", encoding="utf-8") as out:
    for n, line in enumerate(f, 1):
        line = line.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        head, text, want = [p.strip() for p in line.split(" | ")]
        mode, date = head.split()
        want = [] if want == "-" else want.split()
        cid = "case-%d" % n
        cases.append({"id": cid, "line": n, "mode": mode, "text": text, "want": want})
        out.write(json.dumps({"id": cid, "date": date, "text": text}) + "\n")
json.dump(cases, open(sys.argv[3], "w"))
PY
if ! "$vigia" code --input jsonl --verbs "$d/caribbean.verbs.txt" --actors "$d/caribbean.actors.txt" \
     --agents "$d/caribbean.agents.txt" --discards "$d/caribbean.discards.txt" --strict \
     "$tmp/in.jsonl" > "$tmp/out.jsonl" 2> "$tmp/err.txt"; then
  echo "FAIL: vigia code failed:"; cat "$tmp/err.txt"; exit 1
fi
python3 - "$tmp/cases.json" "$tmp/out.jsonl" <<'PY'
import json, sys
cases = json.load(open(sys.argv[1]))
got = {}
for line in open(sys.argv[2], encoding="utf-8"):
    e = json.loads(line)
    got.setdefault(e["id"], []).append("%s-%s-%s" % (e["source"], e["target"], e["code"]))
    for k in ("sentence_text", "source_text", "verb_text", "target_text", "root", "quad", "goldstein"):
        if k not in e:
            print("FAIL %s: event without %s" % (e["id"], k)); sys.exit(1)
fails = 0
for c in cases:
    g = got.get(c["id"], [])
    if c["mode"] == "y":
        ok = sorted(g) == sorted(c["want"])
    elif c["mode"] == "n":
        ok = not any(w in g for w in c["want"])
    else:
        print("either  cases.txt:%d: %s -> %s" % (c["line"], c["text"], " ".join(g) or "-"))
        continue
    if not ok:
        fails += 1
        print("FAIL cases.txt:%d [%s] %s\n  expected %s\n  coded    %s" % (
            c["line"], c["mode"], c["text"], " ".join(c["want"]) or "-", " ".join(g) or "-"))
print("cases: %d, failed %d" % (len(cases), fails))
sys.exit(1 if fails else 0)
PY
