#pragma once

#include "api/apisettings.h"
#include "core/secretstore.h"

#include <QObject>
#include <QString>

#include <memory>

// Where connection settings live. The non-secret fields go to QSettings under "connection/":
// the API (api: v2 or v3; absent in files written before v3, which are v2), for v2 the API
// user, URL and format (as before v3), for v3 the region (global, eu or custom), the custom base
// URL and the customer source (tenants: subusers or accounts), and allowInsecureHttp. The key
// goes to a SecretStore only, never to QSettings. By default that is the system keychain; when
// the keychain reports NoBackend or Error, the store switches to an in-memory one for the rest
// of the session and says so through saved(false, warning) / keyIsSessionOnly().
class ConnectionStore final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionStore)
public:
    // Takes ownership of `secrets` (nullptr: the system keychain with session fallback).
    explicit ConnectionStore(std::unique_ptr<SecretStore> secrets = {}, QObject *parent = nullptr);
    ~ConnectionStore() override;

    // Where a v3 connection is: one of SendGrid's two regions, or a custom base URL (a proxy,
    // the emulator).
    enum class Region : quint8 { Global, Eu, Custom };

    bool hasSavedConnection() const; // a v3 connection, or a v2 one with an API user
    // The non-secret fields from QSettings, no key: api, baseUrl (for v3 the region's or the
    // custom base URL), tenantSource, and the v2 fields (kept when v3 is saved, so switching
    // back finds them; baseUrl is the v2 URL only when api is v2).
    ApiSettings savedSettings() const;
    // What the connection dialog starts from: the saved settings; without a saved connection,
    // a new v3 connection to the global region with what the environment names as the command
    // line reads it (BOUNCEDESK_API, BOUNCEDESK_API_URL, SENDGRID_API_USER, SENDGRID_API_KEY:
    // a URL ending in /apiv2/ means v2). Nothing is stored until save().
    ApiSettings startingSettings() const;
    void load();                            // async -> loaded()
    void save(const ApiSettings &settings); // async -> saved()
    bool keyIsSessionOnly() const;          // true after the keychain failed

    // The keychain account of a connection, so two endpoints never share a key: v2 "user@host",
    // v3 "v3@host" (what the command line reads: v3KeychainAccount in app/cli/credentials).
    static QString keyAccount(const ApiSettings &settings);
    // The region a v3 base URL names: Global or Eu for SendGrid's own, Custom for any other.
    static Region regionOf(const QUrl &v3BaseUrl);
    // The v3 base URL of a region of SendGrid's (Custom: an empty URL).
    static QUrl baseUrlOf(Region region);
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
