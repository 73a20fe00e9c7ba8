// The native window: a desktop window with an OpenGL 3.3 core context and Dear ImGui
// on it (glfw::imgui_window), shown, or hidden for headless rendering.
//
//   viz::native::window w({1280, 800, visible});   // throws std::runtime_error if it cannot
//   while (!w.should_close()) { w.begin_frame(look, scale, idle); ...ImGui...; w.end_frame(); }
//
// Frames: begin_frame polls events (or waits briefly for one when nothing moves), keeps
// the fonts matched to the display scale, and starts an ImGui frame; end_frame renders
// it into the bound framebuffer and, for a visible window, swaps.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "platform/glfw/imgui_window.hpp"
#include "ui/theme.hpp"

namespace viz::native {

struct window_spec {
    int width = 1280;
    int height = 800;
    bool visible = true;
};

class window {
public:
    explicit window(window_spec spec);

    bool should_close() const;
    // `scale`: a content scale to use instead of the display's (headless rendering).
    // `idle`: nothing is moving, so wait up to a tenth of a second for input.
    void begin_frame(ui::theme& look, std::optional<float> scale, bool idle);
    void end_frame();

    // Files dropped on the window (GLFW drag and drop).
    void on_drop(std::function<void(const std::string& path)> handler);

    int framebuffer_width() const;
    int framebuffer_height() const;
    GLFWwindow* handle() const noexcept { return gui_.handle(); }

private:
    glfw::imgui_window gui_;
    bool visible_ = true;
    std::function<void(const std::string&)> drop_;
};

}  // namespace viz::native
