// validateScenario (models/planner/validate_scenario.h): one list of input problems that the
// planner, the search and the rack job all report from, with hand-written expected messages.

#include "models/core/input_error.h"
#include "models/planner/planner.h"
#include "models/planner/validate_scenario.h"
#include "models/rack/rack_traffic.h"
#include "models/search/parallel_search.h"
#include "tests/support/rack_test_systems.h"

#include <QTest>

using namespace scalescope::models;
using namespace scalescope::testing;

namespace {

/// Llama 3 70B (64 heads, 8 KV heads, FFN 28,672, 80 layers, seq 8,192) on 64 H100s,
/// TP 8 × PP 4 × DP 2: valid (512 sequences of the 4,194,304-token batch over b 1 × dp 2).
Scenario llama70b() {
    return presetScenario("t", "llama3-70b", "dgx-h100", 64, 8, 4, 2);
}

QStringList fieldsOf(const std::vector<ScenarioProblem> &problems) {
    QStringList fields;
    for (const auto &problem : problems)
        fields << QString::fromStdString(problem.field);
    return fields;
}

} // namespace

class TestValidateScenario : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { m_catalog = shippedCatalog(); }

    void validScenarioHasNoProblemsAndResolves() {
        const ScenarioCheck check = checkScenario(llama70b(), m_catalog);
        QVERIFY(check.valid());
        QVERIFY(check.hardware.has_value());
        QCOMPARE(check.hardware->gpuId, std::string("h100-sxm"));
        QCOMPARE(check.recipe->id, std::string("megatron"));
    }

    void everyIndependentProblemIsListedInOrder() {
        Scenario s = llama70b();
        s.parallelism.tp = 3;                   // heads 64, kv 8, ffn 28,672: three TP rules
        s.training.totalTokens = -1.0;          // negative
        s.training.optimizerRecipe = "no-such"; // unknown
        s.hardware.systemId = "no-such-system"; // unknown
        const auto problems = validateScenario(s, m_catalog);
        // 3 × 4 × 2 × 1 = 24 ≠ 64 GPUs as well (rule 6, on dp).
        QCOMPARE(fieldsOf(problems),
                 (QStringList{"/training/total_tokens", "/training/optimizer_recipe",
                              "/parallelism/tp", "/parallelism/tp", "/parallelism/tp",
                              "/parallelism/dp", "/hardware/system"}));
        QCOMPARE(problems[0].reason, std::string("must be a non-negative number"));
        QVERIFY(problems[1].reason.starts_with("unknown recipe \"no-such\" (known: "));
        QCOMPARE(problems[2].reason, std::string("tp (3) must divide the attention heads (64)"));
        QCOMPARE(problems[4].reason, std::string("tp (3) must divide the FFN width (28672)"));
        QCOMPARE(problems[5].reason, std::string("tp × pp × dp × cp = 3 × 4 × 2 × 1 = 24 must "
                                                 "equal hardware.num_gpus (64)"));
    }

    void degreesAndZeroStageAreInputProblems() {
        Scenario s = llama70b();
        s.parallelism.zeroStage = 4;
        QCOMPARE(validateScenario(s, m_catalog),
                 (std::vector<ScenarioProblem>{
                     {"/parallelism/zero_stage", "must be 0, 1, 2 or 3 (got 4)"}}));
        s.parallelism.zeroStage = 1;
        s.parallelism.microBatch = 0; // the layout rules would divide by it: reported alone
        QCOMPARE(validateScenario(s, m_catalog),
                 (std::vector<ScenarioProblem>{
                     {"/parallelism",
                      "tp, pp, dp, cp, ep, vpp and micro_batch must all be at least 1"}}));
    }

    void aBrokenModelSkipsTheLayoutRules() {
        Scenario s = llama70b();
        s.model.heads = 0; // the layout rules divide by the heads
        s.parallelism.tp = 3;
        const auto problems = validateScenario(s, m_catalog);
        QCOMPARE(fieldsOf(problems), QStringList{"/model/heads"});
    }

    void plannerReportsTheFirstProblemAndKeepsTheList() {
        Scenario s = llama70b();
        s.parallelism.tp = 3;
        s.hardware.systemId = "no-such-system";
        const ScenarioResult result = evaluate(s, m_catalog);
        QVERIFY(!result.valid);
        QCOMPARE(result.errorField, std::string("/parallelism/tp"));
        QCOMPARE(result.error, std::string("/parallelism/tp: tp (3) must divide the attention "
                                           "heads (64)"));
        QCOMPARE(result.problems, validateScenario(s, m_catalog));
    }

    void rackJobThrowsTheSameFirstProblem() {
        Scenario s = llama70b();
        s.training.globalBatchTokens = 3.0 * 8192.0; // 3 sequences over b 1 × dp 2
        try {
            (void)plannerRackJob(s, m_catalog, s.planner);
            QFAIL("expected InputError");
        } catch (const InputError &error) {
            QCOMPARE(error.field(), std::string("/training/global_batch_tokens"));
            QCOMPARE(error.reason(), std::string("3 sequences per step are not divisible by "
                                                 "micro_batch × dp = 1 × 2"));
        }
        const auto problems = validateScenario(s, m_catalog);
        QCOMPARE(problems.front().reason, std::string("3 sequences per step are not divisible "
                                                      "by micro_batch × dp = 1 × 2"));
    }

    void searchChecksTheScenarioButNotItsLayout() {
        Scenario s = llama70b();
        s.parallelism.tp = 3; // the search picks layouts itself: no problem
        ScenarioCheckOptions search;
        search.layout = false;
        QVERIFY(validateScenario(s, m_catalog, search).empty());
        // A batch of 1.5 sequences is every layout's problem.
        s.training.globalBatchTokens = 1.5 * 8192.0;
        const auto problems = validateScenario(s, m_catalog, search);
        QCOMPARE(problems, (std::vector<ScenarioProblem>{
                               {"/training/global_batch_tokens",
                                "12288 tokens is not a whole number of 8192-token sequences"}}));
        SearchOptions options;
        const SearchResult result = searchParallelism(s, m_catalog, options);
        QVERIFY(!result.valid);
        QCOMPARE(result.errorField, std::string("/training/global_batch_tokens"));
        s.mode = Mode::Inference;
        const SearchResult inference = searchParallelism(s, m_catalog, options);
        QCOMPARE(inference.error,
                 std::string("/mode: the parallelism search plans training scenarios only"));
    }

    void requireValidScenarioNamesFileAndPointer() {
        Scenario s = llama70b();
        s.hardware.numGpus = 0;
        try {
            (void)requireValidScenario(s, m_catalog, "w.json", "/scenarios/1");
            QFAIL("expected InputError");
        } catch (const InputError &error) {
            QCOMPARE(std::string(error.what()),
                     std::string("w.json: /scenarios/1/hardware/num_gpus: must be at least 1 "
                                 "(got 0)"));
        }
    }

private:
    Catalog m_catalog;
};

QTEST_GUILESS_MAIN(TestValidateScenario)
#include "tst_validate_scenario.moc"
