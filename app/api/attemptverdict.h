#pragma once

#include "apierror.h"
#include "apisettings.h"

#include <QByteArray>
#include <QNetworkReply>
#include <QString>

// What is known of one attempt of an ApiCall once it ended, read from the reply in one go, so
// that judging it needs no reply and no server.
struct AttemptFacts {
    QNetworkReply::NetworkError networkError = QNetworkReply::NoError;
    QString networkErrorText; // Qt's words for networkError
    QString sslErrors;        // the certificate errors reported, joined; empty when none
    int httpStatus = 0;       // 0 when no answer's head arrived
    QByteArray contentType;
    qint64 announcedLength = -1; // Content-Length; -1 when none (a chunked body)
    bool chunked = false;        // Transfer-Encoding: chunked
    QByteArray contentEncoding;  // Content-Encoding as the server sent it (gzip, deflate, ...)
    QByteArray retryAfter;       // the raw header values; empty when absent
    QByteArray rateLimitReset;
    // The body as kept (a buffered body, or the start of one that is not data), with the API
    // key hidden: messages quote it. Empty for a streamed body of data, which went out in chunks.
    QByteArray body;
    qint64 bytesReceived = 0;        // body bytes that arrived, kept or handed out
    bool buffered = true;            // the call's mode: buffered, or streaming chunks to its caller
    bool chunksHandedOut = false;    // a streaming call's caller holds part of the body already
    bool noContentIsSuccess = false; // v3: "204 No Content" is a success with no body
    int attempt = 1;                 // 1 for the first
    int transferTimeoutMs = 0;       // the attempt's transfer timeout, for messages
    qint64 nowMs = 0;                // when it ended, ms since the epoch (for Retry-After dates)
};

// What an ended attempt means: success, another attempt after a delay, or the call fails.
struct AttemptVerdict {
    enum class Next { Succeed, Retry, Fail };
    Next next = Next::Succeed;
    ApiError error;              // why, for Retry and Fail
    int delayMs = 0;             // Retry: how long to wait first
    bool serverAsked = false;    // Retry: the wait is the server's (Retry-After, X-RateLimit-Reset)
    bool retryable = false;      // the failure is one a retry may cure (even with none left)
    bool mayHaveArrived = false; // the server may have acted on the request: a timeout, a
                                 // connection cut after sending, a gateway error, an OK answer
                                 // that cannot be read
};

// The call policy of ApiCall over the facts of one attempt: transport failures, the server's
// HTTP answer (error shapes in any status, HTML pages, bodies cut short), retries for 429, 408,
// 5xx and connection failures with backoff or the server's wait, and no retry once chunks went
// out (the caller would get part of the list twice). `settings` gives the host for messages,
// the transfer timeout and the retry limits.
AttemptVerdict judgeAttempt(const AttemptFacts &facts, const ApiSettings &settings);

// Whether Qt could not decompress a successful answer's body: Qt 6.4 reports it as
// UnknownContentError ("Decompression failed") beside the server's 2xx, and what it then has of
// the body is the undecoded rest, not the body. The body must not be handed out as data.
bool failedToDecompress(QNetworkReply::NetworkError error, int httpStatus,
                        const QByteArray &contentEncoding);
// What the caller is told of a successful answer whose body did not decompress, whoever tried
// (Qt, or ApiCall's own BodyInflater for a streamed body).
ApiError undecompressedBodyError(const QByteArray &contentEncoding, int httpStatus);

// The wait before attempt `attempt + 1` when the server names none: the settings' base delay
// doubled per attempt so far, capped by their maximum.
int backoffDelayMs(int attempt, const ApiSettings &settings);
