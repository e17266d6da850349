// Model arithmetic against independent numbers: published formulas written out by hand,
// published parameter counts and hand calculations in the comments.
//
// [1] Narayanan et al. 2021 (arXiv:2104.04473): sec. 5.1 parameter formula and Table 1 sizes;
//     eq. 3 FLOPs per iteration with full recomputation.
// [2] Korthikanti et al. 2022 (arXiv:2205.05198): App. A model FLOPs; Table 3 shapes.
// [3] Megatron-LM r0.8.0 num_floating_point_operations() (GQA, SwiGLU, MoE).
// [4] Hugging Face checkpoints' parameter counts; the runs README §5 (Llama 2 70B = 68.98e9).
// [5] Mistral AI, "Mixtral of experts" (2023-12-11): 46.7B total, 12.9B per token.
// [6] DeepSeek-V3 Technical Report (arXiv:2412.19437), abstract: 671B total, 37B activated.
#include "models/core/input_error.h"
#include "models/planner/model_arithmetic.h"
#include "tests/support/numeric_checks.h"

#include <QTest>

#include <cmath>

using namespace scalescope::models;
using scalescope::testing::relativeError;

namespace {

/// A Megatron GPT shape as in [1] and [2]: FFN 4h, biases, LayerNorm, learned positions, tied.
ModelShape gpt(int layers, int hidden, int heads, int vocab = 51200, int seq = 2048) {
    ModelShape s;
    s.layers = layers;
    s.hidden = hidden;
    s.heads = heads;
    s.kvHeads = heads;
    s.ffn = 4 * hidden;
    s.vocab = vocab;
    s.seqLen = seq;
    s.gatedMlp = false;
    s.tiedEmbeddings = true;
    s.positionEmbedding = PositionEmbedding::Learned;
    s.norm = NormKind::LayerNorm;
    s.linearBiases = true;
    return s;
}

/// A Llama shape: SwiGLU, RMSNorm, no biases, rotary, untied.
ModelShape llama(int layers, int hidden, int heads, int kvHeads, int ffn, int vocab, int seq) {
    ModelShape s;
    s.layers = layers;
    s.hidden = hidden;
    s.heads = heads;
    s.kvHeads = kvHeads;
    s.ffn = ffn;
    s.vocab = vocab;
    s.seqLen = seq;
    s.gatedMlp = true;
    return s;
}

ModelShape mixtral8x7b() {
    ModelShape s = llama(32, 4096, 32, 8, 14336, 32000, 32768);
    s.moe = {8, 2, 14336, 0, 0};
    return s;
}

ModelShape deepseekV3() {
    ModelShape s = llama(61, 7168, 128, 128, 18432, 129280, 4096);
    s.moe = {256, 8, 2048, 1, 3};
    s.mla = {1536, 512, 128, 64, 128};
    return s;
}

} // namespace

class TestModelArithmetic : public QObject {
    Q_OBJECT

private slots:
    // [1] sec. 5.1: P = 12·l·h²·(1 + 13/(12h) + (V+s)/(12·l·h)), plus the final LayerNorm's 2h
    // that the formula leaves out; and the size column of Table 1 (one decimal).
    void narayananParameters_data() {
        QTest::addColumn<int>("layers");
        QTest::addColumn<int>("hidden");
        QTest::addColumn<int>("heads");
        QTest::addColumn<double>("tableBillions");
        QTest::newRow("1.7B") << 24 << 2304 << 24 << 1.7;
        QTest::newRow("18.4B") << 40 << 6144 << 48 << 18.4;
        QTest::newRow("145.6B") << 80 << 12288 << 96 << 145.6;
        QTest::newRow("529.6B") << 105 << 20480 << 128 << 529.6;
        QTest::newRow("1008B") << 128 << 25600 << 160 << 1008.0;
    }
    void narayananParameters() {
        QFETCH(int, layers);
        QFETCH(int, hidden);
        QFETCH(int, heads);
        QFETCH(double, tableBillions);
        const double l = layers, h = hidden, v = 51200, s = 2048;
        const double formula =
            12 * l * h * h * (1 + 13 / (12 * h) + (v + s) / (12 * l * h)) + 2 * h;
        const ModelArithmetic m = computeModelArithmetic(gpt(layers, hidden, heads));
        QCOMPARE(m.totalParameters, formula);
        QVERIFY2(std::abs(m.totalParameters / 1e9 - tableBillions) <= 0.05,
                 qPrintable(QString::number(m.totalParameters / 1e9)));
        QCOMPARE(m.activeParameters, m.totalParameters);
    }

