# The version of the host's nlohmann_json (see nlohmann_jsonConfig.cmake): its own
# version file decides, as it is pure version logic (header-only, no 32/64-bit check).
find_file(CHAN_HOST_NLOHMANN_JSON_VERSION_FILE nlohmann_jsonConfigVersion.cmake
    PATHS /usr/share/cmake/nlohmann_json /usr/lib/cmake/nlohmann_json
          /usr/local/share/cmake/nlohmann_json /usr/local/lib/cmake/nlohmann_json
    NO_DEFAULT_PATH NO_CMAKE_FIND_ROOT_PATH)
if(CHAN_HOST_NLOHMANN_JSON_VERSION_FILE)
    include("${CHAN_HOST_NLOHMANN_JSON_VERSION_FILE}")
else()
    set(PACKAGE_VERSION_UNSUITABLE TRUE)
endif()
