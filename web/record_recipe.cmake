# Records one run of a recipe for the browser's replay build:
#   cmake -DPROGRAM=<recipe executable> -DTRACE=<out.json> -DOUTPUT=<out.txt> -P record_recipe.cmake
# The trace is written by the library itself (CHAN_TRACE); the output is what it printed.
foreach(var PROGRAM TRACE OUTPUT)
    if(NOT ${var})
        message(FATAL_ERROR "record_recipe.cmake: -D${var}=... is required")
    endif()
endforeach()
get_filename_component(dir ${TRACE} DIRECTORY)
file(MAKE_DIRECTORY ${dir})
set(ENV{CHAN_TRACE} ${TRACE})
execute_process(COMMAND ${PROGRAM}
    OUTPUT_FILE ${OUTPUT}
    ERROR_VARIABLE errors
    RESULT_VARIABLE result
    TIMEOUT 60)
if(NOT result EQUAL 0 OR NOT EXISTS ${TRACE})
    file(REMOVE ${TRACE} ${OUTPUT})
    message(FATAL_ERROR "${PROGRAM} failed (${result}) while recording its trace:\n${errors}")
endif()
