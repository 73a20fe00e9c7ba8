# The one reader of recipes/contents.txt, the recipes' reading order. Whatever needs
# that order, a topic's title or a recipe's summary asks here: recipes/CMakeLists.txt,
# the catalog's generator and the README's table include this file; the ./cookbook
# script, and anything else that is not CMake, runs it with cmake -P (below).
#
#   include(recipes/contents.cmake)
#   cookbook_contents([DIR <a recipes folder>])   # by default the one holding this file
#
# sets, in the caller's scope:
#   cookbook_topics                    the topics' names, in reading order
#   cookbook_topic_<topic>_title       the topic's title
#   cookbook_topic_<topic>_recipes     its recipes' names, in reading order
#   cookbook_recipes                   every recipe as <topic>/<name>, in reading order
#   cookbook_recipe_<name>_summary     the first line of the recipe's opening comment
#
# and stops with a message saying where and why when contents.txt has a line it cannot
# read, names a recipe twice or one whose file is missing, when a recipe file is not
# listed (it would never be built or checked), or when one does not open with its
# one-line summary.
#
# Printed, for readers that are not CMake (a recipes folder other than this file's
# can be given with -DDIR=...):
#
#   cmake -DFORMAT=tsv -P recipes/contents.cmake
#       a line "topic<TAB><name><TAB><title>" before each topic's recipes' lines
#       "recipe<TAB><name><TAB><summary>" (what ./cookbook lists)
#   cmake -DFORMAT=json -P recipes/contents.cmake
#       {"topics": [{"name", "title", "recipes": [{"name", "path", "summary"}]}]},
#       in reading order; "path" is recipes/<topic>/<name>.cpp, from the repository root
#
# The format of contents.txt itself is described at its top.

# Functions keep the policies in force where they are defined, so this holds in script
# mode too (where no project has set them).
cmake_policy(VERSION 3.25)

