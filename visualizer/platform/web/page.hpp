// The module and the page around it (web/site/cookbook-page.js), talking to each other.
//
// Page -> module: C functions exported to JavaScript (Module.ccall / Module._name):
//   cookbook_catalog()               JSON: [{name, topic, topicTitle, summary, knobs}], reading order
//   cookbook_choose(name)            choose a recipe and run it (replay: show its recording)
//   cookbook_set_knob(name, value)   set a knob of the chosen recipe; then cookbook_run_again()
//   cookbook_run_again(), cookbook_stop()
//   cookbook_dismiss_error()         the problem shown is dealt with (the page acted on it)
//   cookbook_playback(action)        "toggle", "step-forward", "step-back", "start", "end",
//                                    "faster", "slower"
//   cookbook_open_file(path, name)   open a trace file the page wrote into the module's file
//                                    system (file picker, drag and drop); the file is removed
//   cookbook_open_recording(name)    replay: /recordings/<name>.json (+ .txt, its output) is there
//   cookbook_output()                what the recipe on screen printed, one line per line
//   cookbook_export_trace()          the run on screen as a trace file (JSON), for downloading
//   cookbook_frames()                frames drawn so far
// Strings returned stay valid until the next call of the same function.
//
// Module -> page: functions of `window.cookbookPage` (each is optional):
//   status(json)            the status board changed (page_status.hpp)
//   firstFrame()            the first frame is on the canvas
//   fetchRecording(name)    replay: fetch traces/<name>.json and .txt, write them to
//                           /recordings/, then call cookbook_open_recording(name)
//
// Everything here runs on the browser's main thread: the exported functions are called
// from the page's event handlers, between frames.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "app/session.hpp"
#include "platform/web/page_status.hpp"
#include "platform/web/worker_warmup.hpp"
#include "ui/app_window.hpp"

namespace viz::web {

class page {
public:
    // Connects `s` to the page until destroyed; one page at a time. In replay mode the
    // session gets its runs from recordings the page fetches.
    page(app::session& s, run_mode mode);
    page(const page&) = delete;
    page& operator=(const page&) = delete;
    ~page();

    // After each frame: tells the page about a changed status and the first frame.
    void frame_drawn(const worker_warmup& workers, const ui::scene_place& scene);

    // The recipe the address names waits for the workers; then it ran, or was refused.
    void link_pending() { board_.set_link("waiting"); }
    void link_followed(bool opened) { board_.set_link(opened ? "opened" : "refused"); }

    // For the exported functions.
    app::session& session() noexcept { return session_; }
    std::uint64_t frames() const noexcept { return frames_; }
    void open_recording(const std::string& name);

private:
    std::string replay(const cookbook::recipe& r, const std::vector<std::string>& arguments);
    void attach_recorded_output();

    app::session& session_;
    status_board board_;
    std::uint64_t frames_ = 0;

    // Replay: the output recorded with the recording being opened, until its view shows.
    std::string recorded_title_;
    std::vector<std::string> recorded_output_;
};

}  // namespace viz::web
