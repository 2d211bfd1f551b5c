#pragma once

#include "api/apisettings.h"
#include "core/csvwriter.h"
#include "core/deletionrecordreader.h"

#include <QString>
#include <QStringList>
#include <QUrl>

// What the command line asked for, after parsing and checking, before anything is sent.

enum class CliCommand { Customers, Export, Delete, History, Sandbox };

// How to reach the API; the credentials come separately (environment or keychain), never from
// an argument.
struct ConnectionOptions {
    QUrl baseUrl = ApiSettings::defaultBaseUrl();
    ResponseFormat format = ResponseFormat::Json;
    bool allowInsecureHttp = false;
    int transferTimeoutMs = 0; // 0: the client's default
};

struct CliInvocation {
    CliCommand command = CliCommand::Customers;
    ConnectionOptions connection;
    QString customer;             // export, delete
    QString outputPath;           // export; empty: standard output
    CsvOptions csv;               // export
    bool assumeYes = false;       // delete
    QStringList emails;           // delete, duplicates removed, order kept
    quint16 port = 0;             // sandbox
    DeletionRecordFilter history; // history (csv.neutraliseFormulas: --no-sanitize)
};

struct CliParseResult {
    enum class Kind {
        Run,        // `invocation` is ready
        ShowText,   // print `text` on stdout and exit 0 (help, version)
        UsageError, // print `text` as an error and exit 2
    };
    Kind kind = Kind::UsageError;
    QString text;
    CliInvocation invocation;
};

// True when the arguments (argv[0] first) ask for anything but the window: a subcommand,
// --help, --version, or an option the window does not know. No arguments, --demo and Qt's
// own GUI options (-platform xcb, -style ...) open the window.
bool argumentsWantCommandLine(const QStringList &arguments);

// Parses the arguments (argv[0] first). Reads BOUNCEDESK_API_URL when --api-url is absent.
CliParseResult parseCommandLine(const QStringList &arguments);
