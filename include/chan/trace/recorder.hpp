// The trace recorder: collects events from every thread while a recording is on.
//
// It never uses a channel of this library (a recorder built on what it records would
// record itself and could deadlock). Its design:
//   - Each thread appends to its own log, under the log's own mutex. Only a reader
//     ever contends for that mutex, so recording costs an uncontended lock, one
//     atomic increment and a clock read per event. A log grows in fixed chunks, so
//     events already recorded are never moved.
//   - One global counter gives every event its `seq`. It is taken under the log's lock,
//     after room is reserved (so no number is ever skipped), and within
//     the operation's own synchronisation: a message's send is numbered before it is
//     published, its receive after it is taken, so seq order respects causality.
//   - Logs outlive their threads (shared ownership with the registry). A new recording
//     (`start`) bumps the epoch; a log holding events of an older epoch is cleared by
//     its owner the next time it records, and readers skip it meanwhile.
//   - Readers commit events in seq order, and only a gap-free prefix: an event whose
//     predecessor is still being appended by another thread waits for it.
//   - Time follows seq: an event reads the clock inside the loop that takes its number,
//     so a later number never carries an earlier reading; readers then make times
//     strictly increasing (clock ties and cross-core skew become 1 ns steps). A trace
//     file can therefore order events by time alone (see json.hpp).
//   - The recorder is never destroyed: threads still running while the program exits
//     (and the exit-time trace writer) may use it after static destructors have begun.
// Threads and channels are numbered from 1 within each recording, in order of first
// appearance; a channel created before the recording started is introduced (a
// `channel_created` event with its current handle counts) the first time it is used.
//
// Channels that were introduced and can be closed (their description has a `close`)
// are also kept in a list (intrusive, under its own mutex) so that `close_all_channels`
// can disconnect every channel of the current recording; a channel leaves the list
// before it is destroyed.
//
// This header implements the hooks of a channel's life declared in
// detail/trace_hooks.hpp.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include "../detail/config.hpp"
#include "../detail/trace_hooks.hpp"
#include "event.hpp"

namespace chan::detail {

class recorder {
public:
    static recorder& instance() {
        static recorder* const r = new recorder;  // never destroyed (see the file comment)
        return *r;
    }

    // Starts a new recording (discarding the previous one's events).
    void start() {
        std::lock_guard lock(registry_mutex_);
        std::erase_if(logs_, [](const std::shared_ptr<log>& l) { return l.use_count() == 1; });
        next_thread_.store(1, std::memory_order_relaxed);
        next_channel_.store(1, std::memory_order_relaxed);
        start_ns_.store(now_ns(), std::memory_order_relaxed);
        counter_.store((epoch() + 1) << seq_bits, std::memory_order_release);
        tracing.store(true, std::memory_order_seq_cst);
    }

    void stop() noexcept { tracing.store(false, std::memory_order_seq_cst); }

    // When the current recording started, in nanoseconds of `clock`.
    std::int64_t start_ns() const noexcept { return start_ns_.load(std::memory_order_relaxed); }

    // The current recording's number (0 before the first).
    std::uint64_t epoch() const noexcept { return counter_.load(std::memory_order_acquire) >> seq_bits; }

    // The calling thread's number in the current recording; introduces the thread (its
    // name, if it has one) on first use.
    std::uint32_t thread_number() {
        thread_state& t = this_thread();
        const std::uint64_t e = epoch();
        if (t.epoch != e) {
            t.epoch = e;
            t.number = next_thread_.fetch_add(1, std::memory_order_relaxed);
            if (!t.name.empty()) {
                trace::event ev;
                ev.what = trace::kind::thread_named;
                ev.thread = t.number;
                ev.text = t.name;
                append(std::move(ev), e);
            }
        }
        return t.number;
    }

    // Names the calling thread (recorded now if a recording is on, and at its first event
    // in any later recording).
    void name_thread(std::string name) {
        thread_state& t = this_thread();
        t.name = std::move(name);
        if (!tracing_on()) return;
        const std::uint64_t e = epoch();
        if (t.epoch != e) {
            thread_number();  // introduces the thread, with its name
            return;
        }
        trace::event ev;
        ev.what = trace::kind::thread_named;
        ev.thread = t.number;
        ev.text = t.name;
        append(std::move(ev), e);
    }

