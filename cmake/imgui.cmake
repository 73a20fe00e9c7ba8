# Dear ImGui 1.86, compiled from source, for the visualizer's native and WebAssembly builds.
#
#   include(cmake/imgui.cmake)
#   chan_add_imgui(CONFIG path/to/imgui_config.hpp)
#     -> imgui               the core (imgui.cpp, imgui_draw.cpp, imgui_tables.cpp, imgui_widgets.cpp),
#                            built with IMGUI_USER_CONFIG=<CONFIG> so every user sees the same settings
#     -> imgui_glfw_opengl3  the GLFW and OpenGL 3 / WebGL 2 backends (links glfw and GL natively;
#                            under Emscripten its built-in GLFW and WebGL 2 take their place)
#
# Where the sources come from: CHAN_IMGUI_DIR, an unpacked ImGui 1.86 tree. By default that is
# a cache outside every build tree (<repository>/.deps/imgui-1.86, ignored by git), filled on
# the first configure from Debian's source package `imgui` (1.86+ds-1, the one libimgui-dev
# is built from) without touching the system's apt configuration: apt reads a private source
# list derived from the system's and keeps its package lists under .deps. That needs a Debian
# machine with network, dpkg-dev (the imgui-src group of scripts/setup.sh) and xz; afterwards
# configuring costs one file check. The downloaded archive's SHA-256 is pinned, so both builds
# compile exactly the same code.
#
# Elsewhere, unpack ImGui 1.86 (https://github.com/ocornut/imgui/releases/tag/v1.86) anywhere
# and pass -DCHAN_IMGUI_DIR=<that folder>.

set(CHAN_IMGUI_VERSION 1.86)
set(CHAN_IMGUI_PACKAGE imgui=1.86+ds-1)
set(CHAN_IMGUI_ARCHIVE imgui_1.86+ds.orig.tar.xz)
set(CHAN_IMGUI_SHA256 0dace0e8e57d298eb6e93af12dc19420cb96330832f6495c733b90aeeef11f64)
set(CHAN_DEPS_DIR ${CMAKE_CURRENT_LIST_DIR}/../.deps)
cmake_path(NORMAL_PATH CHAN_DEPS_DIR)

set(CHAN_IMGUI_DIR ${CHAN_DEPS_DIR}/imgui-${CHAN_IMGUI_VERSION}
    CACHE PATH "An unpacked Dear ImGui ${CHAN_IMGUI_VERSION} source tree (filled from Debian's source package when missing)")

# Stops configuring: says which step of getting the sources failed and how to get past it.
function(_chan_imgui_fail why)
    message(FATAL_ERROR
        "Dear ImGui ${CHAN_IMGUI_VERSION}: ${why}\n"
        "The visualizer needs the ImGui sources. Either\n"
        "  - on Debian 12 with network: install dpkg-dev (scripts/setup.sh imgui-src) and configure again;\n"
        "  - or unpack ImGui ${CHAN_IMGUI_VERSION} anywhere and pass -DCHAN_IMGUI_DIR=<folder>;\n"
        "  - or build without the visualizer: -DCHAN_BUILD_VISUALIZER=OFF.")
endfunction()

# Runs one step of the fetch; fails with `why` and the step's output if it does not succeed.
function(_chan_imgui_step why)
    execute_process(COMMAND ${ARGN} RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE out)
    if(NOT result EQUAL 0)
        _chan_imgui_fail("${why} failed (${result}):\n${out}")
    endif()
endfunction()

