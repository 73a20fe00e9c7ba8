# Install rules and the CMake package, so that after `cmake --install` another project
# can do find_package(chan) and link chan::chan; and, where it was built, the optional
# component trace_load (find_package(chan COMPONENTS trace_load), chan::trace_load), the
# only part that needs nlohmann_json.
#
# The library is header-only, so the package does not depend on the architecture:
# its files go under share/ and the version file accepts any pointer size.
include(CMakePackageConfigHelpers)

set(CHAN_PACKAGE_DIR ${CMAKE_INSTALL_DATADIR}/cmake/chan)

install(TARGETS chan EXPORT chanTargets)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/chan
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
        FILES_MATCHING PATTERN "*.hpp")
install(EXPORT chanTargets
        NAMESPACE chan::
        DESTINATION ${CHAN_PACKAGE_DIR})

if(TARGET chan_trace_load)
    install(TARGETS chan_trace_load EXPORT chanTraceLoadTargets)
    install(DIRECTORY ${PROJECT_SOURCE_DIR}/trace_load/include/chan
            DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
            FILES_MATCHING PATTERN "*.hpp")
    install(EXPORT chanTraceLoadTargets
            NAMESPACE chan::
            DESTINATION ${CHAN_PACKAGE_DIR})
endif()

configure_package_config_file(
    ${PROJECT_SOURCE_DIR}/cmake/chanConfig.cmake.in
    ${PROJECT_BINARY_DIR}/chanConfig.cmake
    INSTALL_DESTINATION ${CHAN_PACKAGE_DIR})
write_basic_package_version_file(
    ${PROJECT_BINARY_DIR}/chanConfigVersion.cmake
    VERSION ${PROJECT_VERSION}
    COMPATIBILITY SameMajorVersion
    ARCH_INDEPENDENT)
install(FILES ${PROJECT_BINARY_DIR}/chanConfig.cmake ${PROJECT_BINARY_DIR}/chanConfigVersion.cmake
        DESTINATION ${CHAN_PACKAGE_DIR})
