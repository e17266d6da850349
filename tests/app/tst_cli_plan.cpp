// End-to-end tests of `scalescope plan` and `scalescope validate`: the built binary run through
// QProcess on scenario files and runs tables written here.

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include "tests/support/cli_runner.h"

namespace {

/// A kind "scenario" file: Llama 3 8B on one DGX H100, with `parallelism` and `training`
/// members spliced in.
QByteArray scenarioFile(const QString &parallelism, const QString &training = {},
                        const QString &hardware = "\"system\": \"dgx-h100\", \"num_gpus\": 8") {
    return QString(R"({
  "schema_version": 1, "kind": "scenario", "name": "Llama 3 8B on 8 H100",
  "mode": "training",
  "model": { "preset": "llama3-8b" },
  "hardware": { %1 },
  "parallelism": { %2 },
  "training": { "global_batch_tokens": 1048576, "total_tokens": 1e12 %3 }
})")
        .arg(hardware, parallelism, training)
        .toUtf8();
}

} // namespace

/// The normalised columns of a runs table (data/validation/README.md), in the shipped order.
const QByteArray kNormalisedHeader =
    "workload,system_id,accelerator_id,scaleout_gbps_per_gpu,arch_family,gated_mlp,"
    "position_embedding,tied_embeddings,norm,linear_biases,layer_details_from,recompute_mode,"
    "seq_parallel_mode,vpp_mode,micro_batch_mode,zero_stage,dp_overlap,tp_overlap,"
    "attention_kernel,gemm_precision,fp8_recipe,optimizer_recipe,framework_norm,flop_convention";

