// Lists of waiters blocked on one side of a channel, and how they are woken.
//
// `waker` holds two lists:
//   - selectors: waiters that want an operation performed (a blocked send, recv, or a
//     select arm). `try_select()` hands one of them the go-ahead: it CASes that waiter's
//     selection to the entry's operation id, passes the entry's packet, wakes it and
//     removes the entry. A woken sender/receiver of a buffered channel simply retries;
//     a rendezvous partner finds its message already moved (zero.hpp).
//   - observers: waiters that only want to know when an operation becomes ready (the
//     readiness-only select). `notify()` wakes all of them, once.
// `waker` is not synchronised; `sync_waker` wraps it in a mutex plus an `is_empty`
// flag, so that the common case, nobody waiting, costs one atomic load and no lock.
//
// Invariant (no lost wake-ups): a waiter registers *before* re-checking readiness,
// and a party that makes an operation ready notifies *after* doing so. Both the flag
// and the channel's own indices are accessed sequentially consistently, so either the
// waiter's re-check sees the new state or the notifier sees the registration.
#pragma once

#include <algorithm>
#include <atomic>
#include <mutex>
#include <optional>
#include <vector>

#include "waiter.hpp"

namespace chan::detail {

struct waker_entry {
    waiter* w;
    selection oper;
    void* packet;
};

class waker {
public:
    void add_selector(selection oper, waiter& w, void* packet = nullptr) {
        selectors_.push_back({&w, oper, packet});
    }

    std::optional<waker_entry> remove_selector(selection oper) noexcept {
        return take(selectors_, oper);
    }

    // Selects one waiter of another thread, hands it its packet and wakes it.
    std::optional<waker_entry> try_select() noexcept {
        const void* self = current_actor();
        for (auto it = selectors_.begin(); it != selectors_.end(); ++it) {
            if (it->w->actor() == self) continue;
            if (select_and_wake(*it, it->oper)) {
                waker_entry e = *it;
                selectors_.erase(it);
                return e;
            }
        }
        return std::nullopt;
    }

    // Selects and wakes every waiter of another thread, each for its own operation.
    void select_all() noexcept {
        const void* self = current_actor();
        std::erase_if(selectors_,
                      [&](const waker_entry& e) { return e.w->actor() != self && select_and_wake(e, e.oper); });
    }

    // Whether a waiter of another thread is still waiting here (rendezvous readiness).
    bool can_select() const noexcept {
        const void* self = current_actor();
        return std::any_of(selectors_.begin(), selectors_.end(), [&](const waker_entry& e) {
            return e.w->actor() != self && e.w->selected() == sel_waiting;
        });
    }

    void add_observer(selection oper, waiter& w) { observers_.push_back({&w, oper, nullptr}); }
    void remove_observer(selection oper) noexcept { take(observers_, oper); }

    // Wakes every observer: something they watch may have become ready.
    void notify_observers() noexcept {
        for (auto& e : observers_) select_and_wake(e, e.oper);
        observers_.clear();
    }

    // The channel is disconnected: every waiter wakes and finds out.
    void disconnect() noexcept {
        for (auto& e : selectors_) select_and_wake(e, sel_disconnected);
        notify_observers();
    }

    bool empty() const noexcept { return selectors_.empty() && observers_.empty(); }

private:
    static bool select_and_wake(const waker_entry& e, selection s) noexcept {
        e.w->retain();
        const bool won = e.w->try_select(s);
        if (won) {
            // Only rendezvous entries carry a packet, and their owner waits for it before
            // going on. Others must not store even a null one: the owner may already have
            // returned and begun a new operation whose packet this would overwrite.
            if (e.packet) e.w->store_packet(e.packet);
            e.w->wake();
        }
        e.w->release();
        return won;
    }

    static std::optional<waker_entry> take(std::vector<waker_entry>& v, selection oper) noexcept {
        auto it = std::find_if(v.begin(), v.end(), [&](const waker_entry& e) { return e.oper == oper; });
        if (it == v.end()) return std::nullopt;
        waker_entry e = *it;
        v.erase(it);
        return e;
    }

    std::vector<waker_entry> selectors_;
    std::vector<waker_entry> observers_;
};

class sync_waker {
public:
    void add_selector(selection oper, waiter& w) {
        std::lock_guard lock(mutex_);
        inner_.add_selector(oper, w);
        update_empty();
    }

    void remove_selector(selection oper) noexcept {
        std::lock_guard lock(mutex_);
        inner_.remove_selector(oper);
        update_empty();
    }

    void add_observer(selection oper, waiter& w) {
        std::lock_guard lock(mutex_);
        inner_.add_observer(oper, w);
        update_empty();
    }

    void remove_observer(selection oper) noexcept {
        std::lock_guard lock(mutex_);
        inner_.remove_observer(oper);
        update_empty();
    }

    // Called after an operation became possible: wakes one selector and all observers.
    void notify() noexcept {
        if (is_empty_.load(std::memory_order_seq_cst)) return;
        std::lock_guard lock(mutex_);
        if (is_empty_.load(std::memory_order_relaxed)) return;
        inner_.try_select();
        inner_.notify_observers();
        update_empty();
    }

    // Called after an operation became possible for every waiter at once (a broadcast
    // message): wakes all selectors and all observers.
    void notify_all() noexcept {
        if (is_empty_.load(std::memory_order_seq_cst)) return;
        std::lock_guard lock(mutex_);
        inner_.select_all();
        inner_.notify_observers();
        update_empty();
    }

    void disconnect() noexcept {
        std::lock_guard lock(mutex_);
        inner_.disconnect();
        update_empty();
    }

private:
    void update_empty() noexcept { is_empty_.store(inner_.empty(), std::memory_order_seq_cst); }

    std::mutex mutex_;
    waker inner_;
    std::atomic<bool> is_empty_{true};
};

}  // namespace chan::detail
