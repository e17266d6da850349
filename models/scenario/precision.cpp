#include "models/scenario/precision.h"

namespace scalescope::models {

std::string_view precisionName(Precision precision) {
    return enumName(precision);
}

std::optional<Precision> parsePrecision(std::string_view name) {
    if (name == "fp16") // same width and same tensor-core peak as bf16
        return Precision::Bf16;
    return parseEnum<Precision>(name);
}

double bytesPerElement(Precision precision) {
    switch (precision) {
    case Precision::Fp32:
    case Precision::Tf32:
        return 4.0;
    case Precision::Bf16:
        return 2.0;
    case Precision::Fp8:
    case Precision::Int8:
        return 1.0;
    case Precision::Fp6:
        return 0.75;
    case Precision::Fp4:
        return 0.5;
    }
    return 2.0;
}

} // namespace scalescope::models
