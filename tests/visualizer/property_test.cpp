// Properties over many random traces (random_trace.hpp):
//   - seeking anywhere, in any order, gives exactly the scene that stepping from the
//     start gives (checkpoints + partial replay == full replay);
//   - stepping agrees with a naive reading of the events (who holds which message,
//     which thread is where), written independently of the model;
//   - a timeline grown by appends in random batches equals one built at once, and a
//     timeline cut short shows the same scene for every event it has.
#include <catch2/catch.hpp>

#include <map>
#include <random>
#include <set>

#include "model/model.hpp"
#include "random_trace.hpp"

using namespace viz_test;

namespace {

constexpr unsigned trace_count = 40;

std::size_t length_for(unsigned seed) { return 800 + (seed * 7919u) % 2400; }

// What the events say, read the plain way.
class naive_reading {
public:
    void apply(const trace::event& e) {
        using trace::kind;
        if (e.thread != 0 && !phase_.count(e.thread)) phase_[e.thread] = viz::phase::running;
        if (e.what == kind::channel_created) flavor_[e.channel] = static_cast<trace::flavor>(e.detail);
        viz::phase& p = phase_[e.thread];
        switch (e.what) {
            case kind::send_begin:
            case kind::recv_begin:
                p = viz::phase::in_call;
                selecting_[e.thread] = false;
                break;
            case kind::select_begin:
                p = viz::phase::in_call;
                selecting_[e.thread] = true;
                break;
            case kind::send_blocked:
            case kind::recv_blocked:
            case kind::select_blocked: p = viz::phase::blocked; break;
            case kind::send_done:
            case kind::recv_done:
                if (fifo(e.channel)) {
                    if (e.what == kind::send_done) held_[e.channel].insert(e.message);
                    else held_[e.channel].erase(e.message);
                }
                if (!selecting_[e.thread]) p = viz::phase::running;
                break;
            case kind::send_failed:
            case kind::recv_failed:
            case kind::select_done:
                p = viz::phase::running;
                selecting_[e.thread] = false;
                break;
            case kind::disconnected:
                if (e.detail == static_cast<std::uint8_t>(trace::disconnect_cause::receivers_gone)) held_[e.channel].clear();
                break;
            case kind::thread_exited: p = viz::phase::exited; break;
            default: break;
        }
    }

    void check(const viz::scene& s) const {
        for (const auto& [id, p] : phase_) {
            const viz::thread_view* t = s.thread(id);
            REQUIRE(t);
            CHECK(t->state == p);
        }
        for (const auto& [ch, f] : flavor_) {
            if (!fifo(ch)) continue;
            const viz::channel_view* c = s.channel(ch);
            REQUIRE(c);
            std::vector<std::uint64_t> listed;
            for (const auto& m : c->buffered) listed.push_back(m.id);
            const auto it = held_.find(ch);
            const std::vector<std::uint64_t> expected =
                it == held_.end() ? std::vector<std::uint64_t>{} : std::vector<std::uint64_t>(it->second.begin(), it->second.end());
            CHECK(listed == expected);
            CHECK(c->occupancy == expected.size());
        }
    }

private:
    bool fifo(std::uint32_t ch) const {
        const auto it = flavor_.find(ch);
        return it != flavor_.end() && (it->second == trace::flavor::bounded || it->second == trace::flavor::unbounded ||
                                       it->second == trace::flavor::rendezvous);
    }

    std::map<std::uint32_t, viz::phase> phase_;
    std::map<std::uint32_t, bool> selecting_;
    std::map<std::uint32_t, trace::flavor> flavor_;
    std::map<std::uint32_t, std::set<std::uint64_t>> held_;
};

// The scene after each event, by stepping forward one event at a time.
std::vector<viz::scene> step_through(const viz::timeline& tl, std::vector<viz::replay_state>* states = nullptr) {
    std::vector<viz::scene> scenes;
    viz::cursor c(tl);
    scenes.push_back(c.seek(-1));
    if (states) states->push_back(c.state());
    for (std::size_t i = 0; i < tl.size(); ++i) {
        scenes.push_back(c.seek(static_cast<std::ptrdiff_t>(i)));
        if (states) states->push_back(c.state());
    }
    return scenes;
}

}  // namespace

