// A key tapped between two frames (pressed and released before the next NewFrame) is
// seen pressed by that frame, and released by the one after; two taps between frames
// are two presses; a key held across frames is released at once. Key events are fed to the window's installed key callback, as
// GLFW would deliver them.
#include <catch2/catch.hpp>

#include <imgui.h>

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include "platform/glfw/system_fonts.hpp"
#include "platform/native/window.hpp"
#include "ui/theme.hpp"

namespace {

using namespace viz;

struct app {
    native::window w{{320, 200, false}};
    ui::theme look{glfw::sans_font(), glfw::mono_font()};
    GLFWkeyfun keys = nullptr;

    app() {
        keys = glfwSetKeyCallback(w.handle(), nullptr);  // the callback GLFW would call
        glfwSetKeyCallback(w.handle(), keys);
        frame();  // fonts uploaded, the first frame done
    }
    void key(int k, int action) { keys(w.handle(), k, 0, action, 0); }
    void frame() {
        w.begin_frame(look, 1.0f, false);
        w.end_frame();
    }
};

// One window for the whole program: a second glfwInit right after the first window's
// glfwTerminate can find Xvfb resetting (it does when its last client leaves).
app& the_app() {
    static app a;
    return a;
}

}  // namespace

TEST_CASE("a key tapped between two frames is pressed in the next frame", "[visualizer]") {
    app& a = the_app();
    REQUIRE(a.keys != nullptr);
    a.key(GLFW_KEY_RIGHT, GLFW_PRESS);
    a.key(GLFW_KEY_RIGHT, GLFW_RELEASE);
    a.w.begin_frame(a.look, 1.0f, false);
    CHECK(ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_RightArrow)));
    a.w.end_frame();
    a.w.begin_frame(a.look, 1.0f, false);
    CHECK_FALSE(ImGui::IsKeyDown(ImGui::GetKeyIndex(ImGuiKey_RightArrow)));
    a.w.end_frame();
}

TEST_CASE("a key held across frames is released as soon as it is let go", "[visualizer]") {
    app& a = the_app();
    a.key(GLFW_KEY_LEFT, GLFW_PRESS);
    a.frame();
    a.key(GLFW_KEY_LEFT, GLFW_RELEASE);
    a.w.begin_frame(a.look, 1.0f, false);
    CHECK_FALSE(ImGui::IsKeyDown(ImGui::GetKeyIndex(ImGuiKey_LeftArrow)));
    a.w.end_frame();
}

TEST_CASE("two taps between two frames are two presses", "[visualizer]") {
    app& a = the_app();
    const int right = ImGui::GetKeyIndex(ImGuiKey_RightArrow);
    for (int i = 0; i < 2; ++i) {
        a.key(GLFW_KEY_RIGHT, GLFW_PRESS);
        a.key(GLFW_KEY_RIGHT, GLFW_RELEASE);
    }
    int presses = 0;
    for (int frame = 0; frame < 6; ++frame) {
        a.w.begin_frame(a.look, 1.0f, false);
        if (ImGui::IsKeyPressed(right, false)) ++presses;
        a.w.end_frame();
    }
    CHECK(presses == 2);
    a.w.begin_frame(a.look, 1.0f, false);
    CHECK_FALSE(ImGui::IsKeyDown(right));
    a.w.end_frame();
}
