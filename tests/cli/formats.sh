#!/usr/bin/env bash
# vigia code: format detection, plain text metadata, stdin, TSV header.
source "$(dirname "$0")/lib.bash"

make_news "$TMP/news.jsonl"
"$VIGIA" code "$TMP/news.jsonl" >"$TMP/auto.jsonl" 2>"$TMP/err" || fail "coding news.jsonl"
[ -s "$TMP/auto.jsonl" ] || fail "no events from the sample news (is the coder working?)"
check_jsonl "$TMP/auto.jsonl"
"$VIGIA" code --input jsonl "$TMP/news.jsonl" >"$TMP/forced.jsonl" 2>/dev/null
cmp -s "$TMP/auto.jsonl" "$TMP/forced.jsonl" && pass "auto-detected JSON Lines" || fail "auto != --input jsonl"

# The same sentences as PETRARCH XML (with entities and a self-closed Sentence).
python3 - "$TMP/news.jsonl" "$TMP/news.xml" <<'PY'
import json, sys
from xml.sax.saxutils import escape
out = open(sys.argv[2], "w")
out.write("<?xml version='1.0' encoding='utf-8'?>\n<Sentences>\n<!-- generated -->\n")
for n, line in enumerate(open(sys.argv[1])):
    r = json.loads(line)
    d = r["date"].replace("-", "")
    if n % 2:
        out.write(f'<Sentence date="{d}" id="{r["id"]}" category="T"/>\n<Text>\n{escape(r["text"])}\n</Text>\n</Sentence>\n')
    else:
        out.write(f'<Sentence date = "{d}" id ="{r["id"]}" sentence="True">\n<Text>\n{escape(r["text"])}\n</Text>\n<Parse>(ROOT)</Parse>\n</Sentence>\n')
out.write("</Sentences>\n")
PY
"$VIGIA" code "$TMP/news.xml" >"$TMP/xml.jsonl" 2>"$TMP/err"
python3 - "$TMP/auto.jsonl" "$TMP/xml.jsonl" <<'PY' && pass "XML detected; same events as JSON Lines" || fail "XML events differ from JSONL events"
import json, sys
def key(path):
    return sorted((e["id"], e["sentence"], e["date"], e["source"], e["target"], e["code"])
                  for e in map(json.loads, open(path)))
a, b = key(sys.argv[1]), key(sys.argv[2])
assert a == b, (a[:3], b[:3])
PY

# Compressed inputs (gzip, xz, bzip2, zstd when installed) are read through the
# system's decompressor: same events as the plain file. A damaged archive is
# reported (exit 3) and the other inputs are still coded.
for z in gzip xz bzip2 zstd; do
  command -v $z >/dev/null || continue
  $z -c "$TMP/news.jsonl" >"$TMP/news.jsonl.$z"
  "$VIGIA" code "$TMP/news.jsonl.$z" >"$TMP/z.out" 2>"$TMP/err"
  cmp -s "$TMP/auto.jsonl" "$TMP/z.out" && pass "$z-compressed input" || fail "$z-compressed input: $(head -2 "$TMP/err")"
done
gzip -c "$TMP/news.jsonl" | head -c 300 >"$TMP/cut.gz"
"$VIGIA" code -j 2 "$TMP/cut.gz" "$TMP/news.jsonl" >"$TMP/z.out" 2>"$TMP/err"
rc=$?
[ $rc -eq 3 ] && grep -q "cut.gz: gzip -dc failed" "$TMP/err" && pass "damaged gzip reported, exit 3" \
  || fail "damaged gzip: exit $rc, $(tail -2 "$TMP/err")"
tail -n "$(wc -l <"$TMP/auto.jsonl")" "$TMP/z.out" | cmp -s - "$TMP/auto.jsonl" && pass "input after a damaged archive coded" \
  || fail "input after a damaged archive"

# TABARI records: detected, ids and two-digit-year dates from the header lines.
printf '# sample\n\n251104  TAB-1\nVenezuela condemned the United States for the strike on a boat\nin the Caribbean.\n/* { VEN / USA / 111 } */\n\n251105  TAB-2\nCuba expressed support for the government of Venezuela.\n' >"$TMP/t.tabari"
"$VIGIA" code "$TMP/t.tabari" >"$TMP/tab.jsonl" 2>"$TMP/err"
python3 - "$TMP/tab.jsonl" <<'PY' && pass "TABARI records detected and coded" || fail "TABARI records: $(cat "$TMP/err")"
import json, sys
ev = [json.loads(l) for l in open(sys.argv[1])]
ids = {(e["id"], e["date"]) for e in ev}
assert ("TAB-1", "2025-11-04") in ids, ids
PY

# Plain text: id from the file name, date from --date; --id overrides.
printf 'CARACAS, Nov 12 (AFP) - Venezuela condemned the United States for the strike on a boat in the Caribbean.\n' >"$TMP/story.txt"
"$VIGIA" code --date 2025-11-12 "$TMP/story.txt" >"$TMP/t.jsonl" 2>/dev/null
python3 - "$TMP/t.jsonl" <<'PY' && pass "plain text: id = file name, --date used" || fail "plain text metadata"
import json, sys
ev = [json.loads(l) for l in open(sys.argv[1])]
assert ev, "no events from the text article"
assert all(e["id"] == "story.txt" and e["date"] == "2025-11-12" for e in ev), ev
PY
"$VIGIA" code --id art-9 --date 20251112 --input text <"$TMP/story.txt" >"$TMP/t2.jsonl" 2>/dev/null
grep -q '"id":"art-9"' "$TMP/t2.jsonl" && pass "stdin text with --id" || fail "--id not used for stdin text"

