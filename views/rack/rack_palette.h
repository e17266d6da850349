#pragma once

// Colours of the rack diagram. Parallel groups use the Okabe-Ito palette, designed to stay
// distinguishable for the common colour-vision deficiencies [1]; beyond its eight colours a
// group index also gets a hatch pattern, and the painter writes group labels where they fit,
// so colour is never the only cue (docs/reference/UX.md "Conventions").
//
// [1] M. Okabe and K. Ito, "Color Universal Design (CUD): how to make figures and
//     presentations that are friendly to colorblind people", 2008, jfly.uni-koeln.de/color.

#include <QBrush>
#include <QColor>

namespace scalescope::views {

/// Number of distinct group colours before patterns start repeating them.
inline constexpr int kGroupColours = 8;
/// Number of distinct (colour, pattern) pairs.
inline constexpr int kGroupStyles = kGroupColours * 4;

/// Colour of group `index` (>= 0): Okabe-Ito, cycling.
[[nodiscard]] QColor groupColour(int index);
/// Hatch of group `index`: none for the first eight, then diagonal, back-diagonal, cross.
[[nodiscard]] Qt::BrushStyle groupPattern(int index);
/// Text colour readable on `background` (black or white by luminance).
[[nodiscard]] QColor textColourOn(const QColor &background);

/// Memory fill colour: blue below 80% of HBM, orange up to 100%, vermillion above.
[[nodiscard]] QColor memoryFillColour(double fraction);
/// Load colour for a cable, `fraction` of the busiest cable in [0, 1]: light grey to dark blue.
[[nodiscard]] QColor loadColour(double fraction);

/// Fixed colours of the hardware.
namespace rack_colours {
[[nodiscard]] QColor background();
[[nodiscard]] QColor rackFrame();
[[nodiscard]] QColor rackInside();
[[nodiscard]] QColor node();
[[nodiscard]] QColor nodeBorder();
[[nodiscard]] QColor switchTray();
[[nodiscard]] QColor powerShelf();
[[nodiscard]] QColor management();
[[nodiscard]] QColor emptySlot();
[[nodiscard]] QColor gpu();
[[nodiscard]] QColor idleGpu();
[[nodiscard]] QColor cpu();
[[nodiscard]] QColor switchChip();
[[nodiscard]] QColor nic();
[[nodiscard]] QColor fabricSwitch();
[[nodiscard]] QColor nvlinkDomain();
[[nodiscard]] QColor cable();
[[nodiscard]] QColor bottleneck();
[[nodiscard]] QColor text();
[[nodiscard]] QColor mutedText();
[[nodiscard]] QColor scalableUnit();     ///< the band behind a scalable unit's racks
[[nodiscard]] QColor legendBackground(); ///< the legend panel
[[nodiscard]] QColor divider();          ///< thin lines between header, legend and drawing
[[nodiscard]] QColor neutralGpu();       ///< GPUs under an overlay that colours only some
} // namespace rack_colours

} // namespace scalescope::views
