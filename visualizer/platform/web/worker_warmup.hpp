// Making the threaded build's Web Workers ready before the first recipe runs.
//
//   viz::web::worker_warmup pool(CHAN_WEB_THREAD_POOL);   // at start, on the main thread
//   each frame:  if (pool.ready()) run what the address asked for
//
// Every thread runs on a Web Worker of Emscripten's pool (thread_pool.cmake). The pool
// loads in the background (PTHREAD_POOL_DELAY_LOAD), so that the first frame does not
// wait for it, and a thread started on a worker that is still loading simply starts
// late. But a recipe whose threads start seconds late tells a different story (a
// timeout fires before the reply it was waiting for), so the page runs the recipe its
// address names only once the whole pool is ready. To know when that is, one thread
// that does nothing is started per worker: each runs as soon as its worker has loaded,
// and when all have run every worker is ready. (A worker goes back to the pool through
// a message the main thread handles between frames: start the run a frame later.)
// With 0 workers (the build without threads) it is ready at once.
#pragma once

#include <atomic>
#include <memory>

namespace viz::web {

class worker_warmup {
public:
    explicit worker_warmup(int workers);

    int workers() const noexcept { return workers_; }
    int ready_count() const noexcept { return ran_->load(std::memory_order_acquire); }
    bool ready() const noexcept { return ready_count() >= workers_; }

private:
    int workers_;
    std::shared_ptr<std::atomic<int>> ran_;  // shared with the threads, which are detached
};

}  // namespace viz::web
