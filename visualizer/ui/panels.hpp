// The panels beside the scene, and the problem popup.
//
//   source:  the program's source, each thread's current line marked with its state
//            colour and name; follows the thread of the current event;
//   events:  every event as a sentence, the current one selected; click to go there;
//   output:  what the recipe printed;
//   legend:  every mark of the scene, drawn by the scene's own code, and the keys.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "app/session.hpp"
#include "ui/theme.hpp"

namespace viz::ui {

class source_panel {
public:
    void draw(const app::run_view& v, const font_set& fonts);

private:
    const app::run_view* split_for_ = nullptr;
    std::size_t split_size_ = 0;
    std::vector<std::string_view> lines_;
    std::uint32_t followed_line_ = 0;
};

class event_log {
public:
    void draw(app::session& s, const font_set& fonts);

private:
    // The event last scrolled into view; -1, before the first event, until one is (only
    // events from 0 on are followed).
    std::ptrdiff_t followed_ = -1;
};

class output_panel {
public:
    void draw(const app::run_view& v, const font_set& fonts);

private:
    std::size_t seen_lines_ = 0;
};

void draw_legend(const font_set& fonts);

// A modal popup with the session's error, until dismissed (OK, Enter or Escape).
void draw_problem(app::session& s);

}  // namespace viz::ui
