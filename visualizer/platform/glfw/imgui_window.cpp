#include "platform/glfw/imgui_window.hpp"

#include "platform/glfw/key_latch.hpp"

#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#ifdef __EMSCRIPTEN__
#include <GLES3/gl3.h>  // WebGL 2
#else
#include <GL/gl.h>
#endif

#include <cstdio>
#include <stdexcept>

namespace viz::glfw {

namespace {

void report_glfw_error(int code, const char* description) {
    std::fprintf(stderr, "visualizer: GLFW error %d: %s\n", code, description);
}

}  // namespace

imgui_window::imgui_window(const window_spec& spec) {
    glfwSetErrorCallback(report_glfw_error);
    if (!glfwInit()) throw std::runtime_error(spec.cannot_start);
    for (const auto& [hint, value] : spec.hints) glfwWindowHint(hint, value);
    handle_ = glfwCreateWindow(spec.width, spec.height, "Channels Cookbook — visualizer", nullptr, nullptr);
    if (!handle_) {
        glfwTerminate();
        throw std::runtime_error(spec.cannot_open);
    }
    glfwMakeContextCurrent(handle_);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGui::GetIO().IniFilename = nullptr;  // no imgui.ini: the layout is fixed
    ImGui_ImplGlfw_InitForOpenGL(handle_, true);
    install_key_latch(handle_);  // wraps the key callback the backend just installed
    ImGui_ImplOpenGL3_Init(spec.glsl_version);
}

imgui_window::~imgui_window() {
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    glfwDestroyWindow(handle_);
    glfwTerminate();
}

void imgui_window::backends_new_frame(ui::theme& look, float content_scale, float framebuffer_scale) {
    if (look.set_scale(content_scale, framebuffer_scale) && fonts_uploaded_) {
        ImGui_ImplOpenGL3_DestroyFontsTexture();
        ImGui_ImplOpenGL3_CreateFontsTexture();
    }
    ImGui_ImplOpenGL3_NewFrame();  // the first call uploads the fonts
    fonts_uploaded_ = true;
    ImGui_ImplGlfw_NewFrame();
}

void imgui_window::new_frame() {
    ImGui::NewFrame();
    release_latched_keys();
}

void imgui_window::render(int framebuffer_width, int framebuffer_height) {
    ImGui::Render();
    glViewport(0, 0, framebuffer_width, framebuffer_height);
    const ImVec4 background = ImGui::ColorConvertU32ToFloat4(ui::colours::background);  // the app window has none
    glClearColor(background.x, background.y, background.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

}  // namespace viz::glfw
