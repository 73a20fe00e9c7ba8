# cmake -DCXX=<compiler> -DINCLUDE_DIR=<the library's include/> -P check_layers.cmake
#
# The library's layering rule (docs/architecture.md): the flavors, waiting and the
# select engine (include/chan/detail/) know tracing only through
# detail/trace_hooks.hpp, which names the trace data model (trace/event.hpp) and nothing
# else of trace/. The handles' helpers in detail/ (handle_api.hpp, selectable.hpp) sit
# on the handles' side of that line and may use the tracing layer.
#
# Fails, naming the header and what it reaches, when a header below the line includes
# any other file of include/chan/trace/, directly or through another header.
foreach(var IN ITEMS CXX INCLUDE_DIR)
    if(NOT ${var})
        message(FATAL_ERROR "check_layers.cmake: -D${var}=... is required")
    endif()
endforeach()

set(handle_side detail/handle_api.hpp detail/selectable.hpp)
set(allowed event.hpp)

file(GLOB below RELATIVE ${INCLUDE_DIR}/chan ${INCLUDE_DIR}/chan/detail/*.hpp)
list(REMOVE_ITEM below ${handle_side})
list(LENGTH below count)
if(count LESS 10)
    message(FATAL_ERROR "check_layers.cmake: only ${count} headers found under ${INCLUDE_DIR}/chan/detail")
endif()

set(broken 0)
foreach(header IN LISTS below)
    execute_process(
        COMMAND ${CXX} -std=c++20 -M -I${INCLUDE_DIR} -x c++ ${INCLUDE_DIR}/chan/${header}
        OUTPUT_VARIABLE deps ERROR_VARIABLE errors RESULT_VARIABLE result)
    if(NOT result EQUAL 0)
        message(SEND_ERROR "${header} does not preprocess on its own:\n${errors}")
        set(broken 1)
        continue()
    endif()
    string(REGEX MATCHALL "/trace/[a-z_]+\\.hpp" reached "${deps}")
    list(TRANSFORM reached REPLACE "^/trace/" "")
    list(REMOVE_DUPLICATES reached)
    list(REMOVE_ITEM reached ${allowed})
    if(reached)
        list(TRANSFORM reached PREPEND "trace/")
        list(JOIN reached ", " names)
        message(SEND_ERROR "${header} is below the handles but reaches the tracing layer: ${names} "
                           "(use only detail/trace_hooks.hpp there)")
        set(broken 1)
    endif()
endforeach()
if(NOT broken)
    message(STATUS "${count} headers below the handles reach trace/ only through detail/trace_hooks.hpp")
endif()
