// CliArguments, the one argument walker of every command (catalog, plan, search, validate,
// fit, export): both option spellings, positionals, and the exit-2 error for a missing value.
// Also the error policy of docs/ARCHITECTURE.md, "Error policy" at the CLI's one catch
// (guardedCommand): an input problem exits 2 with "error: FILE: FIELD: reason", anything else is a
// bug, exit 1.

#include "app/cli/cli.h"
#include "models/core/input_error.h"

#include <QTest>

#include <sstream>
#include <stdexcept>

using scalescope::app::CliArguments;

class TestCliArguments : public QObject {
    Q_OBJECT

private slots:
    void bothSpellingsAndPositionals() {
        const QStringList arguments{"file.json", "--top", "5", "--catalog=dir", "--json"};
        CliArguments args(arguments);
        QStringList seen;
        while (args.next()) {
            if (args.name() == "--top" || args.name() == "--catalog")
                seen << args.name() + ":" + args.value();
            else
                seen << args.name() + (args.isOption() ? "(option)" : "(positional)");
        }
        QCOMPARE(seen, (QStringList{"file.json(positional)", "--top:5", "--catalog:dir",
                                    "--json(option)"}));
    }

    void inlineValueIsReported() {
        const QStringList arguments{"--json=yes", "--json", "--top", "5"};
        CliArguments args(arguments);
        QList<bool> inlineValues;
        while (args.next())
            inlineValues << args.hasInlineValue();
        QCOMPARE(inlineValues, (QList<bool>{true, false, false, false}));
    }

    void followingPositionals() {
        const QStringList arguments{"--compare", "h100-sxm", "b200", "--json"};
        CliArguments args(arguments);
        QVERIFY(args.next());
        QStringList ids;
        while (args.positionalFollows())
            ids << args.takeFollowing();
        QCOMPARE(ids, (QStringList{"h100-sxm", "b200"}));
        QVERIFY(args.next());
        QCOMPARE(args.name(), QString("--json"));
        QVERIFY(!args.next());
    }

    void missingValueNamesTheOption() {
        for (const QStringList &arguments : {QStringList{"--catalog"}, QStringList{"--catalog="}}) {
            CliArguments args(arguments);
            QVERIFY(args.next());
            try {
                (void)args.value("a directory");
                QFAIL("expected an InputError");
            } catch (const scalescope::models::InputError &error) {
                QCOMPARE(QString(error.what()),
                         QString("command line: --catalog: needs a directory"));
            }
        }
    }

    void inputErrorsExitTwoAndBugsExitOne() {
        using scalescope::app::CliCommand;
        using scalescope::app::CliIo;
        const std::vector<CliCommand> commands{
            {"bad-input", "",
             [](const QStringList &, CliIo &) -> int {
                 throw scalescope::models::InputError("runs.csv", "line 3, column 2",
                                                      "expected a number, found \"x\"");
             }},
            {"bug", "", [](const QStringList &, CliIo &) -> int {
                 throw std::logic_error("enum value missing from its name table");
             }}};
        std::ostringstream out, err;
        CliIo io{out, err};
        QCOMPARE(scalescope::app::runCli({"bad-input"}, io, commands), 2);
        QCOMPARE(
            err.str(),
            std::string("error: runs.csv: line 3, column 2: expected a number, found \"x\"\n"));
        err.str("");
        QCOMPARE(scalescope::app::runCli({"bug"}, io, commands), 1);
        QCOMPARE(err.str(),
                 std::string("internal error: enum value missing from its name table\n"));
        QVERIFY(out.str().empty());
    }
};

QTEST_GUILESS_MAIN(TestCliArguments)
#include "tst_cli_arguments.moc"
