// Dear ImGui's build settings for the visualizer (passed as IMGUI_USER_CONFIG by
// cmake/imgui.cmake): every translation unit that includes imgui.h, ImGui's own and
// ours, native and WebAssembly, sees the same ones.
#pragma once

#include <cstdio>
#include <cstdlib>

// An ImGui assertion means the program called ImGui wrongly. With the default
// assert(), a release build would carry on with broken state; instead, say which
// check failed and stop with a failing status, so tests and users see it.
[[noreturn]] inline void chan_imgui_assertion_failed(const char* check, const char* file, int line) {
    std::fprintf(stderr, "ImGui assertion failed: %s (%s:%d)\n", check, file, line);
    std::fflush(stderr);
    std::abort();
}
#define IM_ASSERT(check) ((check) ? (void)0 : chan_imgui_assertion_failed(#check, __FILE__, __LINE__))

// A scene with a thousand labelled tokens needs more than 65,536 vertices in one draw
// list. WebGL 2 has no glDrawElementsBaseVertex, so 32-bit indices are the portable way.
#define ImDrawIdx unsigned int

#define IMGUI_DISABLE_OBSOLETE_FUNCTIONS
