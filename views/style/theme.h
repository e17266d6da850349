#pragma once

#include <QColor>
#include <QString>

#include <array>

class QApplication;
class QChart;
class QFont;
class QPalette;

namespace scalescope::views {

/// The three looks: everyday light and dark, and a high-contrast one for projectors.
enum class ThemeKind { Light, Dark, Presentation };

/// Memory terms in the order they stack (bottom first); one colour each, everywhere.
enum class MemoryTerm { Weights, Gradients, Optimizer, Activations, KvCache, Other };
inline constexpr int kMemoryTermCount = 6;

/// Step-time terms in the order they stack; one colour each, everywhere.
enum class StepTerm { Compute, TpComm, CpComm, EpComm, DpComm, PpComm, Bubble, Optimizer };
inline constexpr int kStepTermCount = 8;

/// Colours and fonts of one theme. Series colours come from the Okabe-Ito palette, which stays
/// distinguishable for the common forms of colour blindness; every series also has a legend
/// label, so colour never carries meaning alone.
struct Theme {
    ThemeKind kind = ThemeKind::Light;
    QColor background;
    QColor surface; ///< panels, the summary strip
    QColor text;
    QColor mutedText;
    QColor grid;
    QColor accent;
    QColor good; ///< "fits"
    QColor bad;  ///< "does not fit", inline errors
    double fontScale = 1.0;
    int lineWidth = 2;

    [[nodiscard]] static Theme make(ThemeKind kind);
    [[nodiscard]] bool isDark() const { return kind == ThemeKind::Dark; }
};

[[nodiscard]] QColor memoryTermColor(MemoryTerm term);
[[nodiscard]] QString memoryTermName(MemoryTerm term);
/// The ScenarioResult::explanations key of a memory term ("memory.weights", ...).
[[nodiscard]] QString memoryTermKey(MemoryTerm term);
[[nodiscard]] QColor stepTermColor(StepTerm term);
[[nodiscard]] QString stepTermName(StepTerm term);
[[nodiscard]] QString stepTermKey(StepTerm term);
/// Colour of the i-th scenario in compare mode (A = 0, B = 1, ...).
[[nodiscard]] QColor scenarioColor(int index);
/// "A", "B", ... for compare mode labels.
[[nodiscard]] QString scenarioLetter(int index);

/// Applies palette, style sheet (from resources) and fonts to the whole application.
void applyTheme(QApplication &application, const Theme &theme);
/// Colours and fonts one chart (background, title, axes, legend) from a widget's palette and
/// font, so charts follow the application theme; series keep their own colours.
void styleChart(QChart *chart, const QPalette &palette, const QFont &font);
/// The theme last applied with applyTheme() (Light before any).
[[nodiscard]] ThemeKind currentThemeKind();

} // namespace scalescope::views
