# lib.bash — shared by the CLI test scripts: `source` it with the vigia
# binary and the ../shared directory as $1 and $2.
set -u
VIGIA=${1:?usage: $0 path/to/vigia [shared-dir]}
SHARED=${2:-}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/vigia-cli.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
FAILS=0

fail() { echo "FAIL: $*" >&2; FAILS=$((FAILS + 1)); }
pass() { echo "ok: $*"; }
skip_all() { echo "SKIP: $*" >&2; exit 77; }
need_shared() {
  [ -n "$SHARED" ] && [ -d "$SHARED" ] || skip_all "../shared (reference material) is absent"
}
finish() {
  if [ "$FAILS" -gt 0 ]; then echo "$FAILS check(s) failed" >&2; exit 1; fi
  echo "all checks passed"
  exit 0
}
# expect_rc WANT DESCRIPTION -- command...
expect_rc() {
  local want=$1 what=$2; shift 3
  "$@" >"$TMP/out" 2>"$TMP/err"
  local rc=$?
  if [ "$rc" -eq "$want" ]; then pass "$what (exit $rc)"; else
    fail "$what: exit $rc, want $want"; sed 's/^/    stderr: /' "$TMP/err" | head -5 >&2; fi
}
# Every stdout line must be one JSON object (the stream contract).
check_jsonl() {
  python3 - "$1" <<'PY' || fail "$1 is not JSON Lines"
import json, sys
for n, line in enumerate(open(sys.argv[1], encoding="utf-8"), 1):
    obj = json.loads(line)
    assert isinstance(obj, dict), f"line {n} is not an object"
    for k in ("id", "sentence", "date", "source", "target", "code", "root", "quad", "goldstein",
              "sentence_text", "source_text", "verb_text", "target_text"):
        assert k in obj, f"line {n} lacks {k}"
PY
}
# A small corpus of news-like sentences vigia's own dictionaries code.
make_news() {
  python3 - "$1" "${2:-1}" <<'PY'
import json, sys
sents = [
  "The United States accused Venezuela of supporting drug trafficking.",
  "Venezuela condemned the United States for the strike on a boat in the Caribbean.",
  "Russia and China criticized the United States over the sanctions on Venezuela.",
  "Guyana asked the International Court of Justice to rule on the Essequibo dispute.",
  "Cuba expressed support for the government of Venezuela.",
  "Iran signed an agreement with Venezuela on oil production.",
  "The Venezuelan government met opposition leaders in Oslo for talks.",
  "Brazil urged Venezuela and Guyana to settle the border dispute peacefully.",
  "US forces attacked a suspected drug boat near Venezuela, killing three people.",
  "Colombia praised the agreement between the government and the opposition.",
]
out = open(sys.argv[1], "w")
for rep in range(int(sys.argv[2])):
    for i, s in enumerate(sents):
        out.write(json.dumps({"id": f"n{rep}-{i}", "date": f"2025-11-{i + 1:02d}", "text": s,
                              "outlet": "test"}) + "\n")
PY
}