    // [1] eq. 3: F = 96·B·s·l·h²·(1 + s/(6h) + V/(16·l·h)) per iteration with full recompute;
    // the 72·(…V/(12·l·h)) form is the model-FLOP count (no recompute) [2].
    void narayananFlops_data() { narayananParameters_data(); }
    void narayananFlops() {
        QFETCH(int, layers);
        QFETCH(int, hidden);
        QFETCH(int, heads);
        const double l = layers, h = hidden, v = 51200, s = 2048, batch = 1536;
        const double hardware = 96 * batch * s * l * h * h * (1 + s / (6 * h) + v / (16 * l * h));
        const double model = 72 * batch * s * l * h * h * (1 + s / (6 * h) + v / (12 * l * h));
        const ModelArithmetic m = computeModelArithmetic(gpt(layers, hidden, heads));
        const double tokens = batch * s;
        QVERIFY(
            relativeError(tokens * m.hardwareFlopsPerToken(AttentionFlops::Full, Recompute::Full),
                          hardware) < 1e-12);
        QVERIFY(relativeError(tokens * m.modelFlopsPerToken(AttentionFlops::Full), model) < 1e-12);
        QVERIFY(
            relativeError(tokens * m.hardwareFlopsPerToken(AttentionFlops::Full, Recompute::None),
                          model) < 1e-12);
    }

    // [2] App. A model FLOPs 72·B·s·l·h²·(1 + s/(6h) + v/(12·h·l)) for the Table 3 shapes.
    // Selective recompute re-runs Q·Kᵀ and ·V forward once: + 4·B·s²·h per layer (hand).
    // (The paper prints its hardware count as 1 + s/(3h), i.e. + 12·B·s²·h per layer; its
    // Table 5 HFU uses that. We count the one forward that is actually recomputed.)
    void korthikantiFlops_data() {
        QTest::addColumn<int>("layers");
        QTest::addColumn<int>("hidden");
        QTest::addColumn<int>("heads");
        QTest::addColumn<double>("batch");
        QTest::newRow("22B") << 48 << 6144 << 64 << 4.0;
        QTest::newRow("175B") << 96 << 12288 << 96 << 64.0;
        QTest::newRow("530B") << 105 << 20480 << 128 << 280.0;
        QTest::newRow("1T") << 128 << 25600 << 160 << 512.0;
    }
    void korthikantiFlops() {
        QFETCH(int, layers);
        QFETCH(int, hidden);
        QFETCH(int, heads);
        QFETCH(double, batch);
        const double l = layers, h = hidden, v = 51200, s = 2048;
        const double model = 72 * batch * s * l * h * h * (1 + s / (6 * h) + v / (12 * h * l));
        const double selective = model + 4 * batch * s * s * h * l;
        const ModelArithmetic m = computeModelArithmetic(gpt(layers, hidden, heads));
        const double tokens = batch * s;
        QVERIFY(relativeError(tokens * m.modelFlopsPerToken(AttentionFlops::Full), model) < 1e-12);
        QVERIFY(relativeError(
                    tokens * m.hardwareFlopsPerToken(AttentionFlops::Full, Recompute::Selective),
                    selective) < 1e-12);
    }

