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
