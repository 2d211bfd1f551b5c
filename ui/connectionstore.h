#pragma once

#include "api/apisettings.h"
#include "core/secretstore.h"

#include <QObject>
#include <QString>

#include <memory>

// Where connection settings live. The non-secret fields (API user, URL, format,
// allowInsecureHttp) go to QSettings under "connection/"; the key goes to a SecretStore only,
// never to QSettings. By default that is the system keychain; when the keychain reports
// NoBackend or Error, the store switches to an in-memory one for the rest of the session and
// says so through saved(false, warning) / keyIsSessionOnly().
class ConnectionStore final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionStore)
public:
    // Takes ownership of `secrets` (nullptr: the system keychain with session fallback).
    explicit ConnectionStore(std::unique_ptr<SecretStore> secrets = {}, QObject *parent = nullptr);
    ~ConnectionStore() override;

    bool hasSavedConnection() const;   // an API user is in QSettings
    ApiSettings savedSettings() const; // the non-secret fields from QSettings, no key
    // What the connection dialog starts from: the saved settings; without a saved connection,
    // what the environment names as the command line reads it (BOUNCEDESK_API_URL,
    // SENDGRID_API_USER, SENDGRID_API_KEY). Nothing is stored until save().
    ApiSettings startingSettings() const;
    void load();                            // async -> loaded()
    void save(const ApiSettings &settings); // async -> saved()
    bool keyIsSessionOnly() const;          // true after the keychain failed

    // The keychain account of a connection: "user@host", so two endpoints never share a key.
    static QString keyAccount(const ApiSettings &settings);
    // The sentence shown when the key cannot be stored persistently.
    static QString sessionOnlyWarning();

Q_SIGNALS:
    void loaded(const ApiSettings &settings, bool keyFound);
    void saved(bool persistent,
               const QString &warning); // warning: shown to the user (no key in it)

private:
    SecretStore *activeSecrets() const;
    void writeNonSecretFields(const ApiSettings &settings) const;
    void switchToSessionStore(SecretStore::Status status, const QString &error);
    void writeKeyToSessionStore(const QString &account, const QString &key);
    void finishLoad(ApiSettings settings, bool fromSessionStore, SecretStore::Status status,
                    const QString &secret, const QString &error);

    std::unique_ptr<SecretStore> m_secrets;
    // Created when m_secrets fails. m_secrets stays alive: its callback may still be running.
    std::unique_ptr<SecretStore> m_sessionSecrets;
};
