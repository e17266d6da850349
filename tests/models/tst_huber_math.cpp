// The AVX2 kernel's own exp and log (models/scaling/huber_kernel_avx2.cpp) against the C library's
// correctly rounded-or-nearly std::exp and std::log, over the ranges the kernel uses: exp on
// [−700, 700] (the kernel switches to the scalar shifted path above 700), log on [1, e^701)
// (its argument is 1 + e^t1 + e^t2). Tolerance: 4 units in the last place, relative.

#include "models/scaling/huber_kernel.h"
#include "tests/support/numeric_checks.h"

#include <QTest>

#include <cmath>
#include <limits>
#include <random>
#include <vector>

using namespace scalescope::models::detail;
using scalescope::testing::relativeError;

namespace {

constexpr double ulp = std::numeric_limits<double>::epsilon();

} // namespace

class TestHuberMath : public QObject {
    Q_OBJECT

private slots:
    void expMatchesStdExp() {
        std::mt19937_64 random(7);
        std::uniform_real_distribution<double> wide(-700.0, 700.0), narrow(-2.0, 2.0);
        std::vector<double> x;
        for (int i = 0; i < 200000; ++i)
            x.push_back(i % 2 ? wide(random) : narrow(random));
        // Reduction boundaries (k changes at odd multiples of ln2/2) and the ends.
        for (int k = -1000; k <= 1000; k += 7)
            for (double offset : {-1e-12, 0.0, 1e-12})
                x.push_back((k + 0.5) * std::log(2.0) + offset);
        x.insert(x.end(), {0.0, -0.0, 1e-300, -700.0, 700.0, 1.0, -1.0});
        std::vector<double> exponentials(x.size()), logarithms(x.size());
        vectorExpLogAvx2(x.data(), x.size(), exponentials.data(), logarithms.data());
        double worst = 0.0, worstAt = 0.0;
        for (std::size_t i = 0; i < x.size(); ++i) {
            if (std::abs(x[i]) > 700.0)
                continue;
            const double error = relativeError(exponentials[i], std::exp(x[i]));
            if (error > worst)
                worst = error, worstAt = x[i];
        }
        QVERIFY2(worst <= 4 * ulp,
                 qPrintable(
                     QString("worst %1 ulp at x = %2").arg(worst / ulp).arg(worstAt, 0, 'g', 17)));
        // Hand values: e^1 = 2.718281828459045, e^−700 ≈ 9.8597e−305.
        vectorExpLogAvx2(std::vector<double>{1.0}.data(), 1, exponentials.data(),
                         logarithms.data());
        QVERIFY(relativeError(exponentials[0], 2.718281828459045) <= 2 * ulp);
    }

    void logMatchesStdLog() {
        std::vector<double> x;
        // Geometric sweep over [1, e^701) plus the neighbourhoods of 1, √2 (where the mantissa
        // is renormalised) and powers of two.
        for (double value = 1.0; value < 1e304; value *= 1.000731)
            x.push_back(value);
        for (int exponent = 0; exponent < 1000; exponent += 3)
            for (double mantissa : {1.0, std::sqrt(2.0), std::nextafter(std::sqrt(2.0), 2.0),
                                    std::nextafter(std::sqrt(2.0), 1.0), 1.9999999999999998})
                x.push_back(std::ldexp(mantissa, exponent));
        for (double small = 1e-15; small < 1.0; small *= 3.0)
            x.push_back(1.0 + small);
        std::vector<double> exponentials(x.size()), logarithms(x.size());
        std::vector<double> clamped(x);
        vectorExpLogAvx2(clamped.data(), clamped.size(), exponentials.data(), logarithms.data());
        double worst = 0.0, worstAt = 0.0;
        for (std::size_t i = 0; i < x.size(); ++i) {
            const double reference = std::log(x[i]);
            // Relative error, except at log 1 = 0 where the absolute error must be 0.
            const double error = reference == 0.0 ? std::abs(logarithms[i])
                                                  : relativeError(logarithms[i], reference);
            if (error > worst)
                worst = error, worstAt = x[i];
        }
        QVERIFY2(worst <= 4 * ulp,
                 qPrintable(
                     QString("worst %1 ulp at x = %2").arg(worst / ulp).arg(worstAt, 0, 'g', 17)));
        // Hand values: log 2 = 0.6931471805599453, log 10 = 2.302585092994046.
        const std::vector<double> hand{2.0, 10.0};
        vectorExpLogAvx2(hand.data(), 2, exponentials.data(), logarithms.data());
        QVERIFY(relativeError(logarithms[0], 0.6931471805599453) <= 2 * ulp);
        QVERIFY(relativeError(logarithms[1], 2.302585092994046) <= 2 * ulp);
    }
};

QTEST_GUILESS_MAIN(TestHuberMath)
#include "tst_huber_math.moc"
