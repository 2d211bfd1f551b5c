#pragma once

#include "apisettings.h"

#include <QString>

// The environment variables that name a connection, read alike by the command line and by the
// window (which starts its connection dialog from them when nothing is saved):
// BOUNCEDESK_API_URL, SENDGRID_API_USER and SENDGRID_API_KEY. The key is held in memory only.
struct ApiEnvironment {
    QString url;  // trimmed; empty when unset
    QString user; // trimmed
    QString key;  // as set

    static ApiEnvironment read();
    bool isEmpty() const { return url.isEmpty() && user.isEmpty() && key.isEmpty(); }
    // `base` with what the environment sets; a URL that is not http(s) with a host is left out
    // (the command line reports it; the dialog would only show it as wrong).
    ApiSettings appliedTo(ApiSettings base) const;
    // An http(s) URL with a host, or an invalid QUrl.
    static QUrl parseUrl(const QString &text);
};
