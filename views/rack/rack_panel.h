#pragma once

#include <QWidget>

class QLabel;

namespace scalescope::app {
class ScenarioDocument;
}
namespace scalescope::models {
class Catalog;
}

namespace scalescope::views {

class RackView;

/// The Racks tab: the current scenario's job placed on its racks (RackView), rebuilt when the
/// document changes and the tab is visible; a scenario the rack builder rejects shows why.
class RackPanel : public QWidget {
    Q_OBJECT
public:
    RackPanel(app::ScenarioDocument *document, const models::Catalog *catalog,
              QWidget *parent = nullptr);

    [[nodiscard]] RackView *rackView() const { return m_view; }
    /// Rebuilds the scene now, visible or not (export, tests).
    void refreshNow();
    /// Why the current scenario cannot be drawn (empty when it is drawn).
    [[nodiscard]] QString problem() const;

protected:
    void showEvent(QShowEvent *event) override;

private:
    app::ScenarioDocument *m_document;
    const models::Catalog *m_catalog;
    RackView *m_view;
    QLabel *m_problem;
    bool m_outOfDate = true;
};

} // namespace scalescope::views
