// The scaling section of a planned scenario, checked against FITS.md §1.1 anchors computed
// independently from Epoch's E2 constants (docs/reference/FITS.md).

#include "models/scaling/scenario_scaling.h"

#include <QTest>

using namespace scalescope::models;

namespace {

/// A valid result whose run spends exactly `computeFlop`: 2,000 GPUs x 2.88e6 s x rate.
std::pair<Scenario, ScenarioResult> plannedRun(double computeFlop, double parameters,
                                               double tokens) {
    Scenario scenario;
    scenario.hardware.numGpus = 2000;
    scenario.training.totalTokens = tokens;
    ScenarioResult result;
    result.valid = true;
    result.parameters = parameters;
    result.activeParameters = parameters;
    result.trainingSeconds = 2.88e6;
    result.modelFlopsPerSecondPerGpu = computeFlop / (2000.0 * 2.88e6);
    return {scenario, result};
}

bool near(double actual, double expected, double relative) {
    return std::abs(actual - expected) <= relative * std::abs(expected);
}

} // namespace

class TestScenarioScaling : public QObject {
    Q_OBJECT
private slots:
    void gopherBudgetMatchesFitsAnchors() {
        // FITS.md §1.1: E2 at C = 5.76e23 -> N_opt 72.4 B, D_opt 1.327 T; and
        // E2 -> L(70e9, 1.4e12) = 1.9734.
        const auto [scenario, result] = plannedRun(5.76e23, 70e9, 1.4e12);
        const auto link = scenarioScaling(scenario, result);
        QVERIFY(link.has_value());
        QVERIFY(near(link->computeBudgetFlop, 5.76e23, 1e-12));
        QVERIFY2(near(link->optimalParameters, 72.4e9, 2e-3),
                 std::to_string(link->optimalParameters).c_str());
        QVERIFY2(near(link->optimalTokens, 1.327e12, 2e-3),
                 std::to_string(link->optimalTokens).c_str());
        // C = 6 N D holds at the optimum by construction of eq. 4.
        QVERIFY(near(6.0 * link->optimalParameters * link->optimalTokens, 5.76e23, 1e-9));
        QVERIFY2(std::abs(link->predictedLoss - 1.9734) < 5e-4,
                 std::to_string(link->predictedLoss).c_str());
        // Twice the compute never raises the best achievable loss.
        QVERIFY(link->doubledClusterLoss < link->optimalLoss);
    }

    void optimumBeatsAnyOtherSplitOfTheSameCompute() {
        // 6 N D = C exactly for N = 30 B: the compute-optimal loss must be lower.
        const double compute = 5.76e23;
        const auto [scenario, result] = plannedRun(compute, 30e9, compute / (6.0 * 30e9));
        const auto link = scenarioScaling(scenario, result);
        QVERIFY(link.has_value());
        QVERIFY(link->optimalLoss < link->predictedLoss);
    }

    void moeUsesActiveParametersAndWarns() {
        auto [scenario, result] = plannedRun(5.76e23, 671e9, 1.4e12);
        scenario.model.moe.experts = 256;
        result.activeParameters = 70e9;
        std::string warning;
        const auto link = scenarioScaling(scenario, result, &warning);
        QVERIFY(link.has_value());
        QVERIFY(std::abs(link->predictedLoss - 1.9734) < 5e-4); // placed at 70B, not 671B
        QVERIFY(warning.find("active parameters") != std::string::npos);
    }

    void unusableResultsGiveNoSection() {
        auto [scenario, result] = plannedRun(5.76e23, 70e9, 1.4e12);
        result.valid = false;
        QVERIFY(!scenarioScaling(scenario, result).has_value());
        result.valid = true;
        result.trainingSeconds = std::numeric_limits<double>::infinity();
        QVERIFY(!scenarioScaling(scenario, result).has_value());
        result.trainingSeconds = 2.88e6;
        scenario.training.totalTokens = 0.0;
        QVERIFY(!scenarioScaling(scenario, result).has_value());
    }
};

QTEST_GUILESS_MAIN(TestScenarioScaling)
#include "tst_scenario_scaling.moc"
