#!/usr/bin/env bash
# petrarch.sh VIGIA SHARED MIN_RIGHT — run `vigia validate` on the PETRARCH
# unit-test records (284 sentences with gold codings, coded with the small
# dictionaries the file names) and fail when fewer than MIN_RIGHT are right.
set -u
vigia=$1 shared=$2 min_right=$3
file=$shared/validation/petrarch/PETR.UnitTest.records.xml
if [ ! -r "$file" ]; then
  echo "SKIP: $file not found (../shared is absent)"
  exit 77
fi
out=$("$vigia" validate "$file" --min-right "$min_right" 2>/dev/null)
rc=$?
# Failing records first (expected and coded events), the summary line last.
printf '%s\n' "$out" | tail -n 80
[ $rc -eq 0 ] || echo "FAIL: below the bar of $min_right records right (exit $rc)"
exit $rc
