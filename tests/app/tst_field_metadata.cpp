#include "app/document/field_metadata.h"
#include "app/document/scenario_fields.h"
#include "models/core/input_error.h"

#include <QTemporaryDir>
#include <QTest>

#include <fstream>

using namespace scalescope;
using app::FieldKind;
using app::FieldMetadata;

namespace {

QString shippedFields() {
    return QStringLiteral(SCALESCOPE_SOURCE_DATA_DIR) + "/ui/fields.json";
}

const app::FieldSpec &field(const FieldMetadata &metadata, const char *key) {
    const auto *spec = metadata.find(key);
    if (spec == nullptr)
        qFatal("missing field %s", key);
    return *spec;
}

} // namespace

class TestFieldMetadata : public QObject {
    Q_OBJECT
private slots:
    void shippedFileBindsEveryField() {
        const FieldMetadata metadata = FieldMetadata::load(shippedFields());
        QVERIFY(metadata.groups.size() >= 5);
        const models::Scenario scenario;
        for (const auto *spec : metadata.fields()) {
            QVERIFY2(!spec->tooltip.isEmpty(), qPrintable(spec->key));
            QVERIFY2(app::fieldValue(scenario, *spec).isValid(), qPrintable(spec->key));
            // Every number gets a non-empty range (from the models field table).
            if (spec->kind == FieldKind::Integer || spec->kind == FieldKind::Number)
                QVERIFY2(spec->minimum < spec->maximum, qPrintable(spec->key));
        }
    }

    // The ranges come from the models field table, divided by the entry's display scale;
    // written out here from models/scenario/field_table.cpp's editor ranges.
    void rangesComeFromTheFieldTable_data() {
        QTest::addColumn<QString>("key");
        QTest::addColumn<double>("minimum");
        QTest::addColumn<double>("maximum");
        QTest::newRow("tp") << "/parallelism/tp" << 1.0 << 64.0;
        QTest::newRow("hidden") << "/model/hidden" << 64.0 << 65536.0;
        QTest::newRow("head dim") << "/model/head_dim" << 0.0 << 1024.0;
        // 65,536 / 2^20 = 0.0625 Mi and 2^30 / 2^20 = 1024 Mi tokens.
        QTest::newRow("global batch") << "/training/global_batch_tokens" << 0.0625 << 1024.0;
        // 1e9 / 1e12 = 0.001 T and 1e15 / 1e12 = 1000 T tokens.
        QTest::newRow("total tokens") << "/training/total_tokens" << 0.001 << 1000.0;
        QTest::newRow("pue") << "/economics/pue" << 1.0 << 3.0;
    }
    void rangesComeFromTheFieldTable() {
        QFETCH(QString, key);
        QFETCH(double, minimum);
        QFETCH(double, maximum);
        const FieldMetadata metadata = FieldMetadata::load(shippedFields());
        const auto &spec = field(metadata, qPrintable(key));
        QCOMPARE(spec.minimum, minimum);
        QCOMPARE(spec.maximum, maximum);
    }

    void stepFamilies_data() {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QList<double>>("firstSteps");
        QTest::addColumn<double>("lastStep");
        // Written out by hand: 2^k, and 2^k together with 3·2^(k-1).
        QTest::newRow("tp powers of two")
            << "/parallelism/tp" << QList<double>{1, 2, 4, 8, 16, 32, 64} << 64.0;
        QTest::newRow("gpus 2^k and 3*2^k")
            << "/hardware/num_gpus" << QList<double>{1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64}
            << 131072.0;
    }
    void stepFamilies() {
        QFETCH(QString, key);
        QFETCH(QList<double>, firstSteps);
        QFETCH(double, lastStep);
        const FieldMetadata metadata = FieldMetadata::load(shippedFields());
        const auto &steps = field(metadata, qPrintable(key)).steps;
        QVERIFY(steps.size() >= static_cast<std::size_t>(firstSteps.size()));
        for (int i = 0; i < firstSteps.size(); ++i)
            QCOMPARE(steps[i], firstSteps[i]);
        QCOMPARE(steps.back(), lastStep);
    }

