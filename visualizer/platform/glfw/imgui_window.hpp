// Dear ImGui on a GLFW window, as the native and the browser visualizer both set it up:
// one window, its OpenGL context, and ImGui's GLFW and OpenGL 3 backends. Natively
// that is OpenGL 3.3 core; in the browser, Emscripten's GLFW over the page's canvas
// with WebGL 2.
//
//   viz::glfw::imgui_window w({width, height, hints, "#version 330 core", ...});
//   each frame:
//     w.backends_new_frame(look, content_scale, framebuffer_scale);
//     ...fix up ImGui::GetIO() if this platform's GLFW reports sizes oddly...
//     w.new_frame();  ...ImGui...  w.render(framebuffer_width, framebuffer_height);
//
// Does:
//   - start GLFW, its errors reported on stderr, and stop it when destroyed;
//   - open the window with the platform's hints and make its context current;
//   - create the ImGui context (no imgui.ini: the layout is fixed) and start the GLFW
//     backend (its callbacks installed) and the OpenGL 3 one (the platform's GLSL);
//   - pass keys through the key latch (key_latch.hpp), so that a key tapped between two
//     frames still counts;
//   - keep the theme's fonts matched to the scale, uploading the font texture again
//     when the theme rebuilt it;
//   - render ImGui's draw data over the theme's background colour.
// Does not:
//   - decide the window's size or scale, or when a frame is drawn (the native main loop
//     polls or waits for events; the browser calls its frame callback);
//   - poll events, or swap buffers (natively the platform does; the browser shows the
//     canvas when the frame returns);
//   - anything else a platform adds: dropped files, screenshots (native/); device
//     pixels of a canvas, the page (web/).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "ui/theme.hpp"

struct GLFWwindow;

namespace viz::glfw {

struct window_spec {
    int width = 1280;
    int height = 800;
    std::vector<std::pair<int, int>> hints;  // glfwWindowHint(hint, value) before it opens
    const char* glsl_version = nullptr;      // for ImGui's OpenGL 3 backend's shaders
    // The errors thrown (std::runtime_error) when GLFW cannot start, and when the window
    // and its context cannot be made: each platform says what the user can do.
    std::string cannot_start;
    std::string cannot_open;
};

class imgui_window {
public:
    explicit imgui_window(const window_spec& spec);
    imgui_window(const imgui_window&) = delete;
    imgui_window& operator=(const imgui_window&) = delete;
    ~imgui_window();

    // Fonts for this scale (theme::set_scale), then the backends' frame: the font
    // texture uploaded (the first time, or again after the theme rebuilt it), the
    // display size and the input read from GLFW.
    void backends_new_frame(ui::theme& look, float content_scale, float framebuffer_scale);
    // ImGui's frame; the keys latched for it are passed on.
    void new_frame();
    // Ends ImGui's frame and draws it into the bound framebuffer, `width` x `height`
    // pixels, over the background.
    void render(int framebuffer_width, int framebuffer_height);

    GLFWwindow* handle() const noexcept { return handle_; }

private:
    GLFWwindow* handle_ = nullptr;
    bool fonts_uploaded_ = false;
};

}  // namespace viz::glfw
