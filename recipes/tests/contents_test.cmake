# cmake -DCOOKBOOK=<the ./cookbook script> -DWORK=<a scratch folder> -P contents_test.cmake
#
# recipes/contents.cmake, the one reader of recipes/contents.txt, as its users meet it:
#   - a recipes folder it cannot use (a line it cannot read, a recipe listed twice or
#     missing, a file not listed, no summary) stops it with a message saying where
#     and why;
#   - a well-formed one, whose title holds what breaks a naive CMake reader (';', '['),
#     prints as tab-separated lines and as JSON that parses, quotes escaped;
#   - ./cookbook recipes lists every recipe of the real contents.txt, in reading order
#     under its topic, with its summary; ./cookbook run refuses a name that is no
#     recipe with exit status 2, before building anything.
foreach(var IN ITEMS COOKBOOK WORK)
    if(NOT ${var})
        message(FATAL_ERROR "contents_test.cmake: -D${var}=... is required")
    endif()
endforeach()
get_filename_component(recipes_dir ${CMAKE_CURRENT_LIST_DIR} DIRECTORY)
set(reader ${recipes_dir}/contents.cmake)
set(failures "")

# WORK/<case>: `contents` as its contents.txt, and a recipe file with a summary for
# each <topic>/<name> after it.
function(make_folder case contents)
    file(REMOVE_RECURSE ${WORK}/${case})
    file(WRITE ${WORK}/${case}/contents.txt "${contents}")
    foreach(recipe IN LISTS ARGN)
        file(WRITE ${WORK}/${case}/${recipe}.cpp "// What ${recipe} shows.\nint main() { return 0; }\n")
    endforeach()
endfunction()

