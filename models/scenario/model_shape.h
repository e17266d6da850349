#pragma once

#include <string>
#include <vector>

namespace scalescope::models {

/// How token positions enter the model. Only `Learned` and `Relative` carry parameters.
enum class PositionEmbedding {
    Rotary,  ///< RoPE: parameter-free rotation of queries and keys
    Learned, ///< absolute table of `seqLen × hidden` (GPT-2/3, Megatron GPT)
    Relative ///< Transformer-XL relative encoding: one `hidden × heads·headDim` projection per
             ///< layer (Gopher, Chinchilla)
};

/// The normalisation layers: LayerNorm carries a gain and a bias per channel, RMSNorm a gain.
enum class NormKind { RmsNorm, LayerNorm };

/// Mixture-of-experts layout; `experts == 0` means a dense model.
struct MoeShape {
    int experts = 0;       ///< routed experts per MoE layer
    int topK = 0;          ///< routed experts per token
    int expertFfn = 0;     ///< FFN width of one expert
    int sharedExperts = 0; ///< always-on experts of width `expertFfn` (DeepSeek)
    int denseLayers = 0;   ///< first layers that are dense (FFN width `ModelShape::ffn`)
    bool operator==(const MoeShape &) const = default;
};

/// Multi-head latent attention (DeepSeek-V2/V3); all zero means ordinary (GQA/MHA) attention.
struct MlaShape {
    int qLoraRank = 0;
    int kvLoraRank = 0;
    int qkNopeHeadDim = 0;
    int qkRopeHeadDim = 0;
    int vHeadDim = 0;
    [[nodiscard]] bool enabled() const { return kvLoraRank > 0; }
    bool operator==(const MlaShape &) const = default;
};

/// A decoder-only transformer, as in data/models/*.json and a scenario's `model` block.
struct ModelShape {
    std::string id;   ///< preset id ("llama3-70b"), empty for a custom model
    std::string name; ///< "Llama 3 70B"
    int layers = 0;
    int hidden = 0;
    int heads = 0;
    int kvHeads = 0; ///< = heads for MHA, 1 for MQA
    int headDim = 0; ///< 0 means hidden / heads
    int ffn = 0;     ///< dense FFN width
    int vocab = 0;
    int seqLen = 0;              ///< training sequence length [tokens]
    bool gatedMlp = false;       ///< SwiGLU-style: three FFN matrices instead of two
    bool tiedEmbeddings = false; ///< output layer shares the input embedding
    PositionEmbedding positionEmbedding = PositionEmbedding::Rotary;
    NormKind norm = NormKind::RmsNorm;
    bool linearBiases = false; ///< every projection has a bias vector (GPT-2/3, Megatron GPT)
    MoeShape moe;
    MlaShape mla;
    double publishedParameters = 0.0;       ///< total as published [params]; 0 = unknown
    double publishedActiveParameters = 0.0; ///< per token as published (MoE) [params]; 0 = unknown
    std::string source;                     ///< where the shape comes from
    std::string notes;

    [[nodiscard]] bool isMoe() const { return moe.experts > 0; }
    [[nodiscard]] int effectiveHeadDim() const { return headDim > 0 ? headDim : hidden / heads; }
    bool operator==(const ModelShape &) const = default;
};

} // namespace scalescope::models
