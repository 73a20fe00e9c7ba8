// Layered layout of threads and channels (see layout.hpp).
//
// Nodes: threads 0..T-1, then channels T..T+C-1 (timeline order). Edges: thread ->
// channel for each thread that sends on it, channel -> thread for each that receives.
// Steps: drop the edges that close a cycle (depth-first, nodes in order), rank by
// longest path (threads and channels alternate, so a column holds one kind), place
// sender-less channels just before their first receiver, squeeze out empty columns,
// order each column by the mean row of its neighbours.
#include "model/layout.hpp"

#include <algorithm>
#include <numeric>

namespace viz {

namespace {

struct graph {
    std::size_t threads = 0;
    std::vector<std::vector<std::size_t>> out;  // forward edges (after cycle breaking)
    std::vector<std::vector<std::size_t>> in;
};

graph build_graph(const timeline& tl) {
    graph g;
    g.threads = tl.thread_count();
    const std::size_t n = g.threads + tl.channel_count();
    std::vector<std::vector<std::size_t>> edges(n);
    for (std::size_t ci = 0; ci < tl.channel_count(); ++ci) {
        const std::size_t c = g.threads + ci;
        for (const channel_use& u : tl.channel(ci).uses) {
            if (u.first_send != no_event) edges[u.thread].push_back(c);
            if (u.first_recv != no_event) edges[c].push_back(u.thread);
        }
    }
    // Depth-first from each node in order; an edge to a node on the stack closes a cycle.
    enum class mark : unsigned char { fresh, on_stack, done };
    std::vector<mark> marks(n, mark::fresh);
    g.out.assign(n, {});
    g.in.assign(n, {});
    std::vector<std::pair<std::size_t, std::size_t>> stack;  // node, next edge
    for (std::size_t root = 0; root < n; ++root) {
        if (marks[root] != mark::fresh) continue;
        stack.push_back({root, 0});
        marks[root] = mark::on_stack;
        while (!stack.empty()) {
            auto& [v, next] = stack.back();
            if (next == edges[v].size()) {
                marks[v] = mark::done;
                stack.pop_back();
                continue;
            }
            const std::size_t w = edges[v][next++];
            if (marks[w] == mark::on_stack) continue;  // closes a cycle: dropped
            g.out[v].push_back(w);
            g.in[w].push_back(v);
            if (marks[w] == mark::fresh) {
                marks[w] = mark::on_stack;
                stack.push_back({w, 0});
            }
        }
    }
    return g;
}

// Longest-path ranks; channels without senders are ranked after the rest.
std::vector<int> rank_nodes(const graph& g) {
    const std::size_t n = g.out.size();
    std::vector<int> rank(n, 0);
    std::vector<std::size_t> pending(n);
    std::vector<std::size_t> ready;
    auto sourceless_channel = [&](std::size_t v) { return v >= g.threads && g.in[v].empty(); };
    for (std::size_t v = 0; v < n; ++v) {
        pending[v] = g.in[v].size();
        if (pending[v] == 0) ready.push_back(v);
    }
    for (std::size_t k = 0; k < ready.size(); ++k) {  // Kahn's order
        const std::size_t v = ready[k];
        for (std::size_t w : g.out[v]) {
            if (!sourceless_channel(v)) rank[w] = std::max(rank[w], rank[v] + 1);
            if (--pending[w] == 0) ready.push_back(w);
        }
    }
    // Threads have even ranks and channels odd ones, so each column holds one kind.
    for (std::size_t v = g.threads; v < n; ++v) {
        if (!sourceless_channel(v)) continue;
        if (g.out[v].empty()) {
            rank[v] = 1;  // used by nobody: the first channel column
            continue;
        }
        int first_receiver = rank[g.out[v].front()];
        for (std::size_t w : g.out[v]) first_receiver = std::min(first_receiver, rank[w]);
        rank[v] = first_receiver - 1;
    }
    return rank;
}

// Maps ranks to consecutive columns.
std::vector<int> squeeze(const std::vector<int>& rank, int& columns) {
    std::vector<int> used(rank);
    std::sort(used.begin(), used.end());
    used.erase(std::unique(used.begin(), used.end()), used.end());
    columns = static_cast<int>(used.size());
    std::vector<int> column(rank.size());
    for (std::size_t v = 0; v < rank.size(); ++v)
        column[v] = static_cast<int>(std::lower_bound(used.begin(), used.end(), rank[v]) - used.begin());
    return column;
}

// Orders each column by the mean position of neighbours in the column before (sweeping
// right) or after (sweeping left); a stable sort keeps ties in their order.
std::vector<std::vector<std::size_t>> order_columns(const graph& g, const std::vector<int>& column, int columns) {
    std::vector<std::vector<std::size_t>> cols(static_cast<std::size_t>(columns));
    for (std::size_t v = 0; v < column.size(); ++v) cols[static_cast<std::size_t>(column[v])].push_back(v);
    std::vector<double> pos(column.size(), 0);
    auto note_positions = [&](const std::vector<std::size_t>& col) {
        for (std::size_t r = 0; r < col.size(); ++r) pos[col[r]] = (static_cast<double>(r) + 0.5) / static_cast<double>(col.size());
    };
    for (const auto& col : cols) note_positions(col);
    auto sweep = [&](std::size_t c, bool from_left) {
        std::vector<std::pair<double, std::size_t>> keyed;
        for (std::size_t v : cols[c]) {
            const auto& nbrs = from_left ? g.in[v] : g.out[v];
            double sum = 0;
            int count = 0;
            for (std::size_t w : nbrs) {
                if (column[w] != static_cast<int>(c) + (from_left ? -1 : 1)) continue;
                sum += pos[w];
                ++count;
            }
            keyed.push_back({count ? sum / count : pos[v], v});
        }
        std::stable_sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
        for (std::size_t r = 0; r < keyed.size(); ++r) cols[c][r] = keyed[r].second;
        note_positions(cols[c]);
    };
    for (int pass = 0; pass < 4; ++pass) {
        if (pass % 2 == 0) {
            for (std::size_t c = 1; c < cols.size(); ++c) sweep(c, true);
        } else {
            for (std::size_t c = cols.size() - 1; c-- > 0;) sweep(c, false);
        }
    }
    return cols;
}

point lerp(point a, point b, float t) noexcept { return {a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t}; }

}  // namespace

const node_place* layout::thread(thread_id id) const noexcept {
    const placed_thread* t = find_by_id(threads, id, [](const placed_thread& p) { return p.id; });
    return t ? &t->place : nullptr;
}

const placed_channel* layout::channel(channel_id id) const noexcept {
    return find_by_id(channels, id, [](const placed_channel& p) { return p.id; });
}

layout compute_layout(const timeline& tl) {
    layout lay;
    const graph g = build_graph(tl);
    const std::vector<int> column = squeeze(rank_nodes(g), lay.columns);
    const auto cols = order_columns(g, column, lay.columns);
    std::vector<node_place> place(column.size());
    for (std::size_t c = 0; c < cols.size(); ++c) {
        lay.rows.push_back(static_cast<int>(cols[c].size()));
        for (std::size_t r = 0; r < cols[c].size(); ++r) {
            node_place& p = place[cols[c][r]];
            p.column = static_cast<int>(c);
            p.row = static_cast<int>(r);
            p.at = {(static_cast<float>(c) + 0.5f) / static_cast<float>(cols.size()),
                    (static_cast<float>(r) + 0.5f) / static_cast<float>(cols[c].size())};
        }
    }
    const float half_width = lay.columns > 0 ? 0.35f / static_cast<float>(lay.columns) : 0.0f;
    for (std::size_t ti = 0; ti < g.threads; ++ti) lay.threads.push_back({tl.thread(ti).id, place[ti]});
    for (std::size_t ci = 0; ci < tl.channel_count(); ++ci)
        lay.channels.push_back({tl.channel(ci).id, place[g.threads + ci], half_width});
    return lay;
}

std::size_t shown_slots(const channel_view& c, std::size_t max) noexcept {
    const std::size_t most = std::max<std::size_t>(max, 1);
    if (c.flavor == trace::flavor::unbounded) return std::clamp<std::size_t>(c.occupancy, 1, most);
    if (c.capacity <= 0) return 1;
    return std::min(static_cast<std::size_t>(c.capacity), most);
}

point slot_position(const placed_channel& pipe, float slot, std::size_t shown) noexcept {
    const float n = static_cast<float>(std::max<std::size_t>(shown, 1));
    const float s = std::clamp(slot, 0.0f, n - 1.0f);
    const float right = pipe.place.at.x + pipe.half_width;
    return {right - (s + 0.5f) * (2.0f * pipe.half_width) / n, pipe.place.at.y};
}

point token_position(const layout& lay, const token& k, std::size_t shown) noexcept {
    const placed_channel* pipe = lay.channel(k.channel);
    if (!pipe) return {};
    const point left{pipe->place.at.x - pipe->half_width, pipe->place.at.y};
    const point right{pipe->place.at.x + pipe->half_width, pipe->place.at.y};
    const node_place* from = lay.thread(k.from);
    const node_place* to = lay.thread(k.to);
    const point a = from ? from->at : left;
    const point b = to ? to->at : right;
    const point s = slot_position(*pipe, k.slot, shown);
    switch (k.where) {
        case leg::to_slot: return lerp(a, s, k.progress);
        case leg::in_slot: return s;
        case leg::to_receiver: return lerp(s, b, k.progress);
        case leg::handover:
            return k.progress < 0.5f ? lerp(a, pipe->place.at, 2 * k.progress) : lerp(pipe->place.at, b, 2 * k.progress - 1);
    }
    return s;
}

}  // namespace viz