    void displayScaleConvertsToSi_data() {
        QTest::addColumn<QString>("key");
        QTest::addColumn<double>("display");
        QTest::addColumn<double>("si");
        QTest::newRow("15 T tokens") << "/training/total_tokens" << 15.0 << 15e12;
        QTest::newRow("4 Mi tokens batch") << "/training/global_batch_tokens" << 4.0 << 4194304.0;
        QTest::newRow("price") << "/economics/usd_per_gpu_hour" << 2.5 << 2.5;
    }
    void displayScaleConvertsToSi() {
        QFETCH(QString, key);
        QFETCH(double, display);
        QFETCH(double, si);
        const FieldMetadata metadata = FieldMetadata::load(shippedFields());
        const auto &spec = field(metadata, qPrintable(key));
        models::Scenario scenario;
        QVERIFY(app::setFieldValue(scenario, spec, display, {}));
        const double stored = key.startsWith("/training/total") ? scenario.training.totalTokens
                              : key.startsWith("/training/global")
                                  ? scenario.training.globalBatchTokens
                                  : scenario.economics.usdPerGpuHour;
        QCOMPARE(stored, si);
        QCOMPARE(app::fieldValue(scenario, spec).toDouble(), display);
    }

    void layoutStaysConsistent_data() {
        QTest::addColumn<QString>("key");
        QTest::addColumn<int>("value");
        QTest::addColumn<int>("gpus");
        QTest::addColumn<int>("dp");
        // Start: 64 GPUs = TP 8 · PP 4 · CP 1 · DP 2.
        QTest::newRow("gpus 128 -> dp 4") << "/hardware/num_gpus" << 128 << 128 << 4;
        QTest::newRow("tp 4 -> dp 4") << "/parallelism/tp" << 4 << 64 << 4;
        QTest::newRow("dp 3 -> 96 gpus") << "/parallelism/dp" << 3 << 96 << 3;
        QTest::newRow("pp 3 does not divide 64: dp stays") << "/parallelism/pp" << 3 << 64 << 2;
    }
    void layoutStaysConsistent() {
        QFETCH(QString, key);
        QFETCH(int, value);
        QFETCH(int, gpus);
        QFETCH(int, dp);
        const FieldMetadata metadata = FieldMetadata::load(shippedFields());
        models::Scenario scenario;
        scenario.hardware.numGpus = 64;
        scenario.parallelism.tp = 8;
        scenario.parallelism.pp = 4;
        scenario.parallelism.dp = 2;
        QVERIFY(app::setFieldValue(scenario, field(metadata, qPrintable(key)), value, {}));
        QCOMPARE(scenario.hardware.numGpus, gpus);
        QCOMPARE(scenario.parallelism.dp, dp);
    }

    void presetAndHardwareResolveThroughContext() {
        const FieldMetadata metadata = FieldMetadata::load(shippedFields());
        models::ModelShape preset;
        preset.id = "llama3-70b";
        preset.layers = 80;
        preset.hidden = 8192;
        models::ModelPresets presets;
        presets.models = {preset};
        presets.files = {"test"};
        models::Catalog catalog;
        models::SystemSpec system;
        system.id = "dgx-h100";
        system.gpuId = "h100-sxm";
        catalog.systems.push_back(system);
        const app::FieldContext context{&presets, &catalog};
        const models::Scenario scenario = app::defaultScenario(metadata, context);
        QCOMPARE(scenario.modelPreset, std::string("llama3-70b"));
        QCOMPARE(scenario.model.layers, 80);
        QCOMPARE(scenario.hardware.gpuId, std::string("h100-sxm"));
        QCOMPARE(scenario.hardware.numGpus, 64);
        // TP 8 · PP 4 · CP 1 = 32 divides 64: DP 2.
        QCOMPARE(scenario.parallelism.dp, 2);
        models::Scenario copy = scenario;
        QVERIFY(!app::setFieldValue(copy, field(metadata, "/model/preset"), "no-such", context));
        QVERIFY(!app::setFieldValue(copy, field(metadata, "/hardware/system"), "nope", context));
        QCOMPARE(copy, scenario);
    }

