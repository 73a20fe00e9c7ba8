# cmake -DRECIPES_DIR=<recipes/> [-DPRINT=ON] -P recipe_table.cmake
#
# The table of recipes in recipes/README.md, made from contents.txt and the first line
# of each recipe. Checks that the README holds exactly this table (between its
# "<!-- recipe table -->" markers), so the README cannot drift from the recipes; with
# -DPRINT=ON prints the table instead, to paste into the README after a change.
if(NOT RECIPES_DIR)
    message(FATAL_ERROR "recipe_table.cmake: -DRECIPES_DIR=... is required")
endif()

set(table "")
file(STRINGS ${RECIPES_DIR}/contents.txt lines REGEX "^[ ]*[a-z]")
foreach(line IN LISTS lines)
    if(line MATCHES "^([a-z_]+)[ ]+(.*)$")
        set(topic ${CMAKE_MATCH_1})
        string(APPEND table "\n**${topic}**: ${CMAKE_MATCH_2}\n\n| Recipe | What it shows |\n| --- | --- |\n")
    elseif(line MATCHES "^[ ]+([a-z_0-9]+)$")
        set(name ${CMAKE_MATCH_1})
        file(READ ${RECIPES_DIR}/${topic}/${name}.cpp source)
        string(REGEX MATCH "^//[ ]*([^\n]*)" unused "${source}")
        string(APPEND table "| [`${name}`](${topic}/${name}.cpp) | ${CMAKE_MATCH_1} |\n")
    endif()
endforeach()

if(PRINT)
    message("${table}")
    return()
endif()

file(READ ${RECIPES_DIR}/README.md readme)
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
                        "  cmake -DRECIPES_DIR=recipes -DPRINT=ON -P recipes/support/recipe_table.cmake")
endif()
message(STATUS "recipes/README.md lists every recipe")
