// CliArguments, the one argument walker of every command (catalog, plan, search, validate,
// fit, export): both option spellings, positionals, and the exit-2 error for a missing value.

#include "app/cli/cli.h"
#include "models/core/input_error.h"

#include <QTest>

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
};

QTEST_GUILESS_MAIN(TestCliArguments)
#include "tst_cli_arguments.moc"
