#pragma once

#include "app/document/scaling_fit_task.h"
#include "views/charts/chart_axes.h"

#include <QWidget>

#include <optional>

class QCategoryAxis;
class QChartView;
class QComboBox;
class QLabel;
class QLineSeries;
class QProgressBar;
class QPushButton;
class QScatterSeries;
class QSpinBox;
class QTableWidget;

namespace scalescope::app {
class BackgroundJob;
class ScenarioDocument;
} // namespace scalescope::app

namespace scalescope::views {

/// The fit panel: pick a CSV of training runs (the shipped datasets or any file), a law and
/// its columns, and fit in the background with progress and cancel. Shows the parameters with
/// their 95% bootstrap intervals, the data against the fitted curve and the residuals; a
/// Chinchilla fit becomes the document's scaling fit (ScenarioDocument::setScalingFit:
/// undoable, saved with the workspace), which the scaling charts draw next to the published
/// laws.
class FitPanel : public QWidget {
    Q_OBJECT
public:
    explicit FitPanel(app::ScenarioDocument *document, QWidget *parent = nullptr);

    /// Loads `path`'s header into the column choosers (errors are shown in the panel).
    bool loadFile(const QString &path);
    /// Starts a fit with the current choices.
    void fit();
    void setLaw(const QString &law);
    void setBootstrap(int resamples);
    void setDropHighest(int count);

    [[nodiscard]] const std::optional<app::FitOutcome> &outcome() const { return m_outcome; }
    [[nodiscard]] QString errorText() const;
    [[nodiscard]] app::BackgroundJob *job() const { return m_job; }
    /// Residual points as (x, observed − fitted loss) (tests).
    [[nodiscard]] QList<QPointF> residualPoints() const;

protected:
    /// Relabels the x axes when the data chart changes width (window or splitter).
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    /// The shipped datasets, the laws and the spin boxes' ranges.
    void fillChoices();
    /// Choosers, Fit/Cancel with progress, status, parameter table and summary.
    [[nodiscard]] QWidget *buildControlColumn();
    /// The data and residual charts, one above the other.
    [[nodiscard]] QWidget *buildCharts();
    void connectControls();
    void showOutcome();
    /// Labels the x axes of both charts with as many ticks as fit their current width.
    void updateXTicks();
    void showError(const QString &message);
    [[nodiscard]] app::FitRequest request() const;

    app::ScenarioDocument *m_document; ///< receives a Chinchilla fit; may be null
    app::BackgroundJob *m_job;
    QString m_file;
    QComboBox *m_dataset;
    QPushButton *m_browse;
    QComboBox *m_law;
    QComboBox *m_nColumn;
    QComboBox *m_dColumn;
    QComboBox *m_cColumn;
    QComboBox *m_lossColumn;
    QSpinBox *m_drop;
    QSpinBox *m_bootstrap;
    QPushButton *m_fit;
    QPushButton *m_cancel;
    QProgressBar *m_progress;
    QLabel *m_status;
    QTableWidget *m_parameters;
    QLabel *m_summary;
    QChartView *m_dataChart;
    QChartView *m_residualChart;
    QScatterSeries *m_points;
    QLineSeries *m_curve;
    QScatterSeries *m_residuals;
    QLineSeries *m_zero;
    QCategoryAxis *m_dataX;
    QCategoryAxis *m_dataY;
    QCategoryAxis *m_residualX;
    QCategoryAxis *m_residualY;
    std::optional<app::FitOutcome> m_outcome;
    double m_fromX = 0.0; ///< x range of the charts (log10 of the variable)
    double m_toX = 0.0;
    AxisFormatter m_xFormat;
};

} // namespace scalescope::views
