#include "apisettings.h"

#include <QCoreApplication>
#include <QHostAddress>

ApiVersion ApiSettings::apiOfUrl(const QUrl &url) {
    if (!url.isValid())
        return ApiVersion::V3;
    QString path = url.path();
    if (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    return path.endsWith(QLatin1String("/apiv2")) ? ApiVersion::V2 : ApiVersion::V3;
}

QUrl ApiSettings::endpoint() const {
    QUrl url = baseUrl;
    QString path = url.path();
    if (!path.endsWith(QLatin1Char('/')))
        path += QLatin1Char('/');
    path += QStringLiteral("reseller.manage.") + responseFormatName(format);
    url.setPath(path);
    return url;
}

QUrl ApiSettings::v3Url(const QString &path) const {
    QUrl url = baseUrl;
    QString base = url.path(QUrl::FullyEncoded);
    if (!base.endsWith(QLatin1Char('/')))
        base += QLatin1Char('/');
    // `path` is already percent-encoded where it holds an address: kept as it is.
    url.setPath(base + QStringLiteral("v3/") + path, QUrl::TolerantMode);
    return url;
}

QString ApiSettings::validationError() const {
    if (api == ApiVersion::V2 && apiUser.trimmed().isEmpty())
        return QCoreApplication::translate("ApiSettings", "No API user is set.");
    if (apiKey.isEmpty())
        return QCoreApplication::translate("ApiSettings", "No API key is set.");
    if (!baseUrl.isValid() || baseUrl.isRelative())
        return QCoreApplication::translate("ApiSettings", "The API URL is not a valid address.");
    const QString scheme = baseUrl.scheme().toLower();
    if (scheme != QLatin1String("https") && scheme != QLatin1String("http"))
        return QCoreApplication::translate("ApiSettings",
                                           "The API URL must start with https:// (not %1://).")
            .arg(scheme);
    if (baseUrl.host().isEmpty())
        return QCoreApplication::translate("ApiSettings", "The API URL names no host.");
    if (!baseUrl.userInfo().isEmpty())
        // Credentials in a URL end up in proxy logs; the API takes them in the body only.
        return QCoreApplication::translate("ApiSettings",
                                           "The API URL must not contain a user name or password.");
    if (scheme == QLatin1String("http") && !allowInsecureHttp && !isLoopbackHost(baseUrl.host()))
        return QCoreApplication::translate("ApiSettings",
                                           "Plain http to %1 would send the API key in clear; use "
                                           "https, or explicitly allow insecure http.")
            .arg(baseUrl.host());
    if (transferTimeoutMs <= 0)
        // A transfer without a timeout can hang for ever on a silent server.
        return QCoreApplication::translate("ApiSettings",
                                           "The transfer timeout must be longer than zero.");
    return {};
}

bool isLoopbackHost(const QString &host) {
    QString name = host.trimmed().toLower();
    if (name.startsWith(QLatin1Char('[')) && name.endsWith(QLatin1Char(']')))
        name = name.mid(1, name.size() - 2);
    if (name.endsWith(QLatin1Char('.')))
        name.chop(1); // "localhost." is the same fully-qualified name
    if (name == QLatin1String("localhost"))
        return true;
    QHostAddress address;
    // setAddress() only accepts literal addresses, so "127.0.0.1.example.com" is not loopback.
    return address.setAddress(name) && address.isLoopback();
}
