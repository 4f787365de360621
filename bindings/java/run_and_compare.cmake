# cmake -DCOMMAND=<cmd;args> -DOUT=<file> -DEXPECTED=<file> -P run_and_compare.cmake
# Runs COMMAND, writes its stdout to OUT and fails unless it exits 0 and OUT
# equals EXPECTED byte for byte.
execute_process(COMMAND ${COMMAND} OUTPUT_FILE ${OUT} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "command exited ${rc}: ${COMMAND}")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${OUT} ${EXPECTED} RESULT_VARIABLE diff)
if(NOT diff EQUAL 0)
  file(READ ${OUT} got)
  message(FATAL_ERROR "output ${OUT} differs from ${EXPECTED}; got:\n${got}")
endif()
