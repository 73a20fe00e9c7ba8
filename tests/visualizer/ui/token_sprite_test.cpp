// The token picture (visualizer/ui/token_sprite.hpp), drawn at any width, is an orange
// pill on its shadow, and costs three quads. Checked on the CPU: the atlas is built
// (no renderer needed), a token is drawn into a draw list, and each pixel is looked up
// through the quad that covers it, as a renderer would sample the nearest texel.
#include <catch2/catch.hpp>

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>

#include "ui/theme.hpp"

namespace {

using viz::ui::colours::token;

struct imgui_frame {
    imgui_frame() {
        ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;  // no imgui.ini left behind
        io.DisplaySize = ImVec2(800, 600);
        io.DeltaTime = 1.0f / 60;
    }
    ~imgui_frame() { ImGui::DestroyContext(); }
};

// The colour of the atlas texel nearest to a texture coordinate.
ImU32 texel_at(ImVec2 uv) {
    unsigned char* bytes = nullptr;
    int w = 0, h = 0;
    ImGui::GetIO().Fonts->GetTexDataAsRGBA32(&bytes, &w, &h);
    const int x = std::clamp(static_cast<int>(std::floor(uv.x * static_cast<float>(w))), 0, w - 1);
    const int y = std::clamp(static_cast<int>(std::floor(uv.y * static_cast<float>(h))), 0, h - 1);
    return reinterpret_cast<const ImU32*>(bytes)[y * w + x];
}

// What the quads of a draw list (from vertex `first` on, four vertices each, as
// PrimRectUV writes them) show at a point: the texel of the first quad covering it.
std::optional<ImU32> shown_at(const ImDrawList& dl, int first, ImVec2 p) {
    for (int q = first; q + 3 < dl.VtxBuffer.Size; q += 4) {
        const ImDrawVert& a = dl.VtxBuffer[q];      // top-left
        const ImDrawVert& c = dl.VtxBuffer[q + 2];  // bottom-right
        if (p.x < a.pos.x || p.x >= c.pos.x || p.y < a.pos.y || p.y >= c.pos.y) continue;
        const float fx = (p.x - a.pos.x) / (c.pos.x - a.pos.x), fy = (p.y - a.pos.y) / (c.pos.y - a.pos.y);
        return texel_at(ImVec2(a.uv.x + (c.uv.x - a.uv.x) * fx, a.uv.y + (c.uv.y - a.uv.y) * fy));
    }
    return std::nullopt;
}

// Signed distance from p to the pill filling [min, max] (negative inside).
float distance_to_pill(ImVec2 p, ImVec2 min, ImVec2 max) {
    const float r = (max.y - min.y) / 2;
    const float nearest_x = std::clamp(p.x, min.x + r, max.x - r);
    return std::hypot(p.x - nearest_x, p.y - (min.y + r)) - r;
}

unsigned alpha_of(ImU32 c) { return c >> 24; }
ImU32 rgb_of(ImU32 c) { return c & 0x00FFFFFFu; }

// Draws one token of `width` at the painted height and checks every pixel around it.
void check_token(float width, float scale) {
    viz::ui::theme look({}, {});  // ImGui's built-in font
    look.set_scale(scale, 1.0f);
    const viz::ui::font_set& fonts = look.font();
    const float h = fonts.small->FontSize * viz::ui::token_sprite::height_per_font_size;
    const float w = std::max(width, fonts.token.min_width(h));
    INFO("scale " << scale << ", height " << h << ", width " << w << " (narrowest " << fonts.token.min_width(h) << ")");
    CHECK(fonts.token.min_width(h) >= h);
    CHECK(fonts.token.min_width(h) < h * 1.3f);

    ImGui::NewFrame();
    ImGui::Begin("token");
    ImDrawList& dl = *ImGui::GetWindowDrawList();
    const int vertices = dl.VtxBuffer.Size, indices = dl.IdxBuffer.Size;
    const ImVec2 min(100, 100), max(100 + w, 100 + h);
    fonts.token.draw(&dl, min, max, 1.0f);
    CHECK(dl.VtxBuffer.Size - vertices == 12);
    CHECK(dl.IdxBuffer.Size - indices == 18);

    // Shadow: the same pill moved down and right by about a tenth of its height.
    const ImVec2 shadow(h * 0.085f, h * 0.115f);
    int inside = 0, in_shadow = 0, outside = 0;
    for (float y = min.y - 4; y < max.y + 6; y += 1) {
        for (float x = min.x - 4; x < max.x + 6; x += 1) {
            const ImVec2 p(x + 0.5f, y + 0.5f);
            const float to_pill = distance_to_pill(p, min, max);
            const float to_shadow = distance_to_pill(ImVec2(p.x - shadow.x, p.y - shadow.y), min, max);
            const ImU32 seen = shown_at(dl, vertices, p).value_or(0);
            INFO("pixel (" << x - min.x << ", " << y - min.y << ") of the pill, seen " << std::hex << seen);
            if (to_pill < -1) {  // well inside the pill: its colour, opaque
                CHECK(seen == token);
                ++inside;
            } else if (to_pill > 1 && to_shadow < -1) {  // in the shadow only: translucent black
                CHECK(rgb_of(seen) == 0);
                CHECK(alpha_of(seen) == 89);  // 0.35 of 255
                ++in_shadow;
            } else if (to_pill > 1 && to_shadow > 1) {  // clear of both: nothing
                CHECK(alpha_of(seen) == 0);
                ++outside;
            }
        }
    }
    CHECK(inside > static_cast<int>((w - 2) * (h - 2) * 0.6f));
    CHECK(in_shadow > 0);
    CHECK(outside > 0);
    ImGui::End();
    ImGui::EndFrame();
}

}  // namespace

