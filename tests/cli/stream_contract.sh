#!/usr/bin/env bash
# The stream contract (docs/streaming.md): JSON Lines in, JSON Lines out,
# stateless per record. Coding the parts of a split input separately (as
# Spark RDD.pipe or Hadoop Streaming do, concurrently) and concatenating the
# outputs gives exactly the output of coding the whole.
source "$(dirname "$0")/lib.bash"

make_news "$TMP/all.jsonl" 50
printf '{"id":"broken","text":"cut\n' >>"$TMP/all.jsonl"
make_news "$TMP/more.jsonl" 20
sed 's/"id": "n/"id": "m/' "$TMP/more.jsonl" >>"$TMP/all.jsonl"
"$VIGIA" code "$TMP/all.jsonl" >"$TMP/whole.out" 2>"$TMP/whole.err"
[ -s "$TMP/whole.out" ] || fail "no events from the whole input"
check_jsonl "$TMP/whole.out"

# Split into 4 parts by lines, code them concurrently as separate processes
# reading stdin (like a streaming mapper), concatenate in part order.
split -n l/4 -d "$TMP/all.jsonl" "$TMP/part."
pids=()
for p in "$TMP"/part.0?; do
  "$VIGIA" code <"$p" >"$p.out" 2>"$p.err" &
  pids+=($!)
done
for pid in "${pids[@]}"; do wait "$pid" || fail "a part exited non-zero"; done
cat "$TMP"/part.0?.out >"$TMP/parts.out"
cmp -s "$TMP/whole.out" "$TMP/parts.out" && pass "concatenated parts == whole (4 concurrent processes)" \
  || fail "parts differ from the whole"
# Diagnostics go to stderr only, and name the record.
grep -q "record broken: invalid JSON" "$TMP"/part.0?.err && pass "bad record reported on stderr by its part" \
  || fail "bad record not reported"
! grep -q "invalid JSON" "$TMP"/part.0?.out && pass "no diagnostics on stdout" || fail "diagnostics on stdout"

# Records carry their own id and date: splitting by any boundary changes nothing.
split -l 7 -d -a 3 "$TMP/all.jsonl" "$TMP/small."
for p in "$TMP"/small.*; do "$VIGIA" code <"$p" 2>/dev/null; done >"$TMP/small.out"
cmp -s "$TMP/whole.out" "$TMP/small.out" && pass "parts of 7 lines == whole" || fail "7-line parts differ"

# Every output line names its input record, so outputs can be joined back.
python3 - "$TMP/all.jsonl" "$TMP/whole.out" <<'PY' && pass "every event names an input record id" || fail "event ids"
import json, sys
ids = set()
for l in open(sys.argv[1]):
    try: ids.add(json.loads(l)["id"])
    except Exception: pass
for l in open(sys.argv[2]):
    assert json.loads(l)["id"] in ids
PY
# An empty part is fine: no output, exit 0.
expect_rc 0 "empty part" -- "$VIGIA" code --input jsonl </dev/null
[ ! -s "$TMP/out" ] && pass "empty part: empty output" || fail "empty part gave output"
finish