    // The channel's number in the current recording; introduces it on first use.
    std::uint32_t channel_number(const channel_desc& d, bool just_created = false) {
        const std::uint64_t e = epoch();
        if (d.intro_epoch.load(std::memory_order_acquire) == e) return d.number.load(std::memory_order_relaxed);
        std::unique_lock lock(d.intro_mutex);
        if (d.intro_epoch.load(std::memory_order_relaxed) == e) return d.number.load(std::memory_order_relaxed);
        const std::uint32_t number = next_channel_.fetch_add(1, std::memory_order_relaxed);
        d.number.store(number, std::memory_order_relaxed);
        const std::uint32_t thread = thread_number();
        trace::event created;
        created.what = trace::kind::channel_created;
        created.thread = thread;
        created.channel = number;
        created.detail = static_cast<std::uint8_t>(d.kind);
        created.a = d.capacity;
        created.text = d.name;
        append(std::move(created), e);
        if (d.senders || d.receivers) {
            trace::event counts;
            counts.what = trace::kind::handles;
            counts.detail = static_cast<std::uint8_t>(trace::handle_change::existing);
            counts.thread = thread;
            counts.channel = number;
            counts.a = d.senders ? static_cast<std::int64_t>(d.senders->load(std::memory_order_relaxed)) : 0;
            counts.b = d.receivers ? static_cast<std::int64_t>(d.receivers->load(std::memory_order_relaxed)) : 0;
            // A channel created inside the recording starts with one handle per side and
            // needs no extra event; one that predates it shows its counts as they are.
            if (!just_created) append(std::move(counts), e);
        }
        d.intro_epoch.store(e, std::memory_order_release);
        lock.unlock();
        list(d);
        return number;
    }

    // Disconnects every channel of the current recording (see trace.hpp); returns how
    // many this call disconnected. The channels are pinned under the list's mutex and
    // closed after it is released, so that the list's mutex is never held while a
    // channel's own locks are taken (the lock order, docs/architecture.md); a pinned
    // channel's unlist() waits for its pin, so none is destroyed while being closed.
    std::size_t close_all_channels() noexcept {
        std::vector<const channel_desc*> pinned;
        {
            std::lock_guard lock(channels_mutex_);
            try {
                pinned.reserve(listed_);
            } catch (...) {
                return 0;  // out of memory: nothing pinned, nothing closed
            }
            const std::uint64_t e = epoch();
            for (const channel_desc* d = channels_; d; d = d->next) {
                if (!d->close || d->intro_epoch.load(std::memory_order_acquire) != e) continue;
                d->pins.fetch_add(1, std::memory_order_relaxed);
                pinned.push_back(d);
            }
        }
        std::size_t closed = 0;
        for (const channel_desc* d : pinned) {
            if (d->close(d->owner)) ++closed;
            d->pins.fetch_sub(1, std::memory_order_release);
            d->pins.notify_all();
        }
        return closed;
    }

    void unlist(const channel_desc& d) noexcept {
        {
            std::lock_guard lock(channels_mutex_);
            if (!d.listed.load(std::memory_order_relaxed)) return;
            (d.prev ? d.prev->next : channels_) = d.next;
            if (d.next) d.next->prev = d.prev;
            d.prev = d.next = nullptr;
            d.listed.store(false, std::memory_order_relaxed);
            --listed_;
        }
        // Off the list, so no new pin can come; wait for a close_all_channels() that
        // pinned the channel before to finish closing it.
        for (std::uint32_t n = d.pins.load(std::memory_order_acquire); n != 0;
             n = d.pins.load(std::memory_order_acquire)) {
            d.pins.wait(n, std::memory_order_acquire);
        }
    }

    // Interns a source file name; the table is shared by all recordings.
    std::uint32_t file_index(const char* file) {
        if (!file || !*file) return 0;
        thread_local std::unordered_map<const char*, std::uint32_t> cache;
        if (auto it = cache.find(file); it != cache.end()) return it->second;
        std::lock_guard lock(files_mutex_);
        auto it = std::find(files_.begin(), files_.end(), file);
        const auto index = static_cast<std::uint32_t>(it - files_.begin());
        if (it == files_.end()) files_.emplace_back(file);
        cache.emplace(file, index);
        return index;
    }

