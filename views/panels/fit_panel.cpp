#include "views/panels/fit_panel.h"

#include "app/data/data_paths.h"
#include "app/document/background_job.h"
#include "app/document/scenario_document.h"
#include "models/core/csv_table.h"
#include "models/core/format.h"
#include "models/core/input_error.h"
#include "models/scaling/scaling_frontier.h"
#include "views/charts/chart_axes.h"
#include "views/style/theme.h"
#include "views/style/view_format.h"

#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontMetrics>
#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLegend>
#include <QLineSeries>
#include <QProgressBar>
#include <QPushButton>
#include <QScatterSeries>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <exception>

namespace scalescope::views {

namespace {

QString number(double value) {
    return QString::fromStdString(models::formatSignificant(value, 4));
}

QChartView *makeChart(QWidget *parent, const QString &title, QCategoryAxis *x, QCategoryAxis *y) {
    auto *view = new QChartView(parent);
    view->setRenderHint(QPainter::Antialiasing);
    view->chart()->setAnimationOptions(QChart::NoAnimation);
    view->chart()->setTitle("<b>" + title + "</b>");
    view->chart()->addAxis(x, Qt::AlignBottom);
    view->chart()->addAxis(y, Qt::AlignLeft);
    view->chart()->legend()->setAlignment(Qt::AlignBottom);
    view->setMinimumSize(300, 180); // two stacked still fit a 720-px projector
    return view;
}

void attach(QChart *chart, QAbstractSeries *series, QCategoryAxis *x, QCategoryAxis *y) {
    chart->addSeries(series);
    series->attachAxis(x);
    series->attachAxis(y);
}

/// Choosers list "auto" (the loader's common spellings) then the file's columns.
void fillColumns(QComboBox *combo, const QStringList &header) {
    combo->clear();
    combo->addItem(QObject::tr("auto"), QString());
    for (const QString &name : header)
        combo->addItem(name, name);
}

} // namespace

FitPanel::FitPanel(app::ScenarioDocument *document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_job(new app::BackgroundJob(this))
    , m_dataset(new QComboBox(this))
    , m_browse(new QPushButton(tr("Open CSV…"), this))
    , m_law(new QComboBox(this))
    , m_nColumn(new QComboBox(this))
    , m_dColumn(new QComboBox(this))
    , m_cColumn(new QComboBox(this))
    , m_lossColumn(new QComboBox(this))
    , m_drop(new QSpinBox(this))
    , m_bootstrap(new QSpinBox(this))
    , m_fit(new QPushButton(tr("Fit"), this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
    , m_progress(new QProgressBar(this))
    , m_status(new QLabel(this))
    , m_parameters(new QTableWidget(this))
    , m_summary(new QLabel(this))
    , m_points(new QScatterSeries(this))
    , m_curve(new QLineSeries(this))
    , m_residuals(new QScatterSeries(this))
    , m_zero(new QLineSeries(this))
    , m_dataX(new QCategoryAxis(this))
    , m_dataY(new QCategoryAxis(this))
    , m_residualX(new QCategoryAxis(this))
    , m_residualY(new QCategoryAxis(this)) {
    fillChoices();
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(buildControlColumn());
    splitter->addWidget(buildCharts());
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    splitter->setSizes({400, 600}); // the charts get 3/5 of the width from the start
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(6, 6, 6, 6);
    outer->addWidget(splitter);

    connectControls();
    // Start on the data-constrained C4 runs (182 runs, a ~1 s fit) when shipped.
    const int preferred = m_dataset->findText("muennighoff", Qt::MatchContains);
    if (preferred > 0)
        m_dataset->setCurrentIndex(preferred);
    else if (m_dataset->count() > 0)
        loadFile(m_dataset->itemData(0).toString());
}

void FitPanel::fillChoices() {
    const QDir shipped(app::shippedDataDirectory() + "/scaling");
    // Tables of individual training runs and IsoFLOP points (the other shipped files hold fits
    // and optima).
    for (const QString &name :
         shipped.entryList({"*runs*.csv", "*isoflops.csv"}, QDir::Files, QDir::Name))
        m_dataset->addItem(name, shipped.filePath(name));
    m_law->addItem(tr("Chinchilla L(N, D) = E + A/N^α + B/D^β"),
                   QString::fromStdString(models::enumString(models::FitLaw::Chinchilla)));
    m_law->addItem(tr("Chinchilla with α = β (Muennighoff's C4 form, 400 starts)"),
                   "chinchilla-tied");
    m_law->addItem(tr("Kaplan L(N) = (N_c/N)^α_N"),
                   QString::fromStdString(models::enumString(models::FitLaw::KaplanN)));
    m_law->addItem(tr("Kaplan L(D) = (D_c/D)^α_D"),
                   QString::fromStdString(models::enumString(models::FitLaw::KaplanD)));
    m_law->addItem(tr("Kaplan L(C) = (C_c/C)^α_C"),
                   QString::fromStdString(models::enumString(models::FitLaw::KaplanC)));
    m_drop->setRange(0, 1000);
    m_drop->setToolTip(tr("Drop the K highest losses first (Epoch AI drop the 5 highest)"));
    m_bootstrap->setRange(0, 10000);
    m_bootstrap->setSingleStep(100);
    m_bootstrap->setSpecialValueText(tr("none"));
    m_bootstrap->setToolTip(tr("Resamples for 95% percentile intervals (Chinchilla only)"));
    m_progress->setRange(0, 1000);
    m_progress->setTextVisible(false);
    m_cancel->setEnabled(false);
}

QWidget *FitPanel::buildControlColumn() {
    auto *controls = new QGridLayout;
    controls->addWidget(new QLabel(tr("Runs"), this), 0, 0);
    controls->addWidget(m_dataset, 0, 1, 1, 3);
    controls->addWidget(m_browse, 0, 4);
    controls->addWidget(new QLabel(tr("Law"), this), 1, 0);
    controls->addWidget(m_law, 1, 1, 1, 4);
    controls->addWidget(new QLabel(tr("N column"), this), 2, 0);
    controls->addWidget(m_nColumn, 2, 1);
    controls->addWidget(new QLabel(tr("D column"), this), 2, 2);
    controls->addWidget(m_dColumn, 2, 3);
    controls->addWidget(new QLabel(tr("C column"), this), 3, 0);
    controls->addWidget(m_cColumn, 3, 1);
    controls->addWidget(new QLabel(tr("Loss column"), this), 3, 2);
    controls->addWidget(m_lossColumn, 3, 3);
    controls->addWidget(new QLabel(tr("Drop highest"), this), 4, 0);
    controls->addWidget(m_drop, 4, 1);
    controls->addWidget(new QLabel(tr("Bootstrap"), this), 4, 2);
    controls->addWidget(m_bootstrap, 4, 3);
    auto *actions = new QHBoxLayout;
    actions->addWidget(m_fit);
    actions->addWidget(m_progress, 1);
    actions->addWidget(m_cancel);

    m_parameters->setColumnCount(5);
    m_parameters->setHorizontalHeaderLabels(
        {tr("Parameter"), tr("Estimate"), tr("95% low"), tr("95% high"), tr("SE")});
    m_parameters->verticalHeader()->hide();
    m_parameters->horizontalHeader()->setStretchLastSection(true);
    m_parameters->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setWordWrap(true);

    auto *left = new QWidget(this);
    auto *leftColumn = new QVBoxLayout(left);
    leftColumn->setContentsMargins(0, 0, 0, 0);
    leftColumn->addLayout(controls);
    leftColumn->addLayout(actions);
    leftColumn->addWidget(m_status);
    leftColumn->addWidget(m_parameters, 1);
    leftColumn->addWidget(m_summary);
    return left;
}

QWidget *FitPanel::buildCharts() {
    m_dataChart = makeChart(this, tr("Runs and the fitted law"), m_dataX, m_dataY);
    m_dataChart->installEventFilter(this);
    m_residualChart =
        makeChart(this, tr("Residuals: observed − fitted loss"), m_residualX, m_residualY);
    m_points->setName(tr("runs"));
    m_points->setMarkerSize(7);
    m_points->setColor(scenarioColor(0));
    m_points->setBorderColor(scenarioColor(0).darker(130));
    m_curve->setName(tr("fit"));
    m_curve->setPen(QPen(scenarioColor(1), 3));
    m_residuals->setName(tr("residual"));
    m_residuals->setMarkerSize(7);
    m_residuals->setColor(scenarioColor(2));
    m_zero->setPen(QPen(QColor(0x99, 0x99, 0x99), 1.5, Qt::DashLine));
    m_zero->setName(tr("zero"));
    attach(m_dataChart->chart(), m_points, m_dataX, m_dataY);
    attach(m_dataChart->chart(), m_curve, m_dataX, m_dataY);
    attach(m_residualChart->chart(), m_zero, m_residualX, m_residualY);
    attach(m_residualChart->chart(), m_residuals, m_residualX, m_residualY);
    auto *charts = new QSplitter(Qt::Vertical, this);
    charts->addWidget(m_dataChart);
    charts->addWidget(m_residualChart);
    return charts;
}

void FitPanel::connectControls() {
    connect(m_dataset, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (index >= 0)
            loadFile(m_dataset->itemData(index).toString());
    });
    connect(m_browse, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Open training runs"),
                                                          QFileInfo(m_file).absolutePath(),
                                                          tr("CSV tables (*.csv)"));
        if (!path.isEmpty() && loadFile(path)) {
            const QSignalBlocker blocker(m_dataset);
            m_dataset->addItem(QFileInfo(path).fileName(), path);
            m_dataset->setCurrentIndex(m_dataset->count() - 1);
        }
    });
    connect(m_fit, &QPushButton::clicked, this, &FitPanel::fit);
    connect(m_cancel, &QPushButton::clicked, m_job, &app::BackgroundJob::cancel);
    connect(m_job, &app::BackgroundJob::progressed, this,
            [this](double fraction) { m_progress->setValue(static_cast<int>(fraction * 1000)); });
    connect(m_job, &app::BackgroundJob::runningChanged, this, [this](bool running) {
        m_fit->setEnabled(!running);
        m_cancel->setEnabled(running);
    });
}

bool FitPanel::loadFile(const QString &path) {
    try {
        const auto table = models::CsvTable::readFile(path.toStdString());
        QStringList header;
        for (const auto &name : table.header())
            header << QString::fromStdString(name);
        for (QComboBox *combo : {m_nColumn, m_dColumn, m_cColumn, m_lossColumn})
            fillColumns(combo, header);
        // The loader knows "loss", "L", "val_loss"...; tables that name the loss after their
        // validation set ("c4_val_loss", "loss_c4_val") get it picked here.
        static const QStringList known{"loss", "L", "final_loss", "val_loss"};
        if (std::none_of(header.begin(), header.end(),
                         [](const QString &name) { return known.contains(name); })) {
            for (const QString &name : header)
                if (name.contains("loss", Qt::CaseInsensitive)) {
                    m_lossColumn->setCurrentIndex(m_lossColumn->findData(name));
                    break;
                }
        }
        m_file = path;
        m_status->setText(tr("%1: %2 rows, columns %3")
                              .arg(QFileInfo(path).fileName())
                              .arg(table.rowCount())
                              .arg(header.join(", ")));
        m_status->setProperty("error", false);
        return true;
    } catch (const std::exception &error) {
        showError(QString::fromUtf8(error.what()));
        return false;
    }
}

void FitPanel::setLaw(const QString &law) {
    m_law->setCurrentIndex(std::max(0, m_law->findData(law)));
}

void FitPanel::setBootstrap(int resamples) {
    m_bootstrap->setValue(resamples);
}

void FitPanel::setDropHighest(int count) {
    m_drop->setValue(count);
}

QString FitPanel::errorText() const {
    return m_status->property("error").toBool() ? m_status->text() : QString();
}

app::FitRequest FitPanel::request() const {
    app::FitRequest request;
    request.file = m_file;
    // "chinchilla-tied" is the menu's own entry (Muennighoff's form), not a law of the table.
    const std::string law = m_law->currentData().toString().toStdString();
    if (law == "chinchilla-tied") {
        request.law = models::FitLaw::Chinchilla;
        request.tieExponents = true;
        request.grid = models::FitGrid::Muennighoff;
    } else {
        request.law = models::parseEnum<models::FitLaw>(law).value_or(models::FitLaw::Chinchilla);
    }
    request.columns.parameters = m_nColumn->currentData().toString().toStdString();
    request.columns.tokens = m_dColumn->currentData().toString().toStdString();
    request.columns.compute = m_cColumn->currentData().toString().toStdString();
    request.columns.loss = m_lossColumn->currentData().toString().toStdString();
    request.dropHighest = m_drop->value();
    request.bootstrap = request.law == models::FitLaw::Chinchilla ? m_bootstrap->value() : 0;
    return request;
}

void FitPanel::fit() {
    if (m_file.isEmpty()) {
        showError(tr("Open a CSV of training runs first."));
        return;
    }
    const app::FitRequest fitRequest = request();
    m_status->setText(tr("Fitting %1…").arg(QFileInfo(fitRequest.file).fileName()));
    m_status->setProperty("error", false);
    m_progress->setValue(0);
    m_job->start<app::FitOutcome>(
        [fitRequest](const std::atomic<bool> &cancel, const std::function<void(double)> &progress) {
            return app::runScalingFit(fitRequest, &cancel, progress);
        },
        [this](app::FitOutcome outcome) {
            m_outcome = std::move(outcome);
            showOutcome();
        },
        [this](const QString &message) { showError(message); });
}

void FitPanel::showError(const QString &message) {
    m_status->setText(message);
    m_status->setProperty("error", true);
}

QList<QPointF> FitPanel::residualPoints() const {
    return m_residuals->points();
}

void FitPanel::showOutcome() {
    const auto &outcome = *m_outcome;
    struct Row {
        QString name;
        double estimate;
        const models::ParameterInterval *interval;
    };
    std::vector<Row> rows;
    const auto *bootstrap = outcome.bootstrap ? &*outcome.bootstrap : nullptr;
    QStringList notes;
    if (outcome.chinchilla) {
        const auto &law = outcome.chinchilla->law;
        rows = {{"E", law.E, bootstrap ? &bootstrap->E : nullptr},
                {"A", law.A, bootstrap ? &bootstrap->A : nullptr},
                {"B", law.B, bootstrap ? &bootstrap->B : nullptr},
                {"α", law.alpha, bootstrap ? &bootstrap->alpha : nullptr},
                {outcome.request.tieExponents ? "β (= α, tied)" : "β", law.beta,
                 bootstrap ? &bootstrap->beta : nullptr}};
        const auto optimal = law.computeOptimalExponents();
        rows.push_back({"a (N_opt ∝ C^a)", optimal.a, bootstrap ? &bootstrap->a : nullptr});
        rows.push_back({"b (D_opt ∝ C^b)", optimal.b, bootstrap ? &bootstrap->b : nullptr});
        notes << tr("Huber objective %1 · %2 of %3 starts converged")
                     .arg(number(outcome.chinchilla->objective))
                     .arg(outcome.chinchilla->startsConverged)
                     .arg(outcome.chinchilla->starts);
        for (const auto &warning : outcome.chinchilla->warnings)
            notes << "⚠ " + QString::fromStdString(warning);
    } else if (outcome.power) {
        const auto &law = outcome.power->law;
        const QString variable =
            QString::fromUtf8(models::variableSymbol(models::kaplanVariable(outcome.request.law)));
        rows = {
            {variable + "_c" + (variable == "C" ? " [PF-days]" : ""), law.criticalScale(), nullptr},
            {"α_" + variable, -law.exponent, nullptr}};
        if (outcome.request.irreducible)
            rows.push_back({"E", law.irreducible, nullptr});
        for (const auto &warning : outcome.power->warnings)
            notes << "⚠ " + QString::fromStdString(warning);
    }
    if (bootstrap)
        for (const auto &warning : bootstrap->warnings)
            notes << "⚠ " + QString::fromStdString(warning);
    m_parameters->setRowCount(static_cast<int>(rows.size()));
    for (int r = 0; r < static_cast<int>(rows.size()); ++r) {
        const auto &row = rows[r];
        const QStringList cells{row.name, number(row.estimate),
                                row.interval ? number(row.interval->lower) : QString("–"),
                                row.interval ? number(row.interval->upper) : QString("–"),
                                row.interval ? number(row.interval->standardError) : QString("–")};
        for (int c = 0; c < cells.size(); ++c)
            m_parameters->setItem(r, c, new QTableWidgetItem(cells[c]));
    }
    m_parameters->resizeColumnsToContents();
    m_summary->setText(notes.join("\n"));
    m_status->setText(
        tr("%1 points%2 fitted in %3%4%5")
            .arg(outcome.dataset.points.size())
            .arg(outcome.dropped > 0 ? tr(" (%1 highest losses dropped)").arg(outcome.dropped)
                                     : QString())
            .arg(durationText(outcome.seconds))
            .arg(bootstrap ? tr(" with %1 bootstrap refits").arg(bootstrap->completed) : QString())
            .arg(outcome.cancelled ? tr(" (cancelled)") : QString()));

    // Chinchilla: runs and the compute-optimal frontier against C; Kaplan: against its variable.
    const bool chinchilla = outcome.chinchilla.has_value();
    QList<QPointF> points, residuals;
    double lowX = 1e300, highX = 0.0, lowLoss = 1e300, highLoss = 0.0, maxResidual = 0.0;
    for (const auto &point : outcome.dataset.points) {
        const double x = chinchilla ? point.computeFlop : outcome.powerVariable(point);
        if (!(x > 0.0))
            continue;
        const double residual = point.loss - outcome.predictedLoss(point);
        points << QPointF(std::log10(x), point.loss);
        residuals << QPointF(std::log10(x), residual);
        lowX = std::min(lowX, x);
        highX = std::max(highX, x);
        lowLoss = std::min(lowLoss, point.loss);
        highLoss = std::max(highLoss, point.loss);
        maxResidual = std::max(maxResidual, std::fabs(residual));
    }
    m_points->replace(points);
    m_residuals->replace(residuals);
    if (points.isEmpty())
        return;
    const double from = std::log10(lowX) - 0.1, to = std::log10(highX) + 0.1;
    QList<QPointF> curve;
    for (int i = 0; i < 60; ++i) {
        const double x = from + (to - from) * i / 59.0;
        const double loss = chinchilla
                                ? outcome.chinchilla->law.computeOptimal(std::pow(10.0, x)).loss
                                : outcome.power->law(std::pow(10.0, x));
        if (std::isfinite(loss))
            curve << QPointF(x, loss);
    }
    m_curve->replace(curve);
    m_curve->setName(chinchilla ? tr("fitted optimum L_opt(C)") : tr("fitted law"));
    const auto variable =
        chinchilla ? models::ScalingVariable::Compute : models::kaplanVariable(outcome.request.law);
    const QString xName =
        chinchilla                                        ? tr("Training compute C (log scale)")
        : variable == models::ScalingVariable::Parameters ? tr("Parameters N (log scale)")
        : variable == models::ScalingVariable::Tokens     ? tr("Tokens D (log scale)")
                                                          : tr("Compute C [PF-days] (log scale)");
    const AxisFormatter xFormat = chinchilla ? AxisFormatter([](double c) {
        return QString::fromStdString(models::formatScientific(c, "FLOP", 2));
    })
                                             : AxisFormatter(countText);
    m_fromX = from;
    m_toX = to;
    m_xFormat = xFormat;
    updateXTicks();
    for (QCategoryAxis *axis : {m_dataX, m_residualX})
        axis->setTitleText(xName);
    const double pad = (highLoss - lowLoss) * 0.08 + 1e-3;
    setLinearTicks(m_dataY, std::max(0.0, lowLoss - pad), highLoss + pad, number, 6);
    m_dataY->setTitleText(tr("Loss (nats/token)"));
    const double span = std::max(maxResidual * 1.15, 1e-4);
    setLinearTicks(m_residualY, -span, span, number, 6);
    m_zero->replace({QPointF(from, 0.0), QPointF(to, 0.0)});
    for (QChartView *view : {m_dataChart, m_residualChart})
        styleChart(view->chart(), palette(), font());

    // The fit joins the workspace: undoable, saved with it, drawn by the scaling charts.
    if (chinchilla && m_document && !outcome.cancelled)
        m_document->setScalingFit(models::makeUserScalingFit(
            outcome.chinchilla->law,
            bootstrap ? bootstrap->samples : std::vector<models::ChinchillaLaw>{},
            QFileInfo(outcome.request.file).fileName().toStdString()));
}

void FitPanel::updateXTicks() {
    if (!m_xFormat || m_toX <= m_fromX)
        return;
    // Room per label: the widest label plus a gap; the plot is the chart minus its margins and
    // the y axis (about 90 px).
    const QFontMetrics metrics(m_dataX->labelsFont());
    const int labelWidth = std::max(metrics.horizontalAdvance(m_xFormat(std::pow(10.0, m_fromX))),
                                    metrics.horizontalAdvance(m_xFormat(std::pow(10.0, m_toX)))) +
                           14;
    const int plotWidth = std::max(0, m_dataChart->width() - 90);
    const int maxLabels = std::clamp(plotWidth / std::max(1, labelWidth), 2, 8);
    for (QCategoryAxis *axis : {m_dataX, m_residualX})
        setLogTicks(axis, m_fromX, m_toX, 10.0, m_xFormat, maxLabels);
}

bool FitPanel::eventFilter(QObject *watched, QEvent *event) {
    if (watched == m_dataChart && event->type() == QEvent::Resize)
        updateXTicks();
    return QWidget::eventFilter(watched, event);
}

} // namespace scalescope::views
