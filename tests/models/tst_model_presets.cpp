// Shipped model presets: every stable id of docs/catalog.md exists, and the parameter count
// computed from each shape is within 2% of the total (and, for MoE, the per-token count) its source
// publishes. The published numbers are typed here from the sources, independently of the JSON
// files.
#include "models/core/input_error.h"
#include "models/core/json_reader.h"
#include "models/planner/model_arithmetic.h"
#include "models/scenario/model_presets.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace scalescope::models;

namespace {

const std::string kModelsDir = std::string(SCALESCOPE_SOURCE_DATA_DIR) + "/models";

template <typename F> std::string errorOf(F body) {
    try {
        body();
    } catch (const InputError &error) {
        return error.what();
    }
    return "no error";
}

void writeFile(const QString &path, const QByteArray &text) {
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(text);
}

const char *kValidPreset = R"({"schema_version": 1, "kind": "model", "id": "tiny",
    "name": "Tiny", "layers": 2, "hidden": 64, "heads": 4, "kv_heads": 2, "ffn": 256,
    "vocab": 100, "seq_len": 32, "source": "hand-made"})";

} // namespace

class TestModelPresets : public QObject {
    Q_OBJECT

private slots:
    void stableIdsPresent() {
        const ModelPresets presets = loadModelPresets({kModelsDir});
        for (const char *id :
             {"gpt3-175b", "megatron-22b", "megatron-175b", "megatron-530b", "megatron-1t",
              "llama2-7b", "llama2-13b", "llama2-70b", "llama3-8b", "llama3-70b", "llama3.1-405b",
              "mixtral-8x7b", "mixtral-8x22b", "deepseek-v3", "nemotron4-340b", "gpt-moe-1.8t",
              "chinchilla-70b", "gopher-280b"}) {
            const ModelShape *model = presets.find(id);
            QVERIFY2(model != nullptr, id);
            QVERIFY2(!model->source.empty(), id);
            QVERIFY2(model->source.find("http") != std::string::npos, id);
        }
        QCOMPARE(presets.models.size(), std::size_t(18));
    }

    void publishedCounts_data() {
        QTest::addColumn<QString>("id");
        QTest::addColumn<double>("total");
        QTest::addColumn<double>("active"); // 0 = dense
        // GPT-3 paper Table 2.1; Korthikanti et al. 2022 Table 3 names; Llama checkpoints
        // (6.74B, 13.0B, 68.98B, 8.03B, 70.6B); Llama 3 paper 405B; Mixtral paper/blog
        // 46.7B/12.9B and 141B/39B; DeepSeek-V3 report 671B/37B; Nemotron-4 report 340B;
        // Chinchilla 70B; Gopher 280B; NVIDIA's name for GPT-MoE-1.8T.
        QTest::newRow("gpt3-175b") << "gpt3-175b" << 175e9 << 0.0;
        QTest::newRow("megatron-22b") << "megatron-22b" << 22e9 << 0.0;
        QTest::newRow("megatron-175b") << "megatron-175b" << 175e9 << 0.0;
        QTest::newRow("megatron-530b") << "megatron-530b" << 530e9 << 0.0;
        QTest::newRow("megatron-1t") << "megatron-1t" << 1000e9 << 0.0;
        QTest::newRow("llama2-7b") << "llama2-7b" << 6.74e9 << 0.0;
        QTest::newRow("llama2-13b") << "llama2-13b" << 13.0e9 << 0.0;
        QTest::newRow("llama2-70b") << "llama2-70b" << 68.98e9 << 0.0;
        QTest::newRow("llama3-8b") << "llama3-8b" << 8.03e9 << 0.0;
        QTest::newRow("llama3-70b") << "llama3-70b" << 70.6e9 << 0.0;
        QTest::newRow("llama3.1-405b") << "llama3.1-405b" << 405e9 << 0.0;
        QTest::newRow("mixtral-8x7b") << "mixtral-8x7b" << 46.7e9 << 12.9e9;
        QTest::newRow("mixtral-8x22b") << "mixtral-8x22b" << 141e9 << 39e9;
        QTest::newRow("deepseek-v3") << "deepseek-v3" << 671e9 << 37e9;
        QTest::newRow("nemotron4-340b") << "nemotron4-340b" << 340e9 << 0.0;
        QTest::newRow("gpt-moe-1.8t") << "gpt-moe-1.8t" << 1.8e12 << 0.0;
        QTest::newRow("chinchilla-70b") << "chinchilla-70b" << 70e9 << 0.0;
        QTest::newRow("gopher-280b") << "gopher-280b" << 280e9 << 0.0;
    }
    void publishedCounts() {
        QFETCH(QString, id);
        QFETCH(double, total);
        QFETCH(double, active);
        const ModelShape model = loadModelPresetFile(kModelsDir + "/" + id.toStdString() + ".json");
        QCOMPARE(QString::fromStdString(model.id), id);
        const ModelArithmetic m = computeModelArithmetic(model);
        const double totalError = (m.totalParameters - total) / total;
        QVERIFY2(
            std::abs(totalError) <= 0.02,
            qPrintable(QString("computed %1 vs published %2").arg(m.totalParameters).arg(total)));
        // The file's own published figure agrees with the source's (within rounding).
        QVERIFY(std::abs(model.publishedParameters - total) / total < 0.005);
        if (active > 0.0) {
            QVERIFY(model.isMoe());
            const double activeError = (m.activeParameters - active) / active;
            QVERIFY2(std::abs(activeError) <= 0.02,
                     qPrintable(QString("active %1 vs %2").arg(m.activeParameters).arg(active)));
            QVERIFY(std::abs(model.publishedActiveParameters - active) / active < 0.005);
        } else if (!model.isMoe()) {
            QCOMPARE(m.activeParameters, m.totalParameters);
        }
    }