    // Appends an event for the recording `epoch` (dropped if another recording has
    // started since). Fills in seq and time. Never throws: an event that cannot be
    // stored (out of memory) is dropped rather than disturbing the program.
    void append(trace::event&& ev, std::uint64_t epoch) noexcept {
        log* lp = nullptr;
        try {
            lp = &this_log();
        } catch (...) {
            return;
        }
        log& l = *lp;
        std::lock_guard lock(l.mutex);
        if (l.epoch != epoch) {
            l.clear();
            l.epoch = epoch;
        }
        try {
            l.make_room();
        } catch (...) {
            return;
        }
        // Take the next number of *this* recording, or none if another one has started:
        // a number taken and not used would leave a gap that readers wait on forever.
        // The clock is read between loading the counter and claiming the number, so a
        // thread that claims a later number has read the clock after this one did.
        std::uint64_t word = counter_.load(std::memory_order_relaxed);
        std::int64_t now = 0;
        do {
            if ((word >> seq_bits) != epoch) return;
            now = now_ns();
        } while (!counter_.compare_exchange_weak(word, word + 1, std::memory_order_relaxed));
        ev.seq = word & ((std::uint64_t{1} << seq_bits) - 1);
        ev.time_ns = now - start_ns_.load(std::memory_order_relaxed);
        l.chunks.back().push_back(std::move(ev));  // into reserved room: cannot throw
        ++l.size;
    }

    // Reads the current recording incrementally, in seq order (see the file comment).
    class reader {
    public:
        // Appends to `out` the events committed since the last call; returns their number.
        // `out.files` is kept up to date with the file table.
        std::size_t poll(trace::recording& out) {
            recorder& r = instance();
            const std::uint64_t e = r.epoch();
            if (e != epoch_) reset(e);
            r.collect(e, cursors_, pending_);
            std::sort(pending_.begin(), pending_.end(), [](const auto& x, const auto& y) { return x.seq < y.seq; });
            std::size_t n = 0;
            while (n < pending_.size() && pending_[n].seq == next_seq_) {
                trace::event& ev = pending_[n];
                ev.time_ns = std::max(ev.time_ns, last_time_ + 1);  // strictly increasing along seq
                last_time_ = ev.time_ns;
                ++next_seq_;
                ++n;
            }
            out.events.insert(out.events.end(), std::make_move_iterator(pending_.begin()),
                              std::make_move_iterator(pending_.begin() + static_cast<std::ptrdiff_t>(n)));
            pending_.erase(pending_.begin(), pending_.begin() + static_cast<std::ptrdiff_t>(n));
            r.copy_files(out.files);
            return n;
        }

    private:
        void reset(std::uint64_t e) {
            epoch_ = e;
            cursors_.clear();
            pending_.clear();
            next_seq_ = 0;
            last_time_ = -1;
        }
        std::uint64_t epoch_ = 0;
        std::vector<std::size_t> cursors_;
        std::vector<trace::event> pending_;
        std::uint64_t next_seq_ = 0;
        std::int64_t last_time_ = -1;
    };

private:
    // One thread's events of recording `epoch`, in chunks of `chunk` (all full but the last).
    struct log {
        static constexpr std::size_t chunk = 4096;
        std::mutex mutex;
        std::vector<std::vector<trace::event>> chunks;
        std::size_t size = 0;
        std::uint64_t epoch = 0;

        const trace::event& at(std::size_t i) const noexcept { return chunks[i / chunk][i % chunk]; }
        void clear() noexcept {
            chunks.clear();
            size = 0;
        }
        // Makes room for one more event (throws if memory runs out).
        void make_room() {
            if (!chunks.empty() && chunks.back().size() < chunk) return;
            chunks.emplace_back();
            chunks.back().reserve(chunk);
        }
    };
    // Per-thread identity and log; records the thread's end if it took part in the
    // recording (the log is a member so that it is still there for that last event).
    struct thread_state {
        std::uint64_t epoch = 0;
        std::uint32_t number = 0;
        std::string name;
        std::shared_ptr<log> own_log;

        ~thread_state() {
            if (epoch == 0 || !tracing_on()) return;
            recorder& r = instance();
            if (epoch != r.epoch()) return;
            trace::event e;
            e.what = trace::kind::thread_exited;
            e.thread = number;
            r.append(std::move(e), epoch);
        }
    };

    recorder() = default;

    static thread_state& this_thread() {
        thread_local thread_state t;
        return t;
    }