class TestCliPlan : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    scalescope::testing::CliRun run(const QStringList &arguments) {
        return scalescope::testing::runScalescope(
            arguments, scalescope::testing::cliEnvironment(m_dir.path()));
    }

    QString write(const QString &name, const QByteArray &bytes) {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return {};
        file.write(bytes);
        return path;
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void planJson() {
        const QString path = write(
            "ok.json", scenarioFile(R"("tp": 1, "dp": 8, "zero_stage": 1, "recompute": "full")"));
        const scalescope::testing::CliRun r = run({"plan", path, "--json"});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject document = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(document["schema_version"].toInt(), 1);
        const QJsonObject result = document["results"].toArray().first().toObject();
        QCOMPARE(result["name"].toString(), QString("Llama 3 8B on 8 H100"));
        // Llama 3 8B: 8.03e9 parameters (Meta's model card: 8B).
        QVERIFY(qAbs(result["model"].toObject()["parameters"].toDouble() / 8.03e9 - 1) < 0.01);
        const QJsonObject memory = result["memory_per_gpu_bytes"].toObject();
        const double sum = memory["weights"].toDouble() + memory["gradients"].toDouble() +
                           memory["optimizer"].toDouble() + memory["activations"].toDouble() +
                           memory["kv_cache"].toDouble() + memory["other"].toDouble();
        QVERIFY(qAbs(sum / memory["total"].toDouble() - 1.0) < 1e-9);
        // megatron recipe, distributed optimizer over 8: 2 + 4 + 12/8 B per parameter.
        QVERIFY(qAbs(memory["optimizer"].toDouble() / (1.5 * 8.03e9) - 1.0) < 0.01);
        // Usable HBM of an "80 GB" H100: 80 GiB (nvidia-smi reports 81,559 MiB).
        QCOMPARE(result["hbm_bytes"].toDouble(), 80.0 * 1073741824.0);
        const QJsonObject step = result["step"].toObject();
        QVERIFY(step["time_s"].toDouble() > 0.0);
        QVERIFY(step["time_s"].toDouble() >= step["compute_s"].toDouble());
        const QJsonObject throughput = result["throughput"].toObject();
        // tokens/s x step time = 1,048,576 tokens.
        QVERIFY(qAbs(throughput["tokens_per_s"].toDouble() * step["time_s"].toDouble() / 1048576.0 -
                     1.0) < 1e-9);
        const double mfu = throughput["mfu"].toDouble();
        QVERIFY(mfu > 0.1 && mfu < 0.8);
        QVERIFY(throughput["mfu_basis"].toString().contains("bf16"));
        QVERIFY(result["training"].toObject()["days"].toDouble() > 0.0);
        QVERIFY(result["explanations"].toObject().contains("memory.activations"));
        QVERIFY(r.err.isEmpty());
    }

    void planTable() {
        const QString path = write("table.json", scenarioFile(R"("tp": 2, "dp": 4)"));
        const scalescope::testing::CliRun r = run({"plan", path});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("Memory per GPU"));
        QVERIFY(r.out.contains("pipeline bubble"));
        QVERIFY(r.out.contains("MFU"));
    }

    void mfuBasis() {
        const QString path =
            write("fp8.json", scenarioFile(R"("tp": 1, "dp": 8)", R"(, "precision": "fp8")"));
        const scalescope::testing::CliRun fp8 = run({"plan", path, "--json"});
        const scalescope::testing::CliRun bf16 =
            run({"plan", path, "--json", "--mfu-basis", "bf16"});
        QCOMPARE(fp8.exitCode, 0);
        QCOMPARE(bf16.exitCode, 0);
        const auto throughput = [](const scalescope::testing::CliRun &r) {
            return QJsonDocument::fromJson(r.out.toUtf8())
                .object()["results"]
                .toArray()
                .first()
                .toObject()["throughput"]
                .toObject();
        };
        QVERIFY(throughput(fp8)["mfu_basis"].toString().startsWith("fp8"));
        QVERIFY(throughput(bf16)["mfu_basis"].toString().startsWith("bf16"));
        // The same FLOP/s over a peak half as large (989.5 vs 1,979 TFLOP/s).
        QVERIFY(qAbs(throughput(bf16)["mfu"].toDouble() / throughput(fp8)["mfu"].toDouble() - 2.0) <
                1e-3);
    }

    void plannerBlockOfTheScenario() {
        // The file's "planner" block is used by plan; --mfu-basis on the command line wins.
        const QByteArray plain = scenarioFile(R"("tp": 1, "dp": 8)", R"(, "precision": "fp8")");
        QByteArray withBlock = plain;
        withBlock.replace(
            R"("mode": "training",)",
            R"("mode": "training", "planner": {"mfu_basis": "bf16", "goodput": 0.5},)");
        QVERIFY(withBlock != plain);
        const auto first = [](const scalescope::testing::CliRun &r) {
            return QJsonDocument::fromJson(r.out.toUtf8())
                .object()["results"]
                .toArray()
                .first()
                .toObject();
        };
        const scalescope::testing::CliRun base =
            run({"plan", write("plain.json", plain), "--json"});
        const QString blockPath = write("block.json", withBlock);
        const scalescope::testing::CliRun block = run({"plan", blockPath, "--json"});
        const scalescope::testing::CliRun overridden =
            run({"plan", blockPath, "--json", "--mfu-basis", "training"});
        QCOMPARE(base.exitCode, 0);
        QCOMPARE(block.exitCode, 0);
        QCOMPARE(overridden.exitCode, 0);
        const double mfu = first(base)["throughput"].toObject()["mfu"].toDouble();
        // MFU against the BF16 peak: the same FLOP/s over half the FP8 peak.
        QVERIFY(qAbs(first(block)["throughput"].toObject()["mfu"].toDouble() / mfu - 2.0) < 1e-3);
        QVERIFY(qAbs(first(overridden)["throughput"].toObject()["mfu"].toDouble() / mfu - 1.0) <
                1e-9);
        // Goodput 0.5: half the wall time trains, so the run takes twice as long.
        const double days = first(base)["training"].toObject()["days"].toDouble();
        QVERIFY(qAbs(first(block)["training"].toObject()["days"].toDouble() / days - 2.0) < 1e-9);
        // A bad block exits 2 naming the field.
        QByteArray bad = plain;
        bad.replace(R"("mode": "training",)", R"("mode": "training", "planner": {"goodput": 2},)");
        const scalescope::testing::CliRun badRun = run({"plan", write("bad.json", bad)});
        QCOMPARE(badRun.exitCode, 2);
        QVERIFY2(badRun.err.contains("/planner/goodput: must be in (0, 1]"),
                 qPrintable(badRun.err));
    }

    void badInput_data() {
        QTest::addColumn<QByteArray>("file");
        QTest::addColumn<QString>("field");
        QTest::newRow("tp does not divide heads")
            << scenarioFile(R"("tp": 3, "dp": 1)", {}, R"("system": "dgx-h100", "num_gpus": 3)")
            << "/parallelism/tp";
        QTest::newRow("pp exceeds layers")
            << scenarioFile(R"("pp": 64, "dp": 1)", {}, R"("system": "dgx-h100", "num_gpus": 64)")
            << "/parallelism/pp";
        QTest::newRow("zero GPUs")
            << scenarioFile(R"("dp": 1)", {}, R"("system": "dgx-h100", "num_gpus": 0)")
            << "/hardware/num_gpus";
        QTest::newRow("batch not divisible by micro-batch x dp")
            << scenarioFile(R"("dp": 8, "micro_batch": 3)") << "global_batch_tokens";
        QTest::newRow("unknown system")
            << scenarioFile(R"("dp": 8)", {}, R"("system": "dgx-h999", "num_gpus": 8)")
            << "/hardware/system";
        QTest::newRow("GPU count") << scenarioFile(R"("tp": 2, "dp": 8)") << "/parallelism/dp";
    }
    void badInput() {
        QFETCH(QByteArray, file);
        QFETCH(QString, field);
        const QString path = write("bad.json", file);
        const scalescope::testing::CliRun r = run({"plan", path, "--json"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.out.isEmpty());
        QVERIFY2(r.err.startsWith("error: ") && r.err.contains(path) && r.err.contains(field),
                 qPrintable(r.err));
        QCOMPARE(r.err.count('\n'), 1);
    }

    void validateSmallTable() {
        // Korthikanti 22B selective (129.5 TFLOP/s model FLOPs) and a TPU row (skipped: its
        // tp x pp x dp is 3,072, not its 6,144 chips). Normalised columns as
        // data/validation/README.md defines them.
        const QByteArray csv =
            "id,year,run_kind,model,layers,hidden,heads,kv_heads,ffn,vocab,seq_len,gpu,"
            "gpu_mem_GB,num_gpus,tp,pp,dp,vpp,zero_or_fsdp,seq_parallel,recompute,micro_batch,"
            "global_batch_seqs,precision,framework,tflops_per_gpu,tflops_convention," +
            kNormalisedHeader +
            "\n"
            "kor22-t5-22B-selective,2022,benchmark,GPT-style (Megatron) 22B,48,6144,64,64,24576,"
            "51200,2048,A100,80,8,8,1,1,1,none,yes,\"selective (attention core) + sequence "
            "parallelism\",4,4,mixed 16-bit,Megatron-LM,129.5,\"MFU uses model FLOPs "
            "72*B*L*s*h^2*(1+s/(6h)+v/(12hL))\","
            "pretraining,dgx-a100,,,gpt,no,learned,yes,layernorm,yes,preset megatron-22b,"
            "selective,on,1,4,0,no,no,unfused,bf16,none,megatron,megatron-lm,korthikanti-model\n"
            "palm,2022,full production run,PaLM,118,18432,48,1,73728,256000,2048,TPU v4,,6144,12,"
            "1,256,,,,,,,BF16,JAX,,,"
            "pretraining,,tpu-v4,,other,no,learned,yes,layernorm,yes,family other,full,off,1,"
            "free,0,no,no,unfused,bf16,none,megatron,t5x,palm-model\n";
        const QString path = write("runs.csv", csv);
        const scalescope::testing::CliRun r = run({"validate", path, "--json"});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject document = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(document["schema_version"].toInt(), 1);
        const QJsonArray rows = document["rows"].toArray();
        QCOMPARE(rows.size(), 1);
        const QJsonObject row = rows.first().toObject();
        QCOMPARE(row["metric"].toString(), QString("tflops_per_gpu"));
        QCOMPARE(row["published"].toDouble(), 129.5);
        QVERIFY(qAbs(row["relative_error"].toDouble()) < 0.05);
        const QJsonArray skipped = document["skipped"].toArray();
        QCOMPARE(skipped.size(), 1);
        QCOMPARE(skipped.first().toObject()["id"].toString(), QString("palm"));
        QVERIFY(skipped.first().toObject()["reason"].toString().contains("GPU count"));
        QCOMPARE(document["summary"].toObject()["rows"].toInt(), 1);

        // A phrase where a normalised value belongs: exit 2, one line naming the file, the
        // column and the row.
        QByteArray bad = csv;
        bad.replace(",selective,on,1,4,", ",selective (attention core),on,1,4,");
        const scalescope::testing::CliRun e = run({"validate", write("bad.csv", bad)});
        QCOMPARE(e.exitCode, 2);
        QVERIFY2(e.err.contains("bad.csv") && e.err.contains("(recompute_mode)") &&
                     e.err.contains("kor22-t5-22B-selective"),
                 qPrintable(e.err));
        QCOMPARE(e.err.count('\n'), 1);
    }

    void validateDefaultsToTheShippedTable() {
        // No file: data/validation/training-runs.csv (106 rows, each compared or skipped).
        const scalescope::testing::CliRun r = run({"validate", "--json"});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject document = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(document["rows"].toArray().size() + document["skipped"].toArray().size(), 106);
    }

    void validateMalformedTable() {
        const QString path = write("broken.csv", "id,gpu\nx,\"A100\n");
        const scalescope::testing::CliRun r = run({"validate", path});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("line 2"), qPrintable(r.err));
        const QString missing = write("missing.csv", "id,gpu\nx,A100\n");
        const scalescope::testing::CliRun m = run({"validate", missing});
        QCOMPARE(m.exitCode, 2);
        QVERIFY2(m.err.contains("missing column"), qPrintable(m.err));
    }
};

QTEST_GUILESS_MAIN(TestCliPlan)
#include "tst_cli_plan.moc"
