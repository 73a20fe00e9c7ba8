# cmake -DBUILD_DIR=<build tree> -DPREFIX=<dir> [-DCONFIG=<config>] -P stage.cmake
#
# Installs the build tree into an empty PREFIX, so that a file no longer installed
# cannot linger there from an earlier run and hide the omission.
foreach(var IN ITEMS BUILD_DIR PREFIX)
    if(NOT ${var})
        message(FATAL_ERROR "stage.cmake: -D${var}=... is required")
    endif()
endforeach()

file(REMOVE_RECURSE ${PREFIX})
set(config_args)
if(CONFIG)
    set(config_args --config ${CONFIG})
endif()
execute_process(
    COMMAND ${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${PREFIX} ${config_args}
    COMMAND_ERROR_IS_FATAL ANY)
