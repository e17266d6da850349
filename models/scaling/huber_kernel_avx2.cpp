#include "models/scaling/huber_kernel.h"

#include <algorithm>
#include <cmath>

// The AVX2 kernel: four points per step with exp and log evaluated inline. Compiled only for
// x86_64 with GCC-compatible compilers; elsewhere huberKernelAvx2Available() is false and the
// scalar loop runs.
//
// exp and log are written out here rather than called from glibc's libmvec (_ZGVdN4v_exp/log):
// a call through the vector ABI clobbers every ymm register, so the seven accumulators and the
// constants were spilled and reloaded three times per four points, and the calls' latency could
// not overlap with the neighbouring iterations. Inline, the grid fit's kernel time drops by
// about a fifth (tests/bench/bench_scaling_fit.cpp, README "Speed"). Both functions are accurate
// to about one unit in the last place on the ranges the kernel uses (tst_huber_math checks
// them against std::exp and std::log):
//   [3] exp: Cody-Waite reduction x = k·ln2 + r, |r| ≤ ln2/2, with ln2 split into a high part
//       exact in 32 bits and a low part (as in fdlibm e_exp.c), then the Taylor polynomial of
//       degree 12 (remainder < r^13/13! ≈ 1.7e-16) evaluated by Estrin's scheme, and 2^k built
//       in the exponent bits. Arguments are clamped to [−700, 700]; the kernel only runs when
//       every exponent is below 700, and e^−700 ≈ 1e−304 stands in for an underflow to 0.
//   [4] log: fdlibm e_log.c (Sun Microsystems, 1993; the version in musl): x = 2^k·(1 + f) with
//       √2/2 ≤ 1 + f < √2, s = f/(2 + f), log(1 + f) = f − hfsq + s·(hfsq + R(s²)) with the
//       minimax coefficients Lg1..Lg7, error < 1 ulp. The kernel's arguments are 1 + e^t1 + e^t2
//       ≥ 1, finite and normal, so the special cases (0, negative, subnormal, ∞, NaN) never occur.

#if defined(__x86_64__) && defined(__GNUC__)
#define SCALESCOPE_HUBER_AVX2 1
#include <immintrin.h>
#endif

