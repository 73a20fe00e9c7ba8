# How many Web Workers the threaded browser build keeps ready (PTHREAD_POOL_SIZE). A
# thread can start only on a worker that is ready, and readying one needs the browser's
# main thread, so the pool must hold every thread a run can have at once: the largest
# recipe run (actor --clients 50: main, the counter and 50 clients, so 52) plus the
# visualizer's own (loading a trace file, a run still ending while the next starts).
# web/tests/thread_pool.test.js runs every recipe with its knobs at their largest and
# fails when one starts more threads than this leaves room for.
set(CHAN_WEB_THREAD_POOL 56)
set(CHAN_WEB_OWN_THREADS 2)  # of the pool, kept for the visualizer's own threads
