# CHAN_SANITIZE: the sanitizers every target of this directory tree is built with.
#   ""                   none
#   "thread"             ThreadSanitizer (races, lock-order inversions)
#   "address,undefined"  AddressSanitizer + LeakSanitizer + UBSan; either one alone works too
# The presets tsan and asan set it; the options the runtime needs (halt_on_error...)
# are in their test presets.
set(CHAN_SANITIZE "" CACHE STRING "Sanitizers to build with: thread, address, undefined or address,undefined")
set_property(CACHE CHAN_SANITIZE PROPERTY STRINGS "" thread address undefined "address,undefined")

if(CHAN_SANITIZE)
    if(NOT CHAN_SANITIZE MATCHES "^(thread|address|undefined|address,undefined|undefined,address)$")
        message(FATAL_ERROR "CHAN_SANITIZE='${CHAN_SANITIZE}' is not one of: thread, address, undefined, address,undefined")
    endif()
    if(NOT CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
        message(FATAL_ERROR "CHAN_SANITIZE needs g++ or clang++, not ${CMAKE_CXX_COMPILER_ID}")
    endif()
    # Frame pointers give the sanitizers' stack traces every frame; without the
    # recover flag UBSan stops at the first finding instead of printing and going on.
    add_compile_options(-fsanitize=${CHAN_SANITIZE} -fno-omit-frame-pointer -fno-sanitize-recover=all)
    add_link_options(-fsanitize=${CHAN_SANITIZE})
endif()
