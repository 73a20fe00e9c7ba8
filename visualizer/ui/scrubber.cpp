#include "ui/scrubber.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "ui/draw.hpp"
#include "ui/event_marks.hpp"
#include "ui/vec.hpp"

namespace viz::ui {


void scrubber::rebin(const app::run_view& v, const app::playback& clock, int columns) {
    const viz::timeline& tl = *v.tl;
    binned_ = &tl;
    generation_ = tl.generation();
    columns_ = columns;
    axis_ = clock.axis();
    marks_.assign(static_cast<std::size_t>(std::max(columns, 0)), mark::none);
    const double start = clock.start(tl), span = std::max(1e-9, clock.end(tl) - start);
    for (std::size_t i = 0; i < tl.size(); ++i) {
        const mark m = mark_of(tl.event(i).what);
        if (m == mark::none) continue;
        const double f = (viz::time_of(tl, i, axis_) - start) / span;
        const auto x = std::clamp(static_cast<int>(f * columns), 0, columns - 1);
        marks_[static_cast<std::size_t>(x)] = std::max(marks_[static_cast<std::size_t>(x)], m);
    }
}

void scrubber::draw(app::session& s, const font_set& fonts) {
    app::run_view* v = s.view();
    const float em = ImGui::GetFontSize();
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const ImVec2 size(ImGui::GetContentRegionAvail().x, em * 2.0f);
    ImGui::InvisibleButton("##timeline", size);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(at, at + size, colours::panel, em * 0.25f);
    if (!v || v->tl->empty()) return;

    const viz::timeline& tl = *v->tl;
    app::playback& clock = s.clock();
    const int columns = static_cast<int>(size.x);
    if (binned_ != &tl || generation_ != tl.generation() || columns_ != columns || axis_ != clock.axis()) {
        rebin(*v, clock, columns);
    }
    for (int x = 0; x < columns; ++x) {
        if (const mark m = marks_[static_cast<std::size_t>(x)]; m != mark::none) {
            const float h = m == mark::blocked || m == mark::closed ? 0.8f : 0.55f;
            dl->AddRectFilled(ImVec2(at.x + static_cast<float>(x), at.y + size.y * (1 - h)),
                              ImVec2(at.x + static_cast<float>(x) + 1, at.y + size.y), mark_colour(m));
        }
    }

    const double start = clock.start(tl), end = clock.end(tl), span = std::max(1e-9, end - start);
    auto x_of = [&](double t) { return at.x + static_cast<float>((t - start) / span) * size.x; };
    auto t_of = [&](float x) { return start + static_cast<double>((x - at.x) / size.x) * span; };

    if (v->stuck_at) {
        const float x = x_of(clock.settled(tl, *v->stuck_at));
        dl->AddTriangleFilled(ImVec2(x - em * 0.4f, at.y), ImVec2(x + em * 0.4f, at.y), ImVec2(x, at.y + em * 0.6f),
                              colours::deadlock);
    }
    const float head = x_of(clock.time());
    dl->AddLine(ImVec2(head, at.y - em * 0.15f), ImVec2(head, at.y + size.y + em * 0.15f), colours::playhead, 2.0f);

    if (ImGui::IsItemActive()) {
        clock.pause();
        clock.seek(tl, t_of(ImGui::GetIO().MousePos.x), true);
    }
    if (ImGui::IsItemHovered()) {
        const std::ptrdiff_t i = viz::event_at(tl, t_of(ImGui::GetIO().MousePos.x), clock.axis());
        if (i >= 0) {
            ImGui::BeginTooltip();
            ImGui::PushFont(fonts.small);
            ImGui::Text("event %td", i + 1);
            ImGui::PopFont();
            ImGui::TextUnformatted(viz::narrate(v->probe, static_cast<std::size_t>(i)).c_str());
            ImGui::EndTooltip();
        }
    }
}

}  // namespace viz::ui
