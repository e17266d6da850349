#pragma once

// Inputs shared by the inference tests (tests/models/tst_inference_*.cpp): the shipped model
// presets and an H100 whose every number is written out by hand, so no catalog value feeds the
// expected results.

#include "models/inference/inference_settings.h"
#include "models/scenario/model_presets.h"

#include <QtGlobal>

#include <string>

namespace scalescope::testing {

/// A shipped preset (data/models/<id>.json); a missing one stops the test.
inline models::ModelShape preset(const std::string &id) {
    const models::ModelShape *shape =
        models::loadModelPresets({std::string(SCALESCOPE_SOURCE_DATA_DIR) + "/models"}).find(id);
    if (shape == nullptr)
        qFatal("missing preset %s", id.c_str());
    return *shape;
}

/// H100 SXM by hand: 80 GiB, 3.35 TB/s, 989.5 / 1979 TFLOP/s dense BF16 / FP8, no FP4, 700 W;
/// NVLink 450 GB/s × 0.8 in 8-GPU domains, 50 GB/s × 0.92 outside; zero latency, so the
/// bandwidth terms are exact.
inline models::InferenceHardware handH100() {
    models::InferenceHardware gpu;
    gpu.gpuId = "hand-h100";
    gpu.hbmBytes = 80.0 * 1024 * 1024 * 1024;
    gpu.hbmBytesPerSecond = 3.35e12;
    gpu.bf16FlopsPerSecond = 989.5e12;
    gpu.fp8FlopsPerSecond = 1979e12;
    gpu.fabric.scaleUp = {450e9, 0.8, 0.0};
    gpu.fabric.scaleOut = {50e9, 0.92, 0.0};
    gpu.fabric.scaleUpDomainGpus = 8;
    gpu.powerWatts = 700.0;
    return gpu;
}

} // namespace scalescope::testing
