#include "clioptions.h"

#include "console.h"

#include "api/apienvironment.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QRegularExpression>
#include <QSet>

#include <optional>

namespace {

struct CommandName {
    const char *word;
    CliCommand command;
    const char *summary;
    const char *synopsis; // after "bouncedesk WORD"
};

constexpr CommandName commandNames[] = {
    {"customers", CliCommand::Customers, "List the reseller's customers.", "[OPTIONS]"},
    {"export", CliCommand::Export, "Write one customer's bounces as CSV.",
     "--customer USER [-o FILE] [--no-sanitize] [--bom] [OPTIONS]"},
    {"delete", CliCommand::Delete, "Delete bounces of one customer, so mail is sent again.",
     "--customer USER [--yes] [OPTIONS] EMAIL..."},
    {"history", CliCommand::History, "Print the record of every delete made here, as CSV.",
     "[--since YYYY-MM-DD] [--customer USER] [--email ADDRESS] [--no-sanitize]"},
    {"sandbox", CliCommand::Sandbox, "Run the API emulator on this machine (until killed).",
     "[--port N]"},
};

std::optional<CliCommand> commandNamed(const QString &word) {
    for (const CommandName &name : commandNames) {
        if (word == QLatin1String(name.word))
            return name.command;
    }
    return std::nullopt;
}

const CommandName &nameOf(CliCommand command) {
    for (const CommandName &name : commandNames) {
        if (name.command == command)
            return name;
    }
    return commandNames[0];
}

// Options that take their value as the next argument; needed to find the subcommand among
// the arguments before the real parse (`--api-url URL customers`).
bool takesSeparateValue(const QString &argument) {
    static const QSet<QString> valueOptions = {
        QStringLiteral("--api-url"), QStringLiteral("--response-format"),
        QStringLiteral("--timeout"), QStringLiteral("--customer"),
        QStringLiteral("-o"),        QStringLiteral("--output"),
        QStringLiteral("--port"),    QStringLiteral("--since"),
        QStringLiteral("--email"),
    };
    return valueOptions.contains(argument);
}

// Index in `arguments` (argv[0] excluded) of the first positional argument, or -1.
int positionalIndex(const QStringList &arguments, int from = 0) {
    for (int i = from; i < arguments.size(); ++i) {
        const QString &argument = arguments.at(i);
        if (argument == QLatin1String("--"))
            return i + 1 < arguments.size() ? i + 1 : -1;
        if (!argument.startsWith(QLatin1Char('-')) || argument == QLatin1String("-"))
            return i;
        if (takesSeparateValue(argument))
            ++i;
    }
    return -1;
}

// The key must never be an argument: it would be visible to every user in the process list.
bool isKeyArgument(const QString &argument) {
    static const QRegularExpression keyOption(QStringLiteral("^--?api[-_]?key(=|$)"),
                                              QRegularExpression::CaseInsensitiveOption);
    return keyOption.match(argument).hasMatch();
}

bool hasFlag(const QStringList &arguments, std::initializer_list<const char *> names) {
    for (const QString &argument : arguments) {
        if (argument == QLatin1String("--"))
            return false;
        for (const char *name : names) {
            if (argument == QLatin1String(name))
                return true;
        }
    }
    return false;
}

CliParseResult usageError(const QString &text) {
    CliParseResult result;
    result.kind = CliParseResult::Kind::UsageError;
    result.text = text;
    return result;
}

CliParseResult showText(const QString &text) {
    CliParseResult result;
    result.kind = CliParseResult::Kind::ShowText;
    result.text = text;
    return result;
}

QString versionText() {
    return QStringLiteral("bouncedesk " BOUNCEDESK_VERSION "\n");
}

QString credentialsAndExitText() {
    return QStringLiteral(
        "Credentials: SENDGRID_API_USER and SENDGRID_API_KEY from the environment; without\n"
        "SENDGRID_API_KEY, the key the window saved in the system keychain for that user (or for\n"
        "the last user the window used). The key is never accepted as an argument, since every\n"
        "user on the machine can read the process list.\n"
        "\n"
        "Exit status: 0 success, 1 API, network, response or file failure, 2 usage error.\n");
}

QString overviewText() {
    QString text = QStringLiteral(
        "Usage: bouncedesk [COMMAND] [OPTIONS]\n"
        "\n"
        "Review, delete and export the bounces of SendGrid reseller customers.\n"
        "Without a command the window opens; --demo opens it on the built-in emulator.\n"
        "\n"
        "Commands:\n");
    for (const CommandName &name : commandNames)
        text += QStringLiteral("  %1 %2\n")
                    .arg(QLatin1String(name.word), -10)
                    .arg(QLatin1String(name.summary));
    text += QStringLiteral(
        "  help       Show the options of a command: bouncedesk help export\n"
        "\n"
        "  bouncedesk customers\n"
        "  bouncedesk export --customer USER [-o FILE] [--no-sanitize] [--bom]\n"
        "  bouncedesk delete --customer USER [--yes] EMAIL...\n"
        "  bouncedesk history [--since YYYY-MM-DD] [--customer USER] [--email ADDRESS]\n"
        "  bouncedesk sandbox [--port N]\n"
        "\n"
        "Connection options (customers, export, delete):\n"
        "  --api-url URL            API base URL (default https://api.sendgrid.com/apiv2/,\n"
        "                           or BOUNCEDESK_API_URL)\n"
        "  --response-format FMT    json or xml (default json)\n"
        "  --allow-insecure-http    allow plain http to a host that is not this machine\n"
        "                           (the key then travels in clear)\n"
        "  --timeout SECONDS        give up when no data arrives for this long\n"
        "\n");
    return text + credentialsAndExitText();
}

struct CommandOptions {
    QCommandLineOption help{{QStringLiteral("h"), QStringLiteral("help")},
                            QStringLiteral("Show this help.")};
    QCommandLineOption version{QStringLiteral("version"), QStringLiteral("Show the version.")};
    QCommandLineOption apiUrl{QStringLiteral("api-url"),
                              QStringLiteral("API base URL (default %1, or BOUNCEDESK_API_URL).")
                                  .arg(ApiSettings::defaultBaseUrl().toString()),
                              QStringLiteral("url")};
    QCommandLineOption format{QStringLiteral("response-format"),
                              QStringLiteral("json or xml (default json)."),
                              QStringLiteral("format")};
    QCommandLineOption insecure{
        QStringLiteral("allow-insecure-http"),
        QStringLiteral(
            "Allow plain http to a host that is not this machine (sends the key in clear).")};
    QCommandLineOption timeout{
        QStringLiteral("timeout"),
        QStringLiteral("Give up when no data arrives for this many seconds."),
        QStringLiteral("seconds")};
    QCommandLineOption customer{QStringLiteral("customer"),
                                QStringLiteral("The customer's username."), QStringLiteral("user")};
    QCommandLineOption output{{QStringLiteral("o"), QStringLiteral("output")},
                              QStringLiteral("Write to this file (atomically) instead of stdout."),
                              QStringLiteral("file")};
    QCommandLineOption noSanitize{
        QStringLiteral("no-sanitize"),
        QStringLiteral("Keep cells starting with = + - @ as they are (no ' prefix).")};
    QCommandLineOption bom{QStringLiteral("bom"),
                           QStringLiteral("Start the file with a UTF-8 byte order mark (Excel).")};
    QCommandLineOption yes{{QStringLiteral("y"), QStringLiteral("yes")},
                           QStringLiteral("Delete without asking.")};
    QCommandLineOption since{QStringLiteral("since"),
                             QStringLiteral("Only deletes on or after this UTC date."),
                             QStringLiteral("YYYY-MM-DD")};
    QCommandLineOption historyCustomer{
        QStringLiteral("customer"),
        QStringLiteral("Only deletes of this customer (\"\" for the parent account)."),
        QStringLiteral("user")};
    QCommandLineOption email{QStringLiteral("email"),
                             QStringLiteral("Only deletes of this address (any case)."),
                             QStringLiteral("address")};
    QCommandLineOption port{QStringLiteral("port"),
                            QStringLiteral("Port to listen on (default: any free port)."),
                            QStringLiteral("port")};

