// Keys tapped within one frame still count as pressed, once per tap.
//
// Dear ImGui 1.86 has no input queue: its GLFW backend sets io.KeysDown as key events
// arrive, and ImGui::NewFrame compares that with the previous frame. A key pressed and
// released between two frames was never down at a NewFrame, so the press was lost: a
// quick tap of an arrow key on a slow frame (software WebGL draws 18 frames per second)
// did nothing. The latch sits between GLFW and the backend's key callback and passes
// each change on only once the frames have seen the one before it for the same key: a
// release waits for a NewFrame that saw the key down, a press for one that saw it up,
// and later events wait behind them, in order. imgui_window.hpp installs it, on both
// platforms.
#pragma once

struct GLFWwindow;

namespace viz::glfw {

// Call once, after ImGui_ImplGlfw_InitForOpenGL(window, true) installed its callbacks.
void install_key_latch(GLFWwindow* window);

// Call right after ImGui::NewFrame(): that frame has seen every change passed on before
// it, so the ones waiting for it are passed on now.
void release_latched_keys();

}  // namespace viz::glfw
