#include "ui/token_sprite.hpp"

#include <algorithm>
#include <cmath>

#include "ui/theme.hpp"

namespace viz::ui {

namespace {

constexpr float shadow_alpha = 0.35f;

// The shadow's offset from the pill, down and to the right, for a pill this tall.
ImVec2 shadow_offset(float height) { return {height * 0.085f, height * 0.115f}; }

// Signed distance from p to a pill whose top-left corner is `corner` (negative inside).
float pill_distance(ImVec2 p, ImVec2 corner, float width, float height) {
    const float r = height / 2;
    const float x = p.x - corner.x, y = p.y - corner.y;
    const float nearest_x = std::clamp(x, r, std::max(r, width - r));
    return std::hypot(x - nearest_x, y - r) - r;
}

// How much of a texel a shape covers, from the distance of the texel's centre to it.
float coverage(float distance) { return std::clamp(0.5f - distance, 0.0f, 1.0f); }

// The pill over its shadow, in straight (not premultiplied) alpha. A texel that neither
// covers takes the colour of the nearer one, so that filtering between it and its
// neighbours does not darken the pill's edge or tint the shadow's.
ImU32 pill_over_shadow(float pill_distance, float shadow_distance) {
    const float pill = coverage(pill_distance);
    const float shadow = coverage(shadow_distance) * shadow_alpha;
    const float alpha = pill + shadow * (1 - pill);
    const float pill_share = alpha > 0 ? pill / alpha : (pill_distance <= shadow_distance ? 1.0f : 0.0f);
    auto channel = [&](int shift) {
        const float token = static_cast<float>((colours::token >> shift) & 0xFF);  // the shadow is black
        return static_cast<ImU32>(std::lround(token * pill_share)) << shift;
    };
    return channel(0) | channel(8) | channel(16) | (static_cast<ImU32>(std::lround(alpha * 255)) << 24);
}

}  // namespace

void token_sprite::reserve(ImFontAtlas& atlas, float height) {
    height_ = std::max(height, 2.0f);
    const float r = height_ / 2;
    const ImVec2 shadow = shadow_offset(height_);
    // The stretched column's centre must lie where the pill and the shadow are both
    // straight: right of the shadow's left cap (r + shadow.x), left of the pill's right
    // cap (width - r). The narrowest pill that has such a column:
    middle_ = static_cast<int>(std::ceil(r + shadow.x - 0.5f));
    width_ = static_cast<float>(middle_) + 0.5f + r;
    pixels_ = ImVec2(std::ceil(width_ + shadow.x) + 2 * margin, std::ceil(height_ + shadow.y) + 2 * margin);
    rect_ = atlas.AddCustomRectRegular(static_cast<int>(pixels_.x) + 2 * guard, static_cast<int>(pixels_.y) + 2 * guard);
}

void token_sprite::paint(ImFontAtlas& atlas) {
    unsigned char* bytes = nullptr;
    int atlas_width = 0;
    atlas.GetTexDataAsRGBA32(&bytes, &atlas_width, nullptr);
    atlas.TexPixelsUseColors = true;
    const ImFontAtlasCustomRect* rect = atlas.GetCustomRectByIndex(rect_);
    auto* texels = reinterpret_cast<ImU32*>(bytes);
    const ImVec2 shadow = shadow_offset(height_);
    for (int j = 0; j < rect->Height; ++j) {
        for (int i = 0; i < rect->Width; ++i) {
            const int x = i - guard - margin, y = j - guard - margin;  // the guard is too far out to be covered
            const ImVec2 centre(static_cast<float>(x) + 0.5f, static_cast<float>(y) + 0.5f);
            texels[(rect->Y + j) * atlas_width + rect->X + i] =
                pill_over_shadow(pill_distance(centre, ImVec2(0, 0), width_, height_),
                                 pill_distance(centre, shadow, width_, height_));
        }
    }
    ImVec2 uv_min, uv_max;
    atlas.CalcCustomRectUV(rect, &uv_min, &uv_max);
    uv_texel_ = ImVec2((uv_max.x - uv_min.x) / static_cast<float>(rect->Width),
                       (uv_max.y - uv_min.y) / static_cast<float>(rect->Height));
    uv_min_ = ImVec2(uv_min.x + guard * uv_texel_.x, uv_min.y + guard * uv_texel_.y);
}

void token_sprite::draw(ImDrawList* dl, ImVec2 min, ImVec2 max, float alpha) const {
    IM_ASSERT(rect_ >= 0 && "token_sprite::paint has not been called");
    const float k = (max.y - min.y) / height_;  // draw-list units per texel
    max.x = std::max(max.x, min.x + width_ * k);
    auto u = [&](float column) { return uv_min_.x + (column + margin) * uv_texel_.x; };
    const float v_top = uv_min_.y, v_bottom = uv_min_.y + pixels_.y * uv_texel_.y;
    const float top = min.y - margin * k, bottom = top + pixels_.y * k;
    const float mid = static_cast<float>(middle_);
    const float stretch_from = min.x + mid * k;                 // the picture's left part ends
    const float stretch_to = max.x - (width_ - mid - 1) * k;    // its right part begins
    const float right_edge = max.x + (pixels_.x - margin - width_) * k;
    const ImU32 tint = with_alpha(IM_COL32_WHITE, alpha);
    dl->PrimReserve(18, 12);
    dl->PrimRectUV(ImVec2(min.x - margin * k, top), ImVec2(stretch_from, bottom), ImVec2(u(-margin), v_top),
                   ImVec2(u(mid), v_bottom), tint);
    dl->PrimRectUV(ImVec2(stretch_from, top), ImVec2(stretch_to, bottom), ImVec2(u(mid + 0.5f), v_top),
                   ImVec2(u(mid + 0.5f), v_bottom), tint);
    dl->PrimRectUV(ImVec2(stretch_to, top), ImVec2(right_edge, bottom), ImVec2(u(mid + 1), v_top),
                   ImVec2(u(pixels_.x - margin), v_bottom), tint);
}

}  // namespace viz::ui
