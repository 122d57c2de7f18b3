# The actor dictionaries (dict/actors/*.vgd) are generated from the fact tables
# in tools/facts/ by tools/gen-actors; this checks the committed files are what
# the facts generate (and that the facts themselves have no problem).
find_package(Python3 COMPONENTS Interpreter)
if(Python3_Interpreter_FOUND)
  add_test(NAME actors_generated
           COMMAND ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/tools/gen-actors --check)
else()
  message(STATUS "python3 not found: test actors_generated not registered")
endif()