# Fills ${CHAN_DEPS_DIR}/imgui-<version> from Debian's source package.
function(_chan_fetch_imgui)
    set(work ${CHAN_DEPS_DIR}/imgui-download)
    message(STATUS "Dear ImGui ${CHAN_IMGUI_VERSION}: fetching Debian's source package into ${work}")
    find_program(CHAN_APT_GET apt-get)
    find_program(CHAN_TAR tar)
    if(NOT CHAN_APT_GET OR NOT CHAN_TAR)
        _chan_imgui_fail("apt-get and tar are needed to fetch Debian's source package")
    endif()
    if(NOT EXISTS /etc/apt/sources.list.d/debian.sources AND NOT EXISTS /etc/apt/sources.list)
        _chan_imgui_fail("no apt sources found (/etc/apt/sources.list.d/debian.sources or /etc/apt/sources.list)")
    endif()

    # apt's own configuration, pointed at files under `work`: the system's sources (deb822 or
    # one-line format) with their binary entries turned into source entries.
    file(MAKE_DIRECTORY ${work}/lists/partial)
    if(EXISTS /etc/apt/sources.list.d/debian.sources)
        file(READ /etc/apt/sources.list.d/debian.sources text)
        string(REGEX REPLACE "Types: deb(\n|$)" "Types: deb-src\\1" text "${text}")
        set(source_list ${work}/src.sources)
    else()
        file(READ /etc/apt/sources.list text)
        string(REGEX REPLACE "(^|\n)deb " "\\1deb-src " text "${text}")
        set(source_list ${work}/src.list)
    endif()
    file(WRITE ${source_list} "${text}")
    set(list_option -o Dir::Etc::SourceList=${source_list} -o Dir::Etc::SourceParts=${work}/no-parts)
    set(apt ${CHAN_APT_GET} ${list_option} -o Dir::State::Lists=${work}/lists -o Dir::Cache=${work}/cache
        -o Debug::NoLocking=1)

    # Without network apt-get update still succeeds (with warnings): the index must be there.
    execute_process(COMMAND ${apt} -q update RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE out)
    file(GLOB indexes ${work}/lists/*Sources*)
    if(NOT result EQUAL 0 OR NOT indexes)
        _chan_imgui_fail("could not download Debian's source package index (no network?):\n${out}")
    endif()
    _chan_imgui_step("apt-get source ${CHAN_IMGUI_PACKAGE}"
        ${CMAKE_COMMAND} -E chdir ${work} ${apt} -q source --download-only ${CHAN_IMGUI_PACKAGE})

    file(SHA256 ${work}/${CHAN_IMGUI_ARCHIVE} sha)
    if(NOT sha STREQUAL CHAN_IMGUI_SHA256)
        _chan_imgui_fail("${CHAN_IMGUI_ARCHIVE} has SHA-256 ${sha}, expected ${CHAN_IMGUI_SHA256}")
    endif()
    # Unpack next to the target and rename, so an interrupted fetch never looks complete.
    file(REMOVE_RECURSE ${work}/unpacked)
    file(MAKE_DIRECTORY ${work}/unpacked)
    _chan_imgui_step("unpacking ${CHAN_IMGUI_ARCHIVE}"
        ${CHAN_TAR} -C ${work}/unpacked -xf ${work}/${CHAN_IMGUI_ARCHIVE})
    file(RENAME ${work}/unpacked/imgui-${CHAN_IMGUI_VERSION} ${CHAN_DEPS_DIR}/imgui-${CHAN_IMGUI_VERSION})
    file(REMOVE_RECURSE ${work})
endfunction()

# Makes sure CHAN_IMGUI_DIR holds the sources, fetching them into the cache if that is where it points.
function(_chan_ensure_imgui_sources)
    set(default_dir ${CHAN_DEPS_DIR}/imgui-${CHAN_IMGUI_VERSION})
    if(EXISTS ${CHAN_IMGUI_DIR}/imgui.cpp)
        return()
    endif()
    if(NOT CHAN_IMGUI_DIR STREQUAL default_dir)
        _chan_imgui_fail("CHAN_IMGUI_DIR=${CHAN_IMGUI_DIR} has no imgui.cpp")
    endif()
    # Several build trees may configure at once: one fetches, the others wait and find it done.
    file(MAKE_DIRECTORY ${CHAN_DEPS_DIR})
    file(LOCK ${CHAN_DEPS_DIR}/imgui.lock GUARD FUNCTION TIMEOUT 600)
    if(NOT EXISTS ${default_dir}/imgui.cpp)
        _chan_fetch_imgui()
    endif()
endfunction()

function(chan_add_imgui)
    cmake_parse_arguments(PARSE_ARGV 0 arg "" "CONFIG" "")
    if(NOT arg_CONFIG OR NOT EXISTS ${arg_CONFIG})
        message(FATAL_ERROR "chan_add_imgui: CONFIG <existing header> is required")
    endif()
    _chan_ensure_imgui_sources()
    set(dir ${CHAN_IMGUI_DIR})

    # Third-party code: built with its own warnings, and its headers are system headers
    # to the project's targets so that their -Wpedantic -Werror stays about our code.
    add_library(imgui STATIC
        ${dir}/imgui.cpp ${dir}/imgui_draw.cpp ${dir}/imgui_tables.cpp ${dir}/imgui_widgets.cpp)
    target_include_directories(imgui SYSTEM PUBLIC ${dir})
    target_compile_definitions(imgui PUBLIC IMGUI_USER_CONFIG="${arg_CONFIG}")
    target_compile_features(imgui PUBLIC cxx_std_11)

    add_library(imgui_glfw_opengl3 STATIC
        ${dir}/backends/imgui_impl_glfw.cpp ${dir}/backends/imgui_impl_opengl3.cpp)
    target_include_directories(imgui_glfw_opengl3 SYSTEM PUBLIC ${dir}/backends)
    target_link_libraries(imgui_glfw_opengl3 PUBLIC imgui)
    if(EMSCRIPTEN)
        target_link_options(imgui_glfw_opengl3 PUBLIC -sUSE_GLFW=3 -sUSE_WEBGL2=1 -sFULL_ES3=1)
        # WebGL 2 with GLSL "#version 300 es" (ImGui 1.86 picks ES 2 on Emscripten unless told).
        target_compile_definitions(imgui_glfw_opengl3 PUBLIC IMGUI_IMPL_OPENGL_ES3)
    else()
        find_package(glfw3 3.3 REQUIRED)
        find_package(OpenGL REQUIRED)
        target_link_libraries(imgui_glfw_opengl3 PUBLIC glfw OpenGL::GL ${CMAKE_DL_LIBS})
    endif()
endfunction()
