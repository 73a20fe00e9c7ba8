// The visualizer's model: from a trace to what the screen shows, with no GL or ImGui.
//
//   #include "model/model.hpp"
//
//   viz::timeline tl(recording);             // or empty, then tl.append(batch) as a live run grows
//   viz::layout lay = viz::compute_layout(tl);
//   viz::cursor cur(tl);
//
//   each frame, at playback time t:
//     viz::frame f;
//     viz::compute_frame(cur, t, {viz::time_axis::real, travel_ns}, f);
//     const viz::scene& s = cur.current();     // threads and channels after the last event <= t
//     for (const viz::thread_view& th : s.threads)   draw node at lay.thread(th.id)->at;
//                                                    label viz::describe(s, th)
//     for (const viz::channel_view& ch : s.channels) draw pipe lay.channel(ch.id) with viz::shown_slots(ch)
//     for (const viz::token& k : f.tokens)          draw k.text at viz::token_position(lay, k, slots)
//     narration line:                               viz::narrate(log_cursor, f.event)
//     if (viz::deadlock_report d = viz::find_deadlock(cur)) banner(d.summary), d.threads[i].text
//
// Headers, each documenting its part:
//   scene.hpp     what is shown at one moment: thread_view, channel_view, message_view
//   timeline.hpp  the run and its indexes; building and appending
//   cursor.hpp    seeking to any event in bounded time
//   frame.hpp     tokens and their motion between events (real time or event time)
//   layout.hpp    node and pipe positions; where a token is drawn
//   deadlock.hpp  who waits with nothing left to wake them, in words
//   narrate.hpp   one sentence per event; what a thread is doing
//   computed_at.hpp  a value kept for the event it was computed for (a cursor's scene,
//                 the narration and deadlock report on screen)
//   state.hpp, waiting.hpp   the replay state and wait analysis underneath
#pragma once

#include "model/computed_at.hpp"
#include "model/cursor.hpp"
#include "model/deadlock.hpp"
#include "model/frame.hpp"
#include "model/layout.hpp"
#include "model/narrate.hpp"
#include "model/scene.hpp"
#include "model/timeline.hpp"
