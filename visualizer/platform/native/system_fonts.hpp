// The fonts the native build draws with: DejaVu Sans and Sans Mono from the system
// (Debian's fonts-dejavu-core, in the gui group of scripts/setup.sh), read into memory.
// Missing files give empty bytes, and the theme falls back to ImGui's built-in font.
#pragma once

#include <vector>

namespace viz::native {

std::vector<unsigned char> sans_font();
std::vector<unsigned char> mono_font();

}  // namespace viz::native
