// Words for what happens: one sentence per event, and a phrase for what a thread is
// doing, for the narration line, the event log and screen readers.
//
//   viz::narrate(cur, i)  -> "producer 2 waits: jobs is full (2/2)"
//                            "consumer received 7 from jobs (1/2)"
//                            "select in main took arm 1 (receive from quit)"
//   viz::describe(scene, thread) -> "waits: jobs is full (2/2); consumer can wake it"
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "model/cursor.hpp"
#include "model/scene.hpp"

namespace viz {

// The sentence for event i. Moves `c` to i (narrating a run in order steps it forward
// one event at a time, which is cheap).
std::string narrate(cursor& c, std::size_t i);

// What a thread is doing in `s`, without its name: "runs", "sends 3 on jobs",
// "waits: jobs is empty; producer 1 can wake it", "has ended".
std::string describe(const scene& s, const thread_view& t);

// Why a blocked thread waits, without its name: "waits: jobs is full (2/2)".
std::string wait_words(const scene& s, const thread_view& t);

// Thread names joined for a sentence: "a", "a or b", "a, b or c".
std::string either_words(const scene& s, const std::vector<thread_id>& ids);

// How full a channel is, as shown after its name: "(2/2)", "(3 queued)", "" for the
// flavors that hold nothing.
std::string fill_words(const channel_view& c);

}  // namespace viz
