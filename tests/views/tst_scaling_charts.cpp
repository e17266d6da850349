#include "app/data/app_data.h"
#include "app/data/data_paths.h"
#include "app/document/scenario_document.h"
#include "app/document/workspace_file.h"
#include "models/scaling/scaling_laws.h"
#include "views/charts/isoflop_chart.h"
#include "views/charts/scaling_law_chart.h"

#include <QSignalSpy>
#include <QTest>

#include <cmath>

using namespace scalescope;

namespace {

/// L_opt(C) written out from Besiroglu et al. 2024 (arXiv:2404.10102) Table 1, Huber
/// likelihood estimate: E 1.8172, A 482.01, B 2085.43, alpha 0.3478, beta 0.3658, with
/// Hoffmann eq. 4: G = (alpha A / (beta B))^(1/(alpha+beta)), N = G (C/6)^(beta/(alpha+beta)),
/// D = (C/6) / N.
double epochOptimalLoss(double compute) {
    const double E = 1.81686, A = 482.006, B = 2085.434, alpha = 0.34781, beta = 0.36585;
    const double G = std::pow(alpha * A / (beta * B), 1.0 / (alpha + beta));
    const double n = G * std::pow(compute / 6.0, beta / (alpha + beta));
    const double d = compute / 6.0 / n;
    return E + A / std::pow(n, alpha) + B / std::pow(d, beta);
}

} // namespace

class TestScalingCharts : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        m_data = app::loadAppData();
        m_workspace = app::readWorkspaceFile(app::defaultWorkspacePath(), *m_data);
    }

    void frontierAndRunMarker() {
        app::ScenarioDocument document(app::plannerEvaluator(m_data));
        document.resetWorkspace(m_workspace, {});
        views::ScalingLawChart chart(&document);
        chart.refreshNow();
        const auto result = document.result();
        QVERIFY(result->scaling);
        const auto epoch = chart.curvePoints("epoch");
        QVERIFY(epoch.size() > 20);
        for (int i = 1; i < epoch.size(); ++i) {
            // More compute never buys a worse optimum.
            QVERIFY(epoch[i].y() < epoch[i - 1].y());
            QVERIFY(epoch[i].x() > epoch[i - 1].x());
        }
        for (const QPointF &point : epoch)
            QVERIFY(std::fabs(point.y() - epochOptimalLoss(std::pow(10.0, point.x()))) < 1e-9);
        // The run sits at its budget with the planner's loss, on or above the optimum there.
        const auto runs = chart.scenarioPoints();
        QCOMPARE(runs.size(), 1);
        QCOMPARE(runs[0].x(), std::log10(result->scaling->computeBudgetFlop));
        QCOMPARE(runs[0].y(), result->scaling->predictedLoss);
        QVERIFY(runs[0].y() >= epochOptimalLoss(result->scaling->computeBudgetFlop) - 1e-12);
    }

    void compareShowsBothRuns() {
        app::ScenarioDocument document(app::plannerEvaluator(m_data));
        document.resetWorkspace(m_workspace, {});
        document.setComparison({true, 0, 1});
        views::ScalingLawChart chart(&document);
        chart.refreshNow();
        QCOMPARE(chart.scenarioPoints().size(), 2);
        // Both runs are placed under the same law: neither can beat its optimum.
        for (const QPointF &point : chart.scenarioPoints())
            QVERIFY(point.y() >= epochOptimalLoss(std::pow(10.0, point.x())) - 1e-12);
    }

    void fittedLawAndBandAppear() {
        app::ScenarioDocument document(app::plannerEvaluator(m_data));
        document.resetWorkspace(m_workspace, {});
        views::ScalingLawChart chart(&document);
        chart.refreshNow();
        QVERIFY(chart.curvePoints("fit").isEmpty());
        // Two "refits" a little apart: the band must lie between their frontiers.
        auto low = models::epochLikelihoodLaw();
        auto high = low;
        high.E += 0.05;
        std::vector<models::ChinchillaLaw> refits{low, high, low, high};
        document.setScalingFit(
            models::makeUserScalingFit(models::hoffmannUnroundedLaw(), refits, "test"));
        // Announced through the document's changed(), like any edit; a hidden chart redraws
        // when shown, so draw now.
        chart.refreshNow();
        const auto fit = chart.curvePoints("fit");
        QVERIFY(!fit.isEmpty());
        const auto hoffmann = models::hoffmannUnroundedLaw();
        QVERIFY(std::fabs(fit[0].y() - hoffmann.computeOptimal(std::pow(10.0, fit[0].x())).loss) <
                1e-9);
        const auto &band = document.scalingFit()->band;
        QVERIFY(!band.empty());
        for (std::size_t i = 0; i < band.computeFlop.size(); ++i) {
            QVERIFY(band.lower[i] >= low.computeOptimal(band.computeFlop[i]).loss - 1e-12);
            QVERIFY(band.upper[i] <= high.computeOptimal(band.computeFlop[i]).loss + 1e-12);
        }
    }

    void isoFlopOptimaAreTheMinimaOfTheirCurves() {
        app::ScenarioDocument document(app::plannerEvaluator(m_data));
        document.resetWorkspace(m_workspace, {});
        views::IsoFlopChart chart(&document);
        chart.refreshNow();
        const auto budgets = chart.budgets();
        QCOMPARE(static_cast<int>(budgets.size()), views::IsoFlopChart::kCurves);
        QCOMPARE(budgets[2], document.result()->scaling->computeBudgetFlop);
        const auto optima = chart.optimaPoints();
        for (int i = 0; i < views::IsoFlopChart::kCurves; ++i) {
            const auto curve = chart.curvePoints(i);
            QVERIFY(curve.size() > 10);
            for (const QPointF &point : curve)
                QVERIFY(point.y() >= optima[i].y() - 1e-12);
            // Larger budgets reach lower optima with larger models.
            if (i > 0) {
                QVERIFY(optima[i].y() < optima[i - 1].y());
                QVERIFY(optima[i].x() > optima[i - 1].x());
            }
        }
    }

private:
    std::shared_ptr<const app::AppData> m_data;
    models::Workspace m_workspace;
};

QTEST_MAIN(TestScalingCharts)
#include "tst_scaling_charts.moc"
