# The actor dictionaries (dict/actors/*.vgd) are generated from the fact tables
# in tools/facts/ by tools/gen-actors.
#  actors_generated         the committed .vgd files are what the facts generate
#                           (and the facts have no problem)
#  actors_generator_errors  the generator reproduces dict/actors from a copy of
#                           the facts, and rejects broken fact rows with file:line
# The loaded dictionaries themselves are tested by unit_actors_dict.
find_package(Python3 COMPONENTS Interpreter)
if(Python3_Interpreter_FOUND)
  add_test(NAME actors_generated
           COMMAND ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/tools/gen-actors --check)
  add_test(NAME actors_generator_errors
           COMMAND ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/tools/gen-actors-selftest)
else()
  message(STATUS "python3 not found: actors_generated and actors_generator_errors not registered")
endif()
