#include "models/inference/inference_hardware.h"

#include "models/core/input_error.h"
#include "models/planner/planner_context.h"

namespace scalescope::models {

InferenceHardware inferenceHardware(const Catalog &catalog, const HardwareChoice &choice) {
    HardwareContext resolved;
    std::string field;
    std::string reason;
    if (!resolveHardware(choice, catalog, Precision::Bf16, resolved, field, reason))
        throw InputError("", field == "/training/precision" ? "/hardware/gpu" : field, reason);
    const AcceleratorSpec *gpu = catalog.findAccelerator(resolved.gpuId);
    InferenceHardware out;
    out.gpuId = resolved.gpuId;
    out.hbmBytes = resolved.hbmBytes;
    out.hbmBytesPerSecond = gpu->hbmBytesPerSecond;
    out.bf16FlopsPerSecond = gpu->denseFlopsPerSecond(Precision::Bf16);
    out.fp8FlopsPerSecond = gpu->denseFlopsPerSecond(Precision::Fp8);
    out.fp4FlopsPerSecond = gpu->denseFlopsPerSecond(Precision::Fp4);
    out.fabric = resolved.fabric;
    out.powerWatts = gpu->tdpWatts;
    return out;
}

} // namespace scalescope::models
