# nlohmann_json for the WebAssembly builds (see cmake/emscripten/toolchain.cmake): the
# host's header-only package (Debian: nlohmann-json3-dev), seen by the compiler through
# a folder of the build tree that holds nothing but a link to its nlohmann/ folder.
# Putting the host's /usr/include itself on the include path would let its glibc
# headers shadow Emscripten's libc.
find_path(CHAN_HOST_NLOHMANN_JSON_INCLUDE nlohmann/json.hpp
    PATHS /usr/include /usr/local/include
    NO_DEFAULT_PATH NO_CMAKE_FIND_ROOT_PATH)
if(NOT CHAN_HOST_NLOHMANN_JSON_INCLUDE)
    set(nlohmann_json_FOUND FALSE)
    set(nlohmann_json_NOT_FOUND_MESSAGE "nlohmann/json.hpp not found on the host (scripts/setup.sh tests)")
    return()
endif()

if(NOT TARGET nlohmann_json::nlohmann_json)
    set(_chan_json_include "${CMAKE_BINARY_DIR}/host-headers/nlohmann_json")
    file(MAKE_DIRECTORY "${_chan_json_include}")
    file(CREATE_LINK "${CHAN_HOST_NLOHMANN_JSON_INCLUDE}/nlohmann" "${_chan_json_include}/nlohmann" SYMBOLIC)
    add_library(nlohmann_json::nlohmann_json INTERFACE IMPORTED)
    set_target_properties(nlohmann_json::nlohmann_json PROPERTIES
        INTERFACE_INCLUDE_DIRECTORIES "${_chan_json_include}"
        INTERFACE_SYSTEM_INCLUDE_DIRECTORIES "${_chan_json_include}")
endif()
