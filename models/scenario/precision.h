#pragma once

#include "models/core/enum_names.h"

#include <optional>
#include <string>
#include <string_view>

namespace scalescope::models {

/// Numeric formats a GPU computes or stores in. Names match scenario files and the catalog.
enum class Precision { Fp32, Tf32, Bf16, Fp8, Fp6, Fp4, Int8 };

template <> struct EnumNames<Precision> {
    static constexpr std::array<EnumName<Precision>, 7> table{{{Precision::Fp32, "fp32"},
                                                               {Precision::Tf32, "tf32"},
                                                               {Precision::Bf16, "bf16"},
                                                               {Precision::Fp8, "fp8"},
                                                               {Precision::Fp6, "fp6"},
                                                               {Precision::Fp4, "fp4"},
                                                               {Precision::Int8, "int8"}}};
};

/// "fp32", "tf32", "bf16", "fp8", "fp6", "fp4", "int8".
[[nodiscard]] std::string_view precisionName(Precision precision);
/// Parses the names above (also "fp16" as Bf16: same width and same tensor-core peak).
[[nodiscard]] std::optional<Precision> parsePrecision(std::string_view name);
/// Storage width [bytes/element]: fp32/tf32 4, bf16 2, fp8/int8 1, fp6 0.75, fp4 0.5.
[[nodiscard]] double bytesPerElement(Precision precision);

} // namespace scalescope::models
