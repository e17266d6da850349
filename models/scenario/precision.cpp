#include "models/scenario/precision.h"

namespace scalescope::models {

std::string_view precisionName(Precision precision) {
    switch (precision) {
    case Precision::Fp32:
        return "fp32";
    case Precision::Tf32:
        return "tf32";
    case Precision::Bf16:
        return "bf16";
    case Precision::Fp8:
        return "fp8";
    case Precision::Fp6:
        return "fp6";
    case Precision::Fp4:
        return "fp4";
    case Precision::Int8:
        return "int8";
    }
    return "bf16";
}

std::optional<Precision> parsePrecision(std::string_view name) {
    if (name == "fp32")
        return Precision::Fp32;
    if (name == "tf32")
        return Precision::Tf32;
    if (name == "bf16" || name == "fp16")
        return Precision::Bf16;
    if (name == "fp8")
        return Precision::Fp8;
    if (name == "fp6")
        return Precision::Fp6;
    if (name == "fp4")
        return Precision::Fp4;
    if (name == "int8")
        return Precision::Int8;
    return std::nullopt;
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
