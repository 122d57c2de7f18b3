# Analysis suites (owner: analyse). The unit tests are tests/unit/test_analyse.c.
#
# analyse_examples_sync  examples/articles.jsonl matches the .txt articles
# analyse_demo           the README's first command on the sample articles, into
#                        a temporary database: real coder, vigia's own
#                        dictionaries, SQLite store; the report must show >= 2
#                        blocs and >= 1 alert, and a second run must not add events.

add_test(NAME analyse_examples_sync
  COMMAND bash -c "diff -u '${PROJECT_SOURCE_DIR}/examples/articles.jsonl' <('${PROJECT_SOURCE_DIR}/examples/make-jsonl' --stdout) >/dev/null || { echo 'examples/articles.jsonl is out of date: run examples/make-jsonl'; exit 1; }")

add_test(NAME analyse_demo
  COMMAND bash -c "
    set -eu
    tmp=$(mktemp -d); trap 'rm -rf \"$tmp\"' EXIT
    demo='${PROJECT_SOURCE_DIR}/scripts/demo'
    vigia='$<TARGET_FILE:vigia>'
    \"$demo\" --vigia \"$vigia\" --db \"$tmp/demo.db\" --quiet > \"$tmp/report1.txt\"
    cat \"$tmp/report1.txt\"
    blocs=$(sed -n 's/.* relations, \\([0-9]*\\) blocs\\{0,1\\} (signed modularity.*/\\1/p' \"$tmp/report1.txt\")
    alerts=$(sed -n 's/^Escalation alerts (\\([0-9]*\\), newest first)$/\\1/p' \"$tmp/report1.txt\")
    echo \"analyse_demo: blocs=$blocs alerts=$alerts\"
    [ \"\${blocs:-0}\" -ge 2 ] || { echo 'FAIL: fewer than 2 blocs in the report'; exit 1; }
    [ \"\${alerts:-0}\" -ge 1 ] || { echo 'FAIL: no alert in the report'; exit 1; }
    grep -q '^store: sqlite, 57 documents' \"$tmp/report1.txt\" || { echo 'FAIL: not all 57 articles stored'; exit 1; }
    \"$demo\" --vigia \"$vigia\" --db \"$tmp/demo.db\" --quiet > \"$tmp/report2.txt\"
    cmp -s \"$tmp/report1.txt\" \"$tmp/report2.txt\" || { echo 'FAIL: a second run changed the report'; diff \"$tmp/report1.txt\" \"$tmp/report2.txt\"; exit 1; }
    echo 'analyse_demo: second run identical'
  ")
set_tests_properties(analyse_demo PROPERTIES TIMEOUT 300
  ENVIRONMENT "VIGIA_DICT_DIR=${PROJECT_SOURCE_DIR}/dict")
