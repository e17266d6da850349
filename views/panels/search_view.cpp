#include "views/panels/search_view.h"

#include "app/document/background_job.h"
#include "app/document/scenario_document.h"
#include "views/charts/chart_axes.h"
#include "views/style/theme.h"
#include "views/style/view_format.h"

#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLegend>
#include <QProgressBar>
#include <QPushButton>
#include <QScatterSeries>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace scalescope::views {

namespace {

QStandardItem *cell(const QString &text, double sortValue) {
    auto *item = new QStandardItem(text);
    item->setData(sortValue, Qt::UserRole);
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    item->setEditable(false);
    return item;
}

} // namespace

SearchView::SearchView(app::ScenarioDocument *document, const models::Catalog *catalog,
                       QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_catalog(catalog)
    , m_job(new app::BackgroundJob(this))
    , m_objective(new QComboBox(this))
    , m_counts(new QComboBox(this))
    , m_run(new QPushButton(tr("Search"), this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
    , m_apply(new QPushButton(tr("Apply to scenario"), this))
    , m_progress(new QProgressBar(this))
    , m_status(new QLabel(this))
    , m_model(new QStandardItemModel(this))
    , m_table(new QTableView(this))
    , m_chartView(new QChartView(this))
    , m_paretoSeries(new QScatterSeries(this))
    , m_topSeries(new QScatterSeries(this))
    , m_hereSeries(new QScatterSeries(this))
    , m_timeAxis(new QCategoryAxis(this))
    , m_costAxis(new QCategoryAxis(this)) {
    auto *column = new QVBoxLayout(this);
    column->setContentsMargins(6, 6, 6, 6);
    auto *bar = new QHBoxLayout;
    m_objective->addItem(tr("fastest step"), "time");
    m_objective->addItem(tr("cheapest run"), "cost");
    m_objective->addItem(tr("least energy"), "energy");
    m_counts->addItem(tr("this GPU count"), 0);
    m_counts->addItem(tr("½×, 1×, 2× the GPUs"), 1);
    m_progress->setRange(0, 1000);
    m_progress->setTextVisible(false);
    m_progress->setMaximumWidth(220);
    m_cancel->setEnabled(false);
    m_apply->setEnabled(false);
    // Long messages wrap: the status must not set the window's minimum width.
    m_status->setWordWrap(true);
    bar->addWidget(new QLabel(tr("Rank by"), this));
    bar->addWidget(m_objective);
    bar->addWidget(new QLabel(tr("over"), this));
    bar->addWidget(m_counts);
    bar->addWidget(m_run);
    bar->addWidget(m_progress);
    bar->addWidget(m_cancel);
    bar->addStretch(1);
    bar->addWidget(m_apply);
    column->addLayout(bar);
    column->addWidget(m_status);

    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(false);

    QChart *chart = m_chartView->chart();
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->setTitle(tr("<b>Pareto set: step time vs cost of the run</b>"));
    m_paretoSeries->setName(tr("Pareto-optimal layouts"));
    m_paretoSeries->setColor(scenarioColor(0));
    m_paretoSeries->setMarkerSize(10);
    m_topSeries->setName(tr("top ranked"));
    m_topSeries->setColor(scenarioColor(2));
    m_topSeries->setMarkerSize(8);
    m_topSeries->setMarkerShape(QScatterSeries::MarkerShapeRectangle);
    m_hereSeries->setName(tr("current layout"));
    m_hereSeries->setColor(scenarioColor(1));
    m_hereSeries->setMarkerSize(16);
    chart->addAxis(m_timeAxis, Qt::AlignBottom);
    chart->addAxis(m_costAxis, Qt::AlignLeft);
    m_timeAxis->setTitleText(tr("Step time"));
    m_costAxis->setTitleText(tr("Cost of the run"));
    for (QScatterSeries *series : {m_topSeries, m_paretoSeries, m_hereSeries}) {
        chart->addSeries(series);
        series->attachAxis(m_timeAxis);
        series->attachAxis(m_costAxis);
    }
    chart->legend()->setAlignment(Qt::AlignBottom);
    m_chartView->setRenderHint(QPainter::Antialiasing);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_table);
    splitter->addWidget(m_chartView);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);
    m_chartView->setMinimumWidth(460);
    column->addWidget(splitter, 1);
    m_status->setText(tr("Search the parallel layouts of the current scenario."));

    connect(m_run, &QPushButton::clicked, this, &SearchView::run);
    connect(m_cancel, &QPushButton::clicked, m_job, &app::BackgroundJob::cancel);
    connect(m_apply, &QPushButton::clicked, this, [this] {
        const auto rows = m_table->selectionModel()->selectedRows();
        if (!rows.isEmpty())
            applyRow(rows.first().row());
    });
    connect(m_table, &QTableView::doubleClicked, this,
            [this](const QModelIndex &index) { applyRow(index.row()); });
    connect(m_job, &app::BackgroundJob::progressed, this,
            [this](double fraction) { m_progress->setValue(static_cast<int>(fraction * 1000)); });
    connect(m_job, &app::BackgroundJob::runningChanged, this, [this](bool running) {
        m_run->setEnabled(!running);
        m_cancel->setEnabled(running);
        if (running)
            m_progress->setValue(0);
    });
    connect(m_document, &app::ScenarioDocument::changed, this, &SearchView::onDocumentChanged);
}

bool SearchView::isRunning() const {
    return m_job->isRunning();
}

int SearchView::rowCount() const {
    return m_model->rowCount();
}

void SearchView::run() {
    m_searched = m_document->current();
    models::SearchOptions options;
    if (!models::parseSearchObjective(m_objective->currentData().toString().toStdString(),
                                      options.objective))
        options.objective = models::SearchObjective::Time;
    options.topN = 20;
    if (m_counts->currentData().toInt() == 1) {
        const int gpus = m_searched.hardware.numGpus;
        options.gpuCounts = {std::max(1, gpus / 2), gpus, gpus * 2};
    }
    m_status->setText(tr("Searching…"));
    const models::Scenario scenario = m_searched;
    const models::Catalog *catalog = m_catalog;
    m_job->start<models::SearchResult>(
        [scenario, catalog, options](const std::atomic<bool> &cancel,
                                     const std::function<void(double)> &progress) mutable {
            options.cancel = &cancel;
            options.progress = progress;
            return models::searchParallelism(scenario, *catalog, options);
        },
        [this](models::SearchResult result) {
            m_result = std::move(result);
            showResult();
        },
        [this](const QString &message) {
            m_status->setText(tr("Search failed: %1").arg(message));
        });
}

void SearchView::onDocumentChanged() {
    // A newer edit makes a running search answer an old question: stop it.
    if (m_job->isRunning() && !(m_document->current() == m_searched)) {
        m_job->discard();
        m_status->setText(tr("Search cancelled: the scenario changed."));
    }
}

void SearchView::showResult() {
    m_model->clear();
    m_model->setHorizontalHeaderLabels({tr("#"), tr("GPUs"), tr("TP"), tr("PP"), tr("DP"), tr("CP"),
                                        tr("EP"), tr("VPP"), tr("ZeRO"), tr("SP"), tr("Recompute"),
                                        tr("µ-batch"), tr("Step"), tr("MFU"), tr("Memory/GPU"),
                                        tr("Time to train"), tr("Cost"), tr("Energy")});
    const auto &result = *m_result;
    if (!result.valid) {
        m_status->setText(tr("Cannot search: %1").arg(QString::fromStdString(result.error)));
        m_apply->setEnabled(false);
        return;
    }
    int rank = 1;
    QList<QPointF> top;
    for (const auto &candidate : result.top) {
        const auto &p = candidate.parallelism;
        const auto &m = candidate.metrics;
        m_model->appendRow(
            {cell(QString::number(rank), rank), cell(integerText(candidate.gpus), candidate.gpus),
             cell(QString::number(p.tp), p.tp), cell(QString::number(p.pp), p.pp),
             cell(QString::number(p.dp), p.dp), cell(QString::number(p.cp), p.cp),
             cell(QString::number(p.ep), p.ep), cell(QString::number(p.vpp), p.vpp),
             cell(QString::number(p.zeroStage), p.zeroStage),
             cell(p.sequenceParallel ? "✓" : "", p.sequenceParallel),
             cell(QString::fromStdString(models::enumString(p.recompute)), int(p.recompute)),
             cell(QString::number(p.microBatch), p.microBatch),
             cell(durationText(m.stepSeconds), m.stepSeconds), cell(percentText(m.mfu), m.mfu),
             cell(bytesText(m.memoryBytes()), m.memoryBytes()),
             cell(durationText(candidate.trainingSeconds), candidate.trainingSeconds),
             cell(usdText(candidate.costUsd), candidate.costUsd),
             cell(energyText(candidate.energyJoules), candidate.energyJoules)});
        top << QPointF(m.stepSeconds, candidate.costUsd);
        ++rank;
    }
    m_table->resizeColumnsToContents();
    QList<QPointF> pareto;
    for (const auto &candidate : result.pareto)
        pareto << QPointF(candidate.metrics.stepSeconds, candidate.costUsd);
    m_topSeries->replace(top);
    m_paretoSeries->replace(pareto);
    const auto current = m_document->evaluate(m_searched);
    QList<QPointF> here;
    if (current->valid && current->fitsInMemory)
        here << QPointF(current->step.timeSeconds, current->costUsd);
    m_hereSeries->replace(here);
    double minTime = 1e300, maxTime = 0.0, minCost = 1e300, maxCost = 0.0;
    for (const auto *series : {&top, &pareto, &here})
        for (const QPointF &point : *series) {
            minTime = std::min(minTime, point.x());
            maxTime = std::max(maxTime, point.x());
            minCost = std::min(minCost, point.y());
            maxCost = std::max(maxCost, point.y());
        }
    // The interesting differences are a few percent: zoom to the data, not to zero.
    auto padded = [](double low, double high) {
        const double pad = std::max((high - low) * 0.08, std::fabs(high) * 0.01);
        return std::pair{std::max(0.0, low - pad), high + pad};
    };
    if (maxTime > 0.0) {
        const auto [t0, t1] = padded(minTime, maxTime);
        const auto [c0, c1] = padded(minCost, maxCost);
        setLinearTicks(m_timeAxis, t0, t1, durationText, 4);
        setLinearTicks(m_costAxis, c0, c1, usdText, 5);
    }
    styleChart(m_chartView->chart(), palette(), font());
    m_apply->setEnabled(!result.top.empty());
    m_status->setText(tr("%1 of %2 layouts evaluated, %3 fit, in %4%5")
                          .arg(integerText(double(result.counts.evaluated)),
                               integerText(double(result.counts.total)),
                               integerText(double(result.counts.feasible)),
                               durationText(result.seconds),
                               result.cancelled ? tr(" (cancelled: best so far)") : QString()));
}

void SearchView::applyRow(int row) {
    if (!m_result || row < 0 || row >= static_cast<int>(m_result->top.size()))
        return;
    const auto &candidate = m_result->top[row];
    models::Scenario next = m_document->current();
    next.parallelism = candidate.parallelism;
    next.hardware.numGpus = candidate.gpus;
    m_searched = next; // applying our own answer does not cancel anything
    m_document->edit(tr("Apply searched layout #%1").arg(row + 1), -1, next);
}

} // namespace scalescope::views
