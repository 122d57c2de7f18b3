# Pathological-input tests (tests/pathological/*.c, owned by hardening):
# each file is one executable and one ctest entry pathological_<name>.
# They generate their large inputs at run time and assert linear growth by
# comparing CPU time at n and 4n (see tests/pathological/path.h).
file(GLOB VG_PATH_TESTS CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/pathological/*.c)
foreach(src ${VG_PATH_TESTS})
  get_filename_component(name ${src} NAME_WE)
  add_executable(path_${name} ${src})
  target_include_directories(path_${name} PRIVATE ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(path_${name} PRIVATE vigia_static)
  add_test(NAME pathological_${name} COMMAND path_${name})
  set_tests_properties(pathological_${name} PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 900
                       LABELS pathological)
endforeach()
