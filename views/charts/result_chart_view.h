#pragma once

#include "models/scenario/scenario.h"
#include "models/scenario/scenario_result.h"

#include <QChartView>
#include <QColor>
#include <QString>

#include <memory>
#include <vector>

namespace scalescope::app {
class ScenarioDocument;
}

namespace scalescope::views {

/// One scenario a chart draws: in single mode the current scenario, in compare mode A and B.
struct ShownScenario {
    int index = 0;
    std::shared_ptr<const models::ScenarioResult> result; ///< never null
    models::Scenario scenario; ///< the inputs `result` belongs to (the last valid ones if stale)
    bool stale = false;        ///< inputs are invalid: `result` is the last valid one, drawn greyed
    QString error;             ///< why the inputs are invalid (when stale)
    QString label;             ///< "Llama 3 70B on 64x H100", prefixed "A · " in compare mode
    QString shortLabel;        ///< "A · 64× dgx-h100" for axis categories and legends
    QColor color;              ///< the scenario colour (compare mode)
};

/// Base of every chart: pulls the document's results on changed() and redraws in one go.
/// Hidden charts only note that they are out of date and refresh when shown, so an edit costs
/// only the views on screen.
class ResultChartView : public QChartView {
    Q_OBJECT
public:
    ResultChartView(app::ScenarioDocument *document, QString viewName, QWidget *parent = nullptr);

    /// The CLI/export name: "memory", "time", ...
    [[nodiscard]] const QString &viewName() const { return m_viewName; }
    /// Pulls the results and redraws now, visible or not (export, tests, benchmarks).
    void refreshNow();
    /// True while the chart draws a last valid result because the inputs are invalid.
    [[nodiscard]] bool isStale() const { return m_stale; }

protected:
    /// Subclasses replace their series from `shown` (one entry, or two in compare mode; empty
    /// when no scenario ever had a valid result).
    virtual void refresh(const std::vector<ShownScenario> &shown) = 0;

    [[nodiscard]] app::ScenarioDocument *document() const { return m_document; }
    [[nodiscard]] bool compareMode() const;
    /// Sets a title with an optional smaller second line (ratios in compare mode, the reason
    /// when stale).
    void setTitleLines(const QString &title, const QString &subtitle = {});

    void showEvent(QShowEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void onDocumentChanged();
    [[nodiscard]] std::vector<ShownScenario> shownScenarios() const;
    void applyStaleLook();

    app::ScenarioDocument *m_document;
    QString m_viewName;
    bool m_outOfDate = true;
    bool m_stale = false;
    bool m_styled = false;
    QString m_staleReason;
};

} // namespace scalescope::views