    void addTo(QCommandLineParser &parser, CliCommand command) const {
        const CommandName &name = nameOf(command);
        parser.setApplicationDescription(QLatin1String(name.summary));
        parser.addOption(help);
        parser.addOption(version);
        if (command == CliCommand::Sandbox) {
            parser.addOption(port);
            return;
        }
        // History reads a local file: connection options are accepted (scripts pass the same
        // ones to every command) and change nothing.
        parser.addOptions({apiUrl, format, insecure, timeout});
        if (command == CliCommand::History) {
            parser.addOptions({since, historyCustomer, email, noSanitize});
            return;
        }
        if (command == CliCommand::Export)
            parser.addOptions({customer, output, noSanitize, bom});
        if (command == CliCommand::Delete) {
            parser.addOptions({customer, yes});
            parser.addPositionalArgument(
                QStringLiteral("email"),
                QStringLiteral("Addresses to delete from the bounce list."),
                QStringLiteral("EMAIL..."));
        }
    }
};

QString commandHelp(CliCommand command) {
    QCommandLineParser parser;
    CommandOptions().addTo(parser, command);
    // Qt's usage line would name the executable's path and not the command: ours instead.
    QString text = parser.helpText();
    const CommandName &name = nameOf(command);
    text.replace(0, text.indexOf(QLatin1Char('\n')),
                 QStringLiteral("Usage: bouncedesk %1 %2")
                     .arg(QLatin1String(name.word), QLatin1String(name.synopsis)));
    if (command != CliCommand::Sandbox && command != CliCommand::History)
        text += QLatin1Char('\n') + credentialsAndExitText();
    return text;
}

// Reads the connection options; empty string on success, otherwise the usage error.
QString readConnection(const QCommandLineParser &parser, const CommandOptions &options,
                       ConnectionOptions *connection) {
    QString urlText = parser.value(options.apiUrl);
    if (!parser.isSet(options.apiUrl))
        urlText = ApiEnvironment::read().url;
    urlText = urlText.trimmed();
    if (!urlText.isEmpty()) {
        const QUrl url = ApiEnvironment::parseUrl(urlText);
        if (!url.isValid())
            return QStringLiteral(
                       "'%1' is not an http or https URL (--api-url / BOUNCEDESK_API_URL).")
                .arg(urlText);
        connection->baseUrl = url;
    }
    if (parser.isSet(options.format) &&
        !parseResponseFormat(parser.value(options.format), &connection->format))
        return QStringLiteral("--response-format must be json or xml, not '%1'.")
            .arg(parser.value(options.format));
    connection->allowInsecureHttp = parser.isSet(options.insecure);
    if (parser.isSet(options.timeout)) {
        bool ok = false;
        const double seconds = parser.value(options.timeout).toDouble(&ok);
        if (!ok || !(seconds > 0) || seconds > 24 * 3600)
            return QStringLiteral(
                       "--timeout takes a number of seconds between 0 and 86400, not '%1'.")
                .arg(parser.value(options.timeout));
        connection->transferTimeoutMs = qMax(1, qRound(seconds * 1000));
    }
    return {};
}

QString readCommandOptions(const QCommandLineParser &parser, const CommandOptions &options,
                           QStringList positional, CliInvocation *invocation) {
    const CliCommand command = invocation->command;
    if (command == CliCommand::Export || command == CliCommand::Delete) {
        invocation->customer = parser.value(options.customer).trimmed();
        if (invocation->customer.isEmpty())
            return QStringLiteral("%1 needs --customer USER.")
                .arg(QLatin1String(nameOf(command).word));
    }
    if (command == CliCommand::Export) {
        invocation->outputPath = parser.value(options.output);
        if (invocation->outputPath == QLatin1String("-"))
            invocation->outputPath.clear();
        invocation->csv.neutraliseFormulas = !parser.isSet(options.noSanitize);
        invocation->csv.byteOrderMark = parser.isSet(options.bom);
    }
    if (command == CliCommand::Delete) {
        invocation->assumeYes = parser.isSet(options.yes);
        QSet<QString> seen;
        for (const QString &email : std::as_const(positional)) {
            if (email.trimmed().isEmpty())
                return QStringLiteral("an empty address was given.");
            if (!seen.contains(email)) {
                seen.insert(email);
                invocation->emails << email;
            }
        }
        positional.clear();
        if (invocation->emails.isEmpty())
            return QStringLiteral("delete needs at least one EMAIL to delete.");
    }
    if (command == CliCommand::History) {
        invocation->csv.neutraliseFormulas = !parser.isSet(options.noSanitize);
        if (parser.isSet(options.since)) {
            const QString text = parser.value(options.since).trimmed();
            static const QRegularExpression datePattern(QStringLiteral("^\\d{4}-\\d{2}-\\d{2}$"));
            const QDate date = QDate::fromString(text, QStringLiteral("yyyy-MM-dd"));
            if (!datePattern.match(text).hasMatch() || !date.isValid())
                return QStringLiteral("--since takes a UTC date as YYYY-MM-DD, not '%1'.")
                    .arg(Console::plainLine(parser.value(options.since)));
            invocation->history.since = date;
        }
        if (parser.isSet(options.historyCustomer))
            invocation->history.customer = parser.value(options.historyCustomer).trimmed();
        invocation->history.email = parser.value(options.email).trimmed();
    }
    if (command == CliCommand::Sandbox && parser.isSet(options.port)) {
        bool ok = false;
        const uint port = parser.value(options.port).toUInt(&ok);
        if (!ok || port > 65535)
            return QStringLiteral("--port takes a number from 0 to 65535, not '%1'.")
                .arg(parser.value(options.port));
        invocation->port = quint16(port);
    }
    if (!positional.isEmpty())
        return QStringLiteral("unexpected argument '%1'.").arg(positional.first());
    return {};
}

} // namespace

