#include "perfetto_rules.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <set>
#include <utility>

namespace trace_test {

namespace {

using json = nlohmann::json;

struct open_slice {
    std::int64_t start, end;
    std::string name;
    bool instant;
};

struct half_flow {
    std::uint64_t tid;
    std::int64_t ns;
    std::string slice, cat, name;
};

std::int64_t to_ns(const json& ts) { return std::llround(ts.get<double>() * 1000.0); }

class importer {
public:
    explicit importer(perfetto_view& v) : v_(v) {}

    void run(const json& doc) {
        const json* events = &doc;
        if (doc.is_object()) {
            if (!doc.contains("traceEvents")) return problem("no traceEvents");
            events = &doc["traceEvents"];
        }
        if (!events->is_array()) return problem("traceEvents is not an array");
        std::vector<std::pair<std::int64_t, std::size_t>> order;
        for (std::size_t i = 0; i < events->size(); ++i) {
            const json& r = (*events)[i];
            if (!r.is_object() || !r.contains("ph") || !r["ph"].is_string()) {
                problem("record " + std::to_string(i) + " has no phase");
                continue;
            }
            if (r["ph"] == "M") {
                metadata(r);
                continue;
            }
            if (!r.contains("ts") || !r["ts"].is_number() || !r.contains("pid") || !r.contains("tid")) {
                problem("record " + std::to_string(i) + " lacks ts, pid or tid");
                continue;
            }
            order.emplace_back(to_ns(r["ts"]), i);
        }
        std::stable_sort(order.begin(), order.end(),
                         [](const auto& a, const auto& b) { return a.first < b.first; });
        for (const auto& [ns, i] : order) record((*events)[i], ns, i);
        pair_flows();
    }

private:
    void problem(std::string p) { v_.problems.push_back(std::move(p)); }

    void metadata(const json& r) {
        if (r.value("name", "") == "thread_name" && r.value("pid", 0) == 1)
            v_.thread_names[r.value("tid", std::uint64_t{0})] = r["args"].value("name", "");
    }

    void record(const json& r, std::int64_t ns, std::size_t i) {
        const std::string ph = r["ph"];
        const std::uint64_t track = r["pid"].get<std::uint64_t>() << 32 | r["tid"].get<std::uint64_t>();
        if (r["pid"] == 1) used_threads_.insert(r["tid"].get<std::uint64_t>());
        if (ph == "X") {
            const double dur = r.value("dur", 0.0);
            if (!(dur > 0)) problem("slice " + std::to_string(i) + " (" + r.value("name", "") + ") has no duration");
            slice(track, ns, ns + std::llround(dur * 1000.0), r.value("name", ""), false, i);
        } else if (ph == "i" || ph == "I") {
            if (r.value("s", "t") == "t") slice(track, ns, ns, r.value("name", ""), true, i);
        } else if (ph == "s" || ph == "f") {
            flow_event(r, ph, track, ns, i);
        } else if (ph == "C") {
            counter(r, i);
        }
    }

    void slice(std::uint64_t track, std::int64_t start, std::int64_t end, const std::string& name, bool instant,
               std::size_t i) {
        auto& stack = stacks_[track];
        while (!stack.empty() && (stack.back().end < start ||
                                  (stack.back().end == start && !(stack.back().instant && instant)))) {
            stack.pop_back();
        }
        if (!stack.empty() && end > stack.back().end) {
            problem("slice " + std::to_string(i) + " (" + name + ") starts inside '" + stack.back().name +
                    "' and ends after it: Perfetto drops it");
            return;
        }
        stack.push_back({start, end, name, instant});
        if (!instant) ++v_.slices;
    }

    void flow_event(const json& r, const std::string& ph, std::uint64_t track, std::int64_t ns, std::size_t i) {
        const std::string where = "flow event " + std::to_string(i) + " (" + ph + ")";
        if (!r.contains("id") || !r.contains("cat") || !r.contains("name")) return problem(where + " lacks id, cat or name");
        if (ph == "f" && r.value("bp", "") != "e") problem(where + " has no \"bp\":\"e\": it would bind to the next slice");
        const auto& stack = stacks_[track];
        if (stack.empty()) return problem(where + " is not inside a slice: Perfetto drops it");
        const open_slice& top = stack.back();
        if (ns < top.start || ns >= top.end)
            problem(where + " binds to '" + top.name + "', which does not contain it");
        half_flow h{r["tid"].get<std::uint64_t>(), ns, top.name, r["cat"], r["name"]};
        auto& ends = ph == "s" ? starts_ : finishes_;
        const std::uint64_t id = r["id"].get<std::uint64_t>();
        if (!ends.emplace(id, h).second) problem(where + ": id " + std::to_string(id) + " is used twice");
    }

    void counter(const json& r, std::size_t i) {
        if (!r.contains("args") || !r["args"].is_object() || r["args"].empty())
            return problem("counter " + std::to_string(i) + " has no values");
        for (const auto& [key, value] : r["args"].items()) {
            if (!value.is_number()) return problem("counter " + std::to_string(i) + " has a value that is not a number");
            v_.counters[r.value("name", "") + " " + key].push_back(value.get<double>());
        }
    }

    void pair_flows() {
        for (const auto& [id, s] : starts_) {
            const auto f = finishes_.find(id);
            if (f == finishes_.end()) {
                problem("flow " + std::to_string(id) + " starts but never ends");
                continue;
            }
            if (f->second.cat != s.cat || f->second.name != s.name)
                problem("flow " + std::to_string(id) + " has different cat/name at its two ends");
            if (f->second.ns < s.ns) problem("flow " + std::to_string(id) + " ends before it starts");
            v_.flows.push_back({id, s.tid, f->second.tid, s.ns, f->second.ns, s.slice, f->second.slice});
        }
        for (const auto& [id, f] : finishes_)
            if (!starts_.count(id)) problem("flow " + std::to_string(id) + " ends but never starts");
        for (std::uint64_t t : used_threads_)
            if (!v_.thread_names.count(t)) problem("thread " + std::to_string(t) + " has no thread_name");
    }

    perfetto_view& v_;
    std::map<std::uint64_t, std::vector<open_slice>> stacks_;
    std::map<std::uint64_t, half_flow> starts_, finishes_;
    std::set<std::uint64_t> used_threads_;
};

}  // namespace

perfetto_view perfetto_rules(const std::string& text) {
    perfetto_view v;
    json doc;
    try {
        doc = json::parse(text);
    } catch (const json::exception& x) {
        v.problems.push_back(std::string("not valid JSON: ") + x.what());
        return v;
    }
    importer(v).run(doc);
    return v;
}

}  // namespace trace_test
