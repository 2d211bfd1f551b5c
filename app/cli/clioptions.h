#pragma once

#include "api/apisettings.h"
#include "core/csvwriter.h"
#include "core/deletionrecordreader.h"
#include "core/suppressionlist.h"

#include <QString>
#include <QStringList>
#include <QUrl>

// What the command line asked for, after parsing and checking, before anything is sent.

enum class CliCommand { Customers, Export, Delete, History, Sandbox, Find, Clear };

// How to reach the API; the credentials come separately (environment or keychain), never from
// an argument.
struct ConnectionOptions {
    // --api, else BOUNCEDESK_API, else the URL: a path ending in /apiv2 or /apiv2/ is v2,
    // anything else (no URL too) v3.
    ApiVersion api = ApiVersion::V3;
    // v2: the reseller.manage base; v3: the base before "v3/" (--region picks SendGrid's).
    QUrl baseUrl = ApiSettings::defaultV3BaseUrl();
    bool customUrl = false; // v3: every customer is asked at baseUrl, whatever its region
    bool eu = false;        // v3: --region eu
    ResponseFormat format = ResponseFormat::Json;
    bool allowInsecureHttp = false;
    int transferTimeoutMs = 0; // 0: the client's default
    // --ca-file, else BOUNCEDESK_CA_FILE: certificate authorities trusted besides the system's
    // (read, and a bad file refused, before anything is sent); empty: none. `caFileSource` names
    // where it came from, for the message about a file that cannot be used.
    QString caFile;
    QString caFileSource;
};

struct CliInvocation {
    CliCommand command = CliCommand::Customers;
    ConnectionOptions connection;
    QString customer;      // export, delete (v3 with --tenants accounts: the account id)
    bool parent = false;   // export, delete (v3): the parent account's own lists
    bool accounts = false; // v3: --tenants accounts (customer accounts, not subusers)
    SuppressionList list = SuppressionList::Bounces; // export, delete
    bool recipientConsented = false;                 // delete from a consent list
    QString groupId;                                 // delete --list group_unsubscribes
    QString outputPath;                              // export; empty: standard output
    CsvOptions csv;                                  // export
    bool assumeYes = false;                          // delete
    QStringList emails;                              // delete, duplicates removed, order kept
    quint16 port = 0;                                // sandbox
    QString tlsCertificatePath; // sandbox: serve https with this PEM certificate (empty: http)
    QString tlsKeyPath;         // … and this PEM private key (both or neither)
    // find, clear: the address (or find's "@domain"), where to look. `parent` is set when the
    // parent account is searched (always without --customers, v3).
    QString query;
    bool allCustomers = true;     // no --customers
    QStringList customers;        // --customers, duplicates removed, order kept
    QList<SuppressionList> lists; // --lists, or the command's default
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

// Parses the arguments (argv[0] first). Reads BOUNCEDESK_API_URL when --api-url is absent,
// BOUNCEDESK_API when --api is and BOUNCEDESK_CA_FILE when --ca-file is.
CliParseResult parseCommandLine(const QStringList &arguments);
