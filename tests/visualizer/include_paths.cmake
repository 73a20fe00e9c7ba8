# cmake -DROOT=<visualizer/> -P include_paths.cmake: every file of the visualizer names
# the visualizer's files by their path from ROOT ("model/cursor.hpp"), never by a bare
# name. A bare name of a file beside the including one still compiles (a quoted include
# looks beside the includer first), which is why this is checked and not left to the
# compiler; any other bare name fails to compile, as visualizer/ is the only include
# directory.
file(GLOB_RECURSE sources ${ROOT}/*.hpp ${ROOT}/*.cpp)
set(bare "")
foreach(source IN LISTS sources)
    get_filename_component(folder ${source} DIRECTORY)
    file(STRINGS ${source} includes REGEX "^[ \t]*#[ \t]*include[ \t]+\"[^\"/]+\"")
    foreach(line IN LISTS includes)
        string(REGEX REPLACE ".*\"([^\"]+)\".*" "\\1" name "${line}")
        if(EXISTS ${folder}/${name})
            file(RELATIVE_PATH where ${ROOT} ${source})
            file(RELATIVE_PATH path ${ROOT} ${folder}/${name})
            list(APPEND bare "${where}: #include \"${name}\" (write \"${path}\")")
        endif()
    endforeach()
endforeach()
if(bare)
    list(JOIN bare "\n  " text)
    message(FATAL_ERROR "includes by bare name in visualizer/:\n  ${text}")
endif()
