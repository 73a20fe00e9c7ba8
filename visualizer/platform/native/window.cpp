#include "platform/native/window.hpp"

#include "platform/native/key_latch.hpp"

#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <GL/gl.h>

#include <cstdio>
#include <stdexcept>

namespace viz::native {

namespace {

void report_glfw_error(int code, const char* description) {
    std::fprintf(stderr, "visualizer: GLFW error %d: %s\n", code, description);
}

}  // namespace

window::window(window_spec spec) : visible_(spec.visible) {
    glfwSetErrorCallback(report_glfw_error);
    if (!glfwInit()) throw std::runtime_error("cannot start GLFW: is there a display (DISPLAY, or xvfb-run)?");
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);  // macOS needs it for a core context
    glfwWindowHint(GLFW_VISIBLE, spec.visible ? GLFW_TRUE : GLFW_FALSE);
    glfwWindowHint(GLFW_SCALE_TO_MONITOR, GLFW_TRUE);  // Windows and X11: size in logical pixels
    handle_ = glfwCreateWindow(spec.width, spec.height, "Channels Cookbook — visualizer", nullptr, nullptr);
    if (!handle_) {
        glfwTerminate();
        throw std::runtime_error("cannot open a window with OpenGL 3.3 core");
    }
    glfwMakeContextCurrent(handle_);
    glfwSwapInterval(spec.visible ? 1 : 0);
    glfwSetWindowUserPointer(handle_, this);
    glfwSetDropCallback(handle_, [](GLFWwindow* w, int count, const char** paths) {
        auto* self = static_cast<window*>(glfwGetWindowUserPointer(w));
        if (self->drop_ && count > 0) self->drop_(paths[0]);
    });

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGui::GetIO().IniFilename = nullptr;  // no imgui.ini: the layout is fixed
    ImGui_ImplGlfw_InitForOpenGL(handle_, true);
    install_key_latch(handle_);
    ImGui_ImplOpenGL3_Init("#version 330 core");
}

window::~window() {
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    glfwDestroyWindow(handle_);
    glfwTerminate();
}

bool window::should_close() const { return glfwWindowShouldClose(handle_) != 0; }

void window::on_drop(std::function<void(const std::string& path)> handler) { drop_ = std::move(handler); }

int window::framebuffer_width() const {
    int w = 0, h = 0;
    glfwGetFramebufferSize(handle_, &w, &h);
    return w;
}

int window::framebuffer_height() const {
    int w = 0, h = 0;
    glfwGetFramebufferSize(handle_, &w, &h);
    return h;
}

void window::begin_frame(ui::theme& look, std::optional<float> scale, bool idle) {
    if (idle && visible_) {
        glfwWaitEventsTimeout(0.1);
    } else {
        glfwPollEvents();
    }
    float content = 1, unused = 1;
    glfwGetWindowContentScale(handle_, &content, &unused);
    int window_w = 0, window_h = 0;
    glfwGetWindowSize(handle_, &window_w, &window_h);
    const float framebuffer = window_w > 0 ? static_cast<float>(framebuffer_width()) / static_cast<float>(window_w) : 1.0f;
    if (look.set_scale(scale.value_or(content), framebuffer) && fonts_uploaded_) {
        ImGui_ImplOpenGL3_DestroyFontsTexture();
        ImGui_ImplOpenGL3_CreateFontsTexture();
    }
    ImGui_ImplOpenGL3_NewFrame();  // the first call uploads the fonts
    fonts_uploaded_ = true;
    ImGui_ImplGlfw_NewFrame();
    ImGui::NewFrame();
    release_latched_keys();
}

void window::end_frame() {
    ImGui::Render();
    glViewport(0, 0, framebuffer_width(), framebuffer_height());
    const ImVec4 background = ImGui::ColorConvertU32ToFloat4(ui::colours::background);  // the app window has none
    glClearColor(background.x, background.y, background.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    if (visible_) glfwSwapBuffers(handle_);
}

}  // namespace viz::native
