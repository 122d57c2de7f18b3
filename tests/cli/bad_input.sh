#!/usr/bin/env bash
# vigia code: any bytes in, no crash. Each bad record is reported with its
# file:line and id, and every other record is coded as if the bad ones were
# not there.
source "$(dirname "$0")/lib.bash"

make_news "$TMP/good.jsonl" 3
python3 - "$TMP/good.jsonl" "$TMP/mixed.jsonl" <<'PY'
import sys
good = open(sys.argv[1], "rb").read().splitlines(keepends=True)
bad = [
    b'{"id":"bad-utf8","date":"2025-11-04","text":"Venezuela \xff\xfe condemned the United States."}\n',
    b'{"id":"bad-nul","text":"Cuba \x00 praised Venezuela."}\n',
    b'{"id":"bad-big","text":"' + b"word " * 1_100_000 + b'"}\n',
    b'{"id":"bad-trunc","text":"Venezuela accused\n',
    b'\x00\x01\x02 binary garbage \xc0\xc1\n',
]
out = open(sys.argv[2], "wb")
for i, line in enumerate(good):
    out.write(line)
    if i % 6 == 2 and bad:
        out.write(bad.pop(0))
out.writelines(bad)
PY
"$VIGIA" code "$TMP/good.jsonl" >"$TMP/good.out" 2>/dev/null
[ -s "$TMP/good.out" ] || fail "the good records code to no events (is the coder working?)"

# A 5 MB line with a 1 MB record limit: skipped, named.
"$VIGIA" code --max-record-bytes 1M "$TMP/mixed.jsonl" >"$TMP/mixed.out" 2>"$TMP/mixed.err"
rc=$?
[ $rc -eq 0 ] && pass "exit 0 with skipped records" || fail "exit $rc with skipped records"
for want in "mixed.jsonl:[0-9]*: record bad-nul: invalid JSON" \
            "mixed.jsonl:[0-9]*: record bad-big: record longer than 1048576 bytes" \
            "mixed.jsonl:[0-9]*: record bad-trunc: invalid JSON .*truncated" \
            "mixed.jsonl:[0-9]*: invalid JSON" \
            "mixed.jsonl:[0-9]*: record bad-utf8: warning: invalid UTF-8"; do
  grep -q "^vigia: .*$want" "$TMP/mixed.err" && pass "reported: $want" || fail "not reported: $want"
done
# The bad-utf8 record is coded (bytes replaced); the rest equals the good-only run.
grep -v '"id":"bad-utf8"' "$TMP/mixed.out" >"$TMP/mixed.rest"
cmp -s "$TMP/mixed.rest" "$TMP/good.out" && pass "the rest of the batch is coded unchanged" \
  || fail "events of good records changed by bad neighbours"
grep -q '"id":"bad-utf8"' "$TMP/mixed.out" && pass "record with invalid UTF-8 still coded" \
  || fail "record with invalid UTF-8 lost"
check_jsonl "$TMP/mixed.out"
expect_rc 1 "--strict-exit with skipped records" -- "$VIGIA" code --strict-exit --max-record-bytes 1M "$TMP/mixed.jsonl"

# Default limit: the 5 MB line is read; whatever the coder does with it,
# nothing crashes and the rest is coded.
"$VIGIA" code "$TMP/mixed.jsonl" >"$TMP/mixed2.out" 2>"$TMP/mixed2.err"
rc=$?
[ $rc -eq 0 ] && pass "5 MB line with the default limit: exit 0" || fail "5 MB line: exit $rc"
grep -v '"id":"bad-' "$TMP/mixed2.out" | cmp -s - "$TMP/good.out" && pass "5 MB line: rest coded" || fail "5 MB line: rest differs"

# Truncated XML: the cut record is named; the records before it are coded.
python3 - "$TMP/good.jsonl" "$TMP/cut.xml" <<'PY'
import json, sys
from xml.sax.saxutils import escape
recs = [json.loads(l) for l in open(sys.argv[1])]
out = open(sys.argv[2], "w")
out.write("<Sentences>\n")
for r in recs[:5]:
    out.write(f'<Sentence date="20251104" id="{r["id"]}">\n<Text>{escape(r["text"])}</Text>\n</Sentence>\n')
out.write('<Sentence date="20251104" id="x-unclosed">\n<Text>Venezuela accused\n')  # never closed
for r in recs[5:8]:
    out.write(f'<Sentence date="20251104" id="{r["id"]}">\n<Text>{escape(r["text"])}</Text>\n</Sentence>\n')
out.write('<Sentence date="20251104" id="x-cut">\n<Text>The United States and Venezu')
PY
"$VIGIA" code "$TMP/cut.xml" >"$TMP/cut.out" 2>"$TMP/cut.err"
rc=$?
[ $rc -eq 0 ] && pass "truncated XML: exit 0" || fail "truncated XML: exit $rc"
grep -q "cut.xml:[0-9]*: record x-unclosed: <Text> not closed" "$TMP/cut.err" && pass "unclosed <Text> named" || fail "unclosed <Text> not reported: $(cat "$TMP/cut.err")"
grep -q "cut.xml:[0-9]*: record x-cut: input ends inside <Text>" "$TMP/cut.err" && pass "truncated last record named" || fail "truncated record not reported"
n=$(python3 -c "import json,sys; print(len({json.loads(l)['id'] for l in open(sys.argv[1])}))" "$TMP/cut.out")
[ "$n" -ge 1 ] && pass "records around the cut XML coded ($n with events)" || fail "nothing coded from the truncated XML"

# Random bytes, every input format: no crash (exit 0), every output line is JSON.
python3 -c "import os,sys; sys.stdout.buffer.write(os.urandom(200000))" >"$TMP/random.bin"
for fmt in auto text jsonl xml; do
  "$VIGIA" code --input $fmt "$TMP/random.bin" >"$TMP/r.out" 2>/dev/null
  rc=$?
  [ $rc -eq 0 ] && pass "random bytes as $fmt: exit 0" || fail "random bytes as $fmt: exit $rc"
  check_jsonl "$TMP/r.out"
done
finish
