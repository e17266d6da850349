// The serving model against published runs (data/validation/inference-runs.csv, dense Llama on
// H100/H200; moe-inference-runs.csv, MoE): output tokens/s per GPU, one engine setting for all
// rows. Per-row table and the reasons for skipped rows: docs/inference.md, "Validation".

#include "models/catalog/catalog.h"
#include "models/core/csv_table.h"
#include "models/inference/inference_validation.h"
#include "models/scenario/model_presets.h"

#include <QTest>

#include <algorithm>
#include <cmath>

using namespace scalescope::models;

namespace {

InferenceValidationReport validate(const std::string &file) {
    const std::string data = SCALESCOPE_SOURCE_DATA_DIR;
    const Catalog catalog = loadCatalog({data + "/catalog"});
    const ModelPresets presets = loadModelPresets({data + "/models"});
    const CsvTable table = CsvTable::readFile(data + "/validation/" + file);
    const InferenceValidationReport report =
        validateInferenceRuns(table, catalog, presets, EngineSettings{});
    for (const auto &row : report.rows) {
        if (row.compared())
            qInfo("%-46s tp%d pp%d ep%d%s c=%5d measured %8.1f predicted %8.1f (%+6.1f%%) "
                  "TPOT %6.1f ms TTFT %7.0f ms",
                  row.id.c_str(), row.layout.tp, row.layout.pp, row.layout.ep,
                  row.layout.attentionDataParallel ? " adp" : "", row.concurrency,
                  row.measuredTokensPerSecondPerGpu, row.predictedTokensPerSecondPerGpu,
                  100.0 * row.relativeError(), 1e3 * row.predictedTpotSeconds,
                  1e3 * row.predictedTtftSeconds);
        else
            qInfo("%-46s skipped: %s", row.id.c_str(), row.skipReason.c_str());
    }
    qInfo("%s: %d rows compared, median |error| %.1f%%", file.c_str(), report.compared,
          100.0 * report.medianAbsoluteError);
    return report;
}

} // namespace

class TestInferenceValidation : public QObject {
    Q_OBJECT
private slots:
    void denseRuns() {
        const InferenceValidationReport report = validate("inference-runs.csv");
        QCOMPARE(int(report.rows.size()), 29);
        // 24 TensorRT-LLM rows; the 5 MLPerf Llama 2 rows publish no input length.
        QCOMPARE(report.compared, 24);
        double worst = 0.0;
        for (const auto &row : report.rows) {
            QVERIFY2(row.compared() || !row.skipReason.empty(), row.id.c_str());
            if (row.compared())
                worst = std::max(worst, std::abs(row.relativeError()));
        }
        // Reached: median 8.6 % (issue target <= 15 %), worst row +41.0 % (405B on H100 at
        // 20,000 + 2,000 tokens). Asserted with a small margin.
        QVERIFY(report.medianAbsoluteError <= 0.10);
        QVERIFY(worst <= 0.45);
    }
    void moeRuns() {
        const InferenceValidationReport report = validate("moe-inference-runs.csv");
        QCOMPARE(int(report.rows.size()), 21);
        // Mixtral 8x7B/8x22B (4 rows) and DeepSeek-R1 attention-DP + EP8 (2 rows).
        QCOMPARE(report.compared, 6);
        // Reached: median 29.1 %, above the 25 % target: DeepSeek-R1 is predicted 1.7x
        // and 2.3x too fast (docs/inference.md explains the miss). Asserted with a margin.
        QVERIFY(report.medianAbsoluteError <= 0.32);
    }
};

QTEST_GUILESS_MAIN(TestInferenceValidation)
#include "tst_inference_validation.moc"
