#include "platform/web/worker_warmup.hpp"

#include <thread>

namespace viz::web {

worker_warmup::worker_warmup(int workers) : workers_(workers), ran_(std::make_shared<std::atomic<int>>(0)) {
    // Detached: the browser's main thread must never join.
    for (int i = 0; i < workers_; ++i) {
        std::thread([ran = ran_] { ran->fetch_add(1, std::memory_order_release); }).detach();
    }
}

}  // namespace viz::web
