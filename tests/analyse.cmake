# Analysis suites (owner: analyse). Unit tests: tests/unit/test_analyse.c.
#
# analyse_examples_sync  examples/articles.jsonl matches the .txt articles
# analyse_cli            trend / network / alerts / report on planted events:
#                        every output format parsed back, exit codes of errors
# analyse_cli_pg         the same on a PostgreSQL database (fixture store_pg)
# analyse_demo           the README's first command on the sample articles into
#                        a temporary database (real coder, vigia's own
#                        dictionaries, SQLite): >= 2 blocs, >= 1 alert, rerun
#                        changes nothing

add_test(NAME analyse_examples_sync
  COMMAND bash -c "diff -u '${PROJECT_SOURCE_DIR}/examples/articles.jsonl' <('${PROJECT_SOURCE_DIR}/examples/make-jsonl' --stdout) >/dev/null || { echo 'examples/articles.jsonl is out of date: run examples/make-jsonl'; exit 1; }")

add_test(NAME analyse_cli COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/analyse/cli.sh $<TARGET_FILE:vigia> sqlite)
set_tests_properties(analyse_cli PROPERTIES TIMEOUT 120 SKIP_RETURN_CODE 77)
# The same on PostgreSQL, in the store suite's throwaway cluster (tests/store.cmake).
add_test(NAME analyse_cli_pg
  COMMAND ${PROJECT_SOURCE_DIR}/tests/store/with-pg ${CMAKE_BINARY_DIR}/store-pg
          bash ${CMAKE_CURRENT_SOURCE_DIR}/analyse/cli.sh $<TARGET_FILE:vigia> pg)
set_tests_properties(analyse_cli_pg PROPERTIES TIMEOUT 300 SKIP_RETURN_CODE 77 FIXTURES_REQUIRED store_pg)

add_test(NAME analyse_demo COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/analyse/demo.sh $<TARGET_FILE:vigia>)
set_tests_properties(analyse_demo PROPERTIES TIMEOUT 300
  ENVIRONMENT "VIGIA_DICT_DIR=${PROJECT_SOURCE_DIR}/dict")

# The analysis benchmark tool (not a test; tests/analyse/bench-big.sh runs it).
add_executable(vg-analyse-bench ${CMAKE_CURRENT_SOURCE_DIR}/analyse/analyse-bench.c)
target_link_libraries(vg-analyse-bench PRIVATE vigia_static)
target_include_directories(vg-analyse-bench PRIVATE ${PROJECT_SOURCE_DIR}/src)
