// Checks screenshots of the visualizer: each must show a picture (not one flat colour,
// and something drawn in the scene area), and with --differ each must differ from the
// one before it (the animation moved).
//
//   png_check [--differ] a.png b.png ...      exit 0 if all hold, 1 with a message if not
//
// The scene area is the left part of the window below the controls, where the threads,
// channels and tokens are drawn; the checks look there so that the controls and panels,
// which are always drawn, cannot make an empty scene pass.
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#define STB_IMAGE_IMPLEMENTATION
#include <stb/stb_image.h>

namespace {

struct image {
    int width = 0, height = 0;
    std::vector<unsigned char> rgb;
    unsigned pixel(int x, int y) const {
        const unsigned char* p = &rgb[(static_cast<std::size_t>(y) * static_cast<std::size_t>(width) + static_cast<std::size_t>(x)) * 3];
        return unsigned{p[0]} << 16 | unsigned{p[1]} << 8 | p[2];
    }
};

bool load(const std::string& path, image& out) {
    int channels = 0;
    std::unique_ptr<unsigned char, void (*)(void*)> data(stbi_load(path.c_str(), &out.width, &out.height, &channels, 3),
                                                         stbi_image_free);
    if (!data) return false;
    out.rgb.assign(data.get(), data.get() + static_cast<std::size_t>(out.width) * static_cast<std::size_t>(out.height) * 3);
    return true;
}

// The scene area: from 2% to 60% across, 18% to 72% down.
struct area {
    int x0, x1, y0, y1;
    explicit area(const image& i)
        : x0(i.width * 2 / 100), x1(i.width * 60 / 100), y0(i.height * 18 / 100), y1(i.height * 72 / 100) {}
    long long pixels() const { return static_cast<long long>(x1 - x0) * (y1 - y0); }
};

// The share of the scene area that is not its most common colour (the background).
double drawn_share(const image& i) {
    const area a(i);
    const unsigned background = i.pixel(a.x0, a.y1 - 1);
    long long drawn = 0;
    for (int y = a.y0; y < a.y1; ++y) {
        for (int x = a.x0; x < a.x1; ++x) drawn += i.pixel(x, y) != background;
    }
    return static_cast<double>(drawn) / static_cast<double>(a.pixels());
}

double changed_share(const image& a, const image& b) {
    const area r(a);
    long long changed = 0;
    for (int y = r.y0; y < r.y1; ++y) {
        for (int x = r.x0; x < r.x1; ++x) changed += a.pixel(x, y) != b.pixel(x, y);
    }
    return static_cast<double>(changed) / static_cast<double>(r.pixels());
}

constexpr double least_drawn = 0.01;     // 1% of the scene area: a few nodes and a pipe are far more
// An unchanged frame changes no pixel at all; one changed character of a caption
// ("3 ticks" -> "9 ticks") changes about 0.04%, a token moving by its own width more.
constexpr double least_changed = 0.0002;

}  // namespace

int main(int argc, char** argv) {
    bool differ = false;
    std::vector<std::string> paths;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--differ") {
            differ = true;
        } else {
            paths.push_back(arg);
        }
    }
    if (paths.empty()) {
        std::fprintf(stderr, "usage: png_check [--differ] a.png [b.png ...]\n");
        return 2;
    }
    bool ok = true;
    image previous;
    for (std::size_t k = 0; k < paths.size(); ++k) {
        image current;
        if (!load(paths[k], current)) {
            std::fprintf(stderr, "%s: cannot read it as an image (%s)\n", paths[k].c_str(), stbi_failure_reason());
            return 1;
        }
        const double drawn = drawn_share(current);
        std::printf("%s: %dx%d, %.1f%% of the scene area drawn", paths[k].c_str(), current.width, current.height, drawn * 100);
        if (drawn < least_drawn) {
            std::printf("  <- blank scene\n");
            ok = false;
            previous = std::move(current);
            continue;
        }
        if (differ && k > 0) {
            if (previous.width != current.width || previous.height != current.height) {
                std::printf("  <- not the size of the one before\n");
                ok = false;
            } else {
                const double changed = changed_share(previous, current);
                std::printf(", %.2f%% changed since the one before", changed * 100);
                if (changed < least_changed) {
                    std::printf("  <- unchanged\n");
                    ok = false;
                }
            }
        }
        std::printf("\n");
        previous = std::move(current);
    }
    return ok ? 0 : 1;
}