bool argumentsWantCommandLine(const QStringList &arguments) {
    // Qt's own options for a GUI application; those with a value skip it.
    static const QSet<QString> guiFlags = {QStringLiteral("-reverse"), QStringLiteral("-nograb"),
                                           QStringLiteral("-dograb"), QStringLiteral("-sync"),
                                           QStringLiteral("-widgetcount")};
    static const QSet<QString> guiValueOptions = {
        QStringLiteral("-platform"),        QStringLiteral("-platformpluginpath"),
        QStringLiteral("-platformtheme"),   QStringLiteral("-plugin"),
        QStringLiteral("-qwindowgeometry"), QStringLiteral("-qwindowicon"),
        QStringLiteral("-qwindowtitle"),    QStringLiteral("-style"),
        QStringLiteral("-stylesheet"),      QStringLiteral("-session"),
        QStringLiteral("-display"),         QStringLiteral("-geometry")};
    for (int i = 1; i < arguments.size(); ++i) {
        QString argument = arguments.at(i);
        if (argument == QLatin1String("--demo"))
            continue;
        if (argument.startsWith(QLatin1String("--")))
            argument.remove(0, 1); // Qt accepts --platform as well as -platform
        if (guiFlags.contains(argument) || argument.startsWith(QLatin1String("-style=")) ||
            argument.startsWith(QLatin1String("-qmljsdebugger=")))
            continue;
        if (guiValueOptions.contains(argument)) {
            ++i;
            continue;
        }
        return true;
    }
    return false;
}

