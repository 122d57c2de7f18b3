#!/usr/bin/env bash
# gsr.sh VIGIA SHARED MIN_F1 — code the development half of the GSR real-news
# set with the Phoenix dictionaries and score it with ../shared/tools/score-events
# (exact source, target and code). Fails when the F1 is below MIN_F1. The test
# half (gsr.test.gold.jsonl) is only ever reported, never tuned on: see
# docs/benchmarks.md.
set -u
vigia=$1 shared=$2 min_f1=$3
gold=$shared/validation/gsr/gsr.dev.gold.jsonl
dict=$shared/dictionaries/phoenix
score=$shared/tools/score-events
if [ ! -r "$gold" ] || [ ! -d "$dict" ] || [ ! -r "$score" ]; then
  echo "SKIP: GSR gold, Phoenix dictionaries or score-events not found (../shared is absent)"
  exit 77
fi
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
if ! "$vigia" code --dict "$dict" --input jsonl "$gold" >"$tmp" 2>/dev/null; then
  echo "FAIL: vigia code failed"
  exit 1
fi
line=$(python3 "$score" "$gold" "$tmp")
echo "$line"
f1=$(printf '%s\n' "$line" | sed -n 's/.* f1=\([0-9.]*\).*/\1/p')
if [ -z "$f1" ]; then echo "FAIL: no F1 in the scorer's output"; exit 1; fi
if python3 -c "import sys; sys.exit(0 if float('$f1') >= float('$min_f1') else 1)"; then
  echo "ok: exact F1 $f1 >= $min_f1"
  exit 0
fi
echo "FAIL: exact F1 $f1 below the bar of $min_f1"
exit 1
