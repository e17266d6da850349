// Scenario and workspace files: the shipped default workspace, round trips, one row per
// validation rule with its exact message, and the layout divisibility rules.
#include "models/catalog/catalog.h"
#include "models/core/input_error.h"
#include "models/core/json_reader.h"
#include "models/planner/rank_layout.h"
#include "models/scenario/model_presets.h"
#include "models/scenario/scenario_io.h"
#include "models/scenario/scenario_validation.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

#include <sys/resource.h>

using namespace scalescope::models;

namespace {

const std::string kDataDir = SCALESCOPE_SOURCE_DATA_DIR;

template <typename F> std::string errorOf(F body) {
    try {
        body();
    } catch (const InputError &error) {
        return error.what();
    }
    return "no error";
}

/// The catalog entries the scenarios refer to, filled by hand (the catalog loader is tested on
/// its own): three GPU systems, a SuperPOD that names its GPU through its node, a CPU-only design.
Catalog handCatalog() {
    Catalog catalog;
    for (const char *id : {"h100-sxm", "b200", "gb200"}) {
        AcceleratorSpec gpu;
        gpu.id = id;
        catalog.accelerators.push_back(gpu);
    }
    auto system = [&](const char *id, const char *gpu, int count) {
        SystemSpec s;
        s.id = id;
        s.gpuId = gpu;
        s.gpuCount = count;
        catalog.systems.push_back(s);
    };
    system("dgx-h100", "h100-sxm", 8);
    system("dgx-b200", "b200", 8);
    system("gb200-nvl72", "gb200", 72);
    system("mgx-cpu", "", 0);
    SystemSpec pod;
    pod.id = "superpod-h100";
    pod.kind = SystemKind::Superpod;
    pod.nodeSystemId = "dgx-h100";
    catalog.systems.push_back(pod);
    return catalog;
}

const ModelPresets &presets() {
    static const ModelPresets shipped = loadModelPresets({kDataDir + "/models"});
    return shipped;
}

/// Two valid scenarios; validation rows break the second one ("/scenarios/1/...").
const char *kWorkspace = R"json({
  "schema_version": 1, "kind": "workspace",
  "scenarios": [
    {"name": "A", "model": {"preset": "llama3-8b"}, "hardware": {"gpu": "h100-sxm", "num_gpus": 8}},
    {"name": "B", "mode": "training",
     "model": {"preset": "llama3-70b"},
     "hardware": {"system": "dgx-h100", "num_gpus": 64},
     "parallelism": {"tp": 8, "pp": 4, "dp": 2, "vpp": 5, "zero_stage": 1,
                     "sequence_parallel": true, "recompute": "selective", "micro_batch": 1},
     "training": {"global_batch_tokens": 4194304, "precision": "bf16", "optimizer": "adam",
                  "optimizer_recipe": "megatron", "total_tokens": 15e12},
     "inference": {"batch": 8, "input_len": 2048, "output_len": 128, "precision": "fp8"},
     "economics": {"usd_per_gpu_hour": 2.5, "pue": 1.2}}
  ]})json";

nlohmann::json patched(const QString &pointer, const QString &value) {
    nlohmann::json document = nlohmann::json::parse(kWorkspace);
    const nlohmann::json::json_pointer where(pointer.toStdString());
    if (value == "REMOVE")
        document.at(where.parent_pointer()).erase(where.back());
    else
        document[where] = nlohmann::json::parse(value.toStdString());
    return document;
}

Workspace load(const nlohmann::json &document) {
    return readScenarioDocument(document, "w.json", presets(), handCatalog());
}

Workspace roundTrip(const Workspace &workspace) {
    const std::string text = workspaceToJson(workspace, presets()).dump(2);
    return readScenarioDocument(parseJsonText(text, "saved.json"), "saved.json", presets(),
                                handCatalog());
}

} // namespace