function(cookbook_contents)
    cmake_parse_arguments(PARSE_ARGV 0 arg "" "DIR" "")
    # Folders of recipes/ that hold the recipes' machinery, not recipes.
    set(machinery support check tests)
    set(dir ${CMAKE_CURRENT_FUNCTION_LIST_DIR})
    if(arg_DIR)
        get_filename_component(dir ${arg_DIR} ABSOLUTE)
    endif()
    # Messages name files from the repository root, as a reader would type them (a
    # folder outside it, as in the tests, by its full path).
    get_filename_component(root ${CMAKE_CURRENT_FUNCTION_LIST_DIR} DIRECTORY)
    set(shown ${dir})
    cmake_path(IS_PREFIX root ${dir} NORMALIZE inside)
    if(inside)
        file(RELATIVE_PATH shown ${root} ${dir})
    endif()
    set(contents ${dir}/contents.txt)
    if(NOT EXISTS ${contents})
        message(FATAL_ERROR "${shown}/contents.txt does not exist")
    endif()
    # In a build, editing contents.txt or adding a recipe file configures again.
    set(glob_depends "")
    if(NOT CMAKE_SCRIPT_MODE_FILE)
        set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${contents})
        set(glob_depends CONFIGURE_DEPENDS)
    endif()

    # Line by line with string(FIND), not as a CMake list: a title may hold ';' or '[',
    # which a list would split at or treat as a bracket.
    file(READ ${contents} text)
    set(topics "")
    set(recipes "")
    set(topic "")
    set(number 0)
    while(NOT text STREQUAL "")
        math(EXPR number "${number} + 1")
        string(FIND "${text}" "\n" end)
        if(end EQUAL -1)
            set(line "${text}")
            set(text "")
        else()
            string(SUBSTRING "${text}" 0 ${end} line)
            math(EXPR end "${end} + 1")
            string(SUBSTRING "${text}" ${end} -1 text)
        endif()
        set(where "${shown}/contents.txt:${number}")

        if(line MATCHES "^[ ]*(#.*)?$")
            continue()  # a comment or an empty line
        elseif(line MATCHES "^([a-z][a-z_0-9]*)[ ]+([^ ].*)$")
            set(topic ${CMAKE_MATCH_1})
            if(topic IN_LIST machinery)
                message(FATAL_ERROR "${where}: '${topic}' cannot be a topic: ${shown}/${topic}/ holds the recipes' machinery")
            endif()
            if(topic IN_LIST topics)
                message(FATAL_ERROR "${where}: the topic '${topic}' comes a second time")
            endif()
            list(APPEND topics ${topic})
            set(cookbook_topic_${topic}_title "${CMAKE_MATCH_2}" PARENT_SCOPE)
            set(topic_${topic} "")
        elseif(line MATCHES "^[ ]+([a-z][a-z_0-9]*)[ ]*$")
            set(name ${CMAKE_MATCH_1})
            if(topic STREQUAL "")
                message(FATAL_ERROR "${where}: the recipe '${name}' comes before any topic line")
            endif()
            if(DEFINED line_of_${name})
                # A recipe's name names its program and its tests, across topics.
                message(FATAL_ERROR "${where}: the recipe '${name}' is listed a second time "
                                    "(first on line ${line_of_${name}})")
            endif()
            set(line_of_${name} ${number})
            set(file ${dir}/${topic}/${name}.cpp)
            if(NOT EXISTS ${file})
                message(FATAL_ERROR "${where} lists ${topic}/${name}, but ${shown}/${topic}/${name}.cpp does not exist")
            endif()
            file(READ ${file} head LIMIT 1000)
            if(NOT head MATCHES "^//[ ]*([^ \n][^\n]*)")
                message(FATAL_ERROR "${shown}/${topic}/${name}.cpp does not open with a one-line summary comment "
                                    "(\"// What the recipe shows.\")")
            endif()
            set(cookbook_recipe_${name}_summary "${CMAKE_MATCH_1}" PARENT_SCOPE)
            list(APPEND topic_${topic} ${name})
            list(APPEND recipes ${topic}/${name})
        else()
            message(FATAL_ERROR "${where}: cannot read '${line}': a topic line is '<folder> <title>' "
                                "from the first column, a recipe line an indented <name> (lowercase letters, "
                                "digits and '_', indented with spaces)")
        endif()
    endwhile()

    file(GLOB on_disk RELATIVE ${dir} ${glob_depends} ${dir}/*/*.cpp)
    foreach(path IN LISTS on_disk)
        string(REGEX REPLACE "\\.cpp$" "" recipe ${path})
        get_filename_component(folder ${path} DIRECTORY)
        if(NOT folder IN_LIST machinery AND NOT recipe IN_LIST recipes)
            message(FATAL_ERROR "${shown}/${path} is not listed in ${shown}/contents.txt, "
                                "so it would never be built or checked: add it under its topic")
        endif()
    endforeach()

    foreach(topic IN LISTS topics)
        set(cookbook_topic_${topic}_recipes ${topic_${topic}} PARENT_SCOPE)
    endforeach()
    set(cookbook_topics ${topics} PARENT_SCOPE)
    set(cookbook_recipes ${recipes} PARENT_SCOPE)
endfunction()

# ---- cmake -DFORMAT=tsv|json [-DDIR=...] -P recipes/contents.cmake ----
if(NOT CMAKE_SCRIPT_MODE_FILE STREQUAL CMAKE_CURRENT_LIST_FILE)
    return()  # included: the caller calls cookbook_contents()
endif()

# "text" as a JSON string.
function(cookbook_json_string out text)
    string(REPLACE "\\" "\\\\" text "${text}")
    string(REPLACE "\"" "\\\"" text "${text}")
    string(REPLACE "\t" "\\t" text "${text}")
    set(${out} "\"${text}\"" PARENT_SCOPE)
endfunction()

if(NOT FORMAT MATCHES "^(tsv|json)$")
    message(FATAL_ERROR "usage: cmake -DFORMAT=tsv|json [-DDIR=<a recipes folder>] -P recipes/contents.cmake")
endif()
if(DIR)
    cookbook_contents(DIR ${DIR})
else()
    cookbook_contents()
endif()

set(printed "")
if(FORMAT STREQUAL "tsv")
    foreach(topic IN LISTS cookbook_topics)
        string(APPEND printed "topic\t${topic}\t${cookbook_topic_${topic}_title}\n")
        foreach(name IN LISTS cookbook_topic_${topic}_recipes)
            string(APPEND printed "recipe\t${name}\t${cookbook_recipe_${name}_summary}\n")
        endforeach()
    endforeach()
else()
    # Built with string(APPEND), not lists: a title or summary may hold ';'.
    string(APPEND printed "{\"topics\": [")
    set(topic_comma "")
    foreach(topic IN LISTS cookbook_topics)
        cookbook_json_string(title "${cookbook_topic_${topic}_title}")
        string(APPEND printed "${topic_comma}\n  {\"name\": \"${topic}\", \"title\": ${title}, \"recipes\": [")
        set(recipe_comma "")
        foreach(name IN LISTS cookbook_topic_${topic}_recipes)
            cookbook_json_string(summary "${cookbook_recipe_${name}_summary}")
            string(APPEND printed "${recipe_comma}\n    {\"name\": \"${name}\", "
                                  "\"path\": \"recipes/${topic}/${name}.cpp\", \"summary\": ${summary}}")
            set(recipe_comma ",")
        endforeach()
        string(APPEND printed "\n  ]}")
        set(topic_comma ",")
    endforeach()
    string(APPEND printed "\n]}\n")
endif()
# message() writes to stderr; the listing belongs on stdout.
execute_process(COMMAND ${CMAKE_COMMAND} -E echo_append "${printed}")
