#!/usr/bin/env bash
# Exit codes of vigia code and vigia dict (docs/cli.md).
source "$(dirname "$0")/lib.bash"
make_news "$TMP/news.jsonl"

expect_rc 0 "code --help" -- "$VIGIA" code --help
grep -q "usage: vigia code" "$TMP/out" && pass "--help on stdout" || fail "--help text"
expect_rc 2 "unknown option" -- "$VIGIA" code --no-such-option "$TMP/news.jsonl"
grep -q "unknown option '--no-such-option'" "$TMP/err" && pass "unknown option named" || fail "unknown option message"
expect_rc 2 "bad --input" -- "$VIGIA" code --input yaml "$TMP/news.jsonl"
expect_rc 2 "bad --format" -- "$VIGIA" code --format csv "$TMP/news.jsonl"
expect_rc 2 "-j 0" -- "$VIGIA" code -j 0 "$TMP/news.jsonl"
expect_rc 2 "-j without a value" -- "$VIGIA" code "$TMP/news.jsonl" -j
expect_rc 2 "bad --date" -- "$VIGIA" code --date 2025-02-30 "$TMP/news.jsonl"
expect_rc 2 "--compiled with --dict" -- "$VIGIA" code --compiled x.vgc --dict y "$TMP/news.jsonl"
expect_rc 0 "-j4 and --jobs=2 and -j2 spellings" -- "$VIGIA" code -j4 --jobs=2 "$TMP/news.jsonl"
expect_rc 0 "-j auto" -- "$VIGIA" code -j auto "$TMP/news.jsonl"
expect_rc 2 "-j 300" -- "$VIGIA" code -j 300 "$TMP/news.jsonl"

# A missing input: named, the other inputs are still coded, exit 3.
expect_rc 3 "missing input file" -- "$VIGIA" code "$TMP/none.jsonl" "$TMP/news.jsonl"
grep -q "^vigia: $TMP/none.jsonl: cannot open" "$TMP/err" && pass "missing file named" || fail "missing file message: $(cat "$TMP/err")"
[ -s "$TMP/out" ] && pass "other inputs coded after a missing one" || fail "nothing coded after a missing input"
expect_rc 3 "unwritable -o" -- "$VIGIA" code -o "$TMP/no/such/dir/out.jsonl" "$TMP/news.jsonl"
expect_rc 3 "missing dictionary directory" -- "$VIGIA" code --dict "$TMP/no-dicts" "$TMP/news.jsonl"
if [ -w /dev/full ]; then
  expect_rc 3 "output device full" -- "$VIGIA" code -o /dev/full "$TMP/news.jsonl"
fi
expect_rc 3 "events given to code" -- "$VIGIA" code --input events "$TMP/news.jsonl"
"$VIGIA" code "$TMP/news.jsonl" >"$TMP/ev.jsonl" 2>/dev/null
expect_rc 3 "coded events detected and refused" -- "$VIGIA" code "$TMP/ev.jsonl"
grep -q "coded events" "$TMP/err" && pass "events input explained" || fail "events input message"

# vigia dict
expect_rc 0 "dict stats (vigia's own)" -- "$VIGIA" dict stats
grep -q "^verb patterns" "$TMP/out" && grep -q "^CAMEO codes" "$TMP/out" && pass "dict stats output" || fail "dict stats output: $(head -3 "$TMP/out")"
# issue 3: every CAMEO code is reachable from vigia's own verb patterns
n=$(awk '/^CAMEO codes/ {print $3, $5}' "$TMP/out")
set -- $n
[ -n "${1:-}" ] && [ "$1" = "$2" ] && ! grep -q "^not reached" "$TMP/out" \
  && pass "own dictionaries reach all $2 CAMEO codes" || fail "CAMEO codes not reached: $(sed -n '/^not reached/,$p' "$TMP/out" | head -5)"
# the shipped dictionaries have no syntax problem at all
expect_rc 0 "dict check (vigia's own, --strict)" -- "$VIGIA" dict check --strict
grep -q "check: 0 problems" "$TMP/out" "$TMP/err" && pass "own dictionaries: 0 problems" || fail "own dictionaries: $(head -3 "$TMP/err")"
expect_rc 2 "dict compile without -o" -- "$VIGIA" dict compile
expect_rc 2 "dict unknown subcommand" -- "$VIGIA" dict frobnicate
expect_rc 2 "dict without subcommand" -- "$VIGIA" dict
mkdir -p "$TMP/baddict"
printf 'THIS IS NOT [ A VALID\n  line without code\n' >"$TMP/baddict/agents.txt"
expect_rc 1 "dict check on a broken agents file" -- "$VIGIA" dict check --agents "$TMP/baddict/agents.txt"
grep -q "agents.txt:[0-9]*:" "$TMP/err" && pass "dict check names file:line" || fail "dict check message: $(head -3 "$TMP/err")"
finish