# Runs the reader over WORK/<case>, printing `format`; sets status, out and err, with
# err's lines joined (CMake wraps a long message over several).
macro(read_folder case format)
    execute_process(COMMAND ${CMAKE_COMMAND} -DFORMAT=${format} -DDIR=${WORK}/${case} -P ${reader}
                    RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
    string(REGEX REPLACE "[ \n]+" " " err "${err}")
endmacro()

# The reader must fail on WORK/<case>, and its message contain `message`.
function(expect_refusal case message)
    read_folder(${case} tsv)
    string(FIND "${err}" "${message}" at)
    if(status EQUAL 0 OR at EQUAL -1)
        string(APPEND failures "\n${case}: expected a failure saying \"${message}\"; "
                               "status ${status}, stderr: ${err}")
        set(failures "${failures}" PARENT_SCOPE)
    endif()
endfunction()

# ---- what the reader refuses ----
make_folder(capital_topic "Basics  The basics\n    one\n" Basics/one)
expect_refusal(capital_topic "capital_topic/contents.txt:1: cannot read 'Basics")
make_folder(tab_indent "basics  The basics\n\tone\n" basics/one)
expect_refusal(tab_indent "tab_indent/contents.txt:2: cannot read '\tone'")
make_folder(no_title "# A comment, then an empty line.\n\nbasics\n    one\n" basics/one)
expect_refusal(no_title "no_title/contents.txt:3: cannot read 'basics'")
make_folder(two_words "basics  The basics\n    one two\n" basics/one)
expect_refusal(two_words "two_words/contents.txt:2: cannot read ' one two'")
make_folder(before_topic "    one\nbasics  The basics\n" basics/one)
expect_refusal(before_topic "before_topic/contents.txt:1: the recipe 'one' comes before any topic line")
make_folder(topic_twice "basics  The basics\n    one\nbasics  Again\n    two\n" basics/one basics/two)
expect_refusal(topic_twice "topic_twice/contents.txt:3: the topic 'basics' comes a second time")
make_folder(machinery "support  Helpers\n    one\n" support/one)
expect_refusal(machinery "machinery/contents.txt:1: 'support' cannot be a topic")
make_folder(listed_twice "basics  The basics\n    one\nmore  More\n    one\n" basics/one more/one)
expect_refusal(listed_twice "listed_twice/contents.txt:4: the recipe 'one' is listed a second time (first on line 2)")
make_folder(missing "basics  The basics\n    one\n    two\n" basics/one)
expect_refusal(missing "missing/contents.txt:3 lists basics/two, but")
expect_refusal(missing "missing/basics/two.cpp does not exist")
make_folder(not_listed "basics  The basics\n    one\n" basics/one basics/two)
expect_refusal(not_listed "not_listed/basics/two.cpp is not listed in")
make_folder(no_summary "basics  The basics\n    one\n")
file(WRITE ${WORK}/no_summary/basics/one.cpp "#include <cstdio>\n// What it shows, too late.\n")
expect_refusal(no_summary "no_summary/basics/one.cpp does not open with a one-line summary comment")

# ---- what it prints from a folder it can use ----
make_folder(good "# The order.\nbasics  Titles; [with] \"quotes\"\n    one\n    two\n\nmore  More\n    three  \n"
            basics/one basics/two more/three)
file(WRITE ${WORK}/good/basics/two.cpp "//   A \"quoted\" summary\\.\n")
read_folder(good tsv)
string(CONCAT expected "topic\tbasics\tTitles; [with] \"quotes\"\nrecipe\tone\tWhat basics/one shows.\n"
                      "recipe\ttwo\tA \"quoted\" summary\\.\ntopic\tmore\tMore\nrecipe\tthree\tWhat more/three shows.\n")
if(NOT status EQUAL 0 OR NOT out STREQUAL expected)
    string(APPEND failures "\ngood, tsv: status ${status}, printed\n${out}expected\n${expected}stderr: ${err}")
endif()
read_folder(good json)
string(JSON title ERROR_VARIABLE json_error GET "${out}" topics 0 title)
string(JSON summary ERROR_VARIABLE json_error GET "${out}" topics 0 recipes 1 summary)
string(JSON path ERROR_VARIABLE json_error GET "${out}" topics 1 recipes 0 path)
if(NOT status EQUAL 0 OR json_error OR NOT title STREQUAL "Titles; [with] \"quotes\""
   OR NOT summary STREQUAL "A \"quoted\" summary\\." OR NOT path STREQUAL "recipes/more/three.cpp")
    string(APPEND failures "\ngood, json: status ${status}, ${json_error}, printed\n${out}stderr: ${err}")
endif()

# ---- ./cookbook over the real recipes ----
execute_process(COMMAND ${CMAKE_COMMAND} -DFORMAT=tsv -P ${reader} RESULT_VARIABLE status OUTPUT_VARIABLE index)
execute_process(COMMAND ${COOKBOOK} recipes RESULT_VARIABLE listed OUTPUT_VARIABLE listing ERROR_VARIABLE err)
# Both as "topic: title" and "name summary" lines, in their order.
string(REGEX REPLACE "topic\t([^\t\n]*)\t([^\n]*)" "\\1: \\2" index "${index}")
string(REGEX REPLACE "recipe\t([^\t\n]*)\t" "\\1 " index "${index}")
string(REGEX REPLACE "\nRun one with[^\n]*\n$" "\n" listing "${listing}")
string(REGEX REPLACE "\n\n+" "\n" listing "${listing}")
string(REGEX REPLACE "^\n" "" listing "${listing}")
string(REGEX REPLACE "\n  ([a-z_0-9]+) +" "\n\\1 " listing "${listing}")
if(NOT status EQUAL 0 OR NOT listed EQUAL 0 OR NOT listing STREQUAL index)
    string(APPEND failures "\n./cookbook recipes (status ${listed}) lists\n${listing}\n"
                           "where contents.txt reads\n${index}\nstderr: ${err}")
endif()

execute_process(COMMAND ${COOKBOOK} run nope RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
string(FIND "${err}" "cookbook: there is no recipe named 'nope'. The recipes are:" said)
string(FIND "${err}" "two_producers" listed)
if(NOT status EQUAL 2 OR said EQUAL -1 OR listed EQUAL -1)
    string(APPEND failures "\n./cookbook run nope: status ${status} (expected 2), stderr:\n${err}")
endif()

if(failures)
    message(FATAL_ERROR "${failures}")
endif()
message(STATUS "contents.cmake refuses every malformed folder; ./cookbook lists every recipe in order")
