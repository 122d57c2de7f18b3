#!/usr/bin/env bash
# vigia dict compile + vigia code --compiled: the compiled dictionaries code
# exactly like the text ones they were compiled from.
source "$(dirname "$0")/lib.bash"
make_news "$TMP/news.jsonl" 5

if ! "$VIGIA" dict compile -o "$TMP/own.vgc" >"$TMP/out" 2>"$TMP/err"; then
  grep -q "not supported" "$TMP/err" && skip_all "vg_dict_save_compiled is not implemented yet: $(tail -1 "$TMP/err")"
  fail "dict compile: $(tail -1 "$TMP/err")"
  finish
fi
grep -q "^compiled $TMP/own.vgc: [0-9]* bytes" "$TMP/out" && pass "dict compile reports the file" || fail "dict compile output: $(cat "$TMP/out")"
# the same dictionaries compile to the same bytes (no stray padding or unused slots)
"$VIGIA" dict compile -o "$TMP/own2.vgc" >/dev/null 2>&1 && cmp -s "$TMP/own.vgc" "$TMP/own2.vgc" \
  && pass "dict compile is reproducible" || fail "two compiles of the same dictionaries differ"
"$VIGIA" code "$TMP/news.jsonl" >"$TMP/text.out" 2>/dev/null
"$VIGIA" code --compiled "$TMP/own.vgc" "$TMP/news.jsonl" >"$TMP/comp.out" 2>"$TMP/err" || fail "code --compiled: $(tail -1 "$TMP/err")"
[ -s "$TMP/text.out" ] && cmp -s "$TMP/text.out" "$TMP/comp.out" && pass "compiled == text dictionaries (vigia's own)" \
  || fail "compiled dictionaries code differently"
"$VIGIA" dict stats --compiled "$TMP/own.vgc" >"$TMP/s1" 2>/dev/null
"$VIGIA" dict stats >"$TMP/s2" 2>/dev/null
diff <(grep -v "^dictionaries\|^load time" "$TMP/s1") <(grep -v "^dictionaries\|^load time" "$TMP/s2") >/dev/null \
  && pass "dict stats of the compiled file == of the text" || fail "dict stats differ after compiling"
if [ -n "$SHARED" ] && [ -d "$SHARED/dictionaries/phoenix" ]; then
  "$VIGIA" dict compile --dict "$SHARED/dictionaries/phoenix" -o "$TMP/ph.vgc" >/dev/null 2>&1 || fail "compile Phoenix"
  "$VIGIA" code --dict "$SHARED/dictionaries/phoenix" "$SHARED/validation/gsr/PETR2_GSR.dev.xml" >"$TMP/p1" 2>/dev/null
  "$VIGIA" code --compiled "$TMP/ph.vgc" "$SHARED/validation/gsr/PETR2_GSR.dev.xml" >"$TMP/p2" 2>/dev/null
  cmp -s "$TMP/p1" "$TMP/p2" && pass "compiled == text (Phoenix, GSR dev)" || fail "compiled Phoenix codes differently"
fi
# A damaged compiled file is refused with a message, exit 3.
head -c 100 "$TMP/own.vgc" >"$TMP/cut.vgc"
expect_rc 3 "truncated compiled file" -- "$VIGIA" code --compiled "$TMP/cut.vgc" "$TMP/news.jsonl"
expect_rc 3 "missing compiled file" -- "$VIGIA" code --compiled "$TMP/none.vgc" "$TMP/news.jsonl"
finish
