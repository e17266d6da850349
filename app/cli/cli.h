#pragma once

#include <QStringList>

#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

namespace scalescope::app {

/// Where a command writes: `out` for results (exactly one JSON document with --json), `err`
/// for diagnostics and progress.
struct CliIo {
    std::ostream &out;
    std::ostream &err;
};

/// A subcommand: receives its own arguments (without the command name) and returns the exit
/// status: 0 success, 2 bad input (one line on err naming file, field and reason), 1 internal.
using CliCommandFunction = std::function<int(const QStringList &arguments, CliIo &io)>;

struct CliCommand {
    std::string name;  ///< "catalog"
    std::string usage; ///< one line for --help
    CliCommandFunction run;
};

/// Every subcommand this build knows, in the order --help lists them. `extraCommands` are
/// commands from layers above app/ (the executable adds `export`, which needs the views).
[[nodiscard]] std::vector<CliCommand>
cliCommands(const std::vector<CliCommand> &extraCommands = {});

/// True when `arguments` (argv without the program name) name a command-line action
/// (a subcommand, --help or --version) rather than opening the GUI; also true for a first
/// argument that is neither an option nor an existing file, which runCli reports as an unknown
/// command (exit status 2).
[[nodiscard]] bool isCliInvocation(const QStringList &arguments,
                                   const std::vector<CliCommand> &extraCommands = {});

/// Runs the command-line action; exceptions become exit statuses (InputError → 2, else 1).
[[nodiscard]] int runCli(const QStringList &arguments, CliIo &io,
                         const std::vector<CliCommand> &extraCommands = {});

/// Bad command-line input: throws models::InputError("command line", field, reason), which
/// runCli turns into exit status 2 and "error: command line: FIELD: REASON".
[[noreturn]] void badCliArgument(const std::string &field, const std::string &reason);

/// Walks a command's arguments, reading `--name VALUE` and `--name=VALUE` alike:
///   CliArguments args(arguments);
///   while (args.next())
///       if (args.name() == "--top") top = args.value();
class CliArguments {
public:
    explicit CliArguments(const QStringList &arguments)
        : m_arguments(arguments) {}
    /// Moves to the next argument; false when there is none.
    bool next();
    /// The current argument, without "=value" for options ("--top=5" → "--top").
    [[nodiscard]] const QString &name() const { return m_name; }
    /// True when the current argument was written "--name=value" (a flag must not be).
    [[nodiscard]] bool hasInlineValue() const { return m_hasInline; }
    /// True when the current argument starts with '-'.
    [[nodiscard]] bool isOption() const { return m_name.startsWith('-'); }
    /// The current option's value: after '=' or the next argument; a missing or empty value is
    /// a bad argument naming the option and `what` ("a directory").
    QString value(const std::string &what = "a value");
    /// True when the argument after the current one exists and is not an option.
    [[nodiscard]] bool positionalFollows() const;
    /// Moves to the next argument and returns it (call after positionalFollows()).
    QString takeFollowing();

private:
    const QStringList &m_arguments;
    qsizetype m_index = -1;
    QString m_name;
    QString m_inlineValue;
    bool m_hasInline = false;
};

/// Shared handling for commands: runs `body`, mapping models::InputError to exit 2 and any
/// other exception to exit 1, each as one line on err.
[[nodiscard]] int guardedCommand(CliIo &io, const std::function<int()> &body);

} // namespace scalescope::app