namespace scalescope::models::detail {

#ifdef SCALESCOPE_HUBER_AVX2

#pragma GCC push_options
#pragma GCC target("avx2,fma")

namespace {

inline __m256d broadcast(double value) {
    return _mm256_set1_pd(value);
}

/// ln 2 split as in fdlibm: the high part has 32 significant bits, so k·ln2Hi is exact.
constexpr double ln2Hi = 6.93147180369123816490e-01;
constexpr double ln2Lo = 1.90821492927058770002e-10;

/// e^x on four lanes [3].
inline __m256d vectorExp(__m256d x) {
    x = _mm256_min_pd(_mm256_max_pd(x, broadcast(-700.0)), broadcast(700.0));
    // k = round(x / ln 2); 1.4426950408889634 = 1/ln 2 = log2 e.
    const __m256d k = _mm256_round_pd(_mm256_mul_pd(x, broadcast(1.4426950408889634)),
                                      _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
    const __m256d r =
        _mm256_fnmadd_pd(k, broadcast(ln2Lo), _mm256_fnmadd_pd(k, broadcast(ln2Hi), x));
    const __m256d r2 = _mm256_mul_pd(r, r);
    const __m256d r4 = _mm256_mul_pd(r2, r2);
    const __m256d r8 = _mm256_mul_pd(r4, r4);
    // Σ_{i=0}^{12} r^i/i! as pairs (c_i + c_{i+1} r), then quadruples, then eights (Estrin).
    const __m256d p01 = _mm256_fmadd_pd(r, broadcast(1.0), broadcast(1.0));
    const __m256d p23 = _mm256_fmadd_pd(r, broadcast(1.0 / 6.0), broadcast(0.5));
    const __m256d p45 = _mm256_fmadd_pd(r, broadcast(1.0 / 120.0), broadcast(1.0 / 24.0));
    const __m256d p67 = _mm256_fmadd_pd(r, broadcast(1.0 / 5040.0), broadcast(1.0 / 720.0));
    const __m256d p89 = _mm256_fmadd_pd(r, broadcast(1.0 / 362880.0), broadcast(1.0 / 40320.0));
    const __m256d p1011 =
        _mm256_fmadd_pd(r, broadcast(1.0 / 39916800.0), broadcast(1.0 / 3628800.0));
    const __m256d p03 = _mm256_fmadd_pd(r2, p23, p01);
    const __m256d p47 = _mm256_fmadd_pd(r2, p67, p45);
    const __m256d p811 = _mm256_fmadd_pd(r2, p1011, p89);
    const __m256d p812 = _mm256_fmadd_pd(r4, broadcast(1.0 / 479001600.0), p811);
    const __m256d p07 = _mm256_fmadd_pd(r4, p47, p03);
    const __m256d p = _mm256_fmadd_pd(r8, p812, p07);
    // 2^k from its biased exponent; |k| ≤ 1010, so the exponent field stays normal.
    const __m256i k64 = _mm256_cvtepi32_epi64(_mm256_cvtpd_epi32(k));
    const __m256i twoToK = _mm256_slli_epi64(_mm256_add_epi64(k64, _mm256_set1_epi64x(1023)), 52);
    return _mm256_mul_pd(p, _mm256_castsi256_pd(twoToK));
}

/// log x on four lanes for finite normal x > 0 [4], and 1/x: both divisions (f/(2 + f) in the
/// log and 1/x) come from one reciprocal of (2 + f)·x, since the divider's latency bounds the
/// loop. (2 + f)·x < 3.5·x stays finite for the kernel's x < e^701.
inline __m256d vectorLogAndReciprocal(__m256d x, __m256d &reciprocal) {
    const __m256i bits = _mm256_castpd_si256(x);
    // High word shifted so that mantissas ≥ √2 carry into the exponent (fdlibm's k, hx).
    const __m256i high =
        _mm256_add_epi64(_mm256_srli_epi64(bits, 32), _mm256_set1_epi64x(0x3ff00000 - 0x3fe6a09e));
    const __m256i k = _mm256_sub_epi64(_mm256_srli_epi64(high, 20), _mm256_set1_epi64x(0x3ff));
    const __m256i mantissaHigh = _mm256_add_epi64(
        _mm256_and_si256(high, _mm256_set1_epi64x(0x000fffff)), _mm256_set1_epi64x(0x3fe6a09e));
    const __m256d m = _mm256_castsi256_pd(
        _mm256_or_si256(_mm256_slli_epi64(mantissaHigh, 32),
                        _mm256_and_si256(bits, _mm256_set1_epi64x(0xffffffff))));
    const __m256d f = _mm256_sub_pd(m, broadcast(1.0));
    const __m256d hfsq = _mm256_mul_pd(broadcast(0.5), _mm256_mul_pd(f, f));
    const __m256d twoPlusF = _mm256_add_pd(broadcast(2.0), f);
    const __m256d inverseProduct = _mm256_div_pd(broadcast(1.0), _mm256_mul_pd(twoPlusF, x));
    reciprocal = _mm256_mul_pd(twoPlusF, inverseProduct);
    const __m256d s = _mm256_mul_pd(_mm256_mul_pd(f, x), inverseProduct);
    const __m256d z = _mm256_mul_pd(s, s);
    const __m256d w = _mm256_mul_pd(z, z);
    // R = t1 + t2 with fdlibm's minimax coefficients [4]: t1 = w(Lg2 + w(Lg4 + w Lg6)),
    // t2 = z(Lg1 + w(Lg3 + w(Lg5 + w Lg7))); Lg1 … Lg7 = 6.6667e-01, 4.0000e-01, 2.8571e-01,
    // 2.2222e-01, 1.8184e-01, 1.5314e-01, 1.4798e-01 (≈ 2/3, 2/5, 2/7, …: the series of
    // log((1 + s)/(1 − s)) = 2s + 2s³/3 + …, refitted for |s| ≤ 0.1716).
    const __m256d t1 =
        _mm256_mul_pd(w, _mm256_fmadd_pd(w,
                                         _mm256_fmadd_pd(w, broadcast(1.531383769920937332e-01),
                                                         broadcast(2.222219843214978396e-01)),
                                         broadcast(3.999999999940941908e-01)));
    const __m256d t2 = _mm256_mul_pd(
        z, _mm256_fmadd_pd(w,
                           _mm256_fmadd_pd(w,
                                           _mm256_fmadd_pd(w, broadcast(1.479819860511658591e-01),
                                                           broadcast(1.818357216161805012e-01)),
                                           broadcast(2.857142874366239149e-01)),
                           broadcast(6.666666666666735130e-01)));
    const __m256d rational = _mm256_add_pd(t2, t1);
    // k (a small int64) to double: add it to the bits of 2^52 + 2^51 and subtract that value.
    const __m256d magic = broadcast(6755399441055744.0);
    const __m256d dk =
        _mm256_sub_pd(_mm256_castsi256_pd(_mm256_add_epi64(k, _mm256_castpd_si256(magic))), magic);
    // log x = k·ln2Hi − ((hfsq − (s·(hfsq + R) + k·ln2Lo)) − f)
    const __m256d inner =
        _mm256_fmadd_pd(dk, broadcast(ln2Lo), _mm256_mul_pd(s, _mm256_add_pd(hfsq, rational)));
    return _mm256_fmsub_pd(dk, broadcast(ln2Hi), _mm256_sub_pd(_mm256_sub_pd(hfsq, inner), f));
}

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
    // Two passes per block of points: the exponentials first, then the rest. Each loop then keeps
    // its own constants in registers instead of spilling them around the other's.
    // Any multiple of 4 works; 64 keeps the two buffers at 1 KiB on the stack, in L1.
    constexpr std::size_t block = 64;
    alignas(32) double parameterExp[block];
    alignas(32) double tokenExp[block];
    for (std::size_t begin = 0; begin < input.paddedSize; begin += block) {
        const std::size_t end = std::min(begin + block, input.paddedSize);
        for (std::size_t i = begin; i < end; i += 4) {
            const __m256d logN = _mm256_loadu_pd(input.logParameters + i);
            const __m256d logD = _mm256_loadu_pd(input.logTokens + i);
            _mm256_store_pd(parameterExp + (i - begin),
                            vectorExp(_mm256_fnmadd_pd(alpha, logN, parameterOffset)));
            _mm256_store_pd(tokenExp + (i - begin),
                            vectorExp(_mm256_fnmadd_pd(beta, logD, tokenOffset)));
        }
        for (std::size_t i = begin; i < end; i += 4) {
            const __m256d logN = _mm256_loadu_pd(input.logParameters + i);
            const __m256d logD = _mm256_loadu_pd(input.logTokens + i);
            const __m256d logL = _mm256_loadu_pd(input.logLosses + i);
            const __m256d w = _mm256_loadu_pd(input.weights + i);
            const __m256d u1 = _mm256_load_pd(parameterExp + (i - begin));
            const __m256d u2 = _mm256_load_pd(tokenExp + (i - begin));
            const __m256d s = _mm256_add_pd(_mm256_add_pd(one, u1), u2);
            __m256d inverseS;
            const __m256d logS = vectorLogAndReciprocal(s, inverseS);
            const __m256d r = _mm256_sub_pd(_mm256_sub_pd(logL, e), logS);
            const __m256d z = _mm256_mul_pd(r, inverseScale);
            const __m256d psi = _mm256_min_pd(_mm256_max_pd(z, minusDelta), delta);
            const __m256d wPsi = _mm256_mul_pd(w, psi);
            loss = _mm256_fmadd_pd(wPsi, _mm256_fnmadd_pd(half, psi, z), loss);
            const __m256d c = _mm256_mul_pd(wPsi, inverseS);
            const __m256d cu1 = _mm256_mul_pd(c, u1);
            const __m256d cu2 = _mm256_mul_pd(c, u2);
            parameterTerm = _mm256_add_pd(parameterTerm, cu1);
            tokenTerm = _mm256_add_pd(tokenTerm, cu2);
            irreducibleTerm = _mm256_add_pd(irreducibleTerm, c);
            parameterTermLogN = _mm256_fmadd_pd(cu1, logN, parameterTermLogN);
            tokenTermLogD = _mm256_fmadd_pd(cu2, logD, tokenTermLogD);
            psiZ = _mm256_fmadd_pd(wPsi, z, psiZ);
        }
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
void vectorExpLogAvx2(const double *x, std::size_t size, double *exponentials, double *logarithms) {
    for (std::size_t i = 0; i < size; i += 4) {
        alignas(32) double lanes[4] = {1.0, 1.0, 1.0, 1.0};
        for (std::size_t j = 0; j < 4 && i + j < size; ++j)
            lanes[j] = x[i + j];
        const __m256d value = _mm256_load_pd(lanes);
        __m256d reciprocal;
        alignas(32) double expLanes[4];
        alignas(32) double logLanes[4];
        _mm256_store_pd(expLanes, vectorExp(value));
        _mm256_store_pd(logLanes, vectorLogAndReciprocal(value, reciprocal));
        for (std::size_t j = 0; j < 4 && i + j < size; ++j) {
            exponentials[i + j] = expLanes[j];
            logarithms[i + j] = logLanes[j];
        }
    }
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

void vectorExpLogAvx2(const double *x, std::size_t size, double *exponentials, double *logarithms) {
    for (std::size_t i = 0; i < size; ++i) {
        exponentials[i] = std::exp(x[i]);
        logarithms[i] = std::log(x[i]);
    }
}

#endif

} // namespace scalescope::models::detail
