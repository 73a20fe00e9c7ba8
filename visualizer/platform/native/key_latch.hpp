// Keys tapped within one frame still count as pressed.
//
// Dear ImGui 1.86 has no input queue: its GLFW backend sets io.KeysDown as key events
// arrive, and ImGui::NewFrame compares that with the previous frame. A key pressed and
// released between two frames was never down at a NewFrame, so the press is lost: a
// quick tap of the arrow key on a slow frame (software WebGL draws 18 frames per
// second) did nothing. The latch sits between GLFW and the backend's key callback and
// holds back the release of a key that no frame has seen down yet, until the next
// NewFrame has seen it. Shared by the native and the browser window.
#pragma once

struct GLFWwindow;

namespace viz::native {

// Call once, after ImGui_ImplGlfw_InitForOpenGL(window, true) installed its callbacks.
void install_key_latch(GLFWwindow* window);

// Call right after ImGui::NewFrame(): that frame has seen every key pressed before it,
// so the releases held back for them are passed on now.
void release_latched_keys();

}  // namespace viz::native
