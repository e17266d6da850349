#include "models/core/input_error.h"
#include "models/core/json_reader.h"

#include <QTest>

#include <cstdint>

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

    // The hardened parser (models/core/json_builder.h).
    void numbersBeyondDoubleNameTheirPointer_data() {
        QTest::addColumn<QString>("json");
        QTest::addColumn<QString>("expected");
        // DBL_MAX is about 1.797e308: 1e308 fits, 1e309 and a 400-digit integer do not. The
        // column is that of the number's last character (nlohmann's position after the token).
        QTest::newRow("1e400") << R"({"pue": 1e400})"
                               << "n.json: /pue: number out of range at line 1, column 13 (the "
                                  "largest is about 1.8e308)";
        QTest::newRow("-1e309 in an array")
            << "{\n  \"a\": [1,\n    -1e309]}"
            << "n.json: /a/1: number out of range at line 3, column 10 (the largest is about "
               "1.8e308)";
        QTest::newRow("400 digits") << "{\"x/y\": {\"n\": 1" + QString(399, '0') + "}}"
                                    << "n.json: /x~1y/n: number out of range at line 1, column "
                                       "414 (the largest is about 1.8e308)";
        QTest::newRow("top level") << "1e999"
                                   << "n.json: /: number out of range at line 1, column 5 (the "
                                      "largest is about 1.8e308)";
    }
    void numbersBeyondDoubleNameTheirPointer() {
        QFETCH(QString, json);
        QFETCH(QString, expected);
        const auto text = errorOf([&] { (void)parseJsonText(json.toStdString(), "n.json"); });
        QCOMPARE(QString::fromStdString(text), expected);
    }

    void largestDoublesStillParse() {
        const auto document = parseJsonText(
            R"({"big": 1e308, "small": -1.7976931348623157e308, "int": 18446744073709551615})",
            "n.json");
        QCOMPARE(document["big"].get<double>(), 1e308);
        QCOMPARE(document["small"].get<double>(), -1.7976931348623157e308);
        QCOMPARE(document["int"].get<std::uint64_t>(), std::uint64_t(18446744073709551615ULL));
    }

    void nestingIsLimitedTo64Levels() {
        // 64 nested arrays parse; the 65th level is refused with the pointer of where it opens.
        const std::string ok = std::string(64, '[') + std::string(64, ']');
        QCOMPARE(parseJsonText(ok, "d.json").dump(), ok);
        const std::string deep = std::string(65, '[') + std::string(65, ']');
        std::string pointer;
        for (int i = 0; i < 64; ++i)
            pointer += "/0";
        QCOMPARE(QString::fromStdString(errorOf([&] { (void)parseJsonText(deep, "d.json"); })),
                 QString::fromStdString("d.json: " + pointer + ": nested deeper than 64 levels"));
        // 100,000 levels: refused at once (copying such a value used to overflow the stack).
        std::string huge;
        for (int i = 0; i < 100000; ++i)
            huge += "{\"k\":";
        huge += "0" + std::string(100000, '}');
        const auto text = errorOf([&] { (void)parseJsonText(huge, "d.json"); });
        QVERIFY2(text.find(": nested deeper than 64 levels") != std::string::npos, text.c_str());
        QCOMPARE(text.size(), std::string("d.json: ").size() + 64 * 2 +
                                  std::string(": nested deeper than 64 levels").size());
    }

    void duplicateKeysAreRefused() {
        QCOMPARE(
            errorOf([] { (void)parseJsonText(R"({"p": {"tp": 1, "dp": 2, "tp": 8}})", "k.json"); }),
            std::string("k.json: /p/tp: duplicate key \"tp\" (a name may appear once per "
                        "object)"));
        QCOMPARE(errorOf([] { (void)parseJsonText(R"([{}, {"a/b": 1, "a/b": 1}])", "k.json"); }),
                 std::string("k.json: /1/a~1b: duplicate key \"a/b\" (a name may appear once per "
                             "object)"));
        // The same name in different objects is fine.
        const auto document = parseJsonText(
            R"({"a": {"tp": 1}, "b": {"tp": 2}, "c": [{"tp": 3}, {"tp": 4}]})", "k.json");
        QCOMPARE(document["c"][1]["tp"].get<int>(), 4);
        QCOMPARE(document["b"]["tp"].get<int>(), 2);
    }

    void invalidUtf8IsASyntaxError() {
        // Byte 0xFF inside a string, line 2 column 10; the message does not echo the byte.
        const auto text = errorOf([] { (void)parseJsonText("{\n  \"a\": \"x\xFF\"}", "u.json"); });
        QCOMPARE(text, std::string("u.json: invalid JSON at line 2, column 10"));
    }
};

QTEST_GUILESS_MAIN(TestJsonReader)
#include "tst_json_reader.moc"
