#include "key_latch.hpp"

#include <algorithm>
#include <bitset>
#include <utility>
#include <vector>

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

namespace viz::native {

namespace {

struct release {
    GLFWwindow* window;
    int key, scancode, mods;
};

// One window per process (native app, or the page's canvas), driven on one thread.
GLFWkeyfun backend_callback = nullptr;    // ImGui's, which this one wraps
std::bitset<GLFW_KEY_LAST + 1> unseen;    // pressed since the last NewFrame
std::vector<release> held_back;           // releases of unseen keys, in order

void on_key(GLFWwindow* window, int key, int scancode, int action, int mods) {
    if (key >= 0 && key <= GLFW_KEY_LAST) {
        if (action == GLFW_PRESS) {
            unseen.set(static_cast<std::size_t>(key));
            // Pressed again before the frame: the earlier release no longer applies.
            std::erase_if(held_back, [key](const release& r) { return r.key == key; });
        } else if (action == GLFW_RELEASE && unseen.test(static_cast<std::size_t>(key))) {
            held_back.push_back({window, key, scancode, mods});
            return;
        }
    }
    if (backend_callback) backend_callback(window, key, scancode, action, mods);
}

}  // namespace

void install_key_latch(GLFWwindow* window) { backend_callback = glfwSetKeyCallback(window, on_key); }

void release_latched_keys() {
    unseen.reset();
    for (const release& r : std::exchange(held_back, {})) {
        if (backend_callback) backend_callback(r.window, r.key, r.scancode, GLFW_RELEASE, r.mods);
    }
}

}  // namespace viz::native
