#include "models/huber_kernel.h"

// The AVX2 kernel: four points per step, exp and log from glibc's libmvec [2]. Compiled only for
// x86_64 glibc; elsewhere huberKernelAvx2Available() is false and the scalar loop runs.

#if defined(__x86_64__) && defined(__GLIBC__) && defined(__GNUC__)
#define SCALESCOPE_HUBER_AVX2 1
#include <immintrin.h>
#endif

namespace scalescope::models::detail {

#ifdef SCALESCOPE_HUBER_AVX2

// libmvec's AVX2 variants (x86_64 vector function ABI: argument and result in ymm0), declared
// with the AVX2 target so the ABI matches.
#pragma GCC push_options
#pragma GCC target("avx2,fma")
extern "C" __m256d scalescopeVectorExp(__m256d) __asm__("_ZGVdN4v_exp");
extern "C" __m256d scalescopeVectorLog(__m256d) __asm__("_ZGVdN4v_log");

namespace {
double horizontalSum(__m256d v) {
    const __m128d low = _mm256_castpd256_pd128(v);
    const __m128d high = _mm256_extractf128_pd(v, 1);
    const __m128d pair = _mm_add_pd(low, high);
    return _mm_cvtsd_f64(_mm_add_sd(pair, _mm_unpackhi_pd(pair, pair)));
}
} // namespace

HuberKernelSums huberKernelAvx2(const HuberKernelInput &input,
                                const HuberKernelParameters &parameters) {
    const __m256d parameterOffset = _mm256_set1_pd(parameters.parameterOffset);
    const __m256d alpha = _mm256_set1_pd(parameters.alpha);
    const __m256d tokenOffset = _mm256_set1_pd(parameters.tokenOffset);
    const __m256d beta = _mm256_set1_pd(parameters.beta);
    const __m256d e = _mm256_set1_pd(parameters.e);
    const __m256d inverseScale = _mm256_set1_pd(parameters.inverseScale);
    const __m256d delta = _mm256_set1_pd(parameters.huberDelta);
    const __m256d minusDelta = _mm256_set1_pd(-parameters.huberDelta);
    const __m256d half = _mm256_set1_pd(0.5);
    const __m256d one = _mm256_set1_pd(1.0);
    __m256d loss = _mm256_setzero_pd();
    __m256d parameterTerm = _mm256_setzero_pd();
    __m256d tokenTerm = _mm256_setzero_pd();
    __m256d irreducibleTerm = _mm256_setzero_pd();
    __m256d parameterTermLogN = _mm256_setzero_pd();
    __m256d tokenTermLogD = _mm256_setzero_pd();
    __m256d psiZ = _mm256_setzero_pd();
    for (std::size_t i = 0; i < input.paddedSize; i += 4) {
        const __m256d logN = _mm256_loadu_pd(input.logParameters + i);
        const __m256d logD = _mm256_loadu_pd(input.logTokens + i);
        const __m256d logL = _mm256_loadu_pd(input.logLosses + i);
        const __m256d w = _mm256_loadu_pd(input.weights + i);
        const __m256d u1 = scalescopeVectorExp(_mm256_fnmadd_pd(alpha, logN, parameterOffset));
        const __m256d u2 = scalescopeVectorExp(_mm256_fnmadd_pd(beta, logD, tokenOffset));
        const __m256d s = _mm256_add_pd(_mm256_add_pd(one, u1), u2);
        const __m256d r = _mm256_sub_pd(_mm256_sub_pd(logL, e), scalescopeVectorLog(s));
        const __m256d z = _mm256_mul_pd(r, inverseScale);
        const __m256d psi = _mm256_min_pd(_mm256_max_pd(z, minusDelta), delta);
        const __m256d wPsi = _mm256_mul_pd(w, psi);
        loss = _mm256_fmadd_pd(wPsi, _mm256_fnmadd_pd(half, psi, z), loss);
        const __m256d c = _mm256_div_pd(wPsi, s);
        const __m256d cu1 = _mm256_mul_pd(c, u1);
        const __m256d cu2 = _mm256_mul_pd(c, u2);
        parameterTerm = _mm256_add_pd(parameterTerm, cu1);
        tokenTerm = _mm256_add_pd(tokenTerm, cu2);
        irreducibleTerm = _mm256_add_pd(irreducibleTerm, c);
        parameterTermLogN = _mm256_fmadd_pd(cu1, logN, parameterTermLogN);
        tokenTermLogD = _mm256_fmadd_pd(cu2, logD, tokenTermLogD);
        psiZ = _mm256_fmadd_pd(wPsi, z, psiZ);
    }
    HuberKernelSums sums;
    sums.loss = horizontalSum(loss);
    sums.sumParameterTerm = horizontalSum(parameterTerm);
    sums.sumTokenTerm = horizontalSum(tokenTerm);
    sums.sumIrreducibleTerm = horizontalSum(irreducibleTerm);
    sums.sumParameterTermLogN = horizontalSum(parameterTermLogN);
    sums.sumTokenTermLogD = horizontalSum(tokenTermLogD);
    sums.sumPsiZ = horizontalSum(psiZ);
    return sums;
}
#pragma GCC pop_options

bool huberKernelAvx2Available() {
    static const bool available = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    return available;
}

#else

bool huberKernelAvx2Available() {
    return false;
}

HuberKernelSums huberKernelAvx2(const HuberKernelInput &input,
                                const HuberKernelParameters &parameters) {
    return huberKernelScalar(input, parameters);
}

#endif

} // namespace scalescope::models::detail
