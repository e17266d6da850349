// The one name table per enum (models/core/enum_names.h) and the tables the file formats, the
// command line and the views spell their enums with.

#include "models/core/enum_names.h"
#include "models/planner/planner_options.h"
#include "models/scaling/fit_law.h"
#include "models/scenario/precision.h"
#include "models/scenario/scenario.h"

#include <QTest>

using namespace scalescope::models;

namespace {
enum class Colour { Red, Green };
} // namespace

template <> struct scalescope::models::EnumNames<Colour> {
    static constexpr std::array<EnumName<Colour>, 2> table{
        {{Colour::Red, "red"}, {Colour::Green, "green"}}};
};

namespace {
// The lookups are constexpr: a table can be checked at compile time.
static_assert(enumName(Colour::Green) == "green");
static_assert(parseEnum<Colour>("red") == Colour::Red);
static_assert(!parseEnum<Colour>("Red").has_value()); // exact, case-sensitive
static_assert(kaplanVariable(FitLaw::KaplanD) == ScalingVariable::Tokens);
} // namespace

class TestEnumNames : public QObject {
    Q_OBJECT

private slots:
    void genericFacility() {
        QCOMPARE(enumNameList<Colour>(), (std::vector<std::string>{"red", "green"}));
        QCOMPARE(enumNamesText<Colour>(), std::string("red, green"));
        QCOMPARE(enumNamesText<Colour>(" or "), std::string("red or green"));
        QCOMPARE(enumString(Colour::Red), std::string("red"));
        QVERIFY(!parseEnum<Colour>("").has_value());
        // A value outside the table is a bug in the table, not an input problem.
        QVERIFY_THROWS_EXCEPTION(std::logic_error, (void)enumName(static_cast<Colour>(7)));
    }

    void scenarioFileNames() {
        // The spellings of scenario files (data/scenarios/*.json, models/scenario/scenario_io.h).
        QCOMPARE(enumNameList<Recompute>(),
                 (std::vector<std::string>{"none", "selective", "full"}));
        QVERIFY(parseEnum<Recompute>("selective") == Recompute::Selective);
        QCOMPARE(enumNameList<Mode>(), (std::vector<std::string>{"training", "inference"}));
        QCOMPARE(enumNameList<AttentionFlops>(), (std::vector<std::string>{"full", "causal"}));
        QCOMPARE(enumNameList<AttentionKernel>(), (std::vector<std::string>{"fused", "unfused"}));
        QCOMPARE(enumNamesText<Precision>(), std::string("fp32, tf32, bf16, fp8, fp6, fp4, int8"));
        // fp16 is read as bf16 (same width, same tensor-core peak) but never written.
        QVERIFY(parsePrecision("fp16") == Precision::Bf16);
        QVERIFY(!parseEnum<Precision>("fp16").has_value());
        QCOMPARE(precisionName(Precision::Fp8), std::string_view("fp8"));
    }

    void everyValueRoundTrips() {
        for (const auto &entry : EnumNames<Recompute>::table)
            QVERIFY(parseEnum<Recompute>(enumName(entry.value)) == entry.value);
        for (const auto &entry : EnumNames<Precision>::table)
            QVERIFY(parsePrecision(precisionName(entry.value)) == entry.value);
        for (const auto &entry : EnumNames<FitLaw>::table)
            QVERIFY(parseEnum<FitLaw>(enumName(entry.value)) == entry.value);
    }

    void fitLawsAndTheirVariables() {
        // `scalescope fit --law` and `--grid` (app/cli/cli_fit.cpp).
        QCOMPARE(enumNamesText<FitLaw>(), std::string("chinchilla, kaplan-n, kaplan-d, kaplan-c"));
        QCOMPARE(enumNamesText<FitGrid>(" or "), std::string("hoffmann or muennighoff"));
        QVERIFY(kaplanVariable(FitLaw::KaplanN) == ScalingVariable::Parameters);
        QVERIFY(kaplanVariable(FitLaw::KaplanC) == ScalingVariable::Compute);
        QCOMPARE(variableSymbol(ScalingVariable::Tokens), std::string_view("D"));
        QVERIFY_THROWS_EXCEPTION(std::logic_error, (void)kaplanVariable(FitLaw::Chinchilla));
        // Chinchilla reads N, D and C (it plots against compute); Kaplan-D reads D alone.
        QVERIFY(fitLawReads(FitLaw::Chinchilla, ScalingVariable::Compute));
        QVERIFY(fitLawReads(FitLaw::KaplanD, ScalingVariable::Tokens));
        QVERIFY(!fitLawReads(FitLaw::KaplanD, ScalingVariable::Parameters));
    }
};

QTEST_GUILESS_MAIN(TestEnumNames)
#include "tst_enum_names.moc"
