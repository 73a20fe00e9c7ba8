#include "platform/glfw/system_fonts.hpp"

#include <fstream>
#include <initializer_list>
#include <iterator>

namespace viz::glfw {

namespace {

std::vector<unsigned char> first_readable(std::initializer_list<const char*> paths) {
    for (const char* path : paths) {
        std::ifstream in(path, std::ios::binary);
        if (!in) continue;
        std::vector<unsigned char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        if (!bytes.empty()) return bytes;
    }
    return {};
}

}  // namespace

std::vector<unsigned char> sans_font() {
    return first_readable({"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/TTF/DejaVuSans.ttf",
                           "/usr/share/fonts/dejavu/DejaVuSans.ttf", "/Library/Fonts/DejaVuSans.ttf"});
}

std::vector<unsigned char> mono_font() {
    return first_readable({"/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf",
                           "/usr/share/fonts/TTF/DejaVuSansMono.ttf", "/usr/share/fonts/dejavu/DejaVuSansMono.ttf",
                           "/Library/Fonts/DejaVuSansMono.ttf"});
}

}  // namespace viz::glfw
