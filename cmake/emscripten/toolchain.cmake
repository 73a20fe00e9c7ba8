# The CMake toolchain for the WebAssembly builds (presets `wasm` and `wasm-replay`):
# Debian's Emscripten 3.1.6, with two fixes it needs on this platform.
#
#   cmake --preset wasm          (CMAKE_TOOLCHAIN_FILE=cmake/emscripten/toolchain.cmake)
#
# 1. Every emcc / em++ call runs through with-node-path, which puts Debian's Node
#    modules (acorn, for the JavaScript optimizer) on NODE_PATH.
# 2. Header-only host packages the project needs (nlohmann_json) are found through
#    cmake/emscripten/packages, which shows their headers to the compiler without
#    /usr/include, whose glibc headers would shadow Emscripten's own libc.

execute_process(COMMAND em-config EMSCRIPTEN_ROOT
    OUTPUT_VARIABLE _chan_emscripten_root OUTPUT_STRIP_TRAILING_WHITESPACE RESULT_VARIABLE _chan_result)
if(NOT _chan_result EQUAL 0 OR NOT EXISTS "${_chan_emscripten_root}/cmake/Modules/Platform/Emscripten.cmake")
    message(FATAL_ERROR "Emscripten not found (em-config EMSCRIPTEN_ROOT failed). "
        "Install it with: scripts/setup.sh web")
endif()
include("${_chan_emscripten_root}/cmake/Modules/Platform/Emscripten.cmake")

set(ENV{NODE_PATH} "/usr/share/nodejs")  # for anything run while configuring
set(CMAKE_C_COMPILER_LAUNCHER "${CMAKE_CURRENT_LIST_DIR}/with-node-path")
set(CMAKE_CXX_COMPILER_LAUNCHER "${CMAKE_CURRENT_LIST_DIR}/with-node-path")
set(CMAKE_C_LINKER_LAUNCHER "${CMAKE_CURRENT_LIST_DIR}/with-node-path")
set(CMAKE_CXX_LINKER_LAUNCHER "${CMAKE_CURRENT_LIST_DIR}/with-node-path")

set(nlohmann_json_DIR "${CMAKE_CURRENT_LIST_DIR}/packages/nlohmann_json" CACHE PATH
    "nlohmann_json for the WebAssembly build: the host's header-only package")

# Flags every translation unit of a WebAssembly build shares (objects built with and
# without -pthread cannot be linked together, so they belong here and not on targets):
#   -pthread      CHAN_WEB_THREADS=ON: recipes run on real threads (Web Workers sharing
#                 memory); needs a cross-origin-isolated page. OFF: the replay build.
#   -fexceptions  the visualizer reports bad trace files and recipe errors through
#                 exceptions; Emscripten disables catching them by default. (3.1.6's
#                 Debian cache has no native Wasm-exception libraries, so this is the
#                 JavaScript-based kind.)
if(CHAN_WEB_THREADS)
    set(CMAKE_C_FLAGS_INIT "-pthread -fexceptions")
    set(CMAKE_CXX_FLAGS_INIT "-pthread -fexceptions")
    set(CMAKE_EXE_LINKER_FLAGS_INIT "-pthread -fexceptions")
else()
    set(CMAKE_C_FLAGS_INIT "-fexceptions")
    set(CMAKE_CXX_FLAGS_INIT "-fexceptions")
    set(CMAKE_EXE_LINKER_FLAGS_INIT "-fexceptions")
endif()
