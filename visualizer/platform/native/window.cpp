#include "platform/native/window.hpp"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include <utility>

namespace viz::native {

namespace {

glfw::window_spec desktop(window_spec spec) {
    glfw::window_spec s;
    s.width = spec.width;
    s.height = spec.height;
    s.hints = {
        {GLFW_CONTEXT_VERSION_MAJOR, 3},
        {GLFW_CONTEXT_VERSION_MINOR, 3},
        {GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE},
        {GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE},  // macOS needs it for a core context
        {GLFW_VISIBLE, spec.visible ? GLFW_TRUE : GLFW_FALSE},
        {GLFW_SCALE_TO_MONITOR, GLFW_TRUE},  // Windows and X11: size in logical pixels
    };
    s.glsl_version = "#version 330 core";
    s.cannot_start = "cannot start GLFW: is there a display (DISPLAY, or xvfb-run)?";
    s.cannot_open = "cannot open a window with OpenGL 3.3 core";
    return s;
}

}  // namespace

window::window(window_spec spec) : gui_(desktop(spec)), visible_(spec.visible) {
    glfwSwapInterval(spec.visible ? 1 : 0);
    glfwSetWindowUserPointer(handle(), this);
    glfwSetDropCallback(handle(), [](GLFWwindow* w, int count, const char** paths) {
        auto* self = static_cast<window*>(glfwGetWindowUserPointer(w));
        if (self->drop_ && count > 0) self->drop_(paths[0]);
    });
}

bool window::should_close() const { return glfwWindowShouldClose(handle()) != 0; }

void window::on_drop(std::function<void(const std::string& path)> handler) { drop_ = std::move(handler); }

int window::framebuffer_width() const {
    int w = 0, h = 0;
    glfwGetFramebufferSize(handle(), &w, &h);
    return w;
}

int window::framebuffer_height() const {
    int w = 0, h = 0;
    glfwGetFramebufferSize(handle(), &w, &h);
    return h;
}

void window::begin_frame(ui::theme& look, std::optional<float> scale, bool idle) {
    if (idle && visible_) {
        glfwWaitEventsTimeout(0.1);
    } else {
        glfwPollEvents();
    }
    float content = 1, unused = 1;
    glfwGetWindowContentScale(handle(), &content, &unused);
    int window_w = 0, window_h = 0;
    glfwGetWindowSize(handle(), &window_w, &window_h);
    const float framebuffer = window_w > 0 ? static_cast<float>(framebuffer_width()) / static_cast<float>(window_w) : 1.0f;
    gui_.backends_new_frame(look, scale.value_or(content), framebuffer);
    gui_.new_frame();
}

void window::end_frame() {
    gui_.render(framebuffer_width(), framebuffer_height());
    if (visible_) glfwSwapBuffers(handle());
}

}  // namespace viz::native