    // [3] for Llama 3 70B, B = 1, s = 8192, L = 80, h = 8192, a = 64, g = 8, q = a·d = 8192,
    // f = 28672, V = 128256, SwiGLU, one expert:
    //   12·s·L·h²·[(1 + 8/64 + 8192/8192)·1 + (28672/8192)·1·1.5 + 128256/(2·80·8192)]
    //   = 12·8192·80·8192²·[2.125 + 5.25 + 0.0978515625]
    //   = 5.2776558133248e14 · 7.4728515625 = 3,943,913,849,094,144 FLOPs per sequence.
    void megatronCoreLlama3_70b() {
        const double bracket = 2.125 + 5.25 + 128256.0 / (2.0 * 80 * 8192);
        const double expected = 12.0 * 8192 * 80 * 8192.0 * 8192.0 * bracket;
        QCOMPARE(expected, 3943913849094144.0);
        const ModelArithmetic m =
            computeModelArithmetic(llama(80, 8192, 64, 8, 28672, 128256, 8192));
        QVERIFY(relativeError(8192 * m.modelFlopsPerToken(AttentionFlops::Full), expected) < 1e-12);
        // Causal halving [4 in the header] removes half of the s/h term: 12·s·L·h²·0.5.
        const double causal = expected - 12.0 * 8192 * 80 * 8192.0 * 8192.0 * 0.5;
        QVERIFY(relativeError(8192 * m.modelFlopsPerToken(AttentionFlops::Causal), causal) < 1e-12);
    }

    // [3] with MoE: the MLP term is (f/h)·k·(3/2) per layer, i.e. top-k experts per token.
    // Mixtral 8x7B, s = 4096: 12·s·L·h²·[(1 + 8/32 + 4096/4096) + 3.5·2·1.5 + 32000/(2·32·4096)]
    // plus the router 3·2·E·h per token per layer, which [3] leaves out.
    void megatronCoreMixtral() {
        const double h = 4096, s = 4096, L = 32;
        const double bracket = 2.25 + 3.5 * 2 * 1.5 + 32000.0 / (2.0 * L * h);
        const double expected = 12.0 * s * L * h * h * bracket + s * L * 6.0 * 8 * h;
        const ModelArithmetic m = computeModelArithmetic(mixtral8x7b());
        QVERIFY(relativeError(s * m.modelFlopsPerToken(AttentionFlops::Full, s), expected) < 1e-12);
    }

    // Exact counts of the released checkpoints [4]. Llama 2 7B by hand:
    //   embeddings 2·32000·4096 = 262,144,000; per layer 4·4096² + 3·4096·11008 + 2·4096
    //   = 67,108,864 + 135,266,304 + 8,192 = 202,383,360; × 32 = 6,476,267,520;
    //   + final norm 4,096 → 6,738,415,616.
    void checkpointCounts_data() {
        QTest::addColumn<int>("layers");
        QTest::addColumn<int>("hidden");
        QTest::addColumn<int>("heads");
        QTest::addColumn<int>("kvHeads");
        QTest::addColumn<int>("ffn");
        QTest::addColumn<int>("vocab");
        QTest::addColumn<double>("expected");
        QTest::newRow("Llama 2 7B") << 32 << 4096 << 32 << 32 << 11008 << 32000 << 6738415616.0;
        QTest::newRow("Llama 2 13B") << 40 << 5120 << 40 << 40 << 13824 << 32000 << 13015864320.0;
        QTest::newRow("Llama 2 70B") << 80 << 8192 << 64 << 8 << 28672 << 32000 << 68976648192.0;
        QTest::newRow("Llama 3 8B") << 32 << 4096 << 32 << 8 << 14336 << 128256 << 8030261248.0;
        QTest::newRow("Llama 3 70B") << 80 << 8192 << 64 << 8 << 28672 << 128256 << 70553706496.0;
    }
    void checkpointCounts() {
        QFETCH(int, layers);
        QFETCH(int, hidden);
        QFETCH(int, heads);
        QFETCH(int, kvHeads);
        QFETCH(int, ffn);
        QFETCH(int, vocab);
        QFETCH(double, expected);
        const ModelArithmetic m =
            computeModelArithmetic(llama(layers, hidden, heads, kvHeads, ffn, vocab, 4096));
        QCOMPARE(m.totalParameters, expected);
    }

