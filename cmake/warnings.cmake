# chan_target_warnings(<target>)
#
# The warning level of every target built from this repository (tests, bench,
# recipes, visualizer). It is never put on chan::chan itself: a project that uses
# the library keeps its own warning flags.
#
# Warnings are errors through COMPILE_WARNING_AS_ERROR rather than a raw -Werror, so
# someone on a newer compiler with new warnings can still build with
# `cmake --compile-no-warning-as-error`.
function(chan_target_warnings target)
    if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
        target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic)
    elseif(MSVC)
        target_compile_options(${target} PRIVATE /W4 /permissive-)
    endif()
    # GCC cannot instrument std::atomic_thread_fence under ThreadSanitizer and says so
    # with -Wtsan. The library's seq_cst fences only decide "full" or "empty"; every
    # message is handed over through release/acquire operations that TSan does see, so
    # the warning cannot hide a data race and is silenced for that build only.
    if(CHAN_SANITIZE MATCHES "thread" AND CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
        target_compile_options(${target} PRIVATE -Wno-tsan)
    endif()
    set_target_properties(${target} PROPERTIES COMPILE_WARNING_AS_ERROR ON)
endfunction()
