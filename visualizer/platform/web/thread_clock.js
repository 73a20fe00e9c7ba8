// One clock for every thread of the page (linked with --js-library; threads build only).
//
// Emscripten 3.1.6 gives each pthread's Web Worker performance.now() minus a drift it
// measures when the worker receives its 'run' message, taking the main thread's time
// the message was posted with as "now". A worker that was still loading when the
// message was posted (PTHREAD_POOL_DELAY_LOAD, or just a busy machine) handles it late,
// and its clock then lags the main thread's by that delay: seconds, here. std::chrono's
// steady_clock is this clock, so a deadline computed on one thread and compared on
// another was off by as much (a ticker's ticks printed at -4 s; a recording, whose times
// must rise with its event order, squeezed a lagging thread's events into 1 ns steps).
//
// performance.timeOrigin + performance.now() is one timeline in every worker of a page
// (High Resolution Time: timeOrigin is each context's start on the shared clock), with
// no message in between; later Emscripten releases define the function the same way.
mergeInto(LibraryManager.library, {
    emscripten_get_now: function () {
        return performance.timeOrigin + performance.now();
    },
});