    void llama2_70bMatchesRunsReadme() {
        const ModelArithmetic m =
            computeModelArithmetic(llama(80, 8192, 64, 8, 28672, 32000, 4096));
        QVERIFY(std::abs(m.totalParameters / 1e9 - 68.98) < 0.005);
    }

    // Published totals and per-token actives of MoE models [5], [6].
    void moeTotals_data() {
        QTest::addColumn<QString>("model");
        QTest::addColumn<double>("total");
        QTest::addColumn<double>("active");
        QTest::addColumn<double>("tolerance");
        QTest::newRow("Mixtral 8x7B") << "mixtral" << 46.7e9 << 12.9e9 << 0.005;
        QTest::newRow("DeepSeek-V3") << "deepseek" << 671e9 << 37e9 << 0.02;
    }
    void moeTotals() {
        QFETCH(QString, model);
        QFETCH(double, total);
        QFETCH(double, active);
        QFETCH(double, tolerance);
        const ModelArithmetic m =
            computeModelArithmetic(model == "mixtral" ? mixtral8x7b() : deepseekV3());
        QVERIFY2(relativeError(m.totalParameters, total) < tolerance,
                 qPrintable(QString::number(m.totalParameters)));
        QVERIFY2(relativeError(m.activeParameters, active) < tolerance,
                 qPrintable(QString::number(m.activeParameters)));
    }

    // DeepSeek-V3 MLA layer by hand (h 7168, a 128, r_q 1536, r_kv 512, nope 128, rope 64, v 128):
    //   q: 7168·1536 + 1536 (norm) + 1536·128·192 = 11,010,048 + 1,536 + 37,748,736
    //   kv: 7168·576 + 512 (norm) + 512·128·256 = 4,128,768 + 512 + 16,777,216
    //   o: 128·128·7168 = 117,440,512                     → 187,107,328
    // MoE layer: (256 + 1)·3·7168·2048 + 256·7168 = 11,318,329,344 + 1,835,008 (router)
    //   = 11,320,164,352; active (8 + 1)·3·7168·2048 + router.
    void deepseekLayers() {
        const ModelArithmetic m = computeModelArithmetic(deepseekV3());
        QCOMPARE(m.denseLayer.attention, 187107328.0);
        QCOMPARE(m.moeLayer.attention, 187107328.0);
        QCOMPARE(m.denseLayers, 3);
        QCOMPARE(m.moeLayers, 58);
        QCOMPARE(m.denseLayer.mlp, 3.0 * 7168 * 18432);
        QCOMPARE(m.moeLayer.mlp, 11320164352.0);
        QCOMPARE(m.moeLayer.mlpActive, 9.0 * 3 * 7168 * 2048 + 256.0 * 7168);
        QCOMPARE(m.moeLayer.norms, 2.0 * 7168);
        // Attention core: 2·a·(d_qk + d_v) = 2·128·(192 + 128) per key.
        QCOMPARE(m.attentionCoreFlopsPerKey, 81920.0);
    }

