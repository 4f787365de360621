# bao_conformance_test(NAME <backend> DRIVER <command> [DRIVER_ARGS <arg>...])
#
# Adds the CTest test `conformance/<backend>`: tests/conformance/run.py runs
# every case under tests/conformance/cases/ through the driver and compares
# its stdout and exit code with the expected ones (tests/conformance/README.md
# gives the protocol). DRIVER may be a generator expression, e.g.
#   bao_conformance_test(NAME c DRIVER $<TARGET_FILE:bao_c_driver>)
# Included from the top-level CMakeLists.txt, so any folder can call it.
# The runner needs the system Python (stdlib only), never a pyenv shim.
find_program(BAO_SYSTEM_PYTHON python3 PATHS /usr/bin NO_DEFAULT_PATH)
set(BAO_CONFORMANCE_DIR ${CMAKE_CURRENT_LIST_DIR}/../tests/conformance)
cmake_path(NORMAL_PATH BAO_CONFORMANCE_DIR)

function(bao_conformance_test)
  cmake_parse_arguments(PARSE_ARGV 0 arg "" "NAME;DRIVER" "DRIVER_ARGS")
  if(NOT arg_NAME OR NOT arg_DRIVER)
    message(FATAL_ERROR "bao_conformance_test: NAME and DRIVER are required")
  endif()
  if(NOT BAO_SYSTEM_PYTHON)
    message(FATAL_ERROR "bao_conformance_test: no /usr/bin/python3 for the conformance runner")
  endif()
  set(driver_args)
  foreach(a IN LISTS arg_DRIVER_ARGS)
    list(APPEND driver_args "--driver-arg=${a}")
  endforeach()
  add_test(NAME conformance/${arg_NAME}
           COMMAND ${BAO_SYSTEM_PYTHON} ${BAO_CONFORMANCE_DIR}/run.py --driver ${arg_DRIVER}
                   ${driver_args} --repo ${PROJECT_SOURCE_DIR} --name ${arg_NAME} -j 2)
  set_tests_properties(conformance/${arg_NAME} PROPERTIES LABELS conformance TIMEOUT 1200)
endfunction()
