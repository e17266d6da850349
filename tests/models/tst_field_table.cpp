// The scenario field table (models/scenario/field_table.h): every row is consistent with itself
// and with the scenario's defaults, and reading, range errors and writing go through it. The
// expected names, values and messages are written out by hand here.
#include "models/core/input_error.h"
#include "models/core/json_reader.h"
#include "models/scenario/field_table.h"

#include <QTest>

#include <cmath>
#include <set>

using namespace scalescope::models;

namespace {

std::string errorOf(const nlohmann::json &block, const std::string &name) {
    try {
        Scenario scenario;
        readScenarioFields(JsonObject(block, "s.json", "/x"), name, scenario);
    } catch (const InputError &error) {
        return error.what();
    }
    return "no error";
}

} // namespace

class TestFieldTable : public QObject {
    Q_OBJECT
private slots:
    void rowsAreConsistent() {
        const Scenario defaults;
        std::set<std::string_view> pointers;
        for (const ScenarioField &field : scenarioFields()) {
            const std::string key(field.pointer);
            QVERIFY2(pointers.insert(field.pointer).second, key.c_str()); // no duplicates
            QVERIFY2(field.get && field.set, key.c_str());
            // Storing the default value again changes nothing.
            Scenario copy = defaults;
            QVERIFY2(field.set(copy, field.get(defaults)) || field.type == FieldType::Choice,
                     key.c_str());
            if (field.type == FieldType::Choice) {
                QVERIFY2(!field.choices.empty(), key.c_str());
                QVERIFY2(!field.set(copy, std::string("no-such-name")), key.c_str());
            }
            if (field.type != FieldType::Integer && field.type != FieldType::Number)
                continue;
            // The panel's range lies inside what a file may hold.
            QVERIFY2(field.valid.contains(field.editor.minimum), key.c_str());
            QVERIFY2(field.editor.maximum <= field.valid.maximum, key.c_str());
            QVERIFY2(field.editor.minimum < field.editor.maximum, key.c_str());
            QVERIFY2(!field.needsOutOfRangeText() || !field.outOfRange.empty(), key.c_str());
            // A default that means "none" (0) is not written; every other default is valid.
            // (A model shape has no defaults: it comes from a preset or the file.)
            if (field.pointer.starts_with("/model/"))
                continue;
            const FieldValue value = field.get(defaults);
            const double number = field.type == FieldType::Integer
                                      ? static_cast<double>(std::get<long long>(value))
                                      : std::get<double>(value);
            QVERIFY2(field.write == WriteWhen::Positive || field.valid.contains(number),
                     key.c_str());
        }
    }

    void namesInFileOrder() {
        QCOMPARE(scenarioFieldNames("/parallelism"),
                 (std::vector<std::string>{"tp", "pp", "dp", "cp", "ep", "vpp", "zero_stage",
                                           "sequence_parallel", "recompute", "micro_batch"}));
        QCOMPARE(scenarioFieldNames("/model/moe"),
                 (std::vector<std::string>{"experts", "top_k", "expert_ffn", "shared_experts",
                                           "dense_layers"}));
        QCOMPARE(scenarioFieldNames("/economics"),
                 (std::vector<std::string>{"usd_per_gpu_hour", "pue"}));
        QVERIFY(findScenarioField("/parallelism/tp") != nullptr);
        QVERIFY(findScenarioField("/parallelism/tq") == nullptr);
        QCOMPARE(std::string(findScenarioField("/model/mla/v_head_dim")->block()),
                 std::string("/model/mla"));
    }

    void readsIntoMembersWithFileScale() {
        // ttl_ms 40 → 0.040 s; tp 4; sequence_parallel true; recompute "full".
        const nlohmann::json inference = {{"ttl_ms", 40}, {"batch", 16}};
        const nlohmann::json parallelism = {
            {"tp", 4}, {"sequence_parallel", true}, {"recompute", "full"}};
        Scenario scenario;
        readScenarioFields(JsonObject(inference, "s.json", "/inference"), "/inference", scenario);
        readScenarioFields(JsonObject(parallelism, "s.json", "/parallelism"), "/parallelism",
                           scenario);
        QCOMPARE(scenario.inference.ttlSeconds, 0.040);
        QCOMPARE(scenario.inference.batch, 16);
        QCOMPARE(scenario.parallelism.tp, 4);
        QCOMPARE(scenario.parallelism.pp, 1); // absent: unchanged
        QVERIFY(scenario.parallelism.sequenceParallel);
        QCOMPARE(scenario.parallelism.recompute, Recompute::Full);
    }

    void rangeErrorsNameThePointer() {
        QCOMPARE(errorOf({{"zero_stage", 5}}, "/parallelism"),
                 std::string("s.json: /x/zero_stage: must be 0, 1, 2 or 3, found 5"));
        QCOMPARE(errorOf({{"tp", 0}}, "/parallelism"),
                 std::string("s.json: /x/tp: must be >= 1, found 0"));
        QCOMPARE(errorOf({{"tp", 3000000000LL}}, "/parallelism"),
                 std::string("s.json: /x/tp: too large (at most 2147483647)"));
        QCOMPARE(errorOf({{"goodput", 1.5}}, "/planner"),
                 std::string("s.json: /x/goodput: must be in (0, 1] (the fraction of wall time "
                             "that trains), found 1.5"));
        QCOMPARE(errorOf({{"ttft_ms", 0}}, "/inference"),
                 std::string("s.json: /x/ttft_ms: must be > 0, found 0"));
        QCOMPARE(errorOf({{"pue", 0.9}}, "/economics"),
                 std::string("s.json: /x/pue: must be >= 1 (facility power / IT power)"));
    }

    void writesByPolicy() {
        Scenario scenario;
        nlohmann::ordered_json inference = nlohmann::ordered_json::object();
        writeScenarioFields(scenario, "/inference", inference);
        // Defaults: no objective (not default-different), no ttl/ttft (0 = none).
        QCOMPARE(QString::fromStdString(inference.dump()),
                 QString(R"({"batch":1,"input_len":1024,"output_len":256,"precision":"bf16"})"));
        scenario.inference.maxThroughput = true;
        scenario.inference.ttlSeconds = 0.05; // 50 ms, a whole number in the file
        nlohmann::ordered_json changed = nlohmann::ordered_json::object();
        writeScenarioFields(scenario, "/inference", changed);
        QCOMPARE(QString::fromStdString(changed.dump()),
                 QString(R"({"batch":1,"objective":"max_throughput","input_len":1024,)"
                         R"("output_len":256,"precision":"bf16","ttl_ms":50})"));
        nlohmann::ordered_json planner = nlohmann::ordered_json::object();
        writeScenarioFields(scenario, "/planner", planner);
        QVERIFY(planner.empty()); // every planner option at its default
        scenario.planner.goodput = 0.9;
        writeScenarioFields(scenario, "/planner", planner);
        QCOMPARE(QString::fromStdString(planner.dump()), QString(R"({"goodput":0.9})"));
    }
};

QTEST_GUILESS_MAIN(TestFieldTable)
#include "tst_field_table.moc"
