#include "connectionstore.h"

#include "api/apienvironment.h"
#include "api/suppressionclientfactory.h"

#include "keychain/keychainsecretstore.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QPointer>
#include <QSettings>
#include <QTimer>

Q_LOGGING_CATEGORY(lcConnectionStore, "bouncedesk.connection")

// ApiSettings::tenantSource starts as TenantSource{}: a new connection lists subusers.
static_assert(TenantSource{} == TenantSource::Subusers);

namespace {
// The only keys this class writes. The API key has no key here on purpose.
const QString kApiUser = QStringLiteral("connection/apiUser");
const QString kBaseUrl = QStringLiteral("connection/baseUrl");
const QString kFormat = QStringLiteral("connection/format");
const QString kAllowInsecureHttp = QStringLiteral("connection/allowInsecureHttp");
// Since v3. Without kApi a file is from before v3: a v2 connection.
const QString kApi = QStringLiteral("connection/api");
const QString kRegion = QStringLiteral("connection/region");
const QString kV3BaseUrl = QStringLiteral("connection/v3BaseUrl");
const QString kTenants = QStringLiteral("connection/tenants");

QString regionName(ConnectionStore::Region region) {
    switch (region) {
    case ConnectionStore::Region::Global:
        return QStringLiteral("global");
    case ConnectionStore::Region::Eu:
        return QStringLiteral("eu");
    case ConnectionStore::Region::Custom:
        break;
    }
    return QStringLiteral("custom");
}

// An http(s) URL with a host, or an invalid QUrl (the settings file may have been edited).
QUrl storedUrl(const QSettings &settings, const QString &key) {
    const QUrl url(settings.value(key).toString(), QUrl::StrictMode);
    return url.isValid() && !url.isEmpty() && !url.host().isEmpty() ? url : QUrl();
}

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
    if (settings.api == ApiVersion::V3)
        return QStringLiteral("v3@") + settings.baseUrl.host();
    return settings.apiUser + QLatin1Char('@') + settings.baseUrl.host();
}

ConnectionStore::Region ConnectionStore::regionOf(const QUrl &v3BaseUrl) {
    if (v3BaseUrl == ApiSettings::defaultV3BaseUrl())
        return Region::Global;
    if (v3BaseUrl == ApiSettings::euV3BaseUrl())
        return Region::Eu;
    return Region::Custom;
}

QUrl ConnectionStore::baseUrlOf(Region region) {
    switch (region) {
    case Region::Global:
        return ApiSettings::defaultV3BaseUrl();
    case Region::Eu:
        return ApiSettings::euV3BaseUrl();
    case Region::Custom:
        break;
    }
    return {};
}

QString ConnectionStore::sessionOnlyWarning() {
    return QCoreApplication::translate(
        "ConnectionStore",
        "No system keychain is available: the API key is kept for this session only.");
}

bool ConnectionStore::hasSavedConnection() const {
    const QSettings settings;
    return settings.value(kApi).toString() == QLatin1String("v3") ||
           !settings.value(kApiUser).toString().isEmpty();
}

ApiSettings ConnectionStore::startingSettings() const {
    if (hasSavedConnection())
        return savedSettings();
    const ApiEnvironment environment = ApiEnvironment::read();
    ApiSettings fresh = environment.appliedTo(ApiSettings());
    // As the command line decides: BOUNCEDESK_API, else the URL's path, else v3.
    const QString api = qEnvironmentVariable("BOUNCEDESK_API").trimmed().toLower();
    const QUrl url = ApiEnvironment::parseUrl(environment.url);
    fresh.api = api == QLatin1String("v2")   ? ApiVersion::V2
                : api == QLatin1String("v3") ? ApiVersion::V3
                                             : ApiSettings::apiOfUrl(url);
    if (!url.isValid())
        fresh.baseUrl = fresh.api == ApiVersion::V3 ? ApiSettings::defaultV3BaseUrl()
                                                    : ApiSettings::defaultBaseUrl();
    return fresh;
}

ApiSettings ConnectionStore::savedSettings() const {
    const QSettings settings;
    ApiSettings result;
    result.apiUser = settings.value(kApiUser).toString();
    ResponseFormat format = ResponseFormat::Json;
    if (parseResponseFormat(settings.value(kFormat).toString(), &format))
        result.format = format;
    result.allowInsecureHttp = settings.value(kAllowInsecureHttp, false).toBool();
    if (settings.value(kApi).toString() != QLatin1String("v3")) {
        result.api = ApiVersion::V2;
        if (const QUrl url = storedUrl(settings, kBaseUrl); url.isValid())
            result.baseUrl = url;
        return result;
    }
    result.api = ApiVersion::V3;
    result.tenantSource = settings.value(kTenants).toString() == QLatin1String("accounts")
                              ? TenantSource::Accounts
                              : TenantSource::Subusers;
    const QString region = settings.value(kRegion).toString();
    const QUrl custom = storedUrl(settings, kV3BaseUrl);
    if (region == QLatin1String("custom") && custom.isValid())
        result.baseUrl = custom;
    else if (region == QLatin1String("eu"))
        result.baseUrl = ApiSettings::euV3BaseUrl();
    else
        result.baseUrl = ApiSettings::defaultV3BaseUrl();
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
    store.setValue(kAllowInsecureHttp, settings.allowInsecureHttp);
    if (settings.api == ApiVersion::V3) {
        // The v2 fields stay as they were: switching back to v2 finds them.
        const Region region = regionOf(settings.baseUrl);
        store.setValue(kApi, QStringLiteral("v3"));
        store.setValue(kRegion, regionName(region));
        if (region == Region::Custom)
            store.setValue(kV3BaseUrl, settings.baseUrl.toString());
        else
            store.remove(kV3BaseUrl);
        store.setValue(kTenants, settings.tenantSource == TenantSource::Accounts
                                     ? QStringLiteral("accounts")
                                     : QStringLiteral("subusers"));
    } else {
        store.setValue(kApi, QStringLiteral("v2"));
        store.setValue(kApiUser, settings.apiUser);
        store.setValue(kBaseUrl, settings.baseUrl.toString());
        store.setValue(kFormat, responseFormatName(settings.format));
    }
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
    if (!hasSavedConnection() || (settings.api == ApiVersion::V2 && settings.apiUser.isEmpty())) {
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
