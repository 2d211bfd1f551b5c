#pragma once

#include "api/apisettings.h"

#include <QString>
#include <QThread>
#include <QUrl>

#include <atomic>

class SandboxServer;

// The loopback emulator serving one generated customer of `rows` bounces, in a thread of its
// own so that producing 230 MB of body never competes with the event loop being measured.
// The emulator's data is not thread-safe, so the customer and the credentials are set before
// the server moves to its thread; listen() then runs in that thread, which creates the
// listening socket's notifier there, and the server is deleted there when the thread ends.
class BenchServer final {
    Q_DISABLE_COPY_MOVE(BenchServer)
public:
    // `streamChunkBytes`: SandboxServer::setStreamChunkBytes() (0: the emulator's own pieces).
    BenchServer(const QString &customer, qsizetype rows, int streamChunkBytes = 0);
    ~BenchServer();

    bool isListening() const { return m_listening; }
    QString errorString() const { return m_error; }
    QUrl baseUrl() const { return m_baseUrl; }
    ApiSettings apiSettings(ResponseFormat format) const;
    // SendGrid v3 (the customer is a subuser there, its bounces the same rows).
    ApiSettings v3ApiSettings() const;

    static QString user() { return QStringLiteral("bench-reseller"); }
    static QString key() { return QStringLiteral("bench-key-not-secret"); }

    // When the emulator last began answering a bounces.get (Bench::nowNs(); 0: never). It is
    // taken from requestReceived, which fires just before the status line and the first piece
    // of the body are written, so "first byte" measured from here is never late.
    qint64 lastListAnswerNs() const { return m_listAnswerNs.load(); }
    // The same for the first one (a v3 list comes in pages, each a request).
    qint64 firstListAnswerNs() const { return m_firstListAnswerNs.load(); }
    int deleteRequests() const { return m_deleteRequests.load(); }

private:
    QThread m_thread;
    SandboxServer *m_server; // lives in m_thread; deleted there when it finishes
    bool m_listening = false;
    QString m_error;
    QUrl m_baseUrl;
    QUrl m_v3BaseUrl;
    std::atomic<qint64> m_listAnswerNs{0};
    std::atomic<qint64> m_firstListAnswerNs{0};
    std::atomic<int> m_deleteRequests{0};
};

// Bytes of the body the emulator sends for that customer's list (with created times, as the
// client asks), counted by generating it once without keeping it.
qint64 listPayloadBytes(const QString &customer, qsizetype rows, ResponseFormat format);