CliParseResult parseCommandLine(const QStringList &arguments) {
    const QStringList rest = arguments.mid(1);
    for (const QString &argument : rest) {
        if (argument == QLatin1String("--"))
            break;
        if (isKeyArgument(argument))
            return usageError(QStringLiteral(
                "the API key is never taken from the command line (every user can read the process "
                "list).\nSet SENDGRID_API_KEY in the environment, or save the key in the window "
                "(system keychain)."));
    }

    const int commandIndex = positionalIndex(rest);
    if (commandIndex < 0) {
        if (hasFlag(rest, {"-h", "--help", "-?"}))
            return showText(overviewText());
        if (hasFlag(rest, {"--version"}))
            return showText(versionText());
        return usageError(QStringLiteral("no command given."));
    }
    const QString word = rest.at(commandIndex);
    if (word == QLatin1String("help")) {
        const int topicIndex = positionalIndex(rest, commandIndex + 1);
        if (topicIndex < 0)
            return showText(overviewText());
        if (const auto topic = commandNamed(rest.at(topicIndex)))
            return showText(commandHelp(*topic));
        return usageError(
            QStringLiteral("no help for '%1': there is no such command.").arg(rest.at(topicIndex)));
    }
    const auto command = commandNamed(word);
    if (!command)
        return usageError(QStringLiteral("unknown command '%1'.").arg(word));

    // The parser sees the arguments without the command word, so what stays positional is
    // the command's own arguments (the addresses of delete).
    QStringList commandArguments = arguments;
    commandArguments.removeAt(commandIndex + 1); // `rest` starts after argv[0]
    QCommandLineParser parser;
    const CommandOptions options;
    options.addTo(parser, *command);
    if (!parser.parse(commandArguments))
        return usageError(parser.errorText());
    if (parser.isSet(options.help))
        return showText(commandHelp(*command));
    if (parser.isSet(options.version))
        return showText(versionText());

    CliParseResult result;
    result.kind = CliParseResult::Kind::Run;
    result.invocation.command = *command;
    const QStringList positional = parser.positionalArguments();
    QString error;
    if (*command != CliCommand::Sandbox && *command != CliCommand::History)
        error = readConnection(parser, options, &result.invocation.connection);
    if (error.isEmpty())
        error = readCommandOptions(parser, options, positional, &result.invocation);
    if (!error.isEmpty())
        return usageError(error);
    return result;
}
