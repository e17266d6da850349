#include "models/scaling/huber_kernel.h"

#include <algorithm>
#include <cmath>

namespace scalescope::models::detail {

HuberKernelSums huberKernelScalar(const HuberKernelInput &input,
                                  const HuberKernelParameters &parameters) {
    HuberKernelSums sums;
    const double delta = parameters.huberDelta;
    for (std::size_t i = 0; i < input.paddedSize; ++i) {
        const double logN = input.logParameters[i];
        const double logD = input.logTokens[i];
        const double u1 = std::exp(parameters.parameterOffset - parameters.alpha * logN);
        const double u2 = std::exp(parameters.tokenOffset - parameters.beta * logD);
        const double s = 1.0 + u1 + u2;
        const double r = input.logLosses[i] - parameters.e - std::log(s);
        const double z = r * parameters.inverseScale;
        const double psi = std::clamp(z, -delta, delta);
        const double w = input.weights[i];
        // ρ_δ(z) = ψ·(z − ψ/2) covers both branches of Huber's loss [1].
        sums.loss += w * psi * (z - 0.5 * psi);
        const double c = w * psi / s;
        sums.sumParameterTerm += c * u1;
        sums.sumTokenTerm += c * u2;
        sums.sumIrreducibleTerm += c;
        sums.sumParameterTermLogN += c * u1 * logN;
        sums.sumTokenTermLogD += c * u2 * logD;
        sums.sumPsiZ += w * psi * z;
    }
    return sums;
}

} // namespace scalescope::models::detail
