#include "apienvironment.h"

ApiEnvironment ApiEnvironment::read() {
    ApiEnvironment environment;
    environment.url = qEnvironmentVariable("BOUNCEDESK_API_URL").trimmed();
    environment.user = qEnvironmentVariable("SENDGRID_API_USER").trimmed();
    environment.key = qEnvironmentVariable("SENDGRID_API_KEY");
    return environment;
}

QUrl ApiEnvironment::parseUrl(const QString &text) {
    const QUrl url(text.trimmed(), QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || url.host().isEmpty() ||
        (scheme != QLatin1String("http") && scheme != QLatin1String("https")))
        return QUrl();
    return url;
}

ApiSettings ApiEnvironment::appliedTo(ApiSettings base) const {
    if (const QUrl parsed = parseUrl(url); parsed.isValid())
        base.baseUrl = parsed;
    if (!user.isEmpty())
        base.apiUser = user;
    if (!key.isEmpty())
        base.apiKey = key;
    return base;
}
