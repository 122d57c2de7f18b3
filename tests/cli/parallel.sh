#!/usr/bin/env bash
# vigia code -j N: output (stdout and stderr) byte-identical to -j 1, in
# input order, with bad records in the middle and several inputs.
source "$(dirname "$0")/lib.bash"

make_news "$TMP/news.jsonl" 400        # 4,000 records: many batches
python3 - "$TMP/news.jsonl" "$TMP/mixed.jsonl" <<'PY'
import sys
lines = open(sys.argv[1]).read().splitlines(keepends=True)
out = open(sys.argv[2], "w")
for i, l in enumerate(lines):
    out.write(l)
    if i % 997 == 3:
        out.write('{"id":"broken-%d","text":"cut\n' % i)
PY
"$VIGIA" code -j 1 "$TMP/mixed.jsonl" "$TMP/news.jsonl" >"$TMP/j1.out" 2>"$TMP/j1.err"
[ -s "$TMP/j1.out" ] || fail "no events at -j 1"
for j in 2 4 7; do
  "$VIGIA" code -j $j "$TMP/mixed.jsonl" "$TMP/news.jsonl" >"$TMP/j.out" 2>"$TMP/j.err"
  cmp -s "$TMP/j1.out" "$TMP/j.out" && pass "-j $j stdout identical to -j 1" || fail "-j $j stdout differs"
  cmp -s "$TMP/j1.err" "$TMP/j.err" && pass "-j $j stderr identical to -j 1" || fail "-j $j stderr differs"
done
# -j4 from stdin, TSV and --all-events too
"$VIGIA" code -j 1 --format tsv --all-events <"$TMP/mixed.jsonl" >"$TMP/t1" 2>/dev/null
"$VIGIA" code -j 4 --format tsv --all-events <"$TMP/mixed.jsonl" >"$TMP/t4" 2>/dev/null
cmp -s "$TMP/t1" "$TMP/t4" && pass "-j 4 TSV from stdin identical" || fail "-j 4 TSV from stdin differs"

# Real news with the Phoenix dictionaries, when the reference material is here.
if [ -n "$SHARED" ] && [ -f "$SHARED/corpora/gigaword-sample.PETR.xml" ]; then
  D="$SHARED/dictionaries/phoenix"
  "$VIGIA" code -j 1 --dict "$D" "$SHARED/corpora/gigaword-sample.PETR.xml" "$SHARED/validation/gsr/PETR2_GSR.dev.xml" >"$TMP/p1" 2>"$TMP/p1.err"
  "$VIGIA" code -j 4 --dict "$D" "$SHARED/corpora/gigaword-sample.PETR.xml" "$SHARED/validation/gsr/PETR2_GSR.dev.xml" >"$TMP/p4" 2>"$TMP/p4.err"
  cmp -s "$TMP/p1" "$TMP/p4" && pass "-j 4 identical on real news (Phoenix dictionaries)" || fail "-j 4 differs on real news"
  cmp -s "$TMP/p1.err" "$TMP/p4.err" && pass "-j 4 stderr identical on real news" || fail "-j 4 stderr differs on real news"
else
  echo "note: ../shared absent, real-news comparison skipped"
fi
finish