    // GQA/MQA and MLP variants by hand, h = 4096, a = 32, d = 128, f = 11008.
    void attentionAndMlpVariants_data() {
        QTest::addColumn<int>("kvHeads");
        QTest::addColumn<bool>("gated");
        QTest::addColumn<double>("attention");
        QTest::addColumn<double>("mlp");
        // MHA: 4h² = 67,108,864; MQA: 2h² + 2·h·128 = 34,603,008; GQA 8: 2h² + 2·h·1024.
        QTest::newRow("MHA gated") << 32 << true << 67108864.0 << 3.0 * 4096 * 11008;
        QTest::newRow("GQA-8 gated") << 8 << true << 41943040.0 << 3.0 * 4096 * 11008;
        QTest::newRow("MQA plain") << 1 << false << 34603008.0 << 2.0 * 4096 * 11008;
    }
    void attentionAndMlpVariants() {
        QFETCH(int, kvHeads);
        QFETCH(bool, gated);
        QFETCH(double, attention);
        QFETCH(double, mlp);
        ModelShape s = llama(2, 4096, 32, kvHeads, 11008, 1000, 64);
        s.gatedMlp = gated;
        const ModelArithmetic m = computeModelArithmetic(s);
        QCOMPARE(m.denseLayer.attention, attention);
        QCOMPARE(m.denseLayer.mlp, mlp);
        QCOMPARE(m.denseLayer.norms, 2.0 * 4096);
        QCOMPARE(m.denseLayer.matmulWeightsActive, attention + mlp);
    }

    void embeddings_data() {
        QTest::addColumn<bool>("tied");
        QTest::addColumn<int>("position");
        QTest::addColumn<double>("embedding");
        // V = 1000, h = 256, s = 64.
        QTest::newRow("untied rotary") << false << int(PositionEmbedding::Rotary) << 512000.0;
        QTest::newRow("tied rotary") << true << int(PositionEmbedding::Rotary) << 256000.0;
        QTest::newRow("tied learned") << true << int(PositionEmbedding::Learned) << 272384.0;
        QTest::newRow("untied relative") << false << int(PositionEmbedding::Relative) << 512000.0;
    }
    void embeddings() {
        QFETCH(bool, tied);
        QFETCH(int, position);
        QFETCH(double, embedding);
        ModelShape s = llama(2, 256, 4, 4, 1024, 1000, 64);
        s.tiedEmbeddings = tied;
        s.positionEmbedding = PositionEmbedding(position);
        const ModelArithmetic m = computeModelArithmetic(s);
        QCOMPARE(m.embeddingParameters(), embedding);
        // Relative positions add W_R (h × a·d = 256²) to every layer's attention.
        const double attention = 4.0 * 256 * 256 * (position == 2 ? 1.25 : 1.0);
        QCOMPARE(m.denseLayer.attention, attention);
        QCOMPARE(m.nonEmbeddingParameters(), m.totalParameters - embedding);
    }

    // Llama 3 paper: 126 layers over 16 stages, one layer fewer on the first and last.
    void stageSplit_data() {
        QTest::addColumn<int>("layers");
        QTest::addColumn<int>("pp");
        QTest::addColumn<QList<int>>("counts");
        QTest::newRow("126/16") << 126 << 16
                                << QList<int>{7, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 7};
        QTest::newRow("80/4 even") << 80 << 4 << QList<int>{20, 20, 20, 20};
        QTest::newRow("61/4") << 61 << 4 << QList<int>{15, 16, 15, 15};
        QTest::newRow("7/4 last gets one") << 7 << 4 << QList<int>{1, 2, 2, 2};
        QTest::newRow("pp 1") << 5 << 1 << QList<int>{5};
    }
    void stageSplit() {
        QFETCH(int, layers);
        QFETCH(int, pp);
        QFETCH(QList<int>, counts);
        int first = 0;
        for (int stage = 0; stage < pp; ++stage) {
            QCOMPARE(stageLayerCount(layers, pp, stage), counts[stage]);
            QCOMPARE(stageFirstLayer(layers, pp, stage), first);
            first += counts[stage];
        }
        QCOMPARE(first, layers);
    }

