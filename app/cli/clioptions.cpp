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
    {"customers", CliCommand::Customers, "List the customers (v3: subusers or customer accounts).",
     "[--tenants KIND] [OPTIONS]"},
    {"export", CliCommand::Export, "Write one suppression list of a customer as CSV.",
     "--customer USER|--parent [--list NAME] [-o FILE] [--no-sanitize] [--bom] [OPTIONS]"},
    {"delete", CliCommand::Delete,
     "Delete addresses from a customer's suppression list, so mail is sent again.",
     "--customer USER|--parent [--list NAME] [--group ID] [--recipient-consented] [--yes] "
     "[OPTIONS] EMAIL..."},
    {"history", CliCommand::History, "Print the record of every delete made here, as CSV.",
     "[--since YYYY-MM-DD] [--customer USER] [--email ADDRESS] [--no-sanitize]"},
    {"find", CliCommand::Find,
     "Find an address (or @domain) on every list of every customer, as CSV.",
     "ADDRESS|@DOMAIN [--lists L1,L2...] [--customers U1,U2...] [--parent] [OPTIONS]"},
    {"clear", CliCommand::Clear,
     "Delete an address from every customer and list where find finds it.",
     "ADDRESS [--lists L1,L2...] [--customers U1,U2...] [--parent] [--yes] "
     "[--recipient-consented] [OPTIONS]"},
    {"sandbox", CliCommand::Sandbox, "Run the API emulator on this machine (until killed).",
     "[--port N] [--tls-certificate FILE --tls-key FILE]"},
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
        QStringLiteral("--port"),    QStringLiteral("--api"),
        QStringLiteral("--region"),  QStringLiteral("--tenants"),
        QStringLiteral("--list"),    QStringLiteral("--group"),
        QStringLiteral("--since"),   QStringLiteral("--email"),
        QStringLiteral("--lists"),   QStringLiteral("--customers"),
        QStringLiteral("--ca-file"), QStringLiteral("--tls-certificate"),
        QStringLiteral("--tls-key"),
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
        "Credentials: v3 needs only an API key (scopes suppression.read, suppression.delete,\n"
        "subusers.read): SENDGRID_API_KEY, else the v3 key the window saved in the system\n"
        "keychain. v2 (legacy): SENDGRID_API_USER and SENDGRID_API_KEY; without SENDGRID_API_KEY,\n"
        "the key the window saved for that user (or for the last user the window used).\n"
        "The key is never accepted as an argument, since every user on the machine can read the\n"
        "process list.\n"
        "\n"
        "Exit status: 0 success, 1 API, network, response or file failure, 2 usage error.\n");
}

QString overviewText() {
    QString text = QStringLiteral(
        "Usage: bouncedesk [COMMAND] [OPTIONS]\n"
        "\n"
        "Review, delete and export the suppression lists (bounces, blocks, ...) of SendGrid\n"
        "customers: v3 subusers or customer accounts, or v2 reseller customers (legacy).\n"
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
        "  bouncedesk customers [--tenants subusers|accounts]\n"
        "  bouncedesk export --customer USER|--parent [--list NAME] [-o FILE] [--no-sanitize]\n"
        "                    [--bom]\n"
        "  bouncedesk delete --customer USER|--parent [--list NAME] [--group ID]\n"
        "                    [--recipient-consented] [--yes] EMAIL...\n"
        "  bouncedesk find ADDRESS|@DOMAIN [--lists L1,L2...] [--customers U1,U2...]\n"
        "                  [--parent]\n"
        "  bouncedesk clear ADDRESS [--lists L1,L2...] [--customers U1,U2...] [--parent]\n"
        "                   [--recipient-consented] [--yes]\n"
        "  bouncedesk history [--since YYYY-MM-DD] [--customer USER] [--email ADDRESS]\n"
        "                     [--no-sanitize]\n"
        "  bouncedesk sandbox [--port N] [--tls-certificate FILE --tls-key FILE]\n"
        "\n"
        "Lists (--list, default bounces; v2 serves bounces only): bounces, blocks,\n"
        "invalid_emails, spam_reports, unsubscribes, group_unsubscribes. Deleting from\n"
        "spam_reports, unsubscribes and group_unsubscribes needs --recipient-consented: do it\n"
        "only when the recipient asked to receive mail again.\n"
        "\n"
        "find prints CSV (customer,list,email,status,reason,created; the parent account's\n"
        "customer cell is empty) for every customer and the parent account (with --customers:\n"
        "only those, and the parent only with --parent), on every list (v2: bounces). Exit 1\n"
        "when any customer or list could not be searched (named on stderr). clear deletes the\n"
        "address wherever find finds it, by default from bounces, blocks and invalid_emails.\n"
        "\n"
        "Connection options (customers, export, delete, find, clear):\n"
        "  --api v2|v3              which API (or BOUNCEDESK_API); without either, a URL whose\n"
        "                           path ends in /apiv2 or /apiv2/ means v2, anything else v3\n"
        "  --api-url URL            v3: the base URL before v3/ (default\n"
        "                           https://api.sendgrid.com/); v2: the reseller API URL\n"
        "                           (https://api.sendgrid.com/apiv2/); or BOUNCEDESK_API_URL\n"
        "  --region global|eu       v3 without a URL: SendGrid's global or EU host\n"
        "  --tenants subusers|accounts\n"
        "                           v3: customers are subusers (default) or customer accounts\n"
        "  --response-format FMT    v2: json or xml (default json)\n"
        "  --allow-insecure-http    allow plain http to a host that is not this machine\n"
        "                           (the key then travels in clear)\n"
        "  --timeout SECONDS        give up when no data arrives for this long\n"
        "  --ca-file FILE           also trust the certificate authorities in this PEM\n"
        "                           file (a company's, a TLS-inspecting proxy's) besides\n"
        "                           the system's; or BOUNCEDESK_CA_FILE\n"
        "\n");
    return text + credentialsAndExitText();
}

