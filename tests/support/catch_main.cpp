// Catch2's main(), compiled once for every test executable. Debian's prebuilt
// libCatch2WithMain.a is not used because it is built without our sanitizer flags.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
