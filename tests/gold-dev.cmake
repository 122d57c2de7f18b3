# dev2026: a development set of 145 authored wire-style sentences across
# regions and all 20 CAMEO roots (tests/gold/dev/), used to find gaps in
# vigia's own dictionaries. Coded with dict/ and scored by
# ../shared/tools/score-events at the root level; fails below root F1 0.77
# (measured 0.792 when the bar was set, 0.805 at the end of the session). Skips when ../shared is absent.
add_test(NAME gold_dev2026
  COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/gold/run-gold.sh $<TARGET_FILE:vigia> ${VG_SHARED_DIR}
          ${CMAKE_CURRENT_SOURCE_DIR}/gold/dev/dev2026.gold.jsonl 0.77)
set_tests_properties(gold_dev2026 PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 300
  ENVIRONMENT "VIGIA_DICT_DIR=${PROJECT_SOURCE_DIR}/dict")
# dev2026b: 60 more authored sentences, written after the first tuning rounds
# (measured 0.770 before any fix aimed at it, 0.806 after); fails below 0.77.
add_test(NAME gold_dev2026b
  COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/gold/run-gold.sh $<TARGET_FILE:vigia> ${VG_SHARED_DIR}
          ${CMAKE_CURRENT_SOURCE_DIR}/gold/dev/dev2026b.gold.jsonl 0.77)
set_tests_properties(gold_dev2026b PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 300
  ENVIRONMENT "VIGIA_DICT_DIR=${PROJECT_SOURCE_DIR}/dict")