    void stageParameters() {
        // Untied: the stages partition the model exactly.
        const ModelArithmetic m = computeModelArithmetic(deepseekV3());
        double sum = 0.0, flops = 0.0;
        for (int stage = 0; stage < 16; ++stage) {
            const PipelineStage s = pipelineStage(m, 16, stage);
            sum += s.parameters;
            flops += stageForwardFlopsPerToken(m, s, AttentionFlops::Causal, 4096);
        }
        QVERIFY(relativeError(sum, m.totalParameters) < 1e-15);
        QVERIFY(relativeError(flops, m.forwardFlopsPerToken(AttentionFlops::Causal)) < 1e-15);
        // 61 = 3 + 4·13 + 3·2: stage 0 holds layers 0-2 (the dense ones) and the embedding.
        const PipelineStage first = pipelineStage(m, 16, 0);
        QCOMPARE(first.denseLayers, 3);
        QCOMPARE(first.moeLayers, 0);
        QCOMPARE(first.embeddingParameters, 129280.0 * 7168);
        const PipelineStage second = pipelineStage(m, 16, 1);
        QCOMPARE(second.firstLayer, 3);
        QCOMPARE(second.moeLayers, 4);
        const PipelineStage last = pipelineStage(m, 16, 15);
        QVERIFY(last.holdsOutputLayer && !last.holdsInputEmbedding);
        QCOMPARE(last.parameters, 129280.0 * 7168 + 7168 + 3 * m.moeLayer.total());

        // Tied and pp > 1: the last stage keeps a copy of the table (Megatron).
        const ModelArithmetic g = computeModelArithmetic(gpt(96, 12288, 96));
        double tiedSum = 0.0;
        for (int stage = 0; stage < 8; ++stage)
            tiedSum += pipelineStage(g, 8, stage).parameters;
        QCOMPARE(tiedSum, g.totalParameters + 51200.0 * 12288);
        QCOMPARE(pipelineStage(g, 1, 0).parameters, g.totalParameters);
    }

    void stageArgumentsChecked() {
        QVERIFY_THROWS_EXCEPTION(std::logic_error, (void)stageLayerCount(8, 0, 0));
        QVERIFY_THROWS_EXCEPTION(std::logic_error, (void)stageLayerCount(8, 4, 4));
        QVERIFY_THROWS_EXCEPTION(std::logic_error, (void)stageFirstLayer(8, 4, -1));
    }

    // Recompute and convention relations for Llama 2 7B (s = 4096), by hand:
    // core per layer per token forward, full = 4·s·h = 4·4096·4096 = 67,108,864.
    void recomputeAndConvention() {
        const ModelArithmetic m =
            computeModelArithmetic(llama(32, 4096, 32, 32, 11008, 32000, 4096));
        const double core = 4.0 * 4096 * 4096;
        QCOMPARE(m.attentionCoreForwardFlops(AttentionFlops::Full, 4096), core);
        QCOMPARE(m.attentionCoreForwardFlops(AttentionFlops::Causal, 4096), core / 2);
        const double fwd = m.forwardFlopsPerToken(AttentionFlops::Full);
        // 2·(N − embeddings − norms) + 32·core + 2·h·V
        const double matmul = 32 * (4.0 * 4096 * 4096 + 3.0 * 4096 * 11008);
        QCOMPARE(fwd, 2 * matmul + 32 * core + 2.0 * 4096 * 32000);
        QCOMPARE(m.backwardFlopsPerToken(AttentionFlops::Full, 4096), 2 * fwd);
        QCOMPARE(m.hardwareFlopsPerToken(AttentionFlops::Full, Recompute::None), 3 * fwd);
        QCOMPARE(m.hardwareFlopsPerToken(AttentionFlops::Full, Recompute::Selective),
                 3 * fwd + 32 * core);
        QCOMPARE(m.hardwareFlopsPerToken(AttentionFlops::Full, Recompute::Full),
                 4 * fwd - 2.0 * 4096 * 32000);
        QCOMPARE(m.forwardFlopsPerToken(AttentionFlops::Full) -
                     m.forwardFlopsPerToken(AttentionFlops::Causal),
                 32 * core / 2);
    }

