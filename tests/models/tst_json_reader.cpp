#include "models/core/input_error.h"
#include "models/core/json_reader.h"

#include <QTest>

using scalescope::models::documentRoot;
using scalescope::models::InputError;
using scalescope::models::JsonObject;
using scalescope::models::parseJsonText;

class TestJsonReader : public QObject {
    Q_OBJECT

private:
    /// Runs `body` and returns the InputError text it throws (fails the test when none).
    template <typename F> static std::string errorOf(F body) {
        try {
            body();
        } catch (const InputError &error) {
            return error.what();
        }
        return "no error";
    }

private slots:
    void truncatedJsonNamesLine() {
        const auto text = errorOf([] { (void)parseJsonText("{\n  \"a\": [1, 2", "f.json"); });
        QVERIFY2(text.find("f.json") == 0, text.c_str());
        QVERIFY2(text.find("line 2") != std::string::npos, text.c_str());
        QVERIFY2(text.find("truncated") != std::string::npos, text.c_str());
    }

    void emptyFile() {
        const auto text = errorOf([] { (void)parseJsonText("  \n", "e.json"); });
        QVERIFY2(text.find("empty file") != std::string::npos, text.c_str());
    }

    void validationRules_data() {
        QTest::addColumn<QString>("json");
        QTest::addColumn<QString>("expected");
        QTest::newRow("missing required") << R"({"b": 1})"
                                          << "f.json: /a: required number is missing";
        QTest::newRow("wrong type") << R"({"a": "x"})"
                                    << "f.json: /a: expected a number, found string";
        QTest::newRow("non-positive") << R"({"a": 0})"
                                      << "f.json: /a: must be > 0, found 0";
        QTest::newRow("negative") << R"({"a": -2.5})"
                                  << "f.json: /a: must be > 0, found -2.5";
    }
    void validationRules() {
        QFETCH(QString, json);
        QFETCH(QString, expected);
        const auto document = parseJsonText(json.toStdString(), "f.json");
        const JsonObject root(document, "f.json", "");
        const auto text = errorOf([&] { (void)root.requiredPositive("a"); });
        QCOMPARE(QString::fromStdString(text), expected);
    }

    void integersAndChoices() {
        const auto document =
            parseJsonText(R"({"n": 2.5, "m": -1, "k": "pipe", "s": {"t/u": true}})", "f.json");
        const JsonObject root(document, "f.json", "");
        QCOMPARE(QString::fromStdString(errorOf([&] { (void)root.requiredInteger("n", 1); })),
                 QString("f.json: /n: expected a whole number, found 2.5"));
        QCOMPARE(QString::fromStdString(errorOf([&] { (void)root.requiredInteger("m", 0); })),
                 QString("f.json: /m: must be >= 0, found -1"));
        QCOMPARE(QString::fromStdString(errorOf([&] {
                     (void)root.choiceOr("k", {"none", "full"}, "none");
                 })),
                 QString("f.json: /k: unknown value \"pipe\" (expected one of: none, full)"));
        // RFC 6901 escaping of "/" in a key.
        const auto nested = root.requiredObject("s");
        QCOMPARE(QString::fromStdString(errorOf([&] { (void)nested.requiredString("t/u"); })),
                 QString("f.json: /s/t~1u: expected a string, found boolean"));
        QCOMPARE(root.numberOr("absent", 7.0), 7.0);
    }

    void schemaVersionAndKind() {
        const auto v2 = parseJsonText(R"({"schema_version": 2, "kind": "workspace"})", "w.json");
        QCOMPARE(
            QString::fromStdString(errorOf([&] { (void)documentRoot(v2, "w.json", "workspace"); })),
            QString("w.json: /schema_version: unsupported schema version 2 (this build reads 1)"));
        const auto wrongKind =
            parseJsonText(R"({"schema_version": 1, "kind": "scenario"})", "w.json");
        QCOMPARE(QString::fromStdString(
                     errorOf([&] { (void)documentRoot(wrongKind, "w.json", "workspace"); })),
                 QString("w.json: /kind: expected \"workspace\", found \"scenario\""));
        const auto array = parseJsonText("[1]", "w.json");
        QCOMPARE(QString::fromStdString(errorOf([&] { (void)documentRoot(array, "w.json", ""); })),
                 QString("w.json: /: expected an object, found array"));
    }

    void objectArrayElementsNamed() {
        const auto document = parseJsonText(R"({"items": [{"id": "a"}, 3]})", "c.json");
        const JsonObject root(document, "c.json", "");
        QCOMPARE(QString::fromStdString(errorOf([&] { (void)root.objectArray("items"); })),
                 QString("c.json: /items/1: expected an object, found number"));
    }
};

QTEST_GUILESS_MAIN(TestJsonReader)
#include "tst_json_reader.moc"