TEST_CASE("stepping through random traces agrees with a naive reading of the events", "[visualizer]") {
    for (unsigned seed = 1; seed <= trace_count; ++seed) {
        INFO("seed " << seed);
        const trace::recording rec = random_trace(seed).make(length_for(seed));
        viz::timeline tl(rec);
        viz::cursor c(tl);
        naive_reading naive;
        for (std::size_t i = 0; i < tl.size(); ++i) {
            INFO("event " << i << " " << trace::to_string(tl.event(i).what));
            naive.apply(tl.event(i));
            naive.check(c.seek(static_cast<std::ptrdiff_t>(i)));
        }
    }
}

TEST_CASE("random seeks give exactly the scene of a step-by-step replay", "[visualizer]") {
    for (unsigned seed = 1; seed <= trace_count; ++seed) {
        INFO("seed " << seed);
        viz::timeline tl(random_trace(seed).make(length_for(seed)));
        REQUIRE(tl.size() > 2 * tl.checkpoint_interval());  // several checkpoints to land between
        std::vector<viz::replay_state> states;
        const std::vector<viz::scene> scenes = step_through(tl, &states);

        std::mt19937 rng(seed);
        std::uniform_int_distribution<std::ptrdiff_t> anywhere(-1, static_cast<std::ptrdiff_t>(tl.size()) - 1);
        viz::cursor jumper(tl);
        for (int k = 0; k < 300; ++k) {
            // Far jumps both ways, short hops forward and back, and staying put.
            std::ptrdiff_t i = anywhere(rng);
            if (k % 3 == 1) i = std::clamp<std::ptrdiff_t>(jumper.position() + (k % 7) - 3, -1, anywhere.max());
            if (k % 11 == 0) i = jumper.position();
            INFO("seek " << i);
            const viz::scene& s = jumper.seek(i);
            CHECK(jumper.state() == states[static_cast<std::size_t>(i + 1)]);
            CHECK(s == scenes[static_cast<std::size_t>(i + 1)]);
        }
    }
}

TEST_CASE("a timeline grown by appends equals one built from the whole recording", "[visualizer]") {
    for (unsigned seed = 1; seed <= trace_count; ++seed) {
        INFO("seed " << seed);
        trace::recording rec = random_trace(seed).make(length_for(seed));
        rec.files = {"", "main.cpp", "worker.cpp"};
        const viz::timeline whole(rec);
        const std::vector<viz::scene> scenes = step_through(whole);

        std::mt19937 rng(seed);
        viz::timeline grown;
        viz::cursor c(grown);
        std::size_t next = 0;
        while (next < rec.events.size()) {
            if (rng() % 3 == 0) {
                grown.append(rec.events[next++]);
            } else {
                trace::recording batch;
                batch.files = rec.files;
                const std::size_t n = std::min<std::size_t>(rng() % 200 + 1, rec.events.size() - next);
                batch.events.assign(rec.events.begin() + static_cast<std::ptrdiff_t>(next),
                                    rec.events.begin() + static_cast<std::ptrdiff_t>(next + n));
                grown.append(std::move(batch));
                next += n;
            }
            // The live view: any event seen so far looks as it will in the whole run.
            const auto i = static_cast<std::ptrdiff_t>(rng() % grown.size());
            CHECK(c.seek(i) == scenes[static_cast<std::size_t>(i + 1)]);
        }

        REQUIRE(grown.size() == whole.size());
        CHECK(grown.recording() == whole.recording());
        CHECK(grown.checkpoint_interval() == whole.checkpoint_interval());
        viz::cursor a(grown), b(whole);
        for (std::size_t i = 0; i < whole.size(); ++i) {
            CHECK(grown.checkpoint_before(static_cast<std::ptrdiff_t>(i)) ==
                  whole.checkpoint_before(static_cast<std::ptrdiff_t>(i)));
            CHECK(grown.wait_end(static_cast<viz::event_ref>(i)) == whole.wait_end(static_cast<viz::event_ref>(i)));
            if (i % 37 != 0) continue;
            CHECK(viz::narrate(a, i) == viz::narrate(b, i));
            const viz::deadlock_report da = viz::find_deadlock(a), db = viz::find_deadlock(b);
            CHECK(da.summary == db.summary);
            CHECK(da.kind == db.kind);
        }
    }
}

