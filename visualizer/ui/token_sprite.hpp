// A message token's pill and its shadow, painted once into the font atlas, so that a
// token is three textured quads (12 vertices, 18 indices) instead of two anti-aliased
// rounded rectangles (64 vertices, 276 indices). With 1,000 tokens in flight a software
// renderer spent most of each frame on those triangles (bench/RESULTS.md, Visualizer).
//
// The picture is a pill of the height tokens have at the atlas's raster scale, with its
// shadow, split at one texel column where both the pill and the shadow are straight.
// The part left of that column is drawn at the token's left end, the part right of it
// at its right end, and the column itself is stretched between them: one picture, any
// width from min_width() up, texels drawn one to one on screen pixels at the height it
// was painted for.
//
//   theme, around io.Fonts->Build():
//     sprite.reserve(*io.Fonts, pill_height_in_pixels);  // before
//     sprite.paint(*io.Fonts);                           // after
//   each token:
//     sprite.draw(dl, min, max, alpha);                  // max.x - min.x >= sprite.min_width(height)
#pragma once

#include <imgui.h>

namespace viz::ui {

class token_sprite {
public:
    // A token's height over its font size.
    static constexpr float height_per_font_size = 1.35f;

    // Before the atlas is built: room for a pill `height` texels tall, and its shadow.
    void reserve(ImFontAtlas& atlas, float height);
    // After it is built: paints the pill into the atlas's RGBA pixels (the renderer
    // uploads them with the fonts).
    void paint(ImFontAtlas& atlas);

    // The narrowest pill of this height it draws: a little wider than tall.
    float min_width(float height) const noexcept { return height * width_ / height_; }
    // The pill filling [min, max] with its shadow below and to the right, both faded by
    // `alpha`. Draws with the atlas, the draw list's texture unless a caller changed it.
    void draw(ImDrawList* dl, ImVec2 min, ImVec2 max, float alpha) const;

private:
    // The picture's coordinates are texels with the pill's top-left corner at (0, 0);
    // its pixels start one texel above and left of that, for the anti-aliased edge.
    static constexpr int margin = 1;
    // A transparent texel around the picture, in the atlas but never drawn: filtering at
    // the quads' edges reads it, and not the atlas's next picture (ImGui packs custom
    // rectangles edge to edge: the mouse cursors' showed as stray dots).
    static constexpr int guard = 1;

    int rect_ = -1;         // the atlas's custom rectangle
    float height_ = 1;      // the pill's height
    float width_ = 1;       // the pill's width in the picture
    int middle_ = 0;        // the stretched column (its left edge)
    ImVec2 pixels_;         // the picture's size, without the guard
    ImVec2 uv_min_, uv_texel_;  // the picture's top-left corner (inside the guard), one texel
};

}  // namespace viz::ui
