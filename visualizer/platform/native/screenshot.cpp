#include "platform/native/screenshot.hpp"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <GL/gl.h>
#include <GL/glext.h>

#define STB_IMAGE_WRITE_IMPLEMENTATION
#include <stb/stb_image_write.h>

#include <cstring>
#include <stdexcept>

namespace viz::native {

namespace {

// Framebuffer objects are OpenGL 3.0: their entry points are looked up at run time.
struct framebuffer_functions {
    PFNGLGENFRAMEBUFFERSPROC gen = nullptr;
    PFNGLDELETEFRAMEBUFFERSPROC remove = nullptr;
    PFNGLBINDFRAMEBUFFERPROC bind = nullptr;
    PFNGLFRAMEBUFFERTEXTURE2DPROC attach = nullptr;
    PFNGLCHECKFRAMEBUFFERSTATUSPROC status = nullptr;
};

const framebuffer_functions& gl() {
    static const framebuffer_functions f = [] {
        framebuffer_functions f;
        f.gen = reinterpret_cast<PFNGLGENFRAMEBUFFERSPROC>(glfwGetProcAddress("glGenFramebuffers"));
        f.remove = reinterpret_cast<PFNGLDELETEFRAMEBUFFERSPROC>(glfwGetProcAddress("glDeleteFramebuffers"));
        f.bind = reinterpret_cast<PFNGLBINDFRAMEBUFFERPROC>(glfwGetProcAddress("glBindFramebuffer"));
        f.attach = reinterpret_cast<PFNGLFRAMEBUFFERTEXTURE2DPROC>(glfwGetProcAddress("glFramebufferTexture2D"));
        f.status = reinterpret_cast<PFNGLCHECKFRAMEBUFFERSTATUSPROC>(glfwGetProcAddress("glCheckFramebufferStatus"));
        if (!f.gen || !f.remove || !f.bind || !f.attach || !f.status) {
            throw std::runtime_error("OpenGL framebuffer objects are not available");
        }
        return f;
    }();
    return f;
}

}  // namespace

offscreen::offscreen(int width, int height) : width_(width), height_(height) {
    glGenTextures(1, &texture_);
    glBindTexture(GL_TEXTURE_2D, texture_);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    gl().gen(1, &framebuffer_);
    gl().bind(GL_FRAMEBUFFER, framebuffer_);
    gl().attach(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, texture_, 0);
    if (gl().status(GL_FRAMEBUFFER) != GL_FRAMEBUFFER_COMPLETE) {
        throw std::runtime_error("cannot render offscreen: the framebuffer is incomplete");
    }
}

offscreen::~offscreen() {
    gl().bind(GL_FRAMEBUFFER, 0);
    gl().remove(1, &framebuffer_);
    glDeleteTextures(1, &texture_);
}

void offscreen::bind() const { gl().bind(GL_FRAMEBUFFER, framebuffer_); }

std::vector<unsigned char> offscreen::read_rgb() const {
    const auto w = static_cast<std::size_t>(width_), h = static_cast<std::size_t>(height_);
    std::vector<unsigned char> bottom_up(w * h * 3);
    bind();
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, width_, height_, GL_RGB, GL_UNSIGNED_BYTE, bottom_up.data());
    // OpenGL's first row is the bottom one; images start at the top.
    std::vector<unsigned char> rgb(bottom_up.size());
    for (std::size_t y = 0; y < h; ++y) {
        std::memcpy(&rgb[y * w * 3], &bottom_up[(h - 1 - y) * w * 3], w * 3);
    }
    return rgb;
}

void write_png(const std::string& path, int width, int height, const std::vector<unsigned char>& rgb) {
    if (!stbi_write_png(path.c_str(), width, height, 3, rgb.data(), width * 3)) {
        throw std::runtime_error("cannot write '" + path + "'");
    }
}

}  // namespace viz::native
