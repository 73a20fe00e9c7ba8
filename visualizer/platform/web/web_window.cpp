#include "platform/web/web_window.hpp"

#include <emscripten/html5.h>
#include <imgui.h>

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <utility>

namespace viz::web {

namespace {

// The context is WebGL 2 because the module is linked with MIN_WEBGL_VERSION=2
// (Emscripten's GLFW ignores the context hints, so there are none).
glfw::window_spec canvas_window(int width, int height) {
    glfw::window_spec s;
    s.width = width;
    s.height = height;
    s.glsl_version = "#version 300 es";
    s.cannot_start = "cannot start GLFW in this page";
    s.cannot_open = "this browser gives the page no WebGL 2 context";
    return s;
}

}  // namespace

web_window::web_window(std::string canvas_selector)
    : canvas_(std::move(canvas_selector)),
      size_(measure(canvas_)),
      gui_(canvas_window(size_.width, size_.height)) {}

// The canvas's CSS size in device pixels (at least 1 x 1).
web_window::canvas_size web_window::measure(const std::string& canvas) {
    double css_width = 0, css_height = 0;
    emscripten_get_element_css_size(canvas.c_str(), &css_width, &css_height);
    canvas_size s;
    s.ratio = std::max(emscripten_get_device_pixel_ratio(), 0.25);
    s.width = std::max(1, static_cast<int>(std::lround(css_width * s.ratio)));
    s.height = std::max(1, static_cast<int>(std::lround(css_height * s.ratio)));
    return s;
}

// Makes the backing store the canvas's CSS size in device pixels.
void web_window::fit_canvas() {
    const canvas_size now = measure(canvas_);
    const bool resized = now.width != size_.width || now.height != size_.height;
    size_ = now;
    // Sets canvas.width/height and drops any inline CSS size, so the page's CSS rules.
    if (resized) glfwSetWindowSize(gui_.handle(), size_.width, size_.height);
}

void web_window::begin_frame(ui::theme& look) {
    fit_canvas();
    const auto ratio = static_cast<float>(size_.ratio);
    // Glyphs are rasterised for device pixels and laid out in CSS pixels.
    gui_.backends_new_frame(look, ratio, ratio);  // the display size and mouse in device pixels ...

    ImGuiIO& io = ImGui::GetIO();  // ... which become CSS pixels here
    io.DisplaySize = ImVec2(static_cast<float>(size_.width) / ratio, static_cast<float>(size_.height) / ratio);
    io.DisplayFramebufferScale = ImVec2(ratio, ratio);
    if (io.MousePos.x != -FLT_MAX && io.MousePos.y != -FLT_MAX) {
        io.MousePos = ImVec2(io.MousePos.x / ratio, io.MousePos.y / ratio);
    }
    gui_.new_frame();
}

// No swap: the browser shows the canvas when the frame's callback returns.
void web_window::end_frame() { gui_.render(size_.width, size_.height); }

}  // namespace viz::web
