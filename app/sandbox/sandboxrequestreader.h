#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QHash>
#include <QList>
#include <QPair>
#include <QString>

// One HTTP/1.1 request as the emulator read it.
struct SandboxHttpRequest {
    QByteArray method;
    QByteArray target; // path and query, as sent
    QByteArray version;
    QList<QPair<QByteArray, QByteArray>> headers; // names lower-cased, values trimmed
    QByteArray body;

    QByteArray header(const QByteArray &lowerName) const; // the first of that name, or empty
    QByteArray path() const;                              // the target without its query
    QByteArray query() const;                             // after the '?', or empty
    bool keepAlive() const; // HTTP/1.1 unless "Connection: close"; 1.0 only with keep-alive
    // Like a PHP server, only an application/x-www-form-urlencoded body carries parameters.
    QHash<QString, QString> formFields() const;
    // A form body decoded as a server does: '+' is a space, %2B a plus, the last value wins.
    static QHash<QString, QString> decodeForm(const QByteArray &form);
};

// Reads HTTP/1.1 requests from the bytes of one connection as they arrive: request line,
// headers, a Content-Length body; several per connection, pipelined ones in order. A value:
// no socket, so it is tested on bytes alone. Refuses what no client of this API sends (chunked
// request bodies, heads over 16 KB, bodies over 1 MB) rather than guessing.
class SandboxRequestReader final {
public:
    static constexpr qsizetype maxHeaderBytes = 16 * 1024;
    static constexpr qsizetype maxBodyBytes = 1024 * 1024;

    enum class Result {
        NeedMore,     // the next request is not complete yet
        SendContinue, // as NeedMore, and its head asked for "100 Continue" (once per request)
        Complete,     // a request was taken from the input
        Malformed,    // the input cannot be read as a request: errorStatus() says why
    };

    void append(const QByteArray &bytes) { m_input.append(bytes); }
    // More input than one request of the largest size: a client pipelining far ahead of the
    // answers, which none of this API does.
    bool isOverflowing() const { return m_input.size() > maxHeaderBytes + maxBodyBytes + 4; }
    bool hasInput() const { return !m_input.isEmpty(); }
    void clear();

    Result next(SandboxHttpRequest *request);
    // After Malformed: 400, or 431 (head too large), 413 (body too large), 501 (chunked body).
    int errorStatus() const { return m_errorStatus; }

private:
    Result malformed(int status);

    QByteArray m_input;
    bool m_continueAnnounced = false; // SendContinue was returned for the request pending
    int m_errorStatus = 400;
};
