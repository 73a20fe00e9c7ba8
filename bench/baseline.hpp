// The baseline every benchmark is measured against in the same run: the channel most
// C++ programs write by hand, one std::mutex, condition variables and a std::deque.
// Capacity 0 is a rendezvous: a send waits until a receiver has taken that message.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>

namespace bench {

template <class T>
class mutex_cv_channel {
public:
    // nullopt: unbounded.
    explicit mutex_cv_channel(std::optional<std::size_t> capacity) : capacity_(capacity) {}

    void send(T value) {
        std::unique_lock lock(mutex_);
        if (capacity_) {
            const std::size_t limit = *capacity_ == 0 ? 1 : *capacity_;
            not_full_.wait(lock, [&] { return queue_.size() < limit; });
        }
        queue_.push_back(std::move(value));
        const std::size_t mine = ++pushed_;
        not_empty_.notify_one();
        if (capacity_ == std::size_t{0}) taken_.wait(lock, [&] { return popped_ >= mine; });
    }

    T recv() {
        std::unique_lock lock(mutex_);
        not_empty_.wait(lock, [&] { return !queue_.empty(); });
        T value = std::move(queue_.front());
        queue_.pop_front();
        ++popped_;
        not_full_.notify_one();
        if (capacity_ == std::size_t{0}) taken_.notify_all();
        return value;
    }

private:
    const std::optional<std::size_t> capacity_;
    std::mutex mutex_;
    std::condition_variable not_full_, not_empty_, taken_;
    std::deque<T> queue_;
    std::size_t pushed_ = 0, popped_ = 0;
};

}  // namespace bench