class TestScenarioIo : public QObject {
    Q_OBJECT

private slots:
    void defaultWorkspace() {
        const Workspace w = loadScenarioFile(kDataDir + "/scenarios/default-workspace.json",
                                             presets(), handCatalog());
        QCOMPARE(w.scenarios.size(), std::size_t(4));
        const Scenario &h100 = w.scenarios[0];
        QVERIFY(h100.name.find("64× H100") != std::string::npos);
        QCOMPARE(h100.modelPreset, std::string("llama3-70b"));
        QCOMPARE(h100.model.id, std::string("llama3-70b"));
        QCOMPARE(h100.hardware.gpuId, std::string("h100-sxm"));
        QCOMPARE(w.scenarios[1].hardware.gpuId, std::string("b200"));
        // Llama 3 paper Table 4: TP 8, CP 1, PP 16, DP 64 on 8,192 GPUs, 16M-token batch.
        for (int i : {2, 3}) {
            const Scenario &s = w.scenarios[std::size_t(i)];
            QCOMPARE(s.modelPreset, std::string("llama3.1-405b"));
            QCOMPARE(s.hardware.numGpus, 8192);
            QCOMPARE(s.parallelism.tp, 8);
            QCOMPARE(s.parallelism.cp, 1);
            QCOMPARE(s.parallelism.pp, 16);
            QCOMPARE(s.parallelism.dp, 64);
            QCOMPARE(s.training.globalBatchTokens, 16777216.0);
            QCOMPARE(s.model.seqLen, 8192);
        }
        QCOMPARE(w.scenarios[3].hardware.systemId, std::string("gb200-nvl72"));
        QCOMPARE(w.scenarios[3].hardware.gpuId, std::string("gb200"));
        for (const Scenario &s : w.scenarios) {
            QVERIFY2(layoutProblems(s).empty(), s.name.c_str());
            QVERIFY(!s.notes.empty());
        }
        QCOMPARE(roundTrip(w), w);
    }

    // The shipped workspace against the shipped catalog: every id resolves.
    void defaultWorkspaceWithShippedCatalog() {
        const Catalog catalog = loadCatalog({kDataDir + "/catalog"});
        const Workspace w =
            loadScenarioFile(kDataDir + "/scenarios/default-workspace.json", presets(), catalog);
        QCOMPARE(w.scenarios.size(), std::size_t(4));
        const char *gpus[] = {"h100-sxm", "b200", "h100-sxm", "gb200"};
        for (std::size_t i = 0; i < 4; ++i) {
            QCOMPARE(w.scenarios[i].hardware.gpuId, std::string(gpus[i]));
            QVERIFY(catalog.findAccelerator(w.scenarios[i].hardware.gpuId) != nullptr);
        }
    }

