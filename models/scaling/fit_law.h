#pragma once

// The laws `scalescope fit` and the fit panel can fit, and the grids of Chinchilla starts, with
// their one name table each (models/core/enum_names.h): "--law kaplan-n", "--grid muennighoff".

#include "models/core/enum_names.h"
#include "models/scaling/scaling_dataset.h"

#include <array>
#include <stdexcept>
#include <string_view>

namespace scalescope::models {

/// A loss law to fit to training runs.
enum class FitLaw {
    Chinchilla, ///< L(N, D) = E + A/N^α + B/D^β [Hoffmann et al. 2022]
    KaplanN,    ///< L(N) = (N_c/N)^α_N [Kaplan et al. 2020, eq. 1.1]
    KaplanD,    ///< L(D) = (D_c/D)^α_D [eq. 1.2]
    KaplanC,    ///< L(C) = (C_c/C)^α_C, C in PF-days [eq. 1.3]
};

template <> struct EnumNames<FitLaw> {
    static constexpr std::array<EnumName<FitLaw>, 4> table{{{FitLaw::Chinchilla, "chinchilla"},
                                                            {FitLaw::KaplanN, "kaplan-n"},
                                                            {FitLaw::KaplanD, "kaplan-d"},
                                                            {FitLaw::KaplanC, "kaplan-c"}}};
};

/// The grid of starting points of a Chinchilla fit.
enum class FitGrid {
    Hoffmann,    ///< Hoffmann et al.'s 4,500 starts
    Muennighoff, ///< Muennighoff et al.'s 400 starts, α = β
};

template <> struct EnumNames<FitGrid> {
    static constexpr std::array<EnumName<FitGrid>, 2> table{
        {{FitGrid::Hoffmann, "hoffmann"}, {FitGrid::Muennighoff, "muennighoff"}}};
};

/// The single variable of a Kaplan law (N, D or C). Chinchilla has two, so asking for its one
/// variable is a caller's bug: std::logic_error.
[[nodiscard]] constexpr ScalingVariable kaplanVariable(FitLaw law) {
    switch (law) {
    case FitLaw::KaplanN:
        return ScalingVariable::Parameters;
    case FitLaw::KaplanD:
        return ScalingVariable::Tokens;
    case FitLaw::KaplanC:
        return ScalingVariable::Compute;
    case FitLaw::Chinchilla:
        break;
    }
    throw std::logic_error("kaplanVariable: the Chinchilla law has two variables");
}

/// The letter a law's variable is written with: "N", "D" or "C".
[[nodiscard]] constexpr std::string_view variableSymbol(ScalingVariable variable) {
    switch (variable) {
    case ScalingVariable::Parameters:
        return "N";
    case ScalingVariable::Tokens:
        return "D";
    case ScalingVariable::Compute:
        return "C";
    }
    return "C";
}

/// Whether fitting `law` reads `variable` from the data (Chinchilla plots against compute, so
/// it reads all three; C = 6ND when the file has no compute column).
[[nodiscard]] constexpr bool fitLawReads(FitLaw law, ScalingVariable variable) {
    return law == FitLaw::Chinchilla || kaplanVariable(law) == variable;
}

} // namespace scalescope::models
