# Store suites (owner: store). The same behaviour suite (tests/unit/test_store.c)
# runs on SQLite as unit_store and on PostgreSQL as store_pg; crash safety and
# concurrent writers run the real `vigia ingest`. Every PostgreSQL test shares
# one throwaway cluster started by the store_pg fixture on 127.0.0.1 (a free
# port) and removed at the end; missing PostgreSQL binaries fail the fixture.
set(VG_STORE_TESTS ${PROJECT_SOURCE_DIR}/tests/store)
set(VG_STORE_PG_DIR ${CMAKE_BINARY_DIR}/store-pg)

add_test(NAME store_pg_start COMMAND ${VG_STORE_TESTS}/pg-cluster start ${VG_STORE_PG_DIR})
set_tests_properties(store_pg_start PROPERTIES FIXTURES_SETUP store_pg TIMEOUT 120)
add_test(NAME store_pg_stop COMMAND ${VG_STORE_TESTS}/pg-cluster stop ${VG_STORE_PG_DIR})
set_tests_properties(store_pg_stop PROPERTIES FIXTURES_CLEANUP store_pg TIMEOUT 120)

add_test(NAME store_pg COMMAND ${VG_STORE_TESTS}/with-pg ${VG_STORE_PG_DIR} $<TARGET_FILE:test_store> --pg)
set_tests_properties(store_pg PROPERTIES FIXTURES_REQUIRED store_pg TIMEOUT 300)

add_test(NAME store_crash_sqlite
         COMMAND ${VG_STORE_TESTS}/crash-test $<TARGET_FILE:vigia> sqlite ${CMAKE_BINARY_DIR}/store-crash-sqlite)
set_tests_properties(store_crash_sqlite PROPERTIES TIMEOUT 300)
# the same with --bulk: the fast bulk path (src/store/bulk.c) killed and resumed
add_test(NAME store_crash_sqlite_bulk
         COMMAND ${VG_STORE_TESTS}/crash-test $<TARGET_FILE:vigia> sqlite ${CMAKE_BINARY_DIR}/store-crash-sqlite-bulk bulk)
set_tests_properties(store_crash_sqlite_bulk PROPERTIES TIMEOUT 300)

add_test(NAME store_crash_pg
         COMMAND ${VG_STORE_TESTS}/with-pg ${VG_STORE_PG_DIR}
                 ${VG_STORE_TESTS}/crash-test $<TARGET_FILE:vigia> pg ${CMAKE_BINARY_DIR}/store-crash-pg)
set_tests_properties(store_crash_pg PROPERTIES FIXTURES_REQUIRED store_pg TIMEOUT 300)

add_test(NAME store_concurrent_pg
         COMMAND ${VG_STORE_TESTS}/with-pg ${VG_STORE_PG_DIR}
                 ${VG_STORE_TESTS}/concurrent-test $<TARGET_FILE:vigia> ${CMAKE_BINARY_DIR}/store-concurrent)
set_tests_properties(store_concurrent_pg PROPERTIES FIXTURES_REQUIRED store_pg TIMEOUT 300)

add_test(NAME store_cli COMMAND ${VG_STORE_TESTS}/cli-test $<TARGET_FILE:vigia> ${CMAKE_BINARY_DIR}/store-cli)
set_tests_properties(store_cli PROPERTIES TIMEOUT 120)

# The store benchmark tool (not a test; bench/store-bench runs it).
add_executable(vg-store-bench ${PROJECT_SOURCE_DIR}/bench/store/store-bench.c)
target_link_libraries(vg-store-bench PRIVATE vigia_static)
