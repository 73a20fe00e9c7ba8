#include "platform/glfw/key_latch.hpp"

#include <bitset>
#include <cstddef>
#include <deque>

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

namespace viz::glfw {

namespace {

struct key_event {
    GLFWwindow* window;
    int key, scancode, action, mods;
};

// One window per process (the native app, or the page's canvas), driven on one thread.
GLFWkeyfun backend_callback = nullptr;       // ImGui's, which this one wraps
std::bitset<GLFW_KEY_LAST + 1> pressed_unseen;   // passed on down since the last NewFrame
std::bitset<GLFW_KEY_LAST + 1> released_unseen;  // passed on up since the last NewFrame
std::deque<key_event> waiting;               // in arrival order

bool known(int key) { return key >= 0 && key <= GLFW_KEY_LAST; }

// A change the frames would not see: its key changed the other way since the last NewFrame.
bool must_wait(const key_event& e) {
    if (!known(e.key)) return false;
    const auto k = static_cast<std::size_t>(e.key);
    return (e.action == GLFW_RELEASE && pressed_unseen.test(k)) || (e.action == GLFW_PRESS && released_unseen.test(k));
}

void pass_on(const key_event& e) {
    if (known(e.key)) {
        const auto k = static_cast<std::size_t>(e.key);
        if (e.action == GLFW_PRESS) pressed_unseen.set(k);
        if (e.action == GLFW_RELEASE) released_unseen.set(k);
    }
    if (backend_callback) backend_callback(e.window, e.key, e.scancode, e.action, e.mods);
}

void on_key(GLFWwindow* window, int key, int scancode, int action, int mods) {
    const key_event e{window, key, scancode, action, mods};
    if (!waiting.empty() || must_wait(e)) {
        waiting.push_back(e);
    } else {
        pass_on(e);
    }
}

}  // namespace

void install_key_latch(GLFWwindow* window) { backend_callback = glfwSetKeyCallback(window, on_key); }

void release_latched_keys() {
    pressed_unseen.reset();
    released_unseen.reset();
    while (!waiting.empty() && !must_wait(waiting.front())) {
        pass_on(waiting.front());
        waiting.pop_front();
    }
}

}  // namespace viz::glfw
