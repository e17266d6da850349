#include "models/core/format.h"

#include <QTest>

using namespace scalescope::models;

class TestFormat : public QObject {
    Q_OBJECT
private slots:
    void examplesFromUxConventions() {
        // The examples docs/reference/UX.md "Conventions" lists, written out by hand.
        QCOMPARE(formatCount(70.6e9), std::string("70.6B"));
        QCOMPARE(formatScientific(1.2e24, "FLOP"), std::string("1.2e24 FLOP"));
        QCOMPARE(formatSi(812e12, "FLOP/s"), std::string("812 TFLOP/s"));
        QCOMPARE(formatPercent(0.43), std::string("43%"));
        QCOMPARE(formatBytesBinary(78.5 * 1073741824.0), std::string("78.5 GiB"));
        QCOMPARE(formatDuration(3.4 * 86400.0), std::string("3.4 days"));
        QCOMPARE(formatUsd(148e3), std::string("$148k"));
        QCOMPARE(formatSi(52e6, "Wh"), std::string("52 MWh"));
    }
    void roundingCarriesToNextPrefix() {
        QCOMPARE(formatCount(999.6e9), std::string("1T"));
        QCOMPARE(formatSi(999.96e12, "FLOP/s"), std::string("1 PFLOP/s"));
        QCOMPARE(formatSignificant(9.996), std::string("10"));
    }
    void smallAndLarge() {
        QCOMPARE(formatSignificant(0.012345), std::string("0.0123"));
        QCOMPARE(formatSignificant(1234.0), std::string("1,234"));
        QCOMPARE(formatDuration(0.0123), std::string("12.3 ms"));
        QCOMPARE(formatDuration(24.5 * 365.25 * 86400.0), std::string("24.5 years"));
        QCOMPARE(formatDuration(157.2 * 86400.0), std::string("157 days"));
        QCOMPARE(formatBytesBinary(16e9),
                 std::string("14.9 GiB")); // the talk's 1B-param Adam slide
        QCOMPARE(formatBytesDecimal(80e9), std::string("80 GB"));
        QCOMPARE(formatRatio(2.2751), std::string("2.3×"));
        QCOMPARE(formatUsd(950.0), std::string("$950"));
        QCOMPARE(formatPercent(std::nan("")), std::string("n/a"));
    }
};

QTEST_GUILESS_MAIN(TestFormat)
#include "tst_format.moc"
