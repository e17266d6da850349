#pragma once

#include <QFrame>

#include <vector>

class QLabel;

namespace scalescope::app {
class ScenarioDocument;
}

namespace scalescope::views {

class FlowLayout;

/// The always-visible bottom strip: the numbers people quote (memory fit, step time, MFU, time
/// to train, GPU-hours, cost, energy). In compare mode each tile shows A, B and B ÷ A. Every
/// value has the planner's explanation as its tooltip.
class SummaryStrip : public QFrame {
    Q_OBJECT
public:
    explicit SummaryStrip(app::ScenarioDocument *document, QWidget *parent = nullptr);

    /// The text of tile `index` (tests, accessibility): e.g. "38.5 days".
    [[nodiscard]] QString tileText(int index) const;
    [[nodiscard]] int tileCount() const { return static_cast<int>(m_tiles.size()); }
    /// The whole strip as one line ("✓ fits 61.2 / 74.5 GiB · step 9.8 s · ...").
    [[nodiscard]] QString summaryLine() const;

    /// Rows the tiles take at the strip's current width (1 on a wide screen).
    [[nodiscard]] int rowCount() const;

    void refresh();

protected:
    void changeEvent(QEvent *event) override;

private:
    struct Tile {
        QString caption;
        QString key; ///< explanation key
        QLabel *value = nullptr;
        QLabel *captionLabel = nullptr;
    };

    app::ScenarioDocument *m_document;
    std::vector<Tile> m_tiles;
    QLabel *m_status;
    FlowLayout *m_flow = nullptr;
};

} // namespace scalescope::views
