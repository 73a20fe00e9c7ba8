// Rendering into an image instead of a window, for headless screenshots: an offscreen
// framebuffer the size of the window, read back and written as a PNG (top row first).
//
//   viz::native::offscreen target(w, h);   // needs a current OpenGL 3.3 context
//   target.bind();  ... render ...  viz::native::write_png("out.png", w, h, target.read_rgb());
#pragma once

#include <string>
#include <vector>

namespace viz::native {

class offscreen {
public:
    offscreen(int width, int height);  // throws std::runtime_error if the framebuffer is incomplete
    offscreen(const offscreen&) = delete;
    offscreen& operator=(const offscreen&) = delete;
    ~offscreen();

    void bind() const;
    // The pixels as RGB rows, top row first.
    std::vector<unsigned char> read_rgb() const;

private:
    int width_, height_;
    unsigned framebuffer_ = 0;
    unsigned texture_ = 0;
};

// Throws std::runtime_error naming the file if it cannot be written.
void write_png(const std::string& path, int width, int height, const std::vector<unsigned char>& rgb);

}  // namespace viz::native
