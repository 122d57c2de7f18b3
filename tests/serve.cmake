# serve.cmake — tests of `vigia serve`: the JSON API against a real SQLite
# store (tests/serve/api_test.py) and the dashboard in headless Chromium
# (tests/browser/run.sh). Included by tests/CMakeLists.txt.
find_package(Python3 COMPONENTS Interpreter REQUIRED)

add_executable(serve_mkdb ${PROJECT_SOURCE_DIR}/tests/serve/mkdb.c)
target_link_libraries(serve_mkdb PRIVATE vigia_static)

add_test(NAME serve_api
  COMMAND ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/tests/serve/api_test.py
          --vigia $<TARGET_FILE:vigia> --mkdb $<TARGET_FILE:serve_mkdb>
          --workdir ${CMAKE_BINARY_DIR}/test-work/serve_api)
set_tests_properties(serve_api PROPERTIES TIMEOUT 300 SKIP_RETURN_CODE 77)

add_test(NAME serve_browser
  COMMAND ${PROJECT_SOURCE_DIR}/tests/browser/run.sh
          --vigia $<TARGET_FILE:vigia> --mkdb $<TARGET_FILE:serve_mkdb>
          --workdir ${CMAKE_BINARY_DIR}/test-work/serve_browser
          --artifacts ${CMAKE_BINARY_DIR}/test-artifacts/browser)
set_tests_properties(serve_browser PROPERTIES TIMEOUT 600 SKIP_RETURN_CODE 77)

# The same API tests on PostgreSQL: a throwaway cluster of our own (started
# and stopped by the store module's tests/store/pg-cluster) as a fixture.
if(EXISTS ${PROJECT_SOURCE_DIR}/tests/store/pg-cluster)
  set(VG_SERVE_PG_DIR ${CMAKE_BINARY_DIR}/test-work/serve_pg_cluster)
  add_test(NAME serve_pg_start COMMAND ${PROJECT_SOURCE_DIR}/tests/store/pg-cluster start ${VG_SERVE_PG_DIR})
  add_test(NAME serve_pg_stop COMMAND ${PROJECT_SOURCE_DIR}/tests/store/pg-cluster stop ${VG_SERVE_PG_DIR})
  set_tests_properties(serve_pg_start PROPERTIES FIXTURES_SETUP serve_pg TIMEOUT 120)
  set_tests_properties(serve_pg_stop PROPERTIES FIXTURES_CLEANUP serve_pg TIMEOUT 120)
  add_test(NAME serve_api_pg
    COMMAND ${PROJECT_SOURCE_DIR}/tests/store/with-pg ${VG_SERVE_PG_DIR}
            ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/tests/serve/api_test.py --pg
            --vigia $<TARGET_FILE:vigia> --mkdb $<TARGET_FILE:serve_mkdb>
            --workdir ${CMAKE_BINARY_DIR}/test-work/serve_api_pg)
  set_tests_properties(serve_api_pg PROPERTIES FIXTURES_REQUIRED serve_pg TIMEOUT 300)
endif()
