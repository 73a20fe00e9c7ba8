# Install rules and the CMake package, so that after `cmake --install` another project
# can do find_package(chan) and link chan::chan.
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
