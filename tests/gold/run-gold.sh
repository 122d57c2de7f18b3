#!/usr/bin/env bash
# run-gold.sh VIGIA SHARED_DIR GOLD MIN_F1|report
#
# Codes the gold sentences with `vigia code --input jsonl` (vigia's own
# dictionaries) and scores them with SHARED_DIR/tools/score-events at the
# root level (country prefixes of source and target, two-digit root code).
# With a number as the 4th argument the test fails when root F1 is below it;
# with "report" it only prints the scores (the held-out set is never tuned
# on, so it gates nothing). Exit 77 (skipped) when the scorer is absent.
set -u
vigia=$1 shared=$2 gold=$3 min=$4
scorer="$shared/tools/score-events"
if [ ! -x "$scorer" ] && [ ! -f "$scorer" ]; then
    echo "SKIP: $scorer not found (../shared is absent); gold scoring needs the neutral scorer"
    exit 77
fi
command -v python3 >/dev/null || { echo "SKIP: python3 is needed to run $scorer"; exit 77; }
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
if ! "$vigia" code --input jsonl -q "$gold" >"$tmp/pred.jsonl" 2>"$tmp/err"; then
    echo "FAIL: vigia code failed on $gold:"; cat "$tmp/err"; exit 1
fi
if [ -s "$tmp/err" ]; then echo "vigia reported problems:"; cat "$tmp/err"; fi
root=$(python3 "$scorer" "$gold" "$tmp/pred.jsonl" --level root) || { echo "FAIL: scorer failed"; exit 1; }
exact=$(python3 "$scorer" "$gold" "$tmp/pred.jsonl" --level exact) || { echo "FAIL: scorer failed"; exit 1; }
echo "$(basename "$gold")"
echo "  $root"
echo "  $exact"
python3 "$scorer" "$gold" "$tmp/pred.jsonl" --level root --show-misses | grep -v '^level=' | sed 's/^/  /'
f1=$(printf '%s\n' "$root" | sed -n 's/.* f1=\([0-9.]*\).*/\1/p')
[ -n "$f1" ] || { echo "FAIL: no F1 in scorer output"; exit 1; }
if [ "$min" = report ]; then
    echo "root F1 $f1 (reported only: held-out set)"
    exit 0
fi
if python3 -c "import sys; sys.exit(0 if float('$f1') >= float('$min') else 1)"; then
    echo "PASS: root F1 $f1 >= $min"
else
    echo "FAIL: root F1 $f1 < $min"
    exit 1
fi