    // Nemotron-4 340B report: 9.4B embedding and 331.6B non-embedding parameters.
    void nemotronSplit() {
        const ModelShape model = loadModelPresetFile(kModelsDir + "/nemotron4-340b.json");
        const ModelArithmetic m = computeModelArithmetic(model);
        QVERIFY(std::abs(m.embeddingParameters() / 1e9 - 9.4) < 0.05);
        QVERIFY(std::abs(m.nonEmbeddingParameters() / 1e9 - 331.6) < 0.05);
    }

    void roundTrip() {
        const ModelPresets presets = loadModelPresets({kModelsDir});
        for (const ModelShape &model : presets.models) {
            const ModelShape again =
                readModelPreset(nlohmann::json::parse(modelPresetToJson(model).dump()), "memory");
            QVERIFY2(again == model, model.id.c_str());
        }
    }

    void validation_data() {
        QTest::addColumn<QString>("patch"); // JSON merged over the valid preset
        QTest::addColumn<QString>("expected");
        QTest::newRow("kv_heads") << R"({"kv_heads": 3})"
                                  << "f.json: /kv_heads: heads (4) must be a multiple of "
                                     "kv_heads (3)";
        QTest::newRow("layers zero") << R"({"layers": 0})"
                                     << "f.json: /layers: must be >= 1, found 0";
        QTest::newRow("hidden negative") << R"({"hidden": -64})"
                                         << "f.json: /hidden: must be >= 1, found -64";
        QTest::newRow("fraction") << R"({"heads": 2.5})"
                                  << "f.json: /heads: expected a whole number, found 2.5";
        QTest::newRow("wrong type") << R"({"vocab": "100"})"
                                    << "f.json: /vocab: expected a number, found string";
        QTest::newRow("missing") << R"({"seq_len": null})"
                                 << "f.json: /seq_len: required whole number is missing";
        QTest::newRow("missing id") << R"({"id": null})"
                                    << "f.json: /id: required string is missing";
        QTest::newRow("bad id") << R"({"id": "Tiny Model"})"
                                << "f.json: /id: \"Tiny Model\" may use only lowercase letters, "
                                   "digits, '.' and '-'";
        QTest::newRow("missing source") << R"({"source": null})"
                                        << "f.json: /source: required string is missing";
        QTest::newRow("unknown field")
            << R"({"kv_head": 2})"
            << "f.json: /kv_head: unknown field (expected one of: schema_version, kind, id, "
               "name, layers, hidden, heads, kv_heads, head_dim, ffn, vocab, seq_len, gated_mlp, "
               "tied_embeddings, position_embedding, norm, linear_biases, moe, mla, "
               "published_parameters, published_active_parameters, source, notes)";
        QTest::newRow("position")
            << R"({"position_embedding": "alibi"})"
            << "f.json: /position_embedding: unknown value \"alibi\" (expected one of: rotary, "
               "learned, relative)";
        QTest::newRow("top_k") << R"({"moe": {"experts": 4, "top_k": 5, "expert_ffn": 8}})"
                               << "f.json: /moe/top_k: must be between 1 and experts (4), got 5";
        QTest::newRow("moe unknown") << R"({"moe": {"experts": 4, "topk": 2}})"
                                     << "f.json: /moe/topk: unknown field (expected one of: "
                                        "experts, top_k, expert_ffn, shared_experts, "
                                        "dense_layers)";
        QTest::newRow("moe type") << R"({"moe": 8})"
                                  << "f.json: /moe: expected an object, found number";
        QTest::newRow("published") << R"({"published_parameters": 0})"
                                   << "f.json: /published_parameters: must be > 0, found 0";
        QTest::newRow("kind") << R"({"kind": "scenario"})"
                              << "f.json: /kind: expected \"model\", found \"scenario\"";
        QTest::newRow("schema") << R"({"schema_version": 2})"
                                << "f.json: /schema_version: unsupported schema version 2 (this "
                                   "build reads 1)";
        QTest::newRow("too large") << R"({"vocab": 3000000000})"
                                   << "f.json: /vocab: too large (at most 2147483647)";
    }
    void validation() {
        QFETCH(QString, patch);
        QFETCH(QString, expected);
        nlohmann::json document = parseJsonText(kValidPreset, "f.json");
        document.merge_patch(nlohmann::json::parse(patch.toStdString()));
        // (merge_patch deletes the members a patch sets to null: that is how "missing" rows
        // remove a field.)
        const std::string text = errorOf([&] { (void)readModelPreset(document, "f.json"); });
        QCOMPARE(QString::fromStdString(text), expected);
    }

