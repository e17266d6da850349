#pragma once

#include "models/search/parallel_search.h"

#include <QWidget>

#include <optional>

class QChartView;
class QComboBox;
class QLabel;
class QLineSeries;
class QProgressBar;
class QPushButton;
class QScatterSeries;
class QCategoryAxis;
class QStandardItemModel;
class QTableView;

namespace scalescope::app {
class BackgroundJob;
class ScenarioDocument;
} // namespace scalescope::app

namespace scalescope::views {

/// The parallelism search for the current scenario: runs in the background (progress, cancel;
/// an edit of the scenario cancels it), ranks layouts by time, cost or energy, plots the Pareto
/// set (step time against cost) with the current layout marked, and applies a row to the
/// scenario with one undoable edit (double-click or "Apply").
class SearchView : public QWidget {
    Q_OBJECT
public:
    SearchView(app::ScenarioDocument *document, const models::Catalog *catalog,
               QWidget *parent = nullptr);

    /// Starts a search of the current scenario (cancelling one in progress).
    void run();
    /// Applies ranked row `row` to the current scenario (one undo step).
    void applyRow(int row);
    [[nodiscard]] bool isRunning() const;
    /// The last completed search (tests).
    [[nodiscard]] const std::optional<models::SearchResult> &result() const { return m_result; }
    [[nodiscard]] app::BackgroundJob *job() const { return m_job; }
    [[nodiscard]] int rowCount() const;

private:
    void showResult();
    void onDocumentChanged();

    app::ScenarioDocument *m_document;
    const models::Catalog *m_catalog;
    app::BackgroundJob *m_job;
    QComboBox *m_objective;
    QComboBox *m_counts;
    QPushButton *m_run;
    QPushButton *m_cancel;
    QPushButton *m_apply;
    QProgressBar *m_progress;
    QLabel *m_status;
    QStandardItemModel *m_model;
    QTableView *m_table;
    QChartView *m_chartView;
    QScatterSeries *m_paretoSeries;
    QScatterSeries *m_topSeries;
    QScatterSeries *m_hereSeries;
    QCategoryAxis *m_timeAxis;
    QCategoryAxis *m_costAxis;
    std::optional<models::SearchResult> m_result;
    models::Scenario m_searched; ///< the scenario the result belongs to
};

} // namespace scalescope::views
