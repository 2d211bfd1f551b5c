#pragma once

#include "parse/responseformat.h"

#include <QString>
#include <QUrl>

// Everything the client needs to reach one reseller account. Holds the key in memory only:
// nothing here is ever written to settings or logs.
struct ApiSettings {
    static QUrl defaultBaseUrl() { return QUrl(QStringLiteral("https://api.sendgrid.com/apiv2/")); }

    QUrl baseUrl = defaultBaseUrl();
    ResponseFormat format = ResponseFormat::Json;
    QString apiUser;
    QString apiKey;
    // Plain http to a host that is not loopback sends the key in clear; only with explicit consent.
    bool allowInsecureHttp = false;
    int transferTimeoutMs = 60'000; // no bytes for this long: the call fails as a timeout
    int maxAttempts = 4;            // first try + retries for 429, 5xx and connection failures
    int retryBaseDelayMs = 500;     // backoff: base * 2^(attempt-1), capped by maxRetryDelayMs
    int maxRetryDelayMs = 30'000;   // also caps how long a 429 may make us wait

    // {base}reseller.manage.json or .xml; the base may lack its trailing slash.
    QUrl endpoint() const;
    // Empty when the settings can be used; otherwise one sentence saying what is wrong
    // (no user, no key, not an http(s) URL, plain http to a remote host without consent).
    QString validationError() const;
};

bool isLoopbackHost(const QString &host);
