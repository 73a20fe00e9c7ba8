// Sentences for events and threads (see narrate.hpp).
#include "model/narrate.hpp"

#include <initializer_list>
#include <string_view>

#include "model/waiting.hpp"

namespace viz {

namespace {

std::string cat(std::initializer_list<std::string_view> parts) {
    std::string s;
    for (std::string_view p : parts) s += p;
    return s;
}

std::string count(std::uint64_t n, std::string_view one, std::string_view many) {
    return cat({std::to_string(n), " ", n == 1 ? one : many});
}

std::string_view thread_name(const scene& s, thread_id id) {
    const thread_view* t = s.thread(id);
    return t ? t->name : std::string_view("a thread");
}

std::string_view channel_name(const scene& s, channel_id id) {
    const channel_view* c = s.channel(id);
    return c ? c->name : std::string_view("a channel");
}

// " (2/2)" or "".
std::string spaced(const std::string& words) { return words.empty() ? words : " " + words; }

// "jobs (2/2)" or just "jobs".
std::string channel_with_fill(const scene& s, channel_id id) {
    const channel_view* c = s.channel(id);
    if (!c) return "a channel";
    return cat({c->name, spaced(fill_words(*c))});
}

std::string flavor_words(trace::flavor f, std::int64_t capacity) {
    const std::string slots = count(static_cast<std::uint64_t>(capacity < 0 ? 0 : capacity), "slot", "slots");
    switch (f) {
        case trace::flavor::bounded: return cat({"a bounded channel with ", slots});
        case trace::flavor::unbounded: return "an unbounded channel";
        case trace::flavor::rendezvous: return "a rendezvous channel (no slots: each send waits for a receiver)";
        case trace::flavor::timer_at: return "a timer that fires once";
        case trace::flavor::timer_tick: return "a ticker";
        case trace::flavor::never: return "a channel that never delivers";
        case trace::flavor::oneshot: return "a oneshot channel (one message)";
        case trace::flavor::broadcast:
            return cat({"a broadcast channel with ", slots, " (senders wait for the slowest receiver)"});
        case trace::flavor::broadcast_lagging:
            return cat({"a lagging broadcast channel with ", slots, " (slow receivers skip ahead)"});
    }
    return "a channel";
}

std::string handles_words(const trace::event& e, std::string_view who, std::string_view ch) {
    std::string_view what;
    switch (static_cast<trace::handle_change>(e.detail)) {
        case trace::handle_change::sender_added: what = "adds a sender to"; break;
        case trace::handle_change::sender_dropped: what = "drops a sender of"; break;
        case trace::handle_change::receiver_added: what = "adds a receiver to"; break;
        case trace::handle_change::receiver_dropped: what = "drops a receiver of"; break;
        default: what = "finds"; break;  // the counts of a channel made before the recording
    }
    return cat({who, " ", what, " ", ch, " (", count(static_cast<std::uint64_t>(std::max<std::int64_t>(e.a, 0)), "sender", "senders"),
                ", ", count(static_cast<std::uint64_t>(std::max<std::int64_t>(e.b, 0)), "receiver", "receivers"), ")"});
}

std::string_view cause_words(trace::disconnect_cause c) {
    switch (c) {
        case trace::disconnect_cause::senders_gone: return "its last sender is gone";
        case trace::disconnect_cause::receivers_gone: return "its last receiver is gone";
        case trace::disconnect_cause::closed: return "it was closed";
    }
    return "it is disconnected";
}

// "receive from quit" / "send 5 on out"
std::string arm_words(const scene& s, const select_arm& a) {
    return a.is_send ? cat({"send ", a.text, " on ", channel_name(s, a.channel)})
                     : cat({"receive from ", channel_name(s, a.channel)});
}

std::string select_done_words(const scene& s, const trace::event& e, const thread_view* t, std::string_view who) {
    if (e.arm < 0) {
        const auto st = static_cast<chan::status>(e.detail);
        if (st == chan::status::timeout) return cat({"select in ", who, " timed out"});
        return cat({"select in ", who, " took its default arm: no arm was ready"});
    }
    std::string what = cat({"arm ", std::to_string(e.arm)});
    if (t)
        for (const select_arm& a : t->arms)
            if (a.index == e.arm) what += cat({" (", arm_words(s, a), ")"});
    std::string sentence = cat({"select in ", who, " took ", what});
    if (static_cast<chan::status>(e.detail) == chan::status::disconnected) sentence += ": the channel is disconnected";
    return sentence;
}

std::string failed_words(const scene& s, const trace::event& e, std::string_view who, bool send) {
    const std::string_view ch = channel_name(s, e.channel);
    const channel_view* c = s.channel(e.channel);
    switch (static_cast<chan::status>(e.detail)) {
        case chan::status::full: return cat({who, " could not send: ", ch, " is full"});
        case chan::status::empty: return cat({who, " found ", ch, " empty"});
        case chan::status::timeout:
            return cat({who, " gave up ", send ? "sending on " : "receiving from ", ch, ": timed out"});
        case chan::status::lagged: return cat({who, " goes on from the oldest message ", ch, " still keeps"});
        default:
            break;
    }
    const std::string_view why = c && c->disconnected ? cause_words(c->cause) : std::string_view("it is disconnected");
    if (send) return cat({who, " could not send on ", ch, ": ", why});
    return cat({who, " found ", ch, " drained and disconnected: ", why});
}

std::string received_words(const cursor& c, const trace::event& e, std::string_view who) {
    const scene& s = c.current();
    const channel_view* ch = s.channel(e.channel);
    if (ch && is_clock(ch->flavor)) return cat({who, " got a tick from ", ch->name});
    std::string_view value = "a message";
    const timeline& tl = c.source();
    if (auto ci = tl.channel_index(e.channel)) {
        const message_record* r = tl.channel(*ci).message(e.message);
        if (r && r->sent != no_event) value = tl.event(r->sent).text;
    }
    return cat({who, " received ", value, " from ", channel_with_fill(s, e.channel)});
}

std::string sent_words(const scene& s, const trace::event& e, std::string_view who) {
    const channel_view* c = s.channel(e.channel);
    const trace::flavor f = c ? c->flavor : trace::flavor::bounded;
    if (f == trace::flavor::rendezvous) return cat({who, " handed ", e.text, " over on ", channel_name(s, e.channel)});
    if (f == trace::flavor::broadcast || f == trace::flavor::broadcast_lagging)
        return cat({who, " broadcast ", e.text, " on ", channel_with_fill(s, e.channel)});
    return cat({who, " put ", e.text, " into ", channel_with_fill(s, e.channel)});
}

std::string sentence(const cursor& c, const trace::event& e) {
    const scene& s = c.current();
    const std::string_view who = thread_name(s, e.thread);
    const std::string_view ch = channel_name(s, e.channel);
    const thread_view* t = s.thread(e.thread);
    using trace::kind;
    switch (e.what) {
        case kind::thread_named: return cat({"thread ", std::to_string(e.thread), " is called ", e.text});
        case kind::channel_created:
            return cat({who, " creates ", ch, ", ", flavor_words(static_cast<trace::flavor>(e.detail), e.a)});
        case kind::handles: return handles_words(e, who, ch);
        case kind::send_begin: return cat({who, " sends ", e.text, " on ", ch});
        case kind::recv_begin: return cat({who, " receives from ", ch});
        case kind::send_blocked:
        case kind::recv_blocked:
        case kind::select_blocked: return t ? cat({who, " ", wait_words(s, *t)}) : cat({who, " waits"});
        case kind::send_done: return sent_words(s, e, who);
        case kind::recv_done: return received_words(c, e, who);
        case kind::send_failed: return failed_words(s, e, who, true);
        case kind::recv_failed: return failed_words(s, e, who, false);
        case kind::select_begin: {
            std::string words = cat({who, " selects over ", count(static_cast<std::uint64_t>(std::max<std::int64_t>(e.a, 0)), "arm", "arms")});
            if (e.b == static_cast<std::int64_t>(trace::select_wait::timeout)) words += " with a timeout";
            if (e.b == static_cast<std::int64_t>(trace::select_wait::never)) words += " and a default arm";
            return words;
        }
        case kind::select_arm:
            return cat({"arm ", std::to_string(e.arm), " of ", who, "'s select: ",
                        arm_words(s, {e.arm, e.channel, e.detail == 1, e.text})});
        case kind::select_done: return select_done_words(s, e, t, who);
        case kind::timer_fired: {
            const channel_view* v = s.channel(e.channel);
            if (v && v->flavor == trace::flavor::timer_tick) return cat({ch, " ticks (tick ", std::to_string(e.message + 1), ")"});
            return cat({ch, " fires"});
        }
        case kind::closed: return cat({who, " closes ", ch});
        case kind::disconnected: {
            const auto cause = static_cast<trace::disconnect_cause>(e.detail);
            std::string words = cat({ch, " is disconnected: ", cause_words(cause)});
            const channel_view* v = s.channel(e.channel);
            if (cause == trace::disconnect_cause::receivers_gone && v && v->dropped > 0)
                words += cat({" (", count(v->dropped, "message", "messages"), " dropped unread)"});
            return words;
        }
        case kind::lagged:
            return cat({who, " fell behind on ", ch, " and skipped ",
                        count(static_cast<std::uint64_t>(std::max<std::int64_t>(e.a, 0)), "message", "messages")});
        case kind::thread_exited: return cat({who, " ends"});
    }
    return cat({who, " does something the visualizer does not know (", trace::to_string(e.what), ")"});
}

}  // namespace

std::string narrate(cursor& c, std::size_t i) {
    c.seek(static_cast<std::ptrdiff_t>(i));
    if (i >= c.source().size()) return {};
    return sentence(c, c.source().event(i));
}

std::string fill_words(const channel_view& c) {
    switch (c.flavor) {
        case trace::flavor::unbounded: return cat({"(", std::to_string(c.occupancy), " queued)"});
        case trace::flavor::bounded:
        case trace::flavor::oneshot:
        case trace::flavor::broadcast:
        case trace::flavor::broadcast_lagging:
            return cat({"(", std::to_string(c.occupancy), "/", std::to_string(c.capacity), ")"});
        default: return {};
    }
}

std::string wait_words(const scene& s, const thread_view& t) {
    if (t.state != phase::blocked) return {};
    const channel_view* c = s.channel(t.channel);
    const std::string_view ch = c ? c->name : std::string_view("a channel");
    switch (t.reason) {
        case trace::wait_reason::full: return cat({"waits: ", ch, " is full", c ? spaced(fill_words(*c)) : ""});
        case trace::wait_reason::empty: return cat({"waits: ", ch, " is empty"});
        case trace::wait_reason::no_receiver: return cat({"waits: nobody is receiving on ", ch});
        case trace::wait_reason::no_sender: return cat({"waits: nobody is sending on ", ch});
        case trace::wait_reason::timer:
            if (c && c->flavor == trace::flavor::never) return cat({"waits on ", ch, ", which never delivers"});
            return cat({"waits for ", ch, " to fire"});
        case trace::wait_reason::slowest_receiver:
            return cat({"waits: ", ch, " is full", c ? spaced(fill_words(*c)) : "", " until its slowest receiver catches up"});
        case trace::wait_reason::select: {
            std::string words = cat({"waits in select: none of ", count(t.arms.size(), "arm", "arms"), " is ready ("});
            for (std::size_t k = 0; k < t.arms.size(); ++k) words += cat({k ? ", " : "", arm_words(s, t.arms[k])});
            return words + ")";
        }
    }
    return "waits";
}

std::string either_words(const scene& s, const std::vector<thread_id>& ids) {
    std::string words;
    for (std::size_t k = 0; k < ids.size(); ++k) {
        if (k > 0) words += k + 1 == ids.size() ? " or " : ", ";
        words += thread_name(s, ids[k]);
    }
    return words;
}

std::string describe(const scene& s, const thread_view& t) {
    switch (t.state) {
        case phase::exited: return "has ended";
        case phase::running: return "runs";
        case phase::in_call:
            if (t.op == operation::send) return cat({"sends ", t.value, " on ", channel_name(s, t.channel)});
            if (t.op == operation::recv) return cat({"receives from ", channel_name(s, t.channel)});
            return cat({"selects over ", count(t.arms.size(), "arm", "arms")});
        case phase::blocked: break;
    }
    std::string words = wait_words(s, t);
    if (t.clock_wakes) return words + "; the clock will wake it";
    if (t.wakers.empty()) return words + "; no live thread has been seen on the other side";
    return cat({words, "; ", either_words(s, t.wakers), " can wake it"});
}

}  // namespace viz
