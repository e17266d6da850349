// The runs-table reader (RFC 4180), the row interpretation from explicit columns, and `validate`
// over the shipped data/validation/training-runs.csv (median absolute relative error <= 10%).

#include "models/core/input_error.h"
#include "models/planner/model_arithmetic.h"
#include "models/validation/training_validation.h"

#include <QTest>

#include <cmath>
#include <string>
#include <utility>
#include <vector>

using namespace scalescope::models;

namespace {

/// A one-row runs table: a Llama-style 8-layer model on 64 GPUs of a DGX B200 in FP8, with
/// `changes` replacing cells by column name.
std::string runRow(const std::vector<std::pair<std::string, std::string>> &changes) {
    std::vector<std::pair<std::string, std::string>> cells = {
        {"id", "r1"},
        {"source", "hand-written"},
        {"model", "test model"},
        {"gpu", "B200"},
        {"num_gpus", "64"},
        {"layers", "8"},
        {"hidden", "4096"},
        {"heads", "32"},
        {"kv_heads", "8"},
        {"ffn", "14336"},
        {"vocab", "128256"},
        {"seq_len", "4096"},
        {"tp", "4"},
        {"pp", "2"},
        {"micro_batch", "2"},
        {"global_batch_seqs", "512"},
        {"tflops_per_gpu", "1000"},
        {"workload", "pretraining"},
        {"system_id", "dgx-b200"},
        {"accelerator_id", ""},
        {"scaleout_gbps_per_gpu", "200"},
        {"arch_family", "llama"},
        {"gated_mlp", "yes"},
        {"position_embedding", "rotary"},
        {"tied_embeddings", "no"},
        {"norm", "rmsnorm"},
        {"linear_biases", "no"},
        {"layer_details_from", "family llama"},
        {"recompute_mode", "free"},
        {"seq_parallel_mode", "on"},
        {"vpp_mode", "free"},
        {"micro_batch_mode", "2"},
        {"zero_stage", "1"},
        {"dp_overlap", "yes"},
        {"tp_overlap", "yes"},
        {"attention_kernel", "flash"},
        {"gemm_precision", "fp8"},
        {"fp8_recipe", "current"},
        {"optimizer_recipe", "fp8"},
        {"framework_norm", "nemo"},
        {"flop_convention", "nemo-causal"}};
    for (const auto &[column, value] : changes)
        for (auto &cell : cells)
            if (cell.first == column)
                cell.second = value;
    std::string header;
    std::string row;
    for (std::size_t i = 0; i < cells.size(); ++i) {
        if (i > 0) {
            header += ',';
            row += ',';
        }
        header += cells[i].first;
        row += cells[i].second;
    }
    return header + "\n" + row + "\n";
}

} // namespace

class TestTrainingValidation : public QObject {
    Q_OBJECT
private slots:
    void rfc4180() {
        // Quoted commas, doubled quotes, a quoted line break, CRLF records, a blank line.
        const std::string text = "id,notes,value\r\n"
                                 "a,\"x, y\",1\r\n"
                                 "b,\"say \"\"hi\"\"\",2\r\n"
                                 "\r\n"
                                 "c,\"two\nlines\",3\n";
        const RunsTable table = RunsTable::parse(text, "runs.csv");
        QCOMPARE(table.rowCount(), std::size_t(3));
        QCOMPARE(table.cell(0, "notes"), std::string("x, y"));
        QCOMPARE(table.cell(1, "notes"), std::string("say \"hi\""));
        QCOMPARE(table.cell(2, "notes"), std::string("two\nlines"));
        QCOMPARE(table.cell(2, "value"), std::string("3"));
        QCOMPARE(table.lineOf(2), 5);
        QCOMPARE(table.cell(0, "missing"), std::string());
    }

