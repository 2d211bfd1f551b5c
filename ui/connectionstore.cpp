#include "connectionstore.h"

#include "api/apienvironment.h"

#include "keychain/keychainsecretstore.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QPointer>
#include <QSettings>
#include <QTimer>

Q_LOGGING_CATEGORY(lcConnectionStore, "bouncedesk.connection")

namespace {
// The only keys this class writes. The API key has no key here on purpose.
const QString kApiUser = QStringLiteral("connection/apiUser");
const QString kBaseUrl = QStringLiteral("connection/baseUrl");
const QString kFormat = QStringLiteral("connection/format");
const QString kAllowInsecureHttp = QStringLiteral("connection/allowInsecureHttp");

bool isBackendFailure(SecretStore::Status status) {
    return status == SecretStore::Status::NoBackend || status == SecretStore::Status::Error;
}

const char *statusName(SecretStore::Status status) {
    switch (status) {
    case SecretStore::Status::Ok:
        return "ok";
    case SecretStore::Status::NotFound:
        return "not found";
    case SecretStore::Status::NoBackend:
        return "no backend";
    case SecretStore::Status::Error:
        return "error";
    }
    return "?";
}
} // namespace

ConnectionStore::ConnectionStore(std::unique_ptr<SecretStore> secrets, QObject *parent)
    : QObject(parent)
    , m_secrets(secrets ? std::move(secrets) : std::make_unique<KeychainSecretStore>()) {}

ConnectionStore::~ConnectionStore() = default;

QString ConnectionStore::keyAccount(const ApiSettings &settings) {
    return settings.apiUser + QLatin1Char('@') + settings.baseUrl.host();
}

QString ConnectionStore::sessionOnlyWarning() {
    return QCoreApplication::translate(
        "ConnectionStore",
        "No system keychain is available: the API key is kept for this session only.");
}

bool ConnectionStore::hasSavedConnection() const {
    return !QSettings().value(kApiUser).toString().isEmpty();
}

ApiSettings ConnectionStore::startingSettings() const {
    const ApiSettings saved = savedSettings();
    return hasSavedConnection() ? saved : ApiEnvironment::read().appliedTo(saved);
}

ApiSettings ConnectionStore::savedSettings() const {
    const QSettings settings;
    ApiSettings result;
    result.apiUser = settings.value(kApiUser).toString();
    const QUrl url(settings.value(kBaseUrl).toString(), QUrl::StrictMode);
    if (url.isValid() && !url.isEmpty())
        result.baseUrl = url;
    ResponseFormat format = ResponseFormat::Json;
    if (parseResponseFormat(settings.value(kFormat).toString(), &format))
        result.format = format;
    result.allowInsecureHttp = settings.value(kAllowInsecureHttp, false).toBool();
    return result;
}

bool ConnectionStore::keyIsSessionOnly() const {
    return !activeSecrets()->isPersistent();
}

SecretStore *ConnectionStore::activeSecrets() const {
    return m_sessionSecrets ? m_sessionSecrets.get() : m_secrets.get();
}

void ConnectionStore::writeNonSecretFields(const ApiSettings &settings) const {
    QSettings store;
    store.setValue(kApiUser, settings.apiUser);
    store.setValue(kBaseUrl, settings.baseUrl.toString());
    store.setValue(kFormat, responseFormatName(settings.format));
    store.setValue(kAllowInsecureHttp, settings.allowInsecureHttp);
    store.sync();
}

void ConnectionStore::switchToSessionStore(SecretStore::Status status, const QString &error) {
    // The error text comes from the keychain library and names the account at most.
    qCWarning(lcConnectionStore).nospace()
        << "keychain unavailable (" << statusName(status) << "): " << error
        << "; keeping the API key for this session only";
    if (!m_sessionSecrets)
        m_sessionSecrets = std::make_unique<MemorySecretStore>();
}

void ConnectionStore::load() {
    const ApiSettings settings = savedSettings();
    if (settings.apiUser.isEmpty()) {
        // Same contract as the keychain path: the signal never fires inside the call.
        QTimer::singleShot(0, this, [this, settings] { Q_EMIT loaded(settings, false); });
        return;
    }
    const QPointer<ConnectionStore> self(this);
    const bool fromSessionStore = m_sessionSecrets != nullptr;
    activeSecrets()->readSecret(
        keyAccount(settings),
        [self, settings, fromSessionStore](SecretStore::Status status, const QString &secret,
                                           const QString &error) {
            if (self)
                self->finishLoad(settings, fromSessionStore, status, secret, error);
        });
}

void ConnectionStore::finishLoad(ApiSettings settings, bool fromSessionStore,
                                 SecretStore::Status status, const QString &secret,
                                 const QString &error) {
    if (status == SecretStore::Status::Ok) {
        settings.apiKey = secret;
        Q_EMIT loaded(settings, !secret.isEmpty());
        return;
    }
    // NotFound is normal (first start, other endpoint); a broken keychain is not.
    if (isBackendFailure(status) && !fromSessionStore)
        switchToSessionStore(status, error);
    Q_EMIT loaded(settings, false);
}

void ConnectionStore::save(const ApiSettings &settings) {
    writeNonSecretFields(settings);
    const QString account = keyAccount(settings);
    if (m_sessionSecrets) {
        writeKeyToSessionStore(account, settings.apiKey);
        return;
    }
    const QPointer<ConnectionStore> self(this);
    m_secrets->writeSecret(
        account, settings.apiKey,
        [self, account, key = settings.apiKey](SecretStore::Status status, const QString &error) {
            if (!self)
                return;
            if (status == SecretStore::Status::Ok) {
                Q_EMIT self->saved(self->m_secrets->isPersistent(), QString());
                return;
            }
            self->switchToSessionStore(status, error);
            self->writeKeyToSessionStore(account, key);
        });
}

void ConnectionStore::writeKeyToSessionStore(const QString &account, const QString &key) {
    const QPointer<ConnectionStore> self(this);
    m_sessionSecrets->writeSecret(account, key, [self](SecretStore::Status, const QString &) {
        if (self)
            Q_EMIT self->saved(false, sessionOnlyWarning());
    });
}
