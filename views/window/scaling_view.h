#pragma once

#include <QWidget>

namespace scalescope::app {
class ScenarioDocument;
}

namespace scalescope::views {

class IsoFlopChart;
class ScalingLawChart;

/// The Scaling tab: loss against compute (laws, frontier, the run, the user's fit and its
/// band) next to the IsoFLOP curves around the run's budget.
class ScalingView : public QWidget {
    Q_OBJECT
public:
    explicit ScalingView(app::ScenarioDocument *document, QWidget *parent = nullptr);

    [[nodiscard]] ScalingLawChart *lossChart() const { return m_loss; }
    [[nodiscard]] IsoFlopChart *isoFlopChart() const { return m_isoFlop; }

private:
    ScalingLawChart *m_loss;
    IsoFlopChart *m_isoFlop;
};

} // namespace scalescope::views
