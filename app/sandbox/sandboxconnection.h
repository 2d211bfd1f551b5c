#pragma once

#include "sandboxgzip.h"
#include "sandboxrequestreader.h"
#include "sandboxresponses.h"
#include "sandboxserver.h"
#include "sandboxv3route.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QObject>
#include <QPair>
#include <QPointer>

#include <memory>

class QTcpSocket;

// One client connection of the SandboxServer: reads HTTP/1.1 requests (SandboxRequestReader;
// several per connection, pipelined ones in order), answers each through SandboxResponses, and
// applies the wire faults (delay, hold, drip, truncate, reset) while writing. Bodies are written in
// pieces whenever the socket's buffer drains below a low-water mark, so a streamed list costs a few
// hundred KB whatever its size. Deletes itself when the peer goes; delayed and dripped writes to a
// vanished socket are dropped. The socket may be a QSslSocket (a TLS emulator): the same.
class SandboxConnection final : public QObject {
    Q_OBJECT
public:
    SandboxConnection(QTcpSocket *socket, SandboxServer *server);
    ~SandboxConnection() override;
    Q_DISABLE_COPY_MOVE(SandboxConnection)

private:
    enum class State { Reading, Waiting, Sending, Cutting, Closed };
    enum class Cut { None, Close, Reset };

    bool socketUsable() const;
    // Handed to the socket, not yet to the system (over TLS: encrypted or not): the low-water
    // mark of pump() and what a cut waits for.
    qint64 unwrittenBytes() const;
    void onReadyRead();
    void processInput();
    void handle(const SandboxHttpRequest &request);
    void handleV3(const SandboxHttpRequest &request, SandboxRequest logged, bool keepAlive);
    SandboxResponse answerV3(const SandboxHttpRequest &request, const SandboxV3Route &route,
                             const SandboxRequest &logged, const SandboxFault *fault);
    void begin(SandboxResponse response, bool keepAlive, const SandboxFault *wireFault);
    // SandboxServer::setCompressesBodies(): gzip for a client that offers it; `cutShort`: the
    // compressed data's end is left out (SandboxFault::Type::CutCompressedData).
    void compressBody(bool cutShort);
    void sendHead();
    void pump();
    QByteArrayView takePayload(qsizetype max);
    bool payloadExhausted() const;
    void writePayload(QByteArrayView piece);
    void finishResponse();
    void startCut();
    void completeCut();
    void resetNow();

    QPointer<QTcpSocket> m_socket;
    SandboxServer *m_server; // owns this connection, so it outlives it
    SandboxRequestReader m_reader;
    State m_state = State::Reading;

    // The response being written.
    SandboxResponse m_response;
    bool m_keepAlive = true;
    bool m_acceptsGzip = false;          // the request being answered offered it
    std::unique_ptr<SandboxGzip> m_gzip; // a streamed body's, while it is compressed
    bool m_gzipCutShort = false;         // its end left out (CutCompressedData)
    qsizetype m_bodyOffset = 0;          // whole bodies: bytes taken so far
    QByteArray m_pending;                // streamed bodies: produced, not yet taken
    qsizetype m_pendingOffset = 0;
    qint64 m_payloadSent = 0;
    Cut m_cut = Cut::None;
    qint64 m_cutAfter = -1;
    int m_cutPauseMs = 0; // after the last byte, before the cut
    int m_dripBytes = 0;
    int m_dripMs = 0;
    bool m_dripScheduled = false;
    // A Hold fault: the answer waits for SandboxServer::releaseHeldAnswers() (m_held), before
    // its headers (m_holdAfter 0) or once that much body was written.
    bool m_held = false;
    qint64 m_holdAfter = -1;
};