TEST_CASE("every event of a random trace gets a sentence naming its thread", "[visualizer]") {
    viz::timeline tl(random_trace(7).make(2000));
    viz::cursor c(tl);
    for (std::size_t i = 0; i < tl.size(); ++i) {
        const std::string words = viz::narrate(c, i);
        const trace::event& e = tl.event(i);
        INFO(i << ": " << words);
        CHECK_FALSE(words.empty());
        CHECK(words.find("does something") == std::string::npos);
        if (e.what != trace::kind::thread_named && e.what != trace::kind::timer_fired &&
            e.what != trace::kind::disconnected && e.what != trace::kind::select_done && e.what != trace::kind::select_arm)
            CHECK(words.rfind(std::string(c.current().thread(e.thread)->name), 0) == 0);
    }
}

TEST_CASE("garbage in (a malformed or hostile file): no crash, no hang, times made monotonic", "[visualizer]") {
    for (unsigned seed = 1; seed <= 20; ++seed) {
        INFO("seed " << seed);
        std::mt19937_64 rng(seed);
        auto small_or_huge = [&](std::uint64_t small) { return rng() % 8 == 0 ? rng() : rng() % small; };
        trace::recording rec;
        for (int k = 0; k < 3000; ++k) {
            trace::event e;
            e.seq = static_cast<std::uint64_t>(k);
            e.time_ns = static_cast<std::int64_t>(rng() % 100000);  // goes back and forth
            e.what = static_cast<trace::kind>(rng() % (static_cast<unsigned>(trace::kind::thread_exited) + 1));
            e.thread = static_cast<std::uint32_t>(small_or_huge(6));
            e.channel = static_cast<std::uint32_t>(small_or_huge(5));
            e.message = small_or_huge(20);
            e.detail = static_cast<std::uint8_t>(rng() % 12);
            e.a = static_cast<std::int64_t>(small_or_huge(6)) - 2;
            e.b = static_cast<std::int64_t>(rng() % 4);
            e.arm = static_cast<std::int16_t>(static_cast<int>(rng() % 5) - 1);
            e.line = static_cast<std::uint32_t>(rng() % 3);
            e.file = static_cast<std::uint32_t>(rng() % 3);
            e.text = std::string(rng() % 3, 'x');
            rec.events.push_back(std::move(e));
        }
        viz::timeline tl(rec);
        for (std::size_t i = 1; i < tl.size(); ++i) REQUIRE(tl.event(i).time_ns >= tl.event(i - 1).time_ns);
        const viz::layout lay = viz::compute_layout(tl);
        CHECK(lay.threads.size() == tl.thread_count());
        viz::cursor c(tl);
        viz::frame f;
        for (std::size_t i = 0; i < tl.size(); ++i) {
            CHECK_FALSE(viz::narrate(c, i).empty());
            if (i % 50 == 0) {
                (void)viz::find_deadlock(c);
                viz::compute_frame(c, static_cast<double>(tl.event(i).time_ns), {}, f);
                for (const viz::channel_view& ch : c.current().channels) CHECK(ch.buffered.size() <= ch.occupancy + 1000);
                for (const viz::token& k : f.tokens) (void)viz::token_position(lay, k, 8);
            }
        }
        std::uniform_int_distribution<std::ptrdiff_t> anywhere(-1, static_cast<std::ptrdiff_t>(tl.size()) - 1);
        for (int k = 0; k < 200; ++k) {
            const std::ptrdiff_t i = anywhere(rng);
            CHECK(c.seek(i).event == i);
        }
    }
}
