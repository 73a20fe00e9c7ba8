// Indexing a run as its events arrive (see timeline.hpp).
#include "model/timeline.hpp"

#include <algorithm>
#include <utility>

namespace viz {

namespace {

// Message numbers are dense within a channel. A number further than this from the
// ones seen so far can only come from a malformed trace; it gets no record (and so is
// never shown as held) rather than a huge allocation.
constexpr std::uint64_t max_message_gap = 1u << 16;
// Records are prepended only while a channel has few (out-of-order sends at its start).
constexpr std::size_t max_prepend_records = 4096;

// The first checkpoint interval, and the bytes of checkpoint allowed per event.
constexpr std::size_t min_interval = 256;
constexpr std::size_t checkpoint_bytes_per_event = 16;

message_record* record_for(channel_facts& c, std::uint64_t id) {
    if (c.records.empty()) {
        c.first_message = id;
        c.records.resize(1);
        return &c.records[0];
    }
    if (id < c.first_message) {
        const std::uint64_t gap = c.first_message - id;
        if (gap > max_message_gap || c.records.size() > max_prepend_records) return nullptr;
        c.records.insert(c.records.begin(), static_cast<std::size_t>(gap), message_record{});
        c.first_message = id;
        return &c.records[0];
    }
    const std::uint64_t offset = id - c.first_message;
    if (offset >= c.records.size()) {
        if (offset - c.records.size() > max_message_gap) return nullptr;
        c.records.resize(static_cast<std::size_t>(offset) + 1);
    }
    return &c.records[static_cast<std::size_t>(offset)];
}

bool is_send_use(trace::kind k) noexcept {
    using trace::kind;
    return k == kind::send_begin || k == kind::send_blocked || k == kind::send_done || k == kind::send_failed;
}

bool is_recv_use(trace::kind k) noexcept {
    using trace::kind;
    return k == kind::recv_begin || k == kind::recv_blocked || k == kind::recv_done || k == kind::recv_failed ||
           k == kind::timer_fired || k == kind::lagged;
}

void first(event_ref& slot, std::size_t i) {
    slot = std::min(slot, static_cast<event_ref>(i));
}

}  // namespace

const message_record* channel_facts::message(std::uint64_t id) const noexcept {
    if (id < first_message) return nullptr;
    const std::uint64_t offset = id - first_message;
    return offset < records.size() ? &records[static_cast<std::size_t>(offset)] : nullptr;
}

const channel_use* channel_facts::use_by(std::uint32_t thread_index) const noexcept {
    for (const channel_use& u : uses)
        if (u.thread == thread_index) return &u;
    return nullptr;
}

timeline::timeline() { checkpoints_.emplace_back(); }

timeline::timeline(trace::recording r) : timeline() {
    rec_.files = std::move(r.files);
    rec_.events = std::move(r.events);
    thread_ix_.reserve(rec_.events.size());
    channel_ix_.reserve(rec_.events.size());
    for (std::size_t i = 0; i < rec_.events.size(); ++i) index_event(i);
}

void timeline::append(trace::event e) {
    rec_.events.push_back(std::move(e));
    index_event(rec_.events.size() - 1);
    ++generation_;
}

void timeline::append(trace::recording&& more) {
    // A reader keeps the whole file table in each batch; take the names not seen yet.
    for (std::size_t f = rec_.files.size(); f < more.files.size(); ++f) rec_.files.push_back(more.files[f]);
    rec_.events.reserve(rec_.events.size() + more.events.size());
    for (trace::event& e : more.events) {
        rec_.events.push_back(std::move(e));
        index_event(rec_.events.size() - 1);
    }
    more.events.clear();
    ++generation_;
}

std::int64_t timeline::start_ns() const noexcept { return empty() ? 0 : rec_.events.front().time_ns; }
std::int64_t timeline::end_ns() const noexcept { return empty() ? 0 : rec_.events.back().time_ns; }

std::ptrdiff_t timeline::index_at(std::int64_t t_ns) const noexcept {
    auto it = std::upper_bound(rec_.events.begin(), rec_.events.end(), t_ns,
                               [](std::int64_t t, const trace::event& e) { return t < e.time_ns; });
    return (it - rec_.events.begin()) - 1;
}

std::string_view timeline::thread_name(std::size_t index) const noexcept {
    const thread_facts& t = threads_[index];
    if (t.name_event == no_event) return t.default_name;
    return rec_.events[t.name_event].text;
}

std::optional<std::size_t> timeline::thread_index(thread_id id) const noexcept {
    auto it = thread_by_id_.find(id);
    if (it == thread_by_id_.end()) return std::nullopt;
    return it->second;
}

std::optional<std::size_t> timeline::channel_index(channel_id id) const noexcept {
    auto it = channel_by_id_.find(id);
    if (it == channel_by_id_.end()) return std::nullopt;
    return it->second;
}

event_ref timeline::wait_end(event_ref blocked_event) const noexcept {
    auto it = std::lower_bound(waits_.begin(), waits_.end(), blocked_event,
                               [](const wait_record& w, event_ref b) { return w.blocked < b; });
    return it != waits_.end() && it->blocked == blocked_event ? it->ended : no_event;
}

const replay_state& timeline::checkpoint_before(std::ptrdiff_t i) const noexcept {
    auto it = std::upper_bound(checkpoints_.begin(), checkpoints_.end(), i,
                               [](std::ptrdiff_t e, const replay_state& s) { return e < s.event; });
    return *(it - 1);  // checkpoints_[0] (event -1) is never after i >= -1
}

std::size_t timeline::index_bytes() const noexcept {
    std::size_t n = thread_ix_.capacity() * sizeof(std::uint32_t) + channel_ix_.capacity() * sizeof(std::uint32_t) +
                    waits_.capacity() * sizeof(wait_record) + live_.bytes();
    for (const thread_facts& t : threads_) n += sizeof(t) + t.default_name.capacity();
    for (const channel_facts& c : channels_)
        n += sizeof(c) + c.name.capacity() + c.uses.capacity() * sizeof(channel_use) +
             c.records.capacity() * sizeof(message_record);
    for (const replay_state& s : checkpoints_) n += s.bytes();
    // Hash maps: a node (key, value, next pointer) and a bucket pointer per entry.
    n += (thread_by_id_.size() + channel_by_id_.size() + use_by_pair_.size()) * 40;
    return n;
}

// ---- indexing one event ----

void timeline::index_event(std::size_t i) {
    trace::event& e = rec_.events[i];
    if (i > 0) e.time_ns = std::max(e.time_ns, rec_.events[i - 1].time_ns);
    const std::uint32_t ti = thread_slot(e, i);
    const std::uint32_t ci = channel_slot(e, i);
    thread_ix_.push_back(ti);
    channel_ix_.push_back(ci);
    note_use(e, ti, ci, i);
    note_message(e, ci, i);

    const event_ref blocked_before =
        ti != no_index && ti < live_.threads.size() ? live_.threads[ti].blocked_event : no_event;
    const wait_change w = apply(live_, *this, i);
    if (w == wait_change::began) waits_.push_back({static_cast<event_ref>(i), no_event});
    if (w == wait_change::ended && blocked_before != no_event) {
        auto it = std::lower_bound(waits_.begin(), waits_.end(), blocked_before,
                                   [](const wait_record& r, event_ref b) { return r.blocked < b; });
        if (it != waits_.end() && it->blocked == blocked_before) it->ended = static_cast<event_ref>(i);
    }
    maybe_checkpoint();
}

std::uint32_t timeline::thread_slot(const trace::event& e, std::size_t i) {
    if (e.thread == 0) return no_index;
    auto [it, added] = thread_by_id_.try_emplace(e.thread, static_cast<std::uint32_t>(threads_.size()));
    if (added) {
        thread_facts f;
        f.id = e.thread;
        f.first_event = static_cast<event_ref>(i);
        f.default_name = "thread " + std::to_string(e.thread);
        threads_.push_back(std::move(f));
    }
    if (e.what == trace::kind::thread_named) threads_[it->second].name_event = static_cast<event_ref>(i);
    return it->second;
}

std::uint32_t timeline::channel_slot(const trace::event& e, std::size_t i) {
    if (e.channel == 0) return no_index;
    auto [it, added] = channel_by_id_.try_emplace(e.channel, static_cast<std::uint32_t>(channels_.size()));
    if (added) {
        channel_facts f;
        f.id = e.channel;
        f.name = "channel " + std::to_string(e.channel);
        channels_.push_back(std::move(f));
    }
    channel_facts& c = channels_[it->second];
    if (e.what == trace::kind::channel_created && c.created_event == no_event) {
        c.created_event = static_cast<event_ref>(i);
        c.flavor = e.detail <= static_cast<std::uint8_t>(trace::flavor::broadcast_lagging)
                       ? static_cast<trace::flavor>(e.detail)
                       : trace::flavor::bounded;
        c.capacity = e.a;
        if (!e.text.empty()) c.name = e.text;
    }
    if (e.what == trace::kind::disconnected && c.disconnected_event == no_event) {
        c.disconnected_event = static_cast<event_ref>(i);
        c.cause = e.detail <= static_cast<std::uint8_t>(trace::disconnect_cause::closed)
                      ? static_cast<trace::disconnect_cause>(e.detail)
                      : trace::disconnect_cause::closed;
    }
    return it->second;
}

void timeline::note_use(const trace::event& e, std::uint32_t ti, std::uint32_t ci, std::size_t i) {
    if (ti == no_index || ci == no_index) return;
    const bool send = is_send_use(e.what) || (e.what == trace::kind::select_arm && e.detail == 1);
    const bool recv = is_recv_use(e.what) || (e.what == trace::kind::select_arm && e.detail != 1);
    const bool close = e.what == trace::kind::closed;
    if (!send && !recv && !close) return;
    channel_facts& c = channels_[ci];
    const std::uint64_t key = (std::uint64_t{ci} << 32) | ti;
    auto [it, added] = use_by_pair_.try_emplace(key, static_cast<std::uint32_t>(c.uses.size()));
    if (added) c.uses.push_back(channel_use{ti, no_event, no_event, no_event});
    channel_use& u = c.uses[it->second];
    if (send) first(u.first_send, i);
    if (recv) first(u.first_recv, i);
    if (close) first(u.first_close, i);
}

void timeline::note_message(const trace::event& e, std::uint32_t ci, std::size_t i) {
    if (ci == no_index) return;
    const bool sent = e.what == trace::kind::send_done;
    const bool taken = e.what == trace::kind::recv_done;
    if (!sent && !taken) return;
    channel_facts& c = channels_[ci];
    if (is_clock(c.flavor)) return;
    message_record* r = record_for(c, e.message);
    if (!r) return;
    first(sent ? r->sent : r->taken, i);
}

void timeline::maybe_checkpoint() {
    if (++since_checkpoint_ < interval_) return;
    checkpoints_.push_back(live_);
    since_checkpoint_ = 0;
    interval_ = std::max(min_interval, live_.bytes() / checkpoint_bytes_per_event);
}

}  // namespace viz