struct CommandOptions {
    QCommandLineOption help{{QStringLiteral("h"), QStringLiteral("help")},
                            QStringLiteral("Show this help.")};
    QCommandLineOption version{QStringLiteral("version"), QStringLiteral("Show the version.")};
    QCommandLineOption api{QStringLiteral("api"),
                           QStringLiteral("v2 or v3 (or BOUNCEDESK_API; without either, a URL "
                                          "ending in /apiv2/ means v2, anything else v3)."),
                           QStringLiteral("version")};
    QCommandLineOption apiUrl{
        QStringLiteral("api-url"),
        QStringLiteral("API base URL, or BOUNCEDESK_API_URL. v3: the URL before v3/ (default %1); "
                       "v2: the reseller API URL (%2).")
            .arg(ApiSettings::defaultV3BaseUrl().toString(),
                 ApiSettings::defaultBaseUrl().toString()),
        QStringLiteral("url")};
    QCommandLineOption region{QStringLiteral("region"),
                              QStringLiteral("v3 without --api-url: SendGrid's global (default) or "
                                             "eu host."),
                              QStringLiteral("global|eu")};
    QCommandLineOption tenants{
        QStringLiteral("tenants"),
        QStringLiteral("v3: the customers are subusers (default; on-behalf-of: USER) or "
                       "customer accounts (on-behalf-of: account-id ID)."),
        QStringLiteral("subusers|accounts")};
    QCommandLineOption parent{QStringLiteral("parent"),
                              QStringLiteral("v3: the parent account's own lists (no customer).")};
    QCommandLineOption list{QStringLiteral("list"),
                            QStringLiteral("bounces (default), blocks, invalid_emails, "
                                           "spam_reports, unsubscribes or group_unsubscribes "
                                           "(v2: bounces only)."),
                            QStringLiteral("name")};
    QCommandLineOption consented{
        QStringLiteral("recipient-consented"),
        QStringLiteral("Needed to delete from spam_reports, unsubscribes and group_unsubscribes: "
                       "the recipient asked to receive mail again.")};
    QCommandLineOption group{QStringLiteral("group"),
                             QStringLiteral("group_unsubscribes: only this group (default: every "
                                            "group the address is in)."),
                             QStringLiteral("id")};
    QCommandLineOption format{QStringLiteral("response-format"),
                              QStringLiteral("v2: json or xml (default json)."),
                              QStringLiteral("format")};
    QCommandLineOption insecure{
        QStringLiteral("allow-insecure-http"),
        QStringLiteral(
            "Allow plain http to a host that is not this machine (sends the key in clear).")};
    QCommandLineOption timeout{
        QStringLiteral("timeout"),
        QStringLiteral("Give up when no data arrives for this many seconds."),
        QStringLiteral("seconds")};
    QCommandLineOption caFile{
        QStringLiteral("ca-file"),
        QStringLiteral("Also trust the certificate authorities in this PEM file, besides the "
                       "system's (or BOUNCEDESK_CA_FILE)."),
        QStringLiteral("file")};
    QCommandLineOption customer{QStringLiteral("customer"),
                                QStringLiteral("The customer's username (v3 --tenants accounts: "
                                               "the account id)."),
                                QStringLiteral("user")};
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
    QCommandLineOption lists{
        QStringLiteral("lists"),
        QStringLiteral("Comma-separated lists to search (find: all six; clear: bounces, blocks, "
                       "invalid_emails; v2: bounces only)."),
        QStringLiteral("L1,L2")};
    QCommandLineOption customers{
        QStringLiteral("customers"),
        QStringLiteral("Comma-separated customers to search instead of every customer (the "
                       "parent account then only with --parent)."),
        QStringLiteral("U1,U2")};
    QCommandLineOption searchParent{
        QStringLiteral("parent"),
        QStringLiteral("v3, with --customers: search the parent account's lists too.")};
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
    QCommandLineOption tlsCertificate{
        QStringLiteral("tls-certificate"),
        QStringLiteral("Serve https with this PEM certificate (valid for 127.0.0.1; clients "
                       "trust it with --ca-file)."),
        QStringLiteral("file")};
    QCommandLineOption tlsKey{QStringLiteral("tls-key"),
                              QStringLiteral("The certificate's PEM private key (unencrypted)."),
                              QStringLiteral("file")};