# stdin: no file, and '-', give the same as the file.
"$VIGIA" code <"$TMP/news.jsonl" >"$TMP/stdin1.jsonl" 2>/dev/null
"$VIGIA" code - <"$TMP/news.jsonl" >"$TMP/stdin2.jsonl" 2>/dev/null
cmp -s "$TMP/auto.jsonl" "$TMP/stdin1.jsonl" && cmp -s "$TMP/auto.jsonl" "$TMP/stdin2.jsonl" \
  && pass "stdin (none and '-') same as the file" || fail "stdin output differs"

# Several files in one run: concatenation of each alone.
"$VIGIA" code "$TMP/news.jsonl" "$TMP/story.txt" "$TMP/news.xml" >"$TMP/multi.jsonl" 2>/dev/null
{ cat "$TMP/auto.jsonl"; "$VIGIA" code "$TMP/story.txt" 2>/dev/null; cat "$TMP/xml.jsonl"; } >"$TMP/multi_want.jsonl"
# (the text article is dated today in both runs)
cmp -s "$TMP/multi.jsonl" "$TMP/multi_want.jsonl" && pass "several inputs in order" || fail "several inputs"

# TSV: header row, one row per event, 14 columns, and -o FILE.
"$VIGIA" code --format tsv -o "$TMP/ev.tsv" "$TMP/news.jsonl" 2>/dev/null || fail "tsv run"
head -1 "$TMP/ev.tsv" | grep -qx $'id\tsentence\tdate\tsource\ttarget\tcode\troot\tquad\tgoldstein\tsentence_text\tsource_text\tverb_text\ttarget_text\textra' \
  && pass "TSV header" || fail "TSV header: $(head -1 "$TMP/ev.tsv")"
[ $(( $(wc -l <"$TMP/ev.tsv") - 1 )) -eq "$(wc -l <"$TMP/auto.jsonl")" ] && pass "TSV rows = JSONL events" || fail "TSV row count"
awk -F'\t' 'NF != 14 { bad = 1 } END { exit bad }' "$TMP/ev.tsv" && pass "TSV: 14 columns on every row" || fail "TSV column count"
# Round trip: the TSV rows, unescaped, carry exactly the JSON Lines events (with
# tabs, newlines and backslashes inside the text).
printf '{"id":"esc\\t1","date":"2025-11-04","text":"Venezuela condemned the United States\\tfor the strike on a \\\\boat\\\\ in the Caribbean.\\nCuba praised Venezuela.","x":"a\\tb"}\n' >"$TMP/esc.jsonl"
cat "$TMP/news.jsonl" >>"$TMP/esc.jsonl"
"$VIGIA" code "$TMP/esc.jsonl" >"$TMP/esc.out" 2>/dev/null
"$VIGIA" code --format tsv "$TMP/esc.jsonl" >"$TMP/esc.tsv" 2>/dev/null
python3 - "$TMP/esc.out" "$TMP/esc.tsv" <<'PY' && pass "TSV round trip equals JSON Lines (escapes included)" || fail "TSV round trip"
import json, re, sys
def unesc(f):
    return re.sub(r"\\(.)", lambda m: {"t": "\t", "n": "\n", "r": "\r", "\\": "\\"}[m.group(1)], f)
js = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
rows = open(sys.argv[2], encoding="utf-8").read().split("\n")
head = rows[0].split("\t")
rows = [r for r in rows[1:] if r]
assert len(rows) == len(js) and js, (len(rows), len(js))
assert any("\t" in e["sentence_text"] or "\\" in e["sentence_text"] for e in js), "escapes not exercised"
for e, r in zip(js, rows):
    f = dict(zip(head, map(unesc, r.split("\t"))))
    for k in ("id", "date", "source", "target", "code", "sentence_text", "source_text", "verb_text", "target_text"):
        assert f[k] == str(e[k]), (k, f[k], e[k])
    for k in ("sentence", "root", "quad"):
        assert int(f[k]) == e[k], k
    assert float(f["goldstein"]) == e["goldstein"]
    extra = json.loads(f["extra"]) if f["extra"] else {}
    for k, v in extra.items():
        assert e[k] == v, k
PY

# Empty input still gets the header.
"$VIGIA" code --format tsv --input jsonl </dev/null | grep -q '^id	sentence' && pass "TSV header on empty input" || fail "TSV header missing on empty input"

# --line-buffered: a live pipe gets each record's events before the next record is sent.
for j in 1 2; do
  coproc LIVE { "$VIGIA" code --line-buffered -j $j 2>/dev/null; }
  echo '{"id":"live-1","date":"2025-11-04","text":"Venezuela condemned the United States for the strike on a boat in the Caribbean."}' >&"${LIVE[1]}"
  if read -t 20 -r first <&"${LIVE[0]}" && [[ $first == *'"id":"live-1"'* ]]; then
    pass "--line-buffered -j $j: events of a record before the next one arrives"
  else
    fail "--line-buffered -j $j: no event while the input stays open"
  fi
  exec {LIVE[1]}>&-
  wait "$LIVE_PID" 2>/dev/null
done

# Extra fields are carried through.
grep -q '"outlet":"test"}$' "$TMP/auto.jsonl" && pass "extra fields carried" || fail "extra fields lost"
finish
