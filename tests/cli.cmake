# CLI tests: each tests/cli/<name>.sh runs the built vigia (ctest name
# cli_<name>). They use vigia's own dictionaries, and ../shared where present.
file(GLOB VG_CLI_TEST_SCRIPTS CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/cli/*.sh)
foreach(script ${VG_CLI_TEST_SCRIPTS})
  get_filename_component(name ${script} NAME_WE)
  add_test(NAME cli_${name} COMMAND bash ${script} $<TARGET_FILE:vigia> ${VG_SHARED_DIR})
  set_tests_properties(cli_${name} PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 600
    ENVIRONMENT "VIGIA_DICT_DIR=${PROJECT_SOURCE_DIR}/dict")
endforeach()
