#include "platform/web/web_window.hpp"

#include "platform/native/key_latch.hpp"

#include <emscripten/html5.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#define GLFW_INCLUDE_ES3
#include <GLFW/glfw3.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace viz::web {

namespace {

void report_glfw_error(int code, const char* description) {
    std::fprintf(stderr, "visualizer: GLFW error %d: %s\n", code, description);
}

}  // namespace

web_window::web_window(std::string canvas_selector) : canvas_(std::move(canvas_selector)) {
    glfwSetErrorCallback(report_glfw_error);
    if (!glfwInit()) throw std::runtime_error("cannot start GLFW in this page");
    // The context is WebGL 2 because the module is linked with MIN_WEBGL_VERSION=2
    // (Emscripten's GLFW ignores the context hints).
    fit_canvas();
    handle_ = glfwCreateWindow(width_, height_, "Channels Cookbook — visualizer", nullptr, nullptr);
    if (!handle_) {
        glfwTerminate();
        throw std::runtime_error("this browser gives the page no WebGL 2 context");
    }
    glfwMakeContextCurrent(handle_);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGui::GetIO().IniFilename = nullptr;  // no imgui.ini: the layout is fixed (and there is no disk)
    ImGui_ImplGlfw_InitForOpenGL(handle_, true);
    native::install_key_latch(handle_);
    ImGui_ImplOpenGL3_Init("#version 300 es");
}

web_window::~web_window() {
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    glfwDestroyWindow(handle_);
    glfwTerminate();
}

// Makes the backing store the canvas's CSS size in device pixels (at least 1 x 1).
void web_window::fit_canvas() {
    double css_width = 0, css_height = 0;
    emscripten_get_element_css_size(canvas_.c_str(), &css_width, &css_height);
    ratio_ = std::max(emscripten_get_device_pixel_ratio(), 0.25);
    const int width = std::max(1, static_cast<int>(std::lround(css_width * ratio_)));
    const int height = std::max(1, static_cast<int>(std::lround(css_height * ratio_)));
    if (width == width_ && height == height_) return;
    width_ = width;
    height_ = height;
    // Sets canvas.width/height and drops any inline CSS size, so the page's CSS rules.
    if (handle_) glfwSetWindowSize(handle_, width_, height_);
}

void web_window::begin_frame(ui::theme& look) {
    fit_canvas();
    const auto ratio = static_cast<float>(ratio_);
    // Glyphs are rasterised for device pixels and laid out in CSS pixels.
    if (look.set_scale(ratio, ratio) && fonts_uploaded_) {
        ImGui_ImplOpenGL3_DestroyFontsTexture();
        ImGui_ImplOpenGL3_CreateFontsTexture();
    }
    ImGui_ImplOpenGL3_NewFrame();  // the first call uploads the fonts
    fonts_uploaded_ = true;
    ImGui_ImplGlfw_NewFrame();  // sets the display size and mouse in device pixels ...

    ImGuiIO& io = ImGui::GetIO();  // ... which become CSS pixels here
    io.DisplaySize = ImVec2(static_cast<float>(width_) / ratio, static_cast<float>(height_) / ratio);
    io.DisplayFramebufferScale = ImVec2(ratio, ratio);
    if (io.MousePos.x != -FLT_MAX && io.MousePos.y != -FLT_MAX) {
        io.MousePos = ImVec2(io.MousePos.x / ratio, io.MousePos.y / ratio);
    }
    ImGui::NewFrame();
    native::release_latched_keys();
}

void web_window::end_frame() {
    ImGui::Render();
    glViewport(0, 0, width_, height_);
    const ImVec4 background = ImGui::ColorConvertU32ToFloat4(ui::colours::background);  // the app window has none
    glClearColor(background.x, background.y, background.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    // No swap: the browser shows the canvas when the frame's callback returns.
}

}  // namespace viz::web
