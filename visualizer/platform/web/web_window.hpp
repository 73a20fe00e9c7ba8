// The browser window: the page's <canvas>, Emscripten's GLFW with a WebGL 2 context,
// and Dear ImGui on it (glfw::imgui_window, GLSL "#version 300 es").
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

#include "platform/glfw/imgui_window.hpp"
#include "ui/theme.hpp"

namespace viz::web {

class web_window {
public:
    explicit web_window(std::string canvas_selector);

    void begin_frame(ui::theme& look);
    void end_frame();

private:
    // The canvas's backing store, in device pixels, and device pixels per CSS pixel.
    struct canvas_size {
        int width = 0;
        int height = 0;
        double ratio = 1;
    };
    static canvas_size measure(const std::string& canvas);
    void fit_canvas();

    std::string canvas_;
    canvas_size size_;  // of the backing store; the window is made that size first
    glfw::imgui_window gui_;
};

}  // namespace viz::web
