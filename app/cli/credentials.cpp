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
    keychain.readSecret(keychainAccount(user, baseUrl), [user, host = baseUrl.host(),
                                                         done = std::move(done)](
                                                            SecretStore::Status status,
                                                            const QString &secret,
                                                            const QString &error) {
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
                                        "keychain is reachable (%1).\nSet SENDGRID_API_KEY in the "
                                        "environment.")
                             .arg(error)));
            return;
        case SecretStore::Status::Error:
            done(missing(QStringLiteral("could not read the API key of %1 from the system "
                                        "keychain: %2\nSet SENDGRID_API_KEY in the environment.")
                             .arg(user, error),
                         1));
            return;
        }
        done(missing(QStringLiteral("no API key for %1 at %2: set SENDGRID_API_KEY in the "
                                    "environment, or save the key in the window (system keychain).")
                         .arg(user, host)));
    });
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
    keychain.readSecret(v3KeychainAccount(baseUrl), [host = baseUrl.host(), done = std::move(done)](
                                                        SecretStore::Status status,
                                                        const QString &secret,
                                                        const QString &error) {
        switch (status) {
        case SecretStore::Status::Ok:
            if (!secret.isEmpty()) {
                done({{QString(), secret}, {}, 0});
                return;
            }
            break;
        case SecretStore::Status::NotFound:
            break;
        case SecretStore::Status::NoBackend:
            done(missing(QStringLiteral("no API key: SENDGRID_API_KEY is not set and no system "
                                        "keychain is reachable (%1).\nSet SENDGRID_API_KEY to a "
                                        "SendGrid v3 API key.")
                             .arg(error)));
            return;
        case SecretStore::Status::Error:
            done(missing(QStringLiteral("could not read the API key for %1 from the system "
                                        "keychain: %2\nSet SENDGRID_API_KEY in the environment.")
                             .arg(host, error),
                         1));
            return;
        }
        done(missing(QStringLiteral("no API key for %1: set SENDGRID_API_KEY to a SendGrid v3 "
                                    "API key, or save the key in the window (system keychain).")
                         .arg(host)));
    });
}