    void malformed_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("where");
        QTest::newRow("unterminated quote") << "id,v\na,\"open\n"
                                            << "line 2";
        QTest::newRow("text after quote") << "id,v\na,\"x\"y\n"
                                          << "line 2";
        QTest::newRow("field count") << "id,v\na,1,2\n"
                                     << "line 2";
        QTest::newRow("empty") << ""
                               << "line 1";
    }
    void malformed() {
        QFETCH(QString, text);
        QFETCH(QString, where);
        try {
            (void)RunsTable::parse(text.toStdString(), "runs.csv");
            QFAIL("no error");
        } catch (const InputError &error) {
            QCOMPARE(QString::fromStdString(error.file()), QString("runs.csv"));
            QVERIFY2(QString::fromStdString(error.field()).startsWith(where), error.what());
        }
    }

    void leadingNumbers_data() {
        QTest::addColumn<QString>("cell");
        QTest::addColumn<double>("value");
        QTest::addColumn<bool>("present");
        QTest::newRow("plain") << "2048" << 2048.0 << true;
        QTest::newRow("annotated") << "8 (one KV group per TP rank)" << 8.0 << true;
        QTest::newRow("approximate thousands") << "~7,000,000" << 7e6 << true;
        QTest::newRow("suffix") << "4M" << 4e6 << true;
        QTest::newRow("decimal") << "37.83" << 37.83 << true;
        QTest::newRow("text") << "not stated" << 0.0 << false;
        QTest::newRow("empty") << "" << 0.0 << false;
        QTest::newRow("list is not thousands") << "8, 16" << 8.0 << true;
    }
    void leadingNumbers() {
        QFETCH(QString, cell);
        QFETCH(double, value);
        QFETCH(bool, present);
        const auto parsed = leadingNumber(cell.toStdString());
        QCOMPARE(parsed.has_value(), present);
        if (present)
            QCOMPARE(*parsed, value);
    }

    void sourceLabels() {
        // Rows citing the same document share the ids' common prefix; a lone row its first token.
        const auto labels = scalescope::models::sourceLabels(
            {"kor22-t5-22B-full", "kor22-530B-dp8", "mlm-readme-h100-1.7B", "mlm-readme-h100-7B",
             "bloom-176b"},
            {"Korthikanti", "Korthikanti", "Megatron README", "Megatron README", "BLOOM"});
        QCOMPARE(labels, (std::vector<std::string>{"kor22", "kor22", "mlm-readme-h100",
                                                   "mlm-readme-h100", "bloom"}));
    }

    void quantiles() {
        // Linear interpolation between order statistics (numpy's default).
        QCOMPARE(quantile({4.0, 1.0, 3.0, 2.0}, 0.5), 2.5);
        QVERIFY(std::abs(quantile({1.0, 2.0, 3.0, 4.0}, 0.9) - 3.7) < 1e-12);
        QCOMPARE(quantile({}, 0.5), 0.0);
    }

    void korthikantiConventionMatchesTheirMfu() {
        // Korthikanti Table 5, 22B (L 48, h 6144, s 2048, V 51200, B 4) with SP + selective:
        // 1.10 s per iteration on 8 A100s and MFU 41.5% of 312 TFLOP/s. Their model-FLOP
        // formula 72 B s L h^2 (1 + s/6h + V/12hL) must give 0.415 x 312 TFLOP/s x 8 x 1.10 s.
        ModelShape model;
        model.layers = 48;
        model.hidden = 6144;
        model.heads = 64;
        model.kvHeads = 64;
        model.ffn = 24576;
        model.vocab = 51200;
        model.seqLen = 2048;
        const ModelArithmetic arithmetic = computeModelArithmetic(model);
        const double flops =
            conventionFlopsPerStep(FlopConvention::KorthikantiModel, model, arithmetic, 4.0);
        QVERIFY(std::abs(flops / (0.415 * 312e12 * 8 * 1.10) - 1.0) < 0.01);
        // The Megatron r0.8.0 counter (full attention) equals 3 x forward of the arithmetic;
        // the NeMo 25.x counter halves the attention scores (causal).
        const double full =
            conventionFlopsPerStep(FlopConvention::MegatronFull, model, arithmetic, 1.0);
        const double causal =
            conventionFlopsPerStep(FlopConvention::NemoCausal, model, arithmetic, 1.0);
        const double attention = 3.0 * 48 * 4.0 * 2048 * 6144 * 2048; // 3 x L x 4 s h x s
        QVERIFY(std::abs((full - causal) / (0.5 * attention) - 1.0) < 1e-9);
    }

    void shippedRunsTable() {
        const std::string data = SCALESCOPE_SOURCE_DATA_DIR;
        const Catalog catalog = loadCatalog({data + "/catalog"});
        const RunsTable table = RunsTable::readFile(data + "/validation/training-runs.csv");
        QCOMPARE(table.rowCount(), std::size_t(106));
        const ValidationReport report = validateRuns(table, catalog);
        // Every row is either compared or listed as skipped with a reason.
        QCOMPARE(report.rows.size() + report.skipped.size(), table.rowCount());
        for (const auto &skipped : report.skipped)
            QVERIFY2(!skipped.reason.empty(), skipped.id.c_str());
        int korthikanti = 0;
        for (const auto &row : report.rows) {
            QVERIFY2(std::isfinite(row.predicted) && row.predicted > 0.0, row.id.c_str());
            korthikanti += row.id.rfind("kor22-t5-", 0) == 0 ? 1 : 0;
        }
        QCOMPARE(korthikanti, 8);
        qInfo("%d rows compared, %d skipped: median |error| %.1f%%, p90 %.1f%%",
              report.summary.rows, int(report.skipped.size()),
              100.0 * report.summary.medianAbsRelativeError,
              100.0 * report.summary.p90AbsRelativeError);
        QVERIFY(report.summary.rows >= 60);
        QVERIFY(report.summary.medianAbsRelativeError <= 0.10);
        for (const auto &source : report.perSource)
            if (source.source == "kor22")
                QVERIFY(source.medianAbsRelativeError <= 0.03);
    }

    void shippedMoeTableParses() {
        // The MoE runs carry the same normalised columns; every row is compared or skipped
        // with a reason, none is a bad cell.
        const std::string data = SCALESCOPE_SOURCE_DATA_DIR;
        const Catalog catalog = loadCatalog({data + "/catalog"});
        const RunsTable table = RunsTable::readFile(data + "/validation/moe-training-runs.csv");
        QCOMPARE(table.rowCount(), std::size_t(40));
        const ValidationReport report = validateRuns(table, catalog);
        QCOMPARE(report.rows.size() + report.skipped.size(), table.rowCount());
        for (const auto &skipped : report.skipped)
            QVERIFY2(!skipped.reason.empty(), skipped.id.c_str());
    }

    void explicitColumns() {
        // One hand-written row: every knob comes from a named column, nothing from phrases.
        const Catalog catalog = loadCatalog({std::string(SCALESCOPE_SOURCE_DATA_DIR) + "/catalog"});
        const RunsTable table = RunsTable::parse(runRow({}), "runs.csv");
        const RunSetupResult result = makeRunSetup(table, 0, catalog);
        QVERIFY2(result.setup, result.skipReason.c_str());
        const RunSetup &setup = *result.setup;
        QCOMPARE(setup.numGpus, 64);
        QCOMPARE(setup.parallelism.tp, 4);
        QCOMPARE(setup.parallelism.pp, 2);
        QCOMPARE(setup.parallelism.dp, 8); // 64 / (4 x 2)
        QCOMPARE(setup.parallelism.vpp, 1);
        QVERIFY(setup.freeInterleaving); // vpp_mode free with pp 2
        QVERIFY(!setup.freeMicroBatch);
        QCOMPARE(setup.parallelism.microBatch, 2);
        QVERIFY(setup.freeRecompute);
        QVERIFY(!setup.freeSequenceParallel);
        QVERIFY(setup.parallelism.sequenceParallel);
        QCOMPARE(setup.parallelism.zeroStage, 1);
        QVERIFY(setup.model.gatedMlp);
        QVERIFY(setup.model.positionEmbedding == PositionEmbedding::Rotary);
        QVERIFY(!setup.model.tiedEmbeddings);
        QVERIFY(setup.model.norm == NormKind::RmsNorm);
        QVERIFY(setup.training.precision == Precision::Fp8);
        QCOMPARE(setup.training.optimizerRecipe, std::string("fp8"));
        QVERIFY(setup.options.attentionKernel == AttentionKernel::Fused);
        QVERIFY(setup.options.overlapGradReduce && setup.options.overlapParamGather);
        QVERIFY(setup.options.tpCommOverlap);
        // The catalog's DGX B200 with the stated 200 Gb/s per GPU = 25 GB/s.
        QCOMPARE(setup.hardware.gpuId, std::string("b200"));
        QCOMPARE(setup.hardware.fabric.scaleOut.bytesPerSecond, 25e9);
        QVERIFY(setup.metric == RunMetric::TflopsPerGpu);
        QVERIFY(setup.convention == FlopConvention::NemoCausal);
        QCOMPARE(setup.published, 1000e12);
        // 512 sequences x 4096 tokens.
        QCOMPARE(setup.training.globalBatchTokens, 512.0 * 4096.0);
    }

    void everyCatalogAcceleratorCanBeValidated_data() {
        QTest::addColumn<QString>("system");
        QTest::addColumn<QString>("accelerator");
        QTest::newRow("H800 (bare accelerator)") << ""
                                                 << "h800-sxm";
        QTest::newRow("B200 system") << "dgx-b200"
                                     << "";
        QTest::newRow("GB300 NVL72") << "gb300-nvl72"
                                     << "";
        QTest::newRow("A100 40GB in a DGX A100") << "dgx-a100"
                                                 << "a100-sxm4-40gb";
    }
    void everyCatalogAcceleratorCanBeValidated() {
        QFETCH(QString, system);
        QFETCH(QString, accelerator);
        const Catalog catalog = loadCatalog({std::string(SCALESCOPE_SOURCE_DATA_DIR) + "/catalog"});
        const std::string precision = accelerator.startsWith("a100") ? "bf16" : "fp8";
        const RunsTable table = RunsTable::parse(
            runRow({{"system_id", system.toStdString()},
                    {"accelerator_id", accelerator.toStdString()},
                    {"gemm_precision", precision},
                    {"fp8_recipe", precision == "bf16" ? "none" : "delayed"},
                    {"optimizer_recipe", precision == "bf16" ? "megatron" : "fp8"}}),
            "runs.csv");
        const RunSetupResult result = makeRunSetup(table, 0, catalog);
        QVERIFY2(result.setup, result.skipReason.c_str());
        const std::string expected = !accelerator.isEmpty()
                                         ? accelerator.toStdString()
                                         : catalog.findSystem(system.toStdString())->gpuId;
        QCOMPARE(result.setup->hardware.gpuId, expected);
        const ValidationRow row = validateSetup(*result.setup);
        QVERIFY2(std::isfinite(row.predicted) && row.predicted > 0.0, row.id.c_str());
    }

    void noCatalogEntryIsSkipped() {
        const Catalog catalog = loadCatalog({std::string(SCALESCOPE_SOURCE_DATA_DIR) + "/catalog"});
        const RunsTable table = RunsTable::parse(
            runRow({{"system_id", ""}, {"accelerator_id", ""}, {"gpu", "Gaudi2"}}), "runs.csv");
        const RunSetupResult result = makeRunSetup(table, 0, catalog);
        QVERIFY(!result.setup);
        QVERIFY2(result.skipReason.find("Gaudi2") != std::string::npos, result.skipReason.c_str());
    }

    void badCells_data() {
        QTest::addColumn<QString>("column");
        QTest::addColumn<QString>("value");
        QTest::newRow("recompute phrase") << "recompute_mode"
                                          << "full (not stated)";
        QTest::newRow("sequence parallel") << "seq_parallel_mode"
                                           << "yes";
        QTest::newRow("vpp") << "vpp_mode"
                             << "interleaved";
        QTest::newRow("micro-batch zero") << "micro_batch_mode"
                                          << "0";
        QTest::newRow("zero stage") << "zero_stage"
                                    << "4";
        QTest::newRow("unknown system") << "system_id"
                                        << "dgx-z9";
        QTest::newRow("unknown accelerator") << "accelerator_id"
                                             << "z9";
        QTest::newRow("scale-out text") << "scaleout_gbps_per_gpu"
                                        << "400 Gb/s";
        QTest::newRow("precision") << "gemm_precision"
                                   << "FP8";
        QTest::newRow("fp8 recipe without fp8") << "fp8_recipe"
                                                << "none";
        QTest::newRow("convention") << "flop_convention"
                                    << "nemo";
        QTest::newRow("workload") << "workload"
                                  << "benchmark";
        QTest::newRow("flag") << "gated_mlp"
                              << "true";
        QTest::newRow("attention") << "attention_kernel"
                                   << "fused";
    }
    void badCells() {
        // A cell outside its column's vocabulary names the file, the line and column, and the
        // row id: "runs.csv: line 2, column C (recompute_mode): row "r1": expected ...".
        QFETCH(QString, column);
        QFETCH(QString, value);
        const Catalog catalog = loadCatalog({std::string(SCALESCOPE_SOURCE_DATA_DIR) + "/catalog"});
        const RunsTable table =
            RunsTable::parse(runRow({{column.toStdString(), value.toStdString()}}), "runs.csv");
        try {
            (void)makeRunSetup(table, 0, catalog);
            QFAIL("no error");
        } catch (const InputError &error) {
            QCOMPARE(QString::fromStdString(error.file()), QString("runs.csv"));
            QVERIFY2(QString::fromStdString(error.field()).startsWith("line 2"), error.what());
            QVERIFY2(QString::fromStdString(error.field()).contains("(" + column + ")"),
                     error.what());
            QVERIFY2(QString::fromStdString(error.reason()).startsWith("row \"r1\""), error.what());
        }
    }

    void missingColumn() {
        const Catalog catalog = loadCatalog({std::string(SCALESCOPE_SOURCE_DATA_DIR) + "/catalog"});
        const RunsTable table = RunsTable::parse(
            "id,gpu,num_gpus,layers,hidden,heads,vocab,seq_len,tp,pp\nr,H100,8,1,64,1,8,8,1,1\n",
            "old.csv");
        try {
            (void)validateRuns(table, catalog);
            QFAIL("no error");
        } catch (const InputError &error) {
            QCOMPARE(QString::fromStdString(error.field()), QString("line 1"));
            QVERIFY2(QString::fromStdString(error.reason()).contains("\"model\""), error.what());
        }
    }
};

QTEST_GUILESS_MAIN(TestTrainingValidation)
#include "tst_training_validation.moc"
