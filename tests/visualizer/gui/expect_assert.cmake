# cmake -P expect_assert.cmake <imgui_assert_check>: it must fail, saying which check.
include(${CMAKE_CURRENT_LIST_DIR}/expect.cmake)
math(EXPR last "${CMAKE_ARGC} - 1")
expect("Subprocess aborted" "ImGui assertion failed: argc == 0" ${CMAKE_ARGV${last}})