    void addTo(QCommandLineParser &parser, CliCommand command) const {
        const CommandName &name = nameOf(command);
        parser.setApplicationDescription(QLatin1String(name.summary));
        parser.addOption(help);
        parser.addOption(version);
        if (command == CliCommand::Sandbox) {
            parser.addOptions({port, tlsCertificate, tlsKey});
            return;
        }
        // History reads a local file: connection options are accepted (scripts pass the same
        // ones to every command) and change nothing.
        parser.addOptions({api, apiUrl, region, tenants, format, insecure, timeout, caFile});
        if (command == CliCommand::History) {
            parser.addOptions({since, historyCustomer, email, noSanitize});
            return;
        }
        if (command == CliCommand::Export)
            parser.addOptions({customer, parent, list, output, noSanitize, bom});
        if (command == CliCommand::Delete) {
            parser.addOptions({customer, parent, list, group, consented, yes});
            parser.addPositionalArgument(QStringLiteral("email"),
                                         QStringLiteral("Addresses to delete from the list."),
                                         QStringLiteral("EMAIL..."));
        }
        if (command == CliCommand::Find) {
            parser.addOptions({lists, customers, searchParent});
            parser.addPositionalArgument(QStringLiteral("address"),
                                         QStringLiteral("The address, or @domain for every "
                                                        "address of a domain."),
                                         QStringLiteral("ADDRESS|@DOMAIN"));
        }
        if (command == CliCommand::Clear) {
            parser.addOptions({lists, customers, searchParent, consented, yes});
            parser.addPositionalArgument(QStringLiteral("address"),
                                         QStringLiteral("The address to delete everywhere."),
                                         QStringLiteral("ADDRESS"));
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
    QUrl url;
    if (!urlText.isEmpty()) {
        url = ApiEnvironment::parseUrl(urlText);
        if (!url.isValid())
            return QStringLiteral(
                       "'%1' is not an http or https URL (--api-url / BOUNCEDESK_API_URL).")
                .arg(urlText);
    }
    const bool apiGiven = parser.isSet(options.api);
    const QString apiText =
        (apiGiven ? parser.value(options.api) : qEnvironmentVariable("BOUNCEDESK_API"))
            .trimmed()
            .toLower();
    if (apiText == QLatin1String("v2"))
        connection->api = ApiVersion::V2;
    else if (apiText == QLatin1String("v3"))
        connection->api = ApiVersion::V3;
    else if (!apiText.isEmpty())
        return QStringLiteral("%1 must be v2 or v3, not '%2'.")
            .arg(apiGiven ? QStringLiteral("--api") : QStringLiteral("BOUNCEDESK_API"), apiText);
    else
        connection->api = ApiSettings::apiOfUrl(url);
    const bool v3 = connection->api == ApiVersion::V3;

    if (parser.isSet(options.region)) {
        const QString region = parser.value(options.region).trimmed().toLower();
        if (region != QLatin1String("global") && region != QLatin1String("eu"))
            return QStringLiteral("--region must be global or eu, not '%1'.")
                .arg(parser.value(options.region));
        if (!v3)
            return QStringLiteral("--region is for SendGrid v3 (--api v3); the v2 reseller API "
                                  "has one host.");
        connection->eu = region == QLatin1String("eu");
    }
    connection->customUrl = url.isValid();
    if (url.isValid())
        connection->baseUrl = url;
    else
        connection->baseUrl = !v3              ? ApiSettings::defaultBaseUrl()
                              : connection->eu ? ApiSettings::euV3BaseUrl()
                                               : ApiSettings::defaultV3BaseUrl();
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
    if (parser.isSet(options.caFile)) {
        connection->caFile = parser.value(options.caFile);
        connection->caFileSource = QStringLiteral("--ca-file");
        if (connection->caFile.isEmpty())
            return QStringLiteral("--ca-file needs a file of PEM certificates.");
    } else {
        connection->caFile = qEnvironmentVariable("BOUNCEDESK_CA_FILE");
        connection->caFileSource = QStringLiteral("BOUNCEDESK_CA_FILE");
    }
    return {};
}

// Comma-separated, trimmed, empty items and duplicates dropped, order kept.
QStringList commaList(const QString &text) {
    QStringList items;
    for (const QString &part : text.split(QLatin1Char(','))) {
        const QString item = part.trimmed();
        if (!item.isEmpty() && !items.contains(item))
            items << item;
    }
    return items;
}

// find and clear: the address and where to look. Takes the one positional argument.
QString readSearchOptions(const QCommandLineParser &parser, const CommandOptions &options,
                          QStringList *positional, CliInvocation *invocation) {
    const bool clear = invocation->command == CliCommand::Clear;
    const bool v3 = invocation->connection.api == ApiVersion::V3;
    const QString word = clear ? QStringLiteral("clear") : QStringLiteral("find");
    if (positional->isEmpty())
        return clear ? QStringLiteral("clear needs the ADDRESS to delete.")
                     : QStringLiteral("find needs an ADDRESS or @DOMAIN to look for.");
    if (positional->size() > 1)
        return QStringLiteral("%1 takes one address; unexpected argument '%2'.")
            .arg(word, Console::plainLine(positional->at(1)));
    const QString query = positional->takeFirst().trimmed();
    const qsizetype at = query.lastIndexOf(QLatin1Char('@'));
    if (query.startsWith(QLatin1Char('@'))) {
        if (clear)
            return QStringLiteral("clear deletes one address, not a whole domain ('%1'); "
                                  "use find %1 to see its addresses. Nothing was sent.")
                .arg(Console::plainLine(query));
        if (query.size() < 2 || query.indexOf(QLatin1Char('@'), 1) >= 0)
            return QStringLiteral("'%1' is not a domain: give @example.com.")
                .arg(Console::plainLine(query));
    } else if (at <= 0 || at == query.size() - 1) {
        return QStringLiteral("'%1' is not an address%2.")
            .arg(Console::plainLine(query), clear ? QString() : QStringLiteral(" (or @domain)"));
    }
    invocation->query = query;

    if (parser.isSet(options.searchParent) && !v3)
        return QStringLiteral("--parent needs SendGrid v3 (--api v3); the v2 reseller API "
                              "works on customers only.");
    invocation->allCustomers = !parser.isSet(options.customers);
    if (!invocation->allCustomers) {
        invocation->customers = commaList(parser.value(options.customers));
        if (invocation->customers.isEmpty())
            return QStringLiteral("--customers needs at least one customer.");
    }
    invocation->parent = v3 && (invocation->allCustomers || parser.isSet(options.searchParent));

    if (parser.isSet(options.lists)) {
        const QStringList names = commaList(parser.value(options.lists));
        if (names.isEmpty())
            return QStringLiteral("--lists needs at least one list.");
        QList<SuppressionList> named;
        for (const QString &name : names) {
            const auto list = suppressionListFromCliName(name);
            if (!list)
                return QStringLiteral("--lists takes bounces, blocks, invalid_emails, "
                                      "spam_reports, unsubscribes, group_unsubscribes; not '%1'.")
                    .arg(Console::plainLine(name));
            if (!v3 && *list != SuppressionList::Bounces)
                return QStringLiteral("the list %1 needs SendGrid v3 (--api v3); the v2 "
                                      "reseller API serves bounces only.")
                    .arg(name);
            named << *list;
        }
        // Searched in the usual order whatever order they were named in.
        for (const SuppressionList list : allSuppressionLists()) {
            if (named.contains(list))
                invocation->lists << list;
        }
    } else if (!v3) {
        invocation->lists = {SuppressionList::Bounces};
    } else if (clear) {
        invocation->lists = {SuppressionList::Bounces, SuppressionList::Blocks,
                             SuppressionList::InvalidEmails};
    } else {
        invocation->lists = allSuppressionLists();
    }
    if (clear) {
        invocation->recipientConsented = parser.isSet(options.consented);
        invocation->assumeYes = parser.isSet(options.yes);
        for (const SuppressionList list : std::as_const(invocation->lists)) {
            if (isConsentList(list) && !invocation->recipientConsented)
                return QStringLiteral("%1 records the recipient's own wish: delete from it "
                                      "only when the recipient asked to receive mail again, "
                                      "and say so with --recipient-consented. Nothing was sent.")
                    .arg(suppressionListCliName(list));
        }
    }
    return {};
}

QString readCommandOptions(const QCommandLineParser &parser, const CommandOptions &options,
                           QStringList positional, CliInvocation *invocation) {
    const CliCommand command = invocation->command;
    const bool v3 = invocation->connection.api == ApiVersion::V3;
    if (command != CliCommand::Sandbox && parser.isSet(options.tenants)) {
        const QString tenants = parser.value(options.tenants).trimmed().toLower();
        if (tenants != QLatin1String("subusers") && tenants != QLatin1String("accounts"))
            return QStringLiteral("--tenants must be subusers or accounts, not '%1'.")
                .arg(parser.value(options.tenants));
        if (!v3)
            return QStringLiteral("--tenants is for SendGrid v3 (--api v3); v2 lists its "
                                  "reseller customers.");
        invocation->accounts = tenants == QLatin1String("accounts");
    }
    if (command == CliCommand::Export || command == CliCommand::Delete) {
        const QString word = QLatin1String(nameOf(command).word);
        invocation->customer = parser.value(options.customer).trimmed();
        invocation->parent = parser.isSet(options.parent);
        if (invocation->parent && parser.isSet(options.customer))
            return QStringLiteral("give either --customer or --parent, not both.");
        if (invocation->parent && !v3)
            return QStringLiteral("--parent needs SendGrid v3 (--api v3); the v2 reseller API "
                                  "works on customers only.");
        if (!invocation->parent && invocation->customer.isEmpty())
            return v3 ? QStringLiteral("%1 needs --customer USER (or --parent).").arg(word)
                      : QStringLiteral("%1 needs --customer USER.").arg(word);
        if (parser.isSet(options.list)) {
            const QString name = parser.value(options.list).trimmed();
            const auto list = suppressionListFromCliName(name);
            if (!list)
                return QStringLiteral("--list must be one of bounces, blocks, invalid_emails, "
                                      "spam_reports, unsubscribes, group_unsubscribes; not '%1'.")
                    .arg(name);
            if (!v3 && *list != SuppressionList::Bounces)
                return QStringLiteral("the list %1 needs SendGrid v3 (--api v3); the v2 "
                                      "reseller API serves bounces only.")
                    .arg(name);
            invocation->list = *list;
        }
    }
    if (command == CliCommand::Export) {
        invocation->outputPath = parser.value(options.output);
        if (invocation->outputPath == QLatin1String("-"))
            invocation->outputPath.clear();
        invocation->csv.neutraliseFormulas = !parser.isSet(options.noSanitize);
        invocation->csv.byteOrderMark = parser.isSet(options.bom);
    }
    if (command == CliCommand::Delete) {
        invocation->recipientConsented = parser.isSet(options.consented);
        if (isConsentList(invocation->list) && !invocation->recipientConsented)
            return QStringLiteral("%1 records the recipient's own wish: delete from it only when "
                                  "the recipient asked to receive mail again, and say so with "
                                  "--recipient-consented. Nothing was sent.")
                .arg(suppressionListCliName(invocation->list));
        if (parser.isSet(options.group)) {
            if (invocation->list != SuppressionList::GroupUnsubscribes)
                return QStringLiteral("--group goes with --list group_unsubscribes.");
            invocation->groupId = parser.value(options.group).trimmed();
            if (invocation->groupId.isEmpty())
                return QStringLiteral("--group needs a group id.");
        }
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
    if (command == CliCommand::Find || command == CliCommand::Clear) {
        const QString error = readSearchOptions(parser, options, &positional, invocation);
        if (!error.isEmpty())
            return error;
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
    if (command == CliCommand::Sandbox) {
        invocation->tlsCertificatePath = parser.value(options.tlsCertificate);
        invocation->tlsKeyPath = parser.value(options.tlsKey);
        if (invocation->tlsCertificatePath.isEmpty() != invocation->tlsKeyPath.isEmpty())
            return QStringLiteral("--tls-certificate and --tls-key go together.");
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