    void roundTripThroughFile() {
        // Preset overrides, a custom model, inference with targets, a bare GPU, MoE edits.
        const char *text = R"json({"schema_version": 1, "kind": "workspace", "name": "mix",
          "notes": "round trip",
          "scenarios": [
            {"name": "long context", "model": {"preset": "llama3-70b", "seq_len": 32768},
             "hardware": {"system": "superpod-h100", "num_gpus": 256},
             "parallelism": {"tp": 8, "pp": 4, "cp": 4, "recompute": "full"},
             "planner": {"rank_order": "tp-cp-pp-dp", "attention_kernel": "unfused",
                         "tp_comm_overlap": true, "overlap_grad_reduce": false,
                         "overlap_param_gather": false, "attention_flops": "causal",
                         "mfu_basis": "bf16", "goodput": 0.9}},
            {"name": "custom", "model": {"name": "Tiny", "layers": 4, "hidden": 512,
              "heads": 8, "ffn": 2048, "vocab": 1000, "seq_len": 1024, "gated_mlp": true,
              "position_embedding": "learned", "norm": "layernorm", "linear_biases": true,
              "tied_embeddings": true, "source": "me", "published_parameters": 1.5e7},
             "hardware": {"gpu": "b200", "num_gpus": 1}},
            {"name": "serve", "mode": "inference",
             "model": {"preset": "mixtral-8x7b", "moe": {"top_k": 1}, "name": "Mixtral top-1"},
             "hardware": {"system": "dgx-b200", "gpu": "b200", "num_gpus": 8},
             "parallelism": {"tp": 2, "ep": 4, "dp": 4},
             "inference": {"objective": "max_throughput", "input_len": 32768,
                           "output_len": 1024, "precision": "fp4", "ttl_ms": 50,
                           "ttft_ms": 5000},
             "economics": {"usd_per_gpu_hour": 0, "pue": 1.1}},
            {"name": "no MLA", "model": {"preset": "deepseek-v3",
              "mla": {"q_lora_rank": 0, "kv_lora_rank": 0, "qk_nope_head_dim": 0,
                      "qk_rope_head_dim": 0, "v_head_dim": 0}, "head_dim": 128},
             "hardware": {"system": "gb200-nvl72", "num_gpus": 72},
             "training": {"precision": "fp8", "optimizer_recipe": "fp8",
                          "optimizer": "adamw"}}
          ]})json";
        const Workspace first = load(parseJsonText(text, "w.json"));
        QTemporaryDir dir;
        const std::string path = dir.filePath("saved.json").toStdString();
        saveScenarioFile(path, first, presets());
        const Workspace second = loadScenarioFile(path, presets(), handCatalog());
        QCOMPARE(second, first);
        // Saving again gives the same bytes.
        QCOMPARE(workspaceToJson(second, presets()).dump(2),
                 workspaceToJson(first, presets()).dump(2));

        const Scenario &longContext = first.scenarios[0];
        PlannerOptions planner;
        planner.rankOrder = *parseRankOrder("tp-cp-pp-dp");
        planner.attentionKernel = AttentionKernel::Unfused;
        planner.tpCommOverlap = true;
        planner.overlapGradReduce = false;
        planner.overlapParamGather = false;
        planner.flopCounting = AttentionFlops::Causal;
        planner.mfuOnBf16Peak = true;
        planner.goodput = 0.9;
        QCOMPARE(longContext.planner, planner);
        // Scenarios without the block keep the defaults and are written without it.
        QCOMPARE(first.scenarios[1].planner, PlannerOptions{});
        QVERIFY(!workspaceToJson(first, presets())["scenarios"][1].contains("planner"));
        QCOMPARE(longContext.parallelism.dp, 2); // 256 / (8 × 4 × 4)
        QCOMPARE(longContext.hardware.gpuId, std::string("h100-sxm"));
        QCOMPARE(longContext.model.id, std::string());
        QCOMPARE(longContext.model.name, std::string("Llama 3 70B (modified)"));
        QCOMPARE(longContext.model.publishedParameters, 0.0);
        QCOMPARE(longContext.modelPreset, std::string("llama3-70b"));
        const Scenario &custom = first.scenarios[1];
        QCOMPARE(custom.model.kvHeads, 8);
        QCOMPARE(custom.model.name, std::string("Tiny"));
        QVERIFY(custom.modelPreset.empty());
        const Scenario &serve = first.scenarios[2];
        QVERIFY(serve.mode == Mode::Inference && serve.inference.maxThroughput);
        QCOMPARE(serve.inference.ttlSeconds, 0.05);
        QCOMPARE(serve.inference.ttftSeconds, 5.0);
        QCOMPARE(serve.model.moe.topK, 1);
        QCOMPARE(serve.model.name, std::string("Mixtral top-1"));
        QVERIFY(!first.scenarios[3].model.mla.enabled());
    }

    void unchangedPresetIsWrittenAsItsId() {
        const Workspace w = load(nlohmann::json::parse(kWorkspace));
        const auto json = scenarioToJson(w.scenarios[1], presets());
        QCOMPARE(json["model"].dump(), std::string(R"({"preset":"llama3-70b"})"));
        QCOMPARE(json["hardware"].dump(), std::string(R"({"system":"dgx-h100","num_gpus":64})"));
        const auto overridden = patched("/scenarios/1/model/seq_len", "4096");
        const auto json2 = scenarioToJson(load(overridden).scenarios[1], presets());
        QCOMPARE(json2["model"].dump(), std::string(R"({"preset":"llama3-70b","seq_len":4096})"));
    }

    void singleScenarioKind() {
        nlohmann::json document = nlohmann::json::parse(kWorkspace)["scenarios"][1];
        document["schema_version"] = 1;
        document["kind"] = "scenario";
        const Workspace w = load(document);
        QCOMPARE(w.scenarios.size(), std::size_t(1));
        QCOMPARE(w.scenarios[0].parallelism.vpp, 5);
        document["hardware"]["system"] = "dgx-h9000";
        QCOMPARE(QString::fromStdString(errorOf([&] { (void)load(document); })),
                 QString("w.json: /hardware/system: unknown system \"dgx-h9000\""));
    }

    void validation_data() {
        QTest::addColumn<QString>("pointer");
        QTest::addColumn<QString>("value"); // JSON, or REMOVE
        QTest::addColumn<QString>("expected");
        const QString s = "/scenarios/1";
        auto row = [&](const char *name, const QString &pointer, const QString &value,
                       const QString &expected) {
            QTest::newRow(name) << pointer << value << "w.json: " + expected;
        };
        row("unknown system", s + "/hardware/system", R"("dgx-h9000")",
            s + "/hardware/system: unknown system \"dgx-h9000\"");
        row("unknown gpu", s + "/hardware/gpu", R"("h900")",
            s + "/hardware/gpu: unknown accelerator \"h900\"");
        row("gpu mismatch", s + "/hardware/gpu", R"("b200")",
            s + "/hardware/gpu: \"b200\" is not the GPU of system \"dgx-h100\" (\"h100-sxm\")");
        row("system without GPU", s + "/hardware/system", R"("mgx-cpu")",
            s + "/hardware/system: system \"mgx-cpu\" has no GPU");
        row("no system or gpu", s + "/hardware/system", "REMOVE",
            s + "/hardware/system: required: a catalog system id (or gpu for a bare "
                "accelerator)");
        row("zero GPUs", s + "/hardware/num_gpus", "0",
            s + "/hardware/num_gpus: must be >= 1, found 0");
        row("GPUs missing", s + "/hardware/num_gpus", "REMOVE",
            s + "/hardware/num_gpus: required whole number is missing");
        row("GPUs fraction", s + "/hardware/num_gpus", "6.5",
            s + "/hardware/num_gpus: expected a whole number, found 6.5");
        row("hardware missing", s + "/hardware", "REMOVE",
            s + "/hardware: required object is missing");
        row("unknown preset", s + "/model/preset", R"("llama5-1t")",
            s + "/model/preset: unknown model preset \"llama5-1t\"");
        row("model missing", s + "/model", "REMOVE", s + "/model: required object is missing");
        row("custom incomplete", s + "/model", R"({"hidden": 512})",
            s + "/model/layers: required without a preset");
        row("override breaks shape", s + "/model/kv_heads", "5",
            s + "/model/kv_heads: heads (64) must be a multiple of kv_heads (5)");
        row("model unknown field", s + "/model/hidden_size", "1",
            s + "/model/hidden_size: unknown field (expected one of: preset, name, layers, "
                "hidden, heads, kv_heads, head_dim, ffn, vocab, seq_len, gated_mlp, "
                "tied_embeddings, position_embedding, norm, linear_biases, moe, mla, "
                "published_parameters, published_active_parameters, source, notes)");
        row("tp zero", s + "/parallelism/tp", "0", s + "/parallelism/tp: must be >= 1, found 0");
        row("dp negative", s + "/parallelism/dp", "-2",
            s + "/parallelism/dp: must be >= 1, found -2");
        row("zero_stage", s + "/parallelism/zero_stage", "4",
            s + "/parallelism/zero_stage: must be 0, 1, 2 or 3, found 4");
        row("recompute", s + "/parallelism/recompute", R"("partial")",
            s + "/parallelism/recompute: unknown value \"partial\" (expected one of: none, "
                "selective, full)");
        row("micro_batch", s + "/parallelism/micro_batch", "0",
            s + "/parallelism/micro_batch: must be >= 1, found 0");
        row("sequence_parallel type", s + "/parallelism/sequence_parallel", R"("yes")",
            s + "/parallelism/sequence_parallel: expected true or false, found string");
        row("parallelism typo", s + "/parallelism/pp_size", "2",
            s + "/parallelism/pp_size: unknown field (expected one of: tp, pp, dp, cp, ep, vpp, "
                "zero_stage, sequence_parallel, recompute, micro_batch)");
        row("training precision", s + "/training/precision", R"("fp6")",
            s + "/training/precision: unknown value \"fp6\" (expected one of: fp32, tf32, bf16, "
                "fp16, fp8, fp4)");
        row("optimizer", s + "/training/optimizer", R"("lion")",
            s + "/training/optimizer: unknown value \"lion\" (expected one of: adam, adamw, sgd)");
        row("optimizer_recipe", s + "/training/optimizer_recipe", R"("apex")",
            s + "/training/optimizer_recipe: unknown value \"apex\" (expected one of: mixed, "
                "megatron, torch-amp, fp8, fp8-primary)");
        row("batch tokens", s + "/training/global_batch_tokens", "-1",
            s + "/training/global_batch_tokens: must be > 0, found -1");
        row("total tokens", s + "/training/total_tokens", "0",
            s + "/training/total_tokens: must be > 0, found 0");
        row("inference precision", s + "/inference/precision", R"("fp2")",
            s + "/inference/precision: unknown value \"fp2\" (expected one of: fp32, bf16, fp16, "
                "fp8, fp6, fp4, int8)");
        row("objective", s + "/inference/objective", R"("min_latency")",
            s + "/inference/objective: unknown value \"min_latency\" (expected one of: "
                "max_throughput)");
        row("ttl", s + "/inference/ttl_ms", "0", s + "/inference/ttl_ms: must be > 0, found 0");
        row("batch", s + "/inference/batch", "0", s + "/inference/batch: must be >= 1, found 0");
        row("pue", s + "/economics/pue", "0.9",
            s + "/economics/pue: must be >= 1 (facility power / IT power)");
        row("price", s + "/economics/usd_per_gpu_hour", "-2",
            s + "/economics/usd_per_gpu_hour: must be >= 0");
        row("price NaN-like", s + "/economics/usd_per_gpu_hour", R"("cheap")",
            s + "/economics/usd_per_gpu_hour: expected a number, found string");
        row("mode", s + "/mode", R"("serving")",
            s + "/mode: unknown value \"serving\" (expected one of: training, inference)");
        row("name", s + "/name", "REMOVE", s + "/name: required string is missing");
        row("scenario typo", s + "/parallelsm", "{}",
            s + "/parallelsm: unknown field (expected one of: schema_version, kind, name, mode, "
                "notes, model, hardware, parallelism, training, inference, economics, planner)");
        row("scenario not object", s, "7", s + ": expected an object, found number");
        row("kind", "/kind", R"("model")",
            "/kind: expected \"scenario\" or \"workspace\", found \"model\"");
        row("planner typo", s + "/planner", R"({"rank-order": "tp-cp-ep-dp-pp"})",
            s + "/planner/rank-order: unknown field (expected one of: rank_order, "
                "attention_kernel, tp_comm_overlap, overlap_grad_reduce, overlap_param_gather, "
                "attention_flops, mfu_basis, goodput)");
        row("rank order", s + "/planner", R"({"rank_order": "dp-tp-cp-pp"})",
            s + "/planner/rank_order: \"dp-tp-cp-pp\" is not a rank order (tp first, then cp, dp "
                "and pp in any order, ep optional right before dp, e.g. \"tp-cp-ep-dp-pp\" or "
                "\"tp-cp-pp-dp\")");
        row("rank order type", s + "/planner", R"({"rank_order": 3})",
            s + "/planner/rank_order: expected a string, found number");
        row("attention kernel", s + "/planner", R"({"attention_kernel": "flash"})",
            s + "/planner/attention_kernel: unknown value \"flash\" (expected one of: fused, "
                "unfused)");
        row("tp overlap type", s + "/planner", R"({"tp_comm_overlap": "yes"})",
            s + "/planner/tp_comm_overlap: expected true or false, found string");
        row("mfu basis", s + "/planner", R"({"mfu_basis": "fp8"})",
            s + "/planner/mfu_basis: unknown value \"fp8\" (expected one of: training, bf16)");
        row("goodput zero", s + "/planner", R"({"goodput": 0})",
            s + "/planner/goodput: must be in (0, 1] (the fraction of wall time that trains), "
                "found 0");
        row("goodput above one", s + "/planner", R"({"goodput": 1.5})",
            s + "/planner/goodput: must be in (0, 1] (the fraction of wall time that trains), "
                "found 1.5");
        row("schema", "/schema_version", "3",
            "/schema_version: unsupported schema version 3 (this build reads 1)");
        row("no scenarios", "/scenarios", "[]",
            "/scenarios: a workspace needs at least one scenario");
        row("scenarios type", "/scenarios", "{}", "/scenarios: expected an array, found object");
    }
    void validation() {
        QFETCH(QString, pointer);
        QFETCH(QString, value);
        QFETCH(QString, expected);
        const nlohmann::json document = patched(pointer, value);
        QCOMPARE(QString::fromStdString(errorOf([&] { (void)load(document); })), expected);
    }

    void truncatedFileNamesFile() {
        QTemporaryDir dir;
        const QString path = dir.filePath("cut.json");
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(kWorkspace).left(200));
        file.close();
        const std::string text =
            errorOf([&] { (void)loadScenarioFile(path.toStdString(), presets(), handCatalog()); });
        QVERIFY2(text.rfind(path.toStdString() + ": ", 0) == 0, text.c_str());
        QVERIFY2(text.find("truncated") != std::string::npos, text.c_str());
        const std::string missing = errorOf(
            [&] { (void)loadScenarioFile("/nonexistent/w.json", presets(), handCatalog()); });
        QCOMPARE(QString::fromStdString(missing),
                 QString("/nonexistent/w.json: cannot open file: No such file or directory"));
    }

    void unwritableFile() {
        const Workspace w = load(nlohmann::json::parse(kWorkspace));
        QCOMPARE(QString::fromStdString(
                     errorOf([&] { saveScenarioFile("/nonexistent/dir/w.json", w, presets()); })),
                 QString("/nonexistent/dir/w.json: cannot create a file in /nonexistent/dir: No "
                         "such file or directory"));
    }

    // A disk that fills up during the save (a file-size limit of 512 bytes, far below the
    // workspace's size): the error says why, the old file is intact, nothing is left behind.
    void fullDiskKeepsTheSavedFile() {
        QTemporaryDir dir;
        const QString path = dir.filePath("w.json");
        const Workspace w = load(nlohmann::json::parse(kWorkspace));
        saveScenarioFile(path.toStdString(), w, presets());
        QFile saved(path);
        QVERIFY(saved.open(QIODevice::ReadOnly));
        const QByteArray before = saved.readAll();
        saved.close();
        QVERIFY(before.size() > 512);
        Workspace renamed = w;
        renamed.name = "renamed before the disk filled up";
        std::string error;
        {
            rlimit usual{};
            QVERIFY(getrlimit(RLIMIT_FSIZE, &usual) == 0);
            const auto handler = std::signal(SIGXFSZ, SIG_IGN); // EFBIG instead of a signal
            rlimit limited = usual;
            limited.rlim_cur = 512;
            QVERIFY(setrlimit(RLIMIT_FSIZE, &limited) == 0);
            error = errorOf([&] { saveScenarioFile(path.toStdString(), renamed, presets()); });
            setrlimit(RLIMIT_FSIZE, &usual);
            std::signal(SIGXFSZ, handler);
        }
        QCOMPARE(QString::fromStdString(error), path + ": cannot write: File too large");
        QVERIFY(saved.open(QIODevice::ReadOnly));
        QCOMPARE(saved.readAll(), before);
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{"w.json"});
    }

    // One row per layout rule (models/scenario/scenario_validation.h) with its exact message.
    void layoutRules_data() {
        QTest::addColumn<QString>("pointer");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("expected");
        const QString s = "/scenarios/1";
        auto row = [&](const char *name, const QString &pointer, const QString &value,
                       const QString &expected) {
            QTest::newRow(name) << pointer << value << "w.json: " + s + "/" + expected;
        };
        row("tp heads", s + "/parallelism/tp", "3",
            "parallelism/tp: tp (3) must divide the attention heads (64)");
        row("tp kv split", s + "/model",
            R"({"preset": "llama3-70b", "heads": 48, "kv_heads": 12, "head_dim": 128})",
            "parallelism/tp: tp (8) and kv_heads (12) must divide one another: KV heads are "
            "split over tp ranks or each replicated on tp / kv_heads ranks");
        row("tp ffn", s + "/model/ffn", "28676",
            "parallelism/tp: tp (8) must divide the FFN width (28676)");
        row("pp layers", s + "/model/layers", "3",
            "parallelism/pp: pp (4) exceeds the layers (3): every pipeline stage needs at least "
            "one layer");
        row("vpp layers", s + "/parallelism/vpp", "3",
            "parallelism/vpp: layers (80) must be divisible by pp × vpp = 4 × 3 for interleaved "
            "stages");
        row("gpu product", s + "/parallelism/dp", "3",
            "parallelism/dp: tp × pp × dp × cp = 8 × 4 × 3 × 1 = 96 must equal "
            "hardware.num_gpus (64)");
        row("ep dense", s + "/parallelism/ep", "2",
            "parallelism/ep: ep (2) needs a mixture-of-experts model; this one is dense");
        row("cp sequence", s + "/model/seq_len", "8190",
            "parallelism/cp: seq_len (8190) must be divisible by 2 × cp = 4 (load-balanced "
            "causal chunks)");
        row("whole sequences", s + "/training/global_batch_tokens", "4194000",
            "training/global_batch_tokens: 4194000 tokens is not a whole number of 8192-token "
            "sequences");
        row("micro steps", s + "/parallelism/micro_batch", "3",
            "training/global_batch_tokens: 512 sequences per step are not divisible by "
            "micro_batch × dp = 3 × 2");
        row("interleaved micro-batches", s + "/training/global_batch_tokens", "98304",
            "parallelism/vpp: the interleaved schedule needs the micro-batches per step (6) to "
            "be a multiple of pp (4)");
    }
    void layoutRules() {
        QFETCH(QString, pointer);
        QFETCH(QString, value);
        QFETCH(QString, expected);
        nlohmann::json document = patched(pointer, value);
        if (QString(QTest::currentDataTag()) == "cp sequence") {
            document["scenarios"][1]["parallelism"]["cp"] = 2;
            document["scenarios"][1]["parallelism"]["dp"] = 1;
        }
        const Workspace w = load(document);
        QVERIFY(layoutProblems(w.scenarios[0]).empty());
        const Scenario &s = w.scenarios[1];
        QCOMPARE(
            QString::fromStdString(errorOf([&] { validateLayout(s, "w.json", "/scenarios/1"); })),
            expected);
        const auto problems = layoutProblems(s);
        QVERIFY(!problems.empty());
        QCOMPARE("w.json: /scenarios/1/" +
                     QString::fromStdString(problems[0].field + ": " + problems[0].reason),
                 expected);
        QVERIFY(firstViolatedLayoutRule(s.model, s.parallelism, s.hardware.numGpus, s.mode,
                                        s.training.globalBatchTokens)
                    .has_value());
    }

    void moeLayoutRules_data() {
        QTest::addColumn<int>("ep");
        QTest::addColumn<int>("dp");
        QTest::addColumn<QString>("expected"); // empty = valid
        // Mixtral 8x7B (8 experts) on 64 GPUs with tp 8, pp 1: dp = 8.
        QTest::newRow("ep 8") << 8 << 8 << "";
        QTest::newRow("ep 3") << 3 << 8 << "parallelism/ep: ep (3) must divide the experts (8)";
        QTest::newRow("dp too small")
            << 8 << 4
            << "parallelism/dp: tp × pp × dp × cp = 8 × 1 × 4 × 1 = 32 must "
               "equal hardware.num_gpus (64)";
    }
    void moeLayoutRules() {
        QFETCH(int, ep);
        QFETCH(int, dp);
        QFETCH(QString, expected);
        Scenario s;
        s.model = *presets().find("mixtral-8x7b");
        s.hardware.numGpus = 64;
        s.parallelism.tp = 8;
        s.parallelism.dp = dp;
        s.parallelism.ep = ep;
        s.training.globalBatchTokens = 32768.0 * 64;
        const auto problems = layoutProblems(s);
        if (expected.isEmpty()) {
            QVERIFY(problems.empty());
        } else {
            QVERIFY(!problems.empty());
            QCOMPARE(QString::fromStdString(problems[0].field + ": " + problems[0].reason),
                     expected);
        }
        // ep must also come out of dp × cp.
        s.parallelism.dp = 2;
        s.parallelism.pp = 4;
        s.parallelism.ep = 4;
        const auto ranks = layoutProblems(s);
        QVERIFY(!ranks.empty());
        QCOMPARE(QString::fromStdString(ranks[0].reason),
                 QString("ep (4) must divide dp × cp = 2 × 1: expert-parallel ranks are taken "
                         "from the data- and context-parallel ranks"));
    }

    void mqaReplicatesKvHeads() {
        Scenario s;
        s.model = *presets().find("llama3-8b");
        s.model.kvHeads = 1; // MQA: one KV head replicated on every tp rank
        s.hardware.numGpus = 8;
        s.parallelism.tp = 8;
        s.training.globalBatchTokens = 8192.0 * 8;
        QVERIFY(layoutProblems(s).empty());
    }
};

QTEST_GUILESS_MAIN(TestScenarioIo)
#include "tst_scenario_io.moc"
