# cmake -DSOURCES=<a.cpp,b.cpp,...> -DINCLUDE_DIRS=<dir,dir,...> -P emscripten_compile.cmake
#
# Compiles the catalog's sources (every recipe, the support code, the generated table)
# with Emscripten's em++ (libc++ 13, clang 14; threads on, warnings as errors), syntax
# only: the visualizer runs the recipes in the browser, so they must stay within what
# that toolchain accepts (no std::jthread, no lambda capturing a structured binding...).
foreach(var IN ITEMS SOURCES INCLUDE_DIRS)
    if(NOT ${var})
        message(FATAL_ERROR "emscripten_compile.cmake: -D${var}=... is required")
    endif()
endforeach()
string(REPLACE "," ";" SOURCES "${SOURCES}")
string(REPLACE "," ";" INCLUDE_DIRS "${INCLUDE_DIRS}")

find_program(EMXX em++)
if(NOT EMXX)
    message(FATAL_ERROR "em++ is needed (Debian package emscripten; ./cookbook test installs it)")
endif()
# Debian's Emscripten finds its acorn module only through NODE_PATH.
set(ENV{NODE_PATH} "/usr/share/nodejs")

set(includes "")
foreach(dir IN LISTS INCLUDE_DIRS)
    list(APPEND includes -I${dir})
endforeach()
execute_process(
    COMMAND ${EMXX} -std=c++20 -Wall -Wextra -Wpedantic -Werror -pthread -fsyntax-only ${includes} ${SOURCES}
    RESULT_VARIABLE compiled)
if(NOT compiled EQUAL 0)
    message(FATAL_ERROR "em++ rejected the catalog's sources (${compiled})")
endif()
list(LENGTH SOURCES count)
message(STATUS "em++ compiles all ${count} sources of the catalog")
