#include "models/planner/model_arithmetic.h"

#include "models/core/input_error.h"

#include <algorithm>
#include <stdexcept>

namespace scalescope::models {

namespace {

std::string str(long long value) {
    return std::to_string(value);
}

std::optional<ShapeProblem> positive(const std::string &field, long long value) {
    if (value < 1)
        return ShapeProblem{field, "must be >= 1 (got " + str(value) + ")"};
    return std::nullopt;
}

std::optional<ShapeProblem> nonNegative(const std::string &field, long long value) {
    if (value < 0)
        return ShapeProblem{field, "must be >= 0 (got " + str(value) + ")"};
    return std::nullopt;
}

std::optional<ShapeProblem> checkMoe(const ModelShape &shape) {
    const MoeShape &moe = shape.moe;
    if (auto p = nonNegative("moe/experts", moe.experts))
        return p;
    if (moe.experts == 0) {
        if (moe.topK != 0 || moe.expertFfn != 0 || moe.sharedExperts != 0 || moe.denseLayers != 0)
            return ShapeProblem{"moe/experts", "MoE fields are set but experts is 0"};
        return std::nullopt;
    }
    if (moe.topK < 1 || moe.topK > moe.experts)
        return ShapeProblem{"moe/top_k", "must be between 1 and experts (" + str(moe.experts) +
                                             "), got " + str(moe.topK)};
    if (auto p = positive("moe/expert_ffn", moe.expertFfn))
        return p;
    if (auto p = nonNegative("moe/shared_experts", moe.sharedExperts))
        return p;
    if (moe.denseLayers < 0 || moe.denseLayers > shape.layers)
        return ShapeProblem{"moe/dense_layers", "must be between 0 and layers (" +
                                                    str(shape.layers) + "), got " +
                                                    str(moe.denseLayers)};
    return std::nullopt;
}

std::optional<ShapeProblem> checkMla(const MlaShape &mla) {
    const bool any = mla.qLoraRank != 0 || mla.kvLoraRank != 0 || mla.qkNopeHeadDim != 0 ||
                     mla.qkRopeHeadDim != 0 || mla.vHeadDim != 0;
    if (!any)
        return std::nullopt;
    if (auto p = positive("mla/kv_lora_rank", mla.kvLoraRank))
        return p;
    if (auto p = nonNegative("mla/q_lora_rank", mla.qLoraRank))
        return p;
    if (auto p = positive("mla/qk_nope_head_dim", mla.qkNopeHeadDim))
        return p;
    if (auto p = nonNegative("mla/qk_rope_head_dim", mla.qkRopeHeadDim))
        return p;
    return positive("mla/v_head_dim", mla.vHeadDim);
}

struct AttentionCounts {
    double parameters = 0.0;    // weights + biases + internal norms
    double matmulWeights = 0.0; // weights only
    double coreFlopsPerKey = 0.0;
};

AttentionCounts attentionCounts(const ModelShape &shape, double normPerChannel) {
    const double h = shape.hidden;
    const double a = shape.heads;
    AttentionCounts out;
    double biases = 0.0;
    if (shape.mla.enabled()) {
        const MlaShape &m = shape.mla;
        const double qHead = double(m.qkNopeHeadDim) + m.qkRopeHeadDim;
        const double qOut = a * qHead;
        const double kvUp = a * (double(m.qkNopeHeadDim) + m.vHeadDim);
        const double kvDown = double(m.kvLoraRank) + m.qkRopeHeadDim;
        double weights = 0.0;
        double norms = normPerChannel * m.kvLoraRank;
        if (m.qLoraRank > 0) {
            weights += h * m.qLoraRank + double(m.qLoraRank) * qOut;
            norms += normPerChannel * m.qLoraRank;
            biases += m.qLoraRank + qOut;
        } else {
            weights += h * qOut;
            biases += qOut;
        }
        weights += h * kvDown + double(m.kvLoraRank) * kvUp + a * m.vHeadDim * h;
        biases += kvDown + kvUp + h;
        out.matmulWeights = weights;
        out.parameters = weights + norms;
        out.coreFlopsPerKey = 2.0 * a * (qHead + m.vHeadDim);
    } else {
        const double d = shape.effectiveHeadDim();
        const double q = a * d;
        const double kv = double(shape.kvHeads) * d;
        out.matmulWeights = 2.0 * h * q + 2.0 * h * kv;
        biases = q + 2.0 * kv + h;
        out.parameters = out.matmulWeights;
        out.coreFlopsPerKey = 4.0 * q;
    }
    if (shape.linearBiases)
        out.parameters += biases;
    if (shape.positionEmbedding == PositionEmbedding::Relative) {
        // Transformer-XL W_R: projects the relative position encodings into key space.
        const double wr = h * a * shape.effectiveHeadDim();
        out.matmulWeights += wr;
        out.parameters += wr;
    }
    return out;
}

struct MlpCounts {
    double weights = 0.0;
    double parameters = 0.0; // weights + biases
};

MlpCounts mlpCounts(const ModelShape &shape, double ffn) {
    const double h = shape.hidden;
    const double matrices = shape.gatedMlp ? 3.0 : 2.0;
    MlpCounts out;
    out.weights = matrices * h * ffn;
    out.parameters = out.weights;
    if (shape.linearBiases)
        out.parameters += (matrices - 1.0) * ffn + h;
    return out;
}

} // namespace

std::optional<ShapeProblem> checkModelShape(const ModelShape &shape) {
    if (auto p = positive("layers", shape.layers))
        return p;
    if (auto p = positive("hidden", shape.hidden))
        return p;
    if (auto p = positive("heads", shape.heads))
        return p;
    if (auto p = positive("kv_heads", shape.kvHeads))
        return p;
    if (shape.kvHeads > shape.heads || shape.heads % shape.kvHeads != 0)
        return ShapeProblem{"kv_heads", "heads (" + str(shape.heads) +
                                            ") must be a multiple of kv_heads (" +
                                            str(shape.kvHeads) + ")"};
    if (auto p = nonNegative("head_dim", shape.headDim))
        return p;
    if (shape.headDim == 0 && shape.hidden % shape.heads != 0)
        return ShapeProblem{"heads", "hidden (" + str(shape.hidden) +
                                         ") is not divisible by heads (" + str(shape.heads) +
                                         "); give head_dim explicitly"};
    if (auto p = nonNegative("ffn", shape.ffn))
        return p;
    if (auto p = positive("vocab", shape.vocab))
        return p;
    if (auto p = positive("seq_len", shape.seqLen))
        return p;
    if (auto p = checkMoe(shape))
        return p;
    const bool hasDenseLayers = !shape.isMoe() || shape.moe.denseLayers > 0;
    if (hasDenseLayers && shape.ffn < 1)
        return ShapeProblem{"ffn", "must be >= 1 for dense layers (got " + str(shape.ffn) + ")"};
    return checkMla(shape.mla);
}

ModelArithmetic computeModelArithmetic(const ModelShape &shape) {
    if (auto problem = checkModelShape(shape))
        throw InputError("", "model/" + problem->field, problem->reason);

    const double h = shape.hidden;
    const double v = shape.vocab;
    const double normPerChannel = shape.norm == NormKind::LayerNorm ? 2.0 : 1.0;

    ModelArithmetic m;
    m.layers = shape.layers;
    m.moeLayers = shape.isMoe() ? shape.layers - shape.moe.denseLayers : 0;
    m.denseLayers = shape.layers - m.moeLayers;
    m.hidden = shape.hidden;
    m.vocab = shape.vocab;
    m.seqLen = shape.seqLen;
    m.tiedEmbeddings = shape.tiedEmbeddings;

    const AttentionCounts attention = attentionCounts(shape, normPerChannel);
    const double layerNorms = 2.0 * normPerChannel * h;

    if (m.denseLayers > 0) {
        const MlpCounts mlp = mlpCounts(shape, shape.ffn);
        m.denseLayer.attention = attention.parameters;
        m.denseLayer.mlp = mlp.parameters;
        m.denseLayer.mlpActive = mlp.parameters;
        m.denseLayer.norms = layerNorms;
        m.denseLayer.matmulWeightsActive = attention.matmulWeights + mlp.weights;
    }
    if (m.moeLayers > 0) {
        const MoeShape &moe = shape.moe;
        const MlpCounts expert = mlpCounts(shape, moe.expertFfn);
        const double router = double(moe.experts) * h;
        m.moeLayer.attention = attention.parameters;
        m.moeLayer.mlp = (double(moe.experts) + moe.sharedExperts) * expert.parameters + router;
        m.moeLayer.mlpActive = (double(moe.topK) + moe.sharedExperts) * expert.parameters + router;
        m.moeLayer.norms = layerNorms;
        m.moeLayer.matmulWeightsActive = attention.matmulWeights +
                                         (double(moe.topK) + moe.sharedExperts) * expert.weights +
                                         router;
    }

    m.inputEmbeddingParameters = v * h;
    m.outputLayerParameters = shape.tiedEmbeddings ? 0.0 : v * h;
    m.positionEmbeddingParameters =
        shape.positionEmbedding == PositionEmbedding::Learned ? double(shape.seqLen) * h : 0.0;
    m.finalNormParameters = normPerChannel * h;

    const double shared = m.embeddingParameters() + m.finalNormParameters;
    m.totalParameters =
        shared + m.denseLayers * m.denseLayer.total() + m.moeLayers * m.moeLayer.total();
    m.activeParameters =
        shared + m.denseLayers * m.denseLayer.active() + m.moeLayers * m.moeLayer.active();

    m.attentionCoreFlopsPerKey = attention.coreFlopsPerKey;
    m.logitFlopsPerToken = 2.0 * h * v;
    return m;
}

int stageLayerCount(int layers, int pp, int stage) {
    if (pp < 1 || stage < 0 || stage >= pp) // the caller's loop is wrong: a bug
        throw std::logic_error("pipeline stage " + str(stage) + " of " + str(pp) +
                               " does not exist");
    const int base = layers / pp;
    const int remainder = layers % pp;
    return base + (stage >= 1 && stage <= remainder ? 1 : 0);
}

int stageFirstLayer(int layers, int pp, int stage) {
    (void)stageLayerCount(layers, pp, stage); // validates the arguments
    const int base = layers / pp;
    const int remainder = layers % pp;
    return stage * base + std::clamp(stage - 1, 0, remainder);
}

PipelineStage pipelineStage(const ModelArithmetic &model, int pp, int stage) {
    PipelineStage s;
    s.layerCount = stageLayerCount(model.layers, pp, stage);
    s.firstLayer = stageFirstLayer(model.layers, pp, stage);
    s.denseLayers = std::clamp(model.denseLayers - s.firstLayer, 0, s.layerCount);
    s.moeLayers = s.layerCount - s.denseLayers;
    s.holdsInputEmbedding = stage == 0;
    s.holdsOutputLayer = stage == pp - 1;

    if (s.holdsInputEmbedding)
        s.embeddingParameters += model.inputEmbeddingParameters + model.positionEmbeddingParameters;
    if (s.holdsOutputLayer) {
        // Tied and split over stages: the last stage keeps a copy of the word embedding.
        const bool tiedCopy = model.tiedEmbeddings && pp > 1;
        s.embeddingParameters +=
            tiedCopy ? model.inputEmbeddingParameters : model.outputLayerParameters;
    }
    const double finalNorm = s.holdsOutputLayer ? model.finalNormParameters : 0.0;
    s.parameters = s.embeddingParameters + finalNorm + s.denseLayers * model.denseLayer.total() +
                   s.moeLayers * model.moeLayer.total();
    s.activeParameters = s.embeddingParameters + finalNorm +
                         s.denseLayers * model.denseLayer.active() +
                         s.moeLayers * model.moeLayer.active();
    return s;
}

} // namespace scalescope::models
