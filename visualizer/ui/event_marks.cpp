#include "ui/event_marks.hpp"

#include "ui/theme.hpp"

namespace viz::ui {

mark mark_of(trace::kind k) noexcept {
    switch (k) {
        case trace::kind::send_done: return mark::sent;
        case trace::kind::recv_done: return mark::delivered;
        case trace::kind::timer_fired: return mark::timer;
        case trace::kind::select_done: return mark::select_done;
        case trace::kind::send_failed:
        case trace::kind::recv_failed:
        case trace::kind::lagged: return mark::failed;
        case trace::kind::closed:
        case trace::kind::disconnected: return mark::closed;
        case trace::kind::send_blocked:
        case trace::kind::recv_blocked:
        case trace::kind::select_blocked: return mark::blocked;
        default: return mark::none;
    }
}

ImU32 mark_colour(mark m) noexcept {
    switch (m) {
        case mark::sent: return colours::token;
        case mark::delivered: return colours::running;
        case mark::timer: return colours::timer;
        case mark::select_done: return colours::arm_taken;
        case mark::failed: return colours::arm;
        case mark::closed: return colours::closed;
        case mark::blocked: return colours::blocked;
        case mark::none: break;
    }
    return 0;
}

const char* mark_words(mark m) noexcept {
    switch (m) {
        case mark::sent: return "a message went into a channel";
        case mark::delivered: return "a message was received";
        case mark::timer: return "a timer fired or a ticker ticked";
        case mark::select_done: return "a select took an arm";
        case mark::failed: return "an operation failed (full, empty, timed out, disconnected)";
        case mark::closed: return "a channel was closed or disconnected";
        case mark::blocked: return "a thread started waiting";
        case mark::none: break;
    }
    return "";
}

}  // namespace viz::ui
