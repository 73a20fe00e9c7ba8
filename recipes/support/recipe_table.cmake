# cmake [-DPRINT=ON] -P recipe_table.cmake
#
# The table of recipes in recipes/README.md, made from the reading order and each
# recipe's summary (contents.cmake). Checks that the README holds exactly this table
# (between its "<!-- recipe table -->" markers), so the README cannot drift from the
# recipes; with -DPRINT=ON prints the table instead, to paste into the README after a
# change.
get_filename_component(recipes_dir ${CMAKE_CURRENT_LIST_DIR} DIRECTORY)
include(${recipes_dir}/contents.cmake)
cookbook_contents()

set(table "")
foreach(topic IN LISTS cookbook_topics)
    string(APPEND table "\n**${topic}**: ${cookbook_topic_${topic}_title}\n\n| Recipe | What it shows |\n| --- | --- |\n")
    foreach(name IN LISTS cookbook_topic_${topic}_recipes)
        string(APPEND table "| [`${name}`](${topic}/${name}.cpp) | ${cookbook_recipe_${name}_summary} |\n")
    endforeach()
endforeach()

if(PRINT)
    message("${table}")
    return()
endif()

file(READ ${recipes_dir}/README.md readme)
string(FIND "${readme}" "<!-- recipe table -->" begin)
string(FIND "${readme}" "<!-- end of recipe table -->" end)
if(begin EQUAL -1 OR end EQUAL -1)
    message(FATAL_ERROR "recipes/README.md lacks the <!-- recipe table --> and <!-- end of recipe table --> markers")
endif()
string(LENGTH "<!-- recipe table -->" marker)
math(EXPR begin "${begin} + ${marker}")
math(EXPR length "${end} - ${begin}")
string(SUBSTRING "${readme}" ${begin} ${length} current)
if(NOT current STREQUAL "${table}\n")
    message(FATAL_ERROR "The recipe table in recipes/README.md is out of date. Print the current one with\n"
                        "  cmake -DPRINT=ON -P recipes/support/recipe_table.cmake")
endif()
message(STATUS "recipes/README.md lists every recipe")