TEST_CASE("a token is an orange pill on its shadow, at any width, in three quads", "[visualizer]") {
    imgui_frame context;
    for (float scale : {1.0f, 2.0f, 1.5f}) {
        for (float width : {0.0f, 22.0f, 23.5f, 60.0f, 200.0f}) check_token(width * scale, scale);
    }
}

TEST_CASE("a token's picture is framed by transparent texels", "[visualizer]") {
    // Filtering at the quads' edges reads one texel beyond them: it must not be another
    // picture of the atlas.
    imgui_frame context;
    viz::ui::theme look({}, {});
    look.set_scale(1.0f, 1.0f);
    ImGui::NewFrame();
    ImGui::Begin("token");
    ImDrawList& dl = *ImGui::GetWindowDrawList();
    const int first = dl.VtxBuffer.Size;
    look.font().token.draw(&dl, ImVec2(0, 0), ImVec2(40, 18), 1.0f);
    ImVec2 uv_min(1, 1), uv_max(0, 0);
    for (int i = first; i < dl.VtxBuffer.Size; ++i) {
        uv_min = ImVec2(std::min(uv_min.x, dl.VtxBuffer[i].uv.x), std::min(uv_min.y, dl.VtxBuffer[i].uv.y));
        uv_max = ImVec2(std::max(uv_max.x, dl.VtxBuffer[i].uv.x), std::max(uv_max.y, dl.VtxBuffer[i].uv.y));
    }
    unsigned char* bytes = nullptr;
    int w = 0, h = 0;
    ImGui::GetIO().Fonts->GetTexDataAsRGBA32(&bytes, &w, &h);
    const float tu = 1.0f / static_cast<float>(w), tv = 1.0f / static_cast<float>(h);
    // The texel centres just outside the drawn rectangle, all the way round.
    for (float u = uv_min.x - tu / 2; u < uv_max.x + tu; u += tu) {
        CHECK(alpha_of(texel_at(ImVec2(u, uv_min.y - tv / 2))) == 0);
        CHECK(alpha_of(texel_at(ImVec2(u, uv_max.y + tv / 2))) == 0);
    }
    for (float v = uv_min.y - tv / 2; v < uv_max.y + tv; v += tv) {
        CHECK(alpha_of(texel_at(ImVec2(uv_min.x - tu / 2, v))) == 0);
        CHECK(alpha_of(texel_at(ImVec2(uv_max.x + tu / 2, v))) == 0);
    }
    ImGui::End();
    ImGui::EndFrame();
}
