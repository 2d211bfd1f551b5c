#include "credentials.h"

#include "api/apienvironment.h"
#include "core/secretstore.h"

#include <QSettings>

namespace {

CredentialsLookup missing(const QString &error, int exitCode = 2) {
    CredentialsLookup lookup;
    lookup.error = error;
    lookup.exitCode = exitCode;
    return lookup;
}

// Reads the key saved under `account`. The v2 and v3 lookups differ only in their words:
// `whose` names the key ("acme", "api.sendgrid.com"), `instead` says how else to give it, and
// `notSaved` is the whole message when the keychain holds no such entry.
struct KeychainWords {
    QString whose;
    QString instead;
    QString notSaved;
};

void readKey(SecretStore &keychain, const QString &account, const QString &user,
             KeychainWords words, std::function<void(const CredentialsLookup &)> done) {
    keychain.readSecret(
        account, [user, words = std::move(words), done = std::move(done)](
                     SecretStore::Status status, const QString &secret, const QString &error) {
            switch (status) {
            case SecretStore::Status::Ok:
                if (!secret.isEmpty()) {
                    done({{user, secret}, {}, 0});
                    return;
                }
                break;
            case SecretStore::Status::NotFound:
                break;
            case SecretStore::Status::NoBackend:
                done(missing(QStringLiteral("no API key: SENDGRID_API_KEY is not set and no system "
                                            "keychain is reachable (%1).\n%2")
                                 .arg(error, words.instead)));
                return;
            case SecretStore::Status::Error:
                done(missing(QStringLiteral("could not read the API key for %1 from the system "
                                            "keychain: %2\n%3")
                                 .arg(words.whose, error, words.instead),
                             1));
                return;
            }
            done(missing(words.notSaved));
        });
}

} // namespace

QString lastApiUserSettingsKey() {
    return QStringLiteral("connection/apiUser");
}

QString keychainAccount(const QString &user, const QUrl &baseUrl) {
    return user + QLatin1Char('@') + baseUrl.host();
}

void lookUpCredentials(SecretStore &keychain, const QUrl &baseUrl,
                       std::function<void(const CredentialsLookup &)> done) {
    CliCredentials credentials;
    const ApiEnvironment environment = ApiEnvironment::read();
    credentials.user = environment.user;
    credentials.key = environment.key;
    if (credentials.user.isEmpty())
        credentials.user = QSettings().value(lastApiUserSettingsKey()).toString().trimmed();
    if (credentials.user.isEmpty()) {
        done(missing(QStringLiteral(
            "no API user: set SENDGRID_API_USER and SENDGRID_API_KEY in the environment,\n"
            "or connect once in the window, which saves the key in the system keychain.")));
        return;
    }
    if (!credentials.key.isEmpty()) {
        done({credentials, {}, 0});
        return;
    }
    const QString user = credentials.user;
    readKey(keychain, keychainAccount(user, baseUrl), user,
            {user, QStringLiteral("Set SENDGRID_API_KEY in the environment."),
             QStringLiteral("no API key for %1 at %2: set SENDGRID_API_KEY in the environment, "
                            "or save the key in the window (system keychain).")
                 .arg(user, baseUrl.host())},
            std::move(done));
}

QString v3KeychainAccount(const QUrl &baseUrl) {
    return QStringLiteral("v3@") + baseUrl.host();
}

void lookUpV3Credentials(SecretStore &keychain, const QUrl &baseUrl,
                         std::function<void(const CredentialsLookup &)> done) {
    const QString key = ApiEnvironment::read().key;
    if (!key.isEmpty()) {
        done({{QString(), key}, {}, 0});
        return;
    }
    readKey(keychain, v3KeychainAccount(baseUrl), QString(),
            {baseUrl.host(), QStringLiteral("Set SENDGRID_API_KEY to a SendGrid v3 API key."),
             QStringLiteral("no API key for %1: set SENDGRID_API_KEY to a SendGrid v3 API key, "
                            "or save the key in the window (system keychain).")
                 .arg(baseUrl.host())},
            std::move(done));
}