    void validPresetDefaults() {
        const ModelShape model = readModelPreset(parseJsonText(kValidPreset, "f.json"), "f.json");
        QCOMPARE(model.kvHeads, 2);
        QVERIFY(!model.gatedMlp && !model.tiedEmbeddings && !model.linearBiases);
        QVERIFY(model.positionEmbedding == PositionEmbedding::Rotary);
        QVERIFY(model.norm == NormKind::RmsNorm);
        nlohmann::json noKv = parseJsonText(kValidPreset, "f.json");
        noKv.erase("kv_heads");
        QCOMPARE(readModelPreset(noKv, "f.json").kvHeads, 4);
    }

    void truncatedFileNamesFile() {
        QTemporaryDir dir;
        const QString path = dir.filePath("broken.json");
        writeFile(path, QByteArray(kValidPreset).left(60));
        const std::string text = errorOf([&] { (void)loadModelPresetFile(path.toStdString()); });
        QVERIFY2(text.rfind(path.toStdString() + ": ", 0) == 0, text.c_str());
        QVERIFY2(text.find("truncated") != std::string::npos, text.c_str());
    }

    void directoriesOverrideById() {
        QTemporaryDir dir;
        const QByteArray text =
            R"json({"schema_version": 1, "kind": "model", "id": "llama3-70b",
                "name": "Llama 3 70B (32K)", "layers": 80, "hidden": 8192, "heads": 64,
                "kv_heads": 8, "ffn": 28672, "vocab": 128256, "seq_len": 32768,
                "gated_mlp": true, "source": "user"})json";
        writeFile(dir.filePath("mine.json"), text);
        writeFile(dir.filePath("tiny.json"), kValidPreset);
        const ModelPresets presets = loadModelPresets({kModelsDir, dir.path().toStdString()});
        QCOMPARE(presets.models.size(), std::size_t(19));
        QCOMPARE(presets.find("llama3-70b")->seqLen, 32768);
        QCOMPARE(presets.find("llama3-70b")->name, std::string("Llama 3 70B (32K)"));
        QVERIFY(presets.find("tiny") != nullptr);
        QCOMPARE(presets.files.back(), dir.filePath("tiny.json").toStdString());
    }

    void duplicateIdInOneDirectory() {
        QTemporaryDir dir;
        writeFile(dir.filePath("a.json"), kValidPreset);
        writeFile(dir.filePath("b.json"), kValidPreset);
        const std::string text =
            errorOf([&] { (void)loadModelPresets({dir.path().toStdString()}); });
        QCOMPARE(QString::fromStdString(text),
                 dir.filePath("b.json") + ": /id: duplicate preset id \"tiny\" in " + dir.path());
    }

    void missingDirectory() {
        const std::string text = errorOf([] { (void)loadModelPresets({"/nonexistent/models"}); });
        QCOMPARE(QString::fromStdString(text),
                 QString("/nonexistent/models: model preset directory does not exist"));
    }
};

QTEST_GUILESS_MAIN(TestModelPresets)
#include "tst_model_presets.moc"
