// A failed ImGui assertion must stop the program with a message, not go on silently
// (imgui_config.hpp): this program fails one on purpose; its test expects it to die.
#include <imgui.h>

int main(int argc, char**) {
    IM_ASSERT(argc == 0 && "argc is never 0 here");
    return 0;
}
