// State carried from the first half of an operation to the second.
//
// Every flavor splits a send into `start_send` (claim: find room, or a partner, or
// learn that the channel is disconnected) and `write` (complete: move the message in),
// and a receive into `start_recv` and `read`. Select needs the split: it claims an
// operation on one of several channels, and only then runs that arm's completion.
// The token is what the claim found; each flavor gives its fields a meaning.
#pragma once

#include <cstddef>
#include <cstdint>

namespace chan::detail {

struct token {
    void* ptr = nullptr;    // slot, block or packet claimed; null means "disconnected"
    std::size_t n = 0;      // flavor-specific: stamp, offset (32 bits in WebAssembly)
    std::uint64_t seq = 0;  // the message's number within its channel (for tracing)
};

}  // namespace chan::detail
