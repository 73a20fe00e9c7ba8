// Tokens: every message the scene shows at a moment t, and how far along its way it is,
// so that the picture moves smoothly between events.
//
//   viz::frame f;
//   viz::compute_frame(cur, t, {viz::time_axis::real, 200e6}, f);  // 0.2 s of trace time per move
//   for (const viz::token& k : f.tokens) draw(viz::token_position(lay, k, slots_of(k.channel)), k.text);
//
// A message's way: sender -> its slot in the channel (to_slot), resting there
// (in_slot; slot 0 is the next to be received), slot -> receiver (to_receiver). A
// rendezvous message goes straight from sender to receiver (handover). A timer's
// message starts at the timer. Each move starts at the event that causes it and takes
// `travel` (in the axis's units); when a message ahead leaves, the ones behind move up
// by one slot over the same time (their `slot` is fractional meanwhile).
//
// Time axes: `real` is trace time in nanoseconds; `events` puts event i at time i,
// which plays a run at one event per unit however long its pauses were (idle time
// skipped) and makes "between event i and i+1" a fraction.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "model/cursor.hpp"
#include "model/scene.hpp"
#include "model/timeline.hpp"

namespace viz {

enum class time_axis : std::uint8_t { real, events };

struct animation {
    time_axis axis = time_axis::real;
    double travel = 200e6;           // duration of one move, in the axis's units
    std::size_t max_moving = 4096;   // moves older than the latest this many are shown finished
};

enum class leg : std::uint8_t {
    to_slot,      // from `from` (its sender) to its slot
    in_slot,      // resting in its slot
    to_receiver,  // from its slot to `to` (its receiver)
    handover,     // rendezvous: from `from` straight to `to`
};

struct token {
    channel_id channel = 0;
    std::uint64_t message = 0;
    std::string_view text;      // the value ("" for a timer's tick)
    leg where = leg::in_slot;
    thread_id from = 0;         // sender (0: the clock, or sent before the trace began)
    thread_id to = 0;           // receiver (0 while it is in the channel)
    float slot = 0;             // its place in the channel, 0 = next out
    float progress = 1;         // 0..1 along `where` (1 when resting)
};

struct frame {
    double t = 0;
    std::ptrdiff_t event = -1;  // the last event at or before t
    std::vector<token> tokens;
};

// The time of event i on an axis, and the last event at or before t (-1: none).
double time_of(const timeline& tl, std::size_t i, time_axis axis) noexcept;
std::ptrdiff_t event_at(const timeline& tl, double t, time_axis axis) noexcept;

// Seeks `c` to time t and fills `f`. The scene to draw with it is c.current().
// Cost: the seek, plus the held messages of every channel (at most
// scene_limits::max_buffered each), plus the events of the last `travel` (at most
// `max_moving`).
void compute_frame(cursor& c, double t, const animation& a, frame& f);

}  // namespace viz
