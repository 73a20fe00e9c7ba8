# cmake -DSOURCE=<file.cpp> -DINCLUDE_DIR=<dir> -DOUTPUT_DIR=<dir> -P compile_and_run.cmake
#
# Compiles SOURCE with Emscripten's em++ (threads on, warnings as errors) and runs the
# result under Node; fails if either tool is missing, the compile fails or the
# program exits non-zero.
foreach(var IN ITEMS SOURCE INCLUDE_DIR OUTPUT_DIR)
    if(NOT ${var})
        message(FATAL_ERROR "compile_and_run.cmake: -D${var}=... is required")
    endif()
endforeach()

find_program(EMXX em++)
find_program(NODE NAMES node nodejs)
if(NOT EMXX OR NOT NODE)
    message(FATAL_ERROR "em++ and node are needed (Debian packages emscripten and nodejs; "
                        "./cookbook test installs them)")
endif()

# Debian's Emscripten runs its JavaScript optimizer with Debian's acorn module, which
# Node finds only through NODE_PATH.
if(DEFINED ENV{NODE_PATH})
    set(ENV{NODE_PATH} "/usr/share/nodejs:$ENV{NODE_PATH}")
else()
    set(ENV{NODE_PATH} "/usr/share/nodejs")
endif()

get_filename_component(name ${SOURCE} NAME_WE)
set(program ${OUTPUT_DIR}/${name}.js)
file(MAKE_DIRECTORY ${OUTPUT_DIR})

# EXIT_RUNTIME makes Node exit with main's return value once main returns, instead
# of idling while the pthread pool's workers are alive.
execute_process(
    COMMAND ${EMXX} -std=c++20 -Wall -Wextra -Wpedantic -Werror
            -pthread -sPTHREAD_POOL_SIZE=4 -sEXIT_RUNTIME=1
            -I${INCLUDE_DIR} ${SOURCE} -o ${program}
    RESULT_VARIABLE compiled)
if(NOT compiled EQUAL 0)
    message(FATAL_ERROR "em++ failed to compile ${SOURCE} (${compiled})")
endif()

# Emscripten 3.1.6 loads the .wasm file with fetch() whenever fetch exists, and
# Node 20's fetch rejects a file path: hide it.
execute_process(
    COMMAND ${NODE} --no-experimental-fetch ${program}
    TIMEOUT 120
    RESULT_VARIABLE ran)
if(NOT ran EQUAL 0)
    message(FATAL_ERROR "${program} failed under Node (${ran})")
endif()
