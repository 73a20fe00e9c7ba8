// The precompiled header's own translation unit: the exercise programs reuse what it
// compiles (CMake's REUSE_FROM needs a target that builds it).
