#pragma once

#include <QString>
#include <QUrl>

#include <functional>

class SecretStore;

// Where the command line finds the reseller's credentials (v2), in this order:
//   user: SENDGRID_API_USER, else the last user the window connected as (QSettings);
//   key:  SENDGRID_API_KEY, else the keychain entry the window saved for that user and host.
// Never from an argument: arguments are visible to every user in the process list.
struct CliCredentials {
    QString user;
    QString key;
};

struct CredentialsLookup {
    CliCredentials credentials;
    QString error; // empty on success; otherwise what is missing and how to provide it
    int exitCode = 0;
};

// QSettings key (organisation "BounceDesk", application "BounceDesk") under which the window
// keeps the API user it last connected as. Shared with the window; holds no secret.
QString lastApiUserSettingsKey();

// The keychain account of a connection, as the window (ConnectionStore::keyAccount) names it:
// "user@host", so two endpoints never share a key.
QString keychainAccount(const QString &user, const QUrl &baseUrl);

// The keychain account of a v3 key: "v3@host" (v3 has no API user; the host keeps the key of
// a sandbox apart from SendGrid's).
QString v3KeychainAccount(const QUrl &baseUrl);

// Calls `done` with the credentials for the v2 API at `baseUrl`, possibly later (reading the
// keychain is asynchronous).
void lookUpCredentials(SecretStore &keychain, const QUrl &baseUrl,
                       std::function<void(const CredentialsLookup &)> done);
// The same for v3: the key only, from SENDGRID_API_KEY or else v3KeychainAccount(baseUrl).
void lookUpV3Credentials(SecretStore &keychain, const QUrl &baseUrl,
                         std::function<void(const CredentialsLookup &)> done);
