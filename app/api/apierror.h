#pragma once

#include <QMetaType>
#include <QString>

// One failed API call, described for a person. Never contains the API key.
struct ApiError {
    enum class Kind {
        None,
        InvalidSettings, // refused before sending: no key, insecure URL, ...
        Network,         // connection refused / reset / host not found
        Timeout,         // transfer timeout expired
        Tls,             // TLS unavailable or a certificate error (never ignored)
        Http,            // non-2xx status without an API error body
        RateLimited,     // 429 and the retries ran out
        Server,          // the API's own error message (any documented or observed shape)
        Authentication,  // the API said the credentials are wrong
        BadResponse,     // body is not the expected JSON/XML (HTML page, wrong shape)
        Truncated,       // the body ended before the document did
        Cancelled,       // the user cancelled: shown to nobody, but lets callers tidy up
    };

    Kind kind = Kind::None;
    int httpStatus = 0;        // 0 when no HTTP response arrived
    QString serverMessage;     // the server's own words, when it gave any
    QString detail;            // what happened, in our words ("connection reset after 1.2 MB")
    qint64 bytesReceived = -1; // body bytes that arrived, when that helps (truncated, reset)
    // What to do about it, one sentence, said last; when empty an authentication failure
    // says "Check the API user and key." (v3 names the key's missing scope here instead).
    QString advice;

    bool isError() const { return kind != Kind::None; }
    // One or two plain sentences: what happened, the HTTP status and the server's words.
    // e.g. "The server refused the request (HTTP 401): Permission denied, wrong credentials"
    QString message() const;

    static ApiError make(Kind kind, QString detail, int httpStatus = 0, QString serverMessage = {});

    // "HTTP 502 Bad Gateway" (the reason phrase only for well-known codes); "HTTP 0" never.
    static QString httpStatusText(int httpStatus);
};

Q_DECLARE_METATYPE(ApiError)
