#!/usr/bin/env bash
# Streaming: memory does not grow with the input. 210 MB of JSON Lines piped
# through vigia code -j 2 (never on disk) must stay within a few tens of MB of
# resident memory, and every record must be coded.
source "$(dirname "$0")/lib.bash"
make_news "$TMP/chunk.jsonl" 500            # 5,000 records, 0.7 MB
reps=300
# Under valgrind (scripts/sanitize sets VIGIA_UNDER_VALGRIND) the point is
# memory errors on a long stream, not the resident size: valgrind's own
# bookkeeping is counted in the peak RSS, and 300 rounds would take minutes.
valgrind=${VIGIA_UNDER_VALGRIND:-}
[ -z "$valgrind" ] || reps=12
# Under AddressSanitizer freed memory sits in a quarantine (256 MB by
# default) that would be counted as growth: keep it small.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=1:thread_local_quarantine_size_kb=64"
for _ in $(seq $reps); do cat "$TMP/chunk.jsonl"; done \
  | "$VIGIA" code -q -j 2 --stats >/dev/null 2>"$TMP/err"
rc=$?
[ $rc -eq 0 ] && pass "$((reps * 7 / 10)) MB stream coded (exit 0)" || fail "exit $rc: $(tail -2 "$TMP/err")"
stats=$(grep "vigia: stats:" "$TMP/err")
records=$(sed -n 's/.* records=\([0-9]*\) .*/\1/p' <<<"$stats")
rss=$(sed -n 's/.* max_rss_kb=\([0-9]*\) .*/\1/p' <<<"$stats")
[ "$records" = $((5000 * reps)) ] && pass "all $records records coded" || fail "records=$records, want $((5000 * reps))"
# 210 MB in; a whole-input design would need that much and more.
if [ -n "$valgrind" ]; then
  pass "peak RSS ${rss} kB under valgrind (not checked: valgrind's memory is counted)"
else
  [ -n "$rss" ] && [ "$rss" -lt 65536 ] && pass "peak RSS ${rss} kB < 64 MB" || fail "peak RSS ${rss} kB"
fi
finish
