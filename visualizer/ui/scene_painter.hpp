// Internal to the scene view: the geometry of one frame (where each node and pipe is in
// pixels, how big things are) shared by the files that draw its parts.
//
// Coordinates: the layout places everything in the unit square with room between
// columns; `at` maps that onto the canvas below the banner strip. Sizes are in ems (the
// body font's pixel size), so the picture follows the display scale.
#pragma once

#include <imgui.h>

#include <cstddef>
#include <optional>
#include <vector>

#include "app/playback.hpp"
#include "app/session.hpp"
#include "ui/draw.hpp"
#include "ui/theme.hpp"

namespace viz::ui {

struct node_box {
    viz::thread_id id = 0;
    ImVec2 min, max;
    ImVec2 centre() const { return {(min.x + max.x) / 2, (min.y + max.y) / 2}; }
    ImVec2 left() const { return {min.x, (min.y + max.y) / 2}; }
    ImVec2 right() const { return {max.x, (min.y + max.y) / 2}; }
};

struct pipe_box {
    viz::channel_id id = 0;
    const viz::placed_channel* place = nullptr;
    std::size_t shown = 1;  // slots drawn
    ImVec2 min, max;        // the pipe's body (a timer's clock face fits inside)
    ImVec2 left() const { return {min.x, (min.y + max.y) / 2}; }
    ImVec2 right() const { return {max.x, (min.y + max.y) / 2}; }
    ImVec2 centre() const { return {(min.x + max.x) / 2, (min.y + max.y) / 2}; }
};

class scene_painter {
public:
    // A link that runs backwards (right to left), which gets a lane of its own.
    struct lane {
        viz::thread_id thread;
        viz::channel_id channel;
        bool sending;
    };

    scene_painter(app::run_view& v, const app::playback& clock, const font_set& fonts, ImVec2 top_left, ImVec2 size);

    void draw();

    // ---- geometry ----
    ImVec2 at(viz::point p) const;
    const node_box* node(viz::thread_id id) const;
    const pipe_box* pipe(viz::channel_id id) const;
    ImVec2 slot_centre(const pipe_box& p, float slot) const;
    float cell_width(const pipe_box& p) const;
    // The line from a sender to the pipe's left end, or from its right end to a receiver,
    // appended to `way` (which may already lead to its start).
    path& link(path& way, const node_box& n, const pipe_box& p, bool sending) const;
    float reach() const { return em * 2.5f; }
    float timer_radius() const { return em * 1.1f; }

    // ---- the parts (each in its own file) ----
    void draw_banner();
    void draw_edges();
    void draw_select_arms();
    void draw_cycle();
    void draw_pipes();
    void draw_nodes();
    void draw_tokens();

    // Seconds of playback (axis units) since event i, or a large number if i is unknown.
    double since(viz::event_ref i) const;

    app::run_view& view;
    const viz::scene& scene;
    const app::playback& clock;
    const font_set& fonts;
    ImDrawList* dl;
    float em;          // body font size, pixels
    float small;       // small font size, pixels
    ImVec2 origin, size;
    float banner_height = 0;
    float row_height = 0;  // of the busiest column
    float column_width = 0;
    std::vector<node_box> nodes;
    std::vector<pipe_box> pipes;
    std::vector<viz::thread_id> stuck;  // threads the deadlock report names
    std::vector<lane> lanes;            // links that run backwards, each with its own lane

private:
    void place_nodes();
    void place_pipes();
    void assign_lanes();
    void draw_pipe(const pipe_box& p, const viz::channel_view& c);
    void draw_timer(const pipe_box& p, const viz::channel_view& c);
    void draw_positions(const pipe_box& p, const viz::channel_view& c, float y);
    void draw_node(const node_box& b, const viz::thread_view& t);
    void draw_caption(const node_box& b, const viz::thread_view& t);
};

}  // namespace viz::ui
