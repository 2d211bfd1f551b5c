#pragma once

#include "parse/responseformat.h"

#include <QString>
#include <QUrl>

// Which of SendGrid's APIs answers: the legacy Web API v2 reseller call (reseller.manage, API
// user + key in the body) or v3 (an API key as a bearer token, on-behalf-of for customers).
enum class ApiVersion : quint8 { V2, V3 };

// v3: which customers a client lists: subusers, or (formal resellers) customer accounts.
enum class TenantSource : quint8 { Subusers, Accounts };

// Everything the client needs to reach one reseller account. Holds the key in memory only:
// nothing here is ever written to settings or logs.
struct ApiSettings {
    static QUrl defaultBaseUrl() { return QUrl(QStringLiteral("https://api.sendgrid.com/apiv2/")); }
    // v3: the base URL before "v3/", per region of SendGrid's.
    static QUrl defaultV3BaseUrl() { return QUrl(QStringLiteral("https://api.sendgrid.com/")); }
    static QUrl euV3BaseUrl() { return QUrl(QStringLiteral("https://api.eu.sendgrid.com/")); }
    // Which API a URL means when nothing else says: v2 when its path ends in "/apiv2" or
    // "/apiv2/" (every v2 URL does), otherwise (and for no URL) v3.
    static ApiVersion apiOfUrl(const QUrl &url);

    ApiVersion api = ApiVersion::V2;
    QUrl baseUrl = defaultBaseUrl();
    ResponseFormat format = ResponseFormat::Json;
    QString apiUser;                                    // v2 only; v3 needs none
    TenantSource tenantSource = TenantSource::Subusers; // v3 only
    QString apiKey;
    // Plain http to a host that is not loopback sends the key in clear; only with explicit consent.
    bool allowInsecureHttp = false;
    int transferTimeoutMs = 60'000; // no bytes for this long: the call fails as a timeout
    int maxAttempts = 4;            // first try + retries for 429, 5xx and connection failures
    int retryBaseDelayMs = 500;     // backoff: base * 2^(attempt-1), capped by maxRetryDelayMs
    int maxRetryDelayMs = 30'000;   // also caps how long a 429 may make us wait

    // {base}reseller.manage.json or .xml; the base may lack its trailing slash.
    QUrl endpoint() const;
    // v3: baseUrl + "v3/" + `path` (the base may lack its trailing slash).
    QUrl v3Url(const QString &path) const;
    // Empty when the settings can be used; otherwise one sentence saying what is wrong
    // (no user under v2, no key, not an http(s) URL, plain http to a remote host without consent).
    QString validationError() const;
};

bool isLoopbackHost(const QString &host);
