// The fonts both platforms draw with: DejaVu Sans and Sans Mono, read into memory from
// where Debian's fonts-dejavu-core puts them (the gui group of scripts/setup.sh) or
// where other systems do. Natively that is the system's copy; in the browser, the
// copy the web build packs into the module's file system at Debian's paths. Missing
// files give empty bytes, and the theme falls back to ImGui's built-in font.
#pragma once

#include <vector>

namespace viz::glfw {

std::vector<unsigned char> sans_font();
std::vector<unsigned char> mono_font();

}  // namespace viz::glfw
