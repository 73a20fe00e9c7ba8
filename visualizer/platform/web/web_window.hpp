// The browser window: the page's <canvas>, Emscripten's GLFW with a WebGL 2 context,
// and Dear ImGui's GLFW and OpenGL 3 backends (GLSL "#version 300 es").
//
//   viz::web::web_window w("#canvas");          // throws std::runtime_error if it cannot
//   each frame (emscripten_set_main_loop):  w.begin_frame(look); ...ImGui...; w.end_frame();
//
// Size: the page's CSS decides how big the canvas looks; each frame the canvas's
// backing store is made that size times devicePixelRatio, so that text stays sharp
// on high-density screens, and again after a resize or a zoom (which changes the
// ratio without always firing a resize event). Emscripten 3.1.6's GLFW knows nothing
// of device pixels and ImGui 1.86 has no canvas helpers, so this is done here:
// GLFW's window is the backing store (device pixels, as are its mouse positions);
// ImGui gets the CSS size as its display size, devicePixelRatio as its framebuffer
// scale, and the mouse in CSS pixels.
#pragma once

#include <string>

#include "ui/theme.hpp"

struct GLFWwindow;

namespace viz::web {

class web_window {
public:
    explicit web_window(std::string canvas_selector);
    web_window(const web_window&) = delete;
    web_window& operator=(const web_window&) = delete;
    ~web_window();

    void begin_frame(ui::theme& look);
    void end_frame();

    // The canvas's backing store, in device pixels, and device pixels per CSS pixel.
    int framebuffer_width() const noexcept { return width_; }
    int framebuffer_height() const noexcept { return height_; }
    double pixel_ratio() const noexcept { return ratio_; }

private:
    void fit_canvas();

    std::string canvas_;
    GLFWwindow* handle_ = nullptr;
    int width_ = 0;
    int height_ = 0;
    double ratio_ = 1;
    bool fonts_uploaded_ = false;
};

}  // namespace viz::web
