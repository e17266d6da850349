#include "app/cli/cli.h"

#include "app/cli/cli_commands.h"
#include "app/data/data_paths.h"
#include "models/core/input_error.h"

#include <QFileInfo>

#include <ostream>

namespace scalescope::app {

std::vector<CliCommand> cliCommands(const std::vector<CliCommand> &extraCommands) {
    std::vector<CliCommand> commands = registeredCliCommands();
    commands.insert(commands.end(), extraCommands.begin(), extraCommands.end());
    return commands;
}

bool isCliInvocation(const QStringList &arguments, const std::vector<CliCommand> &extraCommands) {
    if (arguments.isEmpty())
        return false;
    const QString first = arguments.first();
    if (first == "--help" || first == "-h" || first == "--version" || first == "-v")
        return true;
    for (const auto &command : cliCommands(extraCommands))
        if (first.toStdString() == command.name)
            return true;
    // Neither an option (Qt's -platform, -style...) nor an existing file: a mistyped command
    // ("scalescope frob") that runCli reports with exit status 2 instead of opening a GUI on a
    // file that is not there.
    return !first.startsWith('-') && !QFileInfo::exists(first);
}

namespace {

void printHelp(std::ostream &out, const std::vector<CliCommand> &extraCommands) {
    out << "ScaleScope " << SCALESCOPE_VERSION
        << ": AI infrastructure and scaling-law planner.\n\n"
           "Usage:\n"
           "  scalescope                 open the GUI on the default workspace\n"
           "  scalescope FILE.json       open the GUI on a scenario or workspace file\n";
    for (const auto &command : cliCommands(extraCommands))
        out << "  scalescope " << command.usage << "\n";
    out << "\nOptions:\n  --help       this text\n  --version    the version\n"
           "\nExit status: 0 success, 2 bad input (the message names file and field), "
           "1 internal error.\n";
}

} // namespace

int guardedCommand(CliIo &io, const std::function<int()> &body) {
    try {
        return body();
    } catch (const models::InputError &error) {
        io.err << "error: " << error.what() << "\n";
        return 2;
    } catch (const std::exception &error) {
        io.err << "internal error: " << error.what() << "\n";
        return 1;
    }
}

int runCli(const QStringList &arguments, CliIo &io, const std::vector<CliCommand> &extraCommands) {
    if (arguments.isEmpty()) {
        printHelp(io.out, extraCommands);
        return 0;
    }
    const QString first = arguments.first();
    if (first == "--help" || first == "-h") {
        printHelp(io.out, extraCommands);
        return 0;
    }
    if (first == "--version" || first == "-v") {
        // The data line says which data directory this executable reads (an installed build:
        // <prefix>/share/scalescope/data; SCALESCOPE_DATA_DIR overrides it).
        io.out << "scalescope " << SCALESCOPE_VERSION << "\n"
               << "data: " << shippedDataDirectory().toStdString() << "\n";
        return 0;
    }
    for (const auto &command : cliCommands(extraCommands)) {
        if (first.toStdString() == command.name) {
            const QStringList rest = arguments.mid(1);
            return guardedCommand(io, [&] { return command.run(rest, io); });
        }
    }
    const std::string name = first.toStdString();
    if (first.contains('/') || first.contains('.'))
        io.err << "error: " << name
               << ": no such file, and not a command (see scalescope --help)\n";
    else
        io.err << "error: unknown command \"" << name << "\" (see scalescope --help)\n";
    return 2;
}

void badCliArgument(const std::string &field, const std::string &reason) {
    throw models::InputError("command line", field, reason);
}

bool CliArguments::next() {
    if (++m_index >= m_arguments.size())
        return false;
    const QString &argument = m_arguments[m_index];
    m_hasInline = argument.startsWith("--") && argument.contains('=');
    m_name = m_hasInline ? argument.section('=', 0, 0) : argument;
    m_inlineValue = m_hasInline ? argument.section('=', 1) : QString();
    return true;
}

QString CliArguments::value(const std::string &what) {
    QString result;
    if (m_hasInline)
        result = m_inlineValue;
    else if (m_index + 1 < m_arguments.size())
        result = m_arguments[++m_index];
    if (result.isEmpty())
        badCliArgument(m_name.toStdString(), "needs " + what);
    return result;
}

bool CliArguments::positionalFollows() const {
    return m_index + 1 < m_arguments.size() && !m_arguments[m_index + 1].startsWith('-');
}

QString CliArguments::takeFollowing() {
    next();
    return m_name;
}

} // namespace scalescope::app
