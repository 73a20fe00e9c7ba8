#include "app/trace_loading.hpp"

#include <chan/trace/load.hpp>

#include <chrono>
#include <exception>
#include <memory>
#include <new>
#include <system_error>
#include <thread>
#include <utility>

namespace viz::app {

namespace {

// "problem (at byte 120)" unless the loader already said where.
std::string where_words(const chan::trace::load_error& e) {
    std::string text = e.what();
    if (e.offset() > 0 && text.find("byte") == std::string::npos) text += " (at byte " + std::to_string(e.offset()) + ")";
    return text;
}

// Loads with `read` (which returns a recording and fills `info`), reporting every failure in words.
template <class Read>
loaded_trace load_with(std::string name, Read read) {
    loaded_trace out;
    out.name = std::move(name);
    try {
        chan::trace::load_info info;
        chan::trace::recording r = read(info);
        out.truncated = info.truncated;
        out.tl = std::make_unique<viz::timeline>(std::move(r));
    } catch (const chan::trace::load_error& e) {
        out.error = where_words(e);
    } catch (const std::bad_alloc&) {
        out.error = out.name + ": not enough memory to load this trace";
    } catch (const std::exception& e) {
        out.error = out.name + ": " + e.what();
    }
    return out;
}

// Where no thread can be started (a WebAssembly build without threads), the work is
// done on the calling thread instead.
template <class Work>
std::future<loaded_trace> on_own_thread(Work work) {
    auto job = std::make_shared<std::pair<std::promise<loaded_trace>, Work>>(std::promise<loaded_trace>(), std::move(work));
    std::future<loaded_trace> result = job->first.get_future();
    try {
        std::thread([job] { job->first.set_value(job->second()); }).detach();
    } catch (const std::system_error&) {
        job->first.set_value(job->second());
    }
    return result;
}

}  // namespace

loaded_trace load_trace_file(const std::string& path) {
    return load_with(path, [&](chan::trace::load_info& info) { return chan::trace::load_file(path, &info); });
}

trace_loading trace_loading::from_file(std::string path) {
    return trace_loading(on_own_thread([path = std::move(path)] { return load_trace_file(path); }));
}

trace_loading trace_loading::from_text(std::string name, std::string json) {
    return trace_loading(on_own_thread([name = std::move(name), json = std::move(json)]() mutable {
        std::string label = name;
        return load_with(std::move(label), [&](chan::trace::load_info& info) {
            try {
                return chan::trace::load(json, &info);
            } catch (const chan::trace::load_error& e) {
                throw chan::trace::load_error(name + ": " + e.what(), e.offset());
            }
        });
    }));
}

bool trace_loading::ready() const {
    return result_.valid() && result_.wait_for(std::chrono::seconds(0)) == std::future_status::ready;
}

loaded_trace trace_loading::take() { return result_.get(); }

}  // namespace viz::app