    void badFilesNameFileAndPointer_data() {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("pointer");
        const QByteArray head = R"({"schema_version": 1, "kind": "ui-fields", "groups": [)";
        QTest::newRow("range in fields.json")
            << head + R"({"id": "g", "title": "G", "fields": [{"key": "/parallelism/tp",
               "label": "TP", "tooltip": "t", "min": 1, "max": 8}]}]})"
            << "/groups/0/fields/0/min";
        QTest::newRow("unknown step family")
            << head + R"({"id": "g", "title": "G", "fields": [{"key": "/parallelism/tp",
               "label": "TP", "tooltip": "t", "steps": "primes"}]}]})"
            << "/groups/0/fields/0/steps";
        QTest::newRow("key not a pointer")
            << head + R"({"id": "g", "title": "G", "fields": [{"key": "tp",
               "label": "TP", "tooltip": "t"}]}]})"
            << "/groups/0/fields/0/key";
        QTest::newRow("key not in the field table")
            << head + R"({"id": "g", "title": "G", "fields": [{"key": "/parallelism/tq",
               "label": "TP", "tooltip": "t"}]}]})"
            << "/groups/0/fields/0/key";
        QTest::newRow("kind not the field's type")
            << head + R"({"id": "g", "title": "G", "fields": [{"key": "/parallelism/tp",
               "label": "TP", "tooltip": "t", "kind": "boolean"}]}]})"
            << "/groups/0/fields/0/kind";
        // TP's panel range is 1..64 (models/scenario/field_table.cpp).
        QTest::newRow("default outside range")
            << head + R"({"id": "g", "title": "G", "fields": [{"key": "/parallelism/tp",
               "label": "TP", "tooltip": "t", "default": 128}]}]})"
            << "/groups/0/fields/0/default";
        QTest::newRow("choice without options")
            << head + R"({"id": "g", "title": "G", "fields": [{"key": "/training/precision",
               "label": "P", "tooltip": "t", "kind": "choice", "options": []}]}]})"
            << "/groups/0/fields/0/options";
        QTest::newRow("option the field does not accept")
            << head + R"({"id": "g", "title": "G", "fields": [{"key": "/training/precision",
               "label": "P", "tooltip": "t", "kind": "choice", "options": [
               {"value": "bf16", "label": "BF16"}, {"value": "fp12", "label": "FP12"}]}]}]})"
            << "/groups/0/fields/0/options/1/value";
        QTest::newRow("missing tooltip")
            << head + R"({"id": "g", "title": "G", "fields": [{"key": "/parallelism/tp",
               "label": "TP"}]}]})"
            << "/groups/0/fields/0/tooltip";
    }
    void badFilesNameFileAndPointer() {
        QFETCH(QByteArray, json);
        QFETCH(QString, pointer);
        QTemporaryDir dir;
        const QString path = dir.filePath("fields.json");
        std::ofstream(path.toStdString()) << json.toStdString();
        try {
            (void)FieldMetadata::load(path);
            QFAIL("expected InputError");
        } catch (const models::InputError &error) {
            QCOMPARE(QString::fromStdString(error.file()), path);
            QCOMPARE(QString::fromStdString(error.field()), pointer);
        }
    }

    void snapping() {
        const FieldMetadata metadata = FieldMetadata::load(shippedFields());
        const auto &tp = field(metadata, "/parallelism/tp");
        QCOMPARE(app::snapToStep(tp, 5.0), 4.0);
        QCOMPARE(app::snapToStep(tp, 100.0), 64.0);
        const auto &layers = field(metadata, "/model/layers");
        QCOMPARE(app::snapToStep(layers, 79.6), 80.0);
        QCOMPARE(app::snapToStep(layers, 0.0), 1.0);
    }
};

QTEST_GUILESS_MAIN(TestFieldMetadata)
#include "tst_field_metadata.moc"