    log& this_log() {
        thread_state& t = this_thread();
        if (!t.own_log) {
            auto l = std::make_shared<log>();
            std::lock_guard lock(registry_mutex_);
            logs_.push_back(l);
            t.own_log = std::move(l);
        }
        return *t.own_log;
    }

    // Copies the events of recording `e` appended since `cursors` into `into`.
    void collect(std::uint64_t e, std::vector<std::size_t>& cursors, std::vector<trace::event>& into) {
        std::lock_guard registry(registry_mutex_);
        cursors.resize(logs_.size(), 0);
        for (std::size_t i = 0; i < logs_.size(); ++i) {
            log& l = *logs_[i];
            std::lock_guard lock(l.mutex);
            if (l.epoch != e) continue;
            for (std::size_t n = cursors[i]; n < l.size; ++n) into.push_back(l.at(n));
            cursors[i] = l.size;
        }
    }

    void list(const channel_desc& d) noexcept {
        if (!d.close || d.listed.load(std::memory_order_acquire)) return;
        std::lock_guard lock(channels_mutex_);
        if (d.listed.load(std::memory_order_relaxed)) return;
        d.next = channels_;
        d.prev = nullptr;
        if (channels_) channels_->prev = &d;
        channels_ = &d;
        d.listed.store(true, std::memory_order_release);
        ++listed_;
    }

    void copy_files(std::vector<std::string>& out) {
        std::lock_guard lock(files_mutex_);
        for (std::size_t i = out.size(); i < files_.size(); ++i) out.push_back(files_[i]);
    }

    static std::int64_t now_ns() noexcept {
        return std::chrono::duration_cast<std::chrono::nanoseconds>(clock::now().time_since_epoch()).count();
    }

    // The recording number (high bits) and the next event number within it (low bits),
    // in one word so that an event can never take a number of a recording it is not in.
    static constexpr unsigned seq_bits = 40;
    std::atomic<std::uint64_t> counter_{0};
    std::atomic<std::uint32_t> next_thread_{1};
    std::atomic<std::uint32_t> next_channel_{1};
    std::atomic<std::int64_t> start_ns_{0};

    std::mutex registry_mutex_;
    std::vector<std::shared_ptr<log>> logs_;

    std::mutex files_mutex_;
    std::vector<std::string> files_ = {""};

    std::mutex channels_mutex_;
    const channel_desc* channels_ = nullptr;  // every traced channel still alive
    std::size_t listed_ = 0;                   // how many that is
};

inline channel_desc::~channel_desc() { unlist(); }

inline void channel_desc::unlist() const noexcept {
    if (listed.load(std::memory_order_acquire)) recorder::instance().unlist(*this);
}

// ---- the hooks of a channel's life (detail/trace_hooks.hpp) ----

// Records `what` about channel `d` on the calling thread; `handles` events carry the
// counts plus the deltas a drop passes (see trace_handles).
inline void record_channel_event(const channel_desc& d, trace::kind what, std::uint8_t detail,
                                 std::int64_t sender_delta = 0, std::int64_t receiver_delta = 0) noexcept {
    try {
        recorder& r = recorder::instance();
        const std::uint64_t epoch = r.epoch();
        trace::event e;
        e.what = what;
        e.thread = r.thread_number();
        e.channel = r.channel_number(d);
        e.detail = detail;
        if (what == trace::kind::handles) {
            e.a = static_cast<std::int64_t>(d.senders->load(std::memory_order_relaxed)) + sender_delta;
            e.b = static_cast<std::int64_t>(d.receivers->load(std::memory_order_relaxed)) + receiver_delta;
        }
        r.append(std::move(e), epoch);
    } catch (...) {
        // Tracing never disturbs the program.
    }
}

inline void trace_created(const channel_desc& d) noexcept {
    try {
        recorder::instance().channel_number(d, /*just_created=*/true);
    } catch (...) {
    }
}

inline void trace_handles(const channel_desc& d, trace::handle_change change, std::int64_t sender_delta,
                          std::int64_t receiver_delta) noexcept {
    record_channel_event(d, trace::kind::handles, static_cast<std::uint8_t>(change), sender_delta, receiver_delta);
}

inline void trace_disconnect(const channel_desc& d, trace::disconnect_cause why) noexcept {
    if (why == trace::disconnect_cause::closed) record_channel_event(d, trace::kind::closed, 0);
    record_channel_event(d, trace::kind::disconnected, static_cast<std::uint8_t>(why));
}

}  // namespace chan::detail
