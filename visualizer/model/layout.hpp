// Where things go on screen: thread nodes and channel pipes in the unit square,
// messages flowing left to right.
//
//   viz::layout lay = viz::compute_layout(tl);        // once per run (or when it grows)
//   viz::point p = lay.thread(id)->at;                 // x, y in [0, 1]; scale to the canvas
//   viz::point q = viz::token_position(lay, token, viz::shown_slots(*scene.channel(token.channel)));
//
// Columns come from who sends and receives on what, over the whole timeline: a thread
// that sends on a channel is left of it, a thread that receives from it is right of
// it (producers left, channels in the middle, consumers right; a pipeline gets one
// column per stage). Loops (a worker that sends back to its own source, ping-pong)
// are broken at the edge that closes them, in order of first appearance. A channel
// nobody sends on (a timer) sits just left of its first receiver. Within a column,
// nodes are ordered to keep lines short (barycentre sweeps), ties by first appearance.
// The result depends only on the timeline's contents: the same run always gets the
// same picture.
//
// A pipe is horizontal: senders' end on the left, receivers' end on the right; slot 0
// (the next message out) is at the right end.
#pragma once

#include <cstddef>
#include <vector>

#include "model/frame.hpp"
#include "model/scene.hpp"
#include "model/timeline.hpp"

namespace viz {

struct point {
    float x = 0;
    float y = 0;
    bool operator==(const point&) const = default;
};

struct node_place {
    point at;        // centre, in the unit square
    int column = 0;  // 0 = leftmost
    int row = 0;     // 0 = top, within its column
};

struct placed_thread {
    thread_id id = 0;
    node_place place;
};

struct placed_channel {
    channel_id id = 0;
    node_place place;
    float half_width = 0;  // the pipe spans at.x - half_width .. at.x + half_width
};

struct layout {
    std::vector<placed_thread> threads;    // in the timeline's thread order
    std::vector<placed_channel> channels;  // in the timeline's channel order
    int columns = 0;
    std::vector<int> rows;                 // nodes per column

    const node_place* thread(thread_id id) const noexcept;
    const placed_channel* channel(channel_id id) const noexcept;
};

layout compute_layout(const timeline& tl);

// How many slots to draw for a channel: its capacity (at most `max`), one for a
// rendezvous channel's hand-off point or a timer, and for an unbounded channel as many
// as it holds (at least 1, at most `max`).
std::size_t shown_slots(const channel_view& c, std::size_t max = 8) noexcept;

// The centre of slot `slot` (fractional allowed) of a pipe drawn with `shown` slots;
// slots beyond the last shown stack at the senders' end.
point slot_position(const placed_channel& pipe, float slot, std::size_t shown) noexcept;

// Where a token is drawn. `shown` is the number of slots drawn for its channel. An
// endpoint that is not in the layout (the clock, a sender from before the trace) is
// the pipe's own end.
point token_position(const layout& lay, const token& k, std::size_t shown) noexcept;

}  // namespace viz