    void shapeProblems_data() {
        QTest::addColumn<QString>("change");
        QTest::addColumn<QString>("expected");
        QTest::newRow("layers") << "layers"
                                << "layers: must be >= 1 (got 0)";
        QTest::newRow("hidden") << "hidden"
                                << "hidden: must be >= 1 (got -1)";
        QTest::newRow("kv_heads zero") << "kv0"
                                       << "kv_heads: must be >= 1 (got 0)";
        QTest::newRow("kv_heads divides")
            << "kv5"
            << "kv_heads: heads (32) must be a multiple of kv_heads (5)";
        QTest::newRow("head_dim needed")
            << "heads"
            << "heads: hidden (4096) is not divisible by heads (48); give head_dim "
               "explicitly";
        QTest::newRow("ffn") << "ffn"
                             << "ffn: must be >= 1 for dense layers (got 0)";
        QTest::newRow("vocab") << "vocab"
                               << "vocab: must be >= 1 (got 0)";
        QTest::newRow("seq_len") << "seq"
                                 << "seq_len: must be >= 1 (got 0)";
        QTest::newRow("top_k") << "topk"
                               << "moe/top_k: must be between 1 and experts (8), got 9";
        QTest::newRow("expert_ffn") << "effn"
                                    << "moe/expert_ffn: must be >= 1 (got 0)";
        QTest::newRow("dense_layers")
            << "dense"
            << "moe/dense_layers: must be between 0 and layers (32), got 33";
        QTest::newRow("moe without experts") << "noexperts"
                                             << "moe/experts: MoE fields are set but experts is 0";
        QTest::newRow("mla incomplete") << "mla"
                                        << "mla/kv_lora_rank: must be >= 1 (got 0)";
    }
    void shapeProblems() {
        QFETCH(QString, change);
        QFETCH(QString, expected);
        ModelShape s = mixtral8x7b();
        if (change == "layers")
            s.layers = 0;
        else if (change == "hidden")
            s.hidden = -1;
        else if (change == "kv0")
            s.kvHeads = 0;
        else if (change == "kv5")
            s.kvHeads = 5;
        else if (change == "heads")
            s.heads = s.kvHeads = 48;
        else if (change == "ffn")
            s = llama(2, 64, 2, 2, 0, 10, 8);
        else if (change == "vocab")
            s.vocab = 0;
        else if (change == "seq")
            s.seqLen = 0;
        else if (change == "topk")
            s.moe.topK = 9;
        else if (change == "effn")
            s.moe.expertFfn = 0;
        else if (change == "dense")
            s.moe.denseLayers = 33;
        else if (change == "noexperts")
            s.moe.experts = 0;
        else if (change == "mla")
            s.mla.vHeadDim = 128;
        const auto problem = checkModelShape(s);
        QVERIFY(problem.has_value());
        QCOMPARE(QString::fromStdString(problem->field + ": " + problem->reason), expected);
        try {
            (void)computeModelArithmetic(s);
            QFAIL("no exception");
        } catch (const InputError &error) {
            // An input problem of the scenario's model block, not a bug.
            QCOMPARE(QString::fromStdString(error.field()),
                     "model/" + QString::fromStdString(problem->field));
            QCOMPARE(QString::fromStdString(error.reason()),
                     QString::fromStdString(problem->reason));
            QCOMPARE(QString::fromUtf8(error.what()), "<input>: model/" + expected);
        }
    }

    void validShapesPass() {
        QVERIFY(!checkModelShape(deepseekV3()).has_value());
        QVERIFY(!checkModelShape(mixtral8x7b()).has_value());
        QVERIFY(!checkModelShape(gpt(96, 12288, 96)).has_value());
    }
};

QTEST_GUILESS_MAIN(TestModelArithmetic)
#include "tst_model_arithmetic.moc"
