# expect(<exit status> <regex on stderr> <command>...): runs the command and fails the
# test, showing what happened, unless it exits with that status and its stderr matches.
function(expect status pattern)
    execute_process(COMMAND ${ARGN} RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE err)
    if(NOT result STREQUAL "${status}" OR NOT err MATCHES "${pattern}")
        string(REPLACE ";" " " command "${ARGN}")
        message(FATAL_ERROR "${command}\n  expected: exit ${status}, stderr matching '${pattern}'\n"
                            "  got: exit ${result}\n  stderr: ${err}\n  stdout: ${out}")
    endif()
    message(STATUS "ok: exit ${result}: ${err}")
endfunction()
