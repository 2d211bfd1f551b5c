#pragma once

// A loopback HTTP/1.1 server for servers that misbehave in ways the emulator does not (echoing
// the request, chunked bodies cut short, exact status lines). Used by tst_apicall and, through
// faulttestsupport.h, by the security and fault tests.

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrl>

#include <functional>

// A loopback HTTP server whose every answer is made by `respond` from the request's body (the
// form the client sent): for servers that misbehave in ways the emulator does not, such as
// echoing what they were sent. Closes each connection after answering.
class ScriptedHttpServer final : public QObject {
public:
    using Respond = std::function<QByteArray(const QByteArray &requestBody)>;
    explicit ScriptedHttpServer(Respond respond)
        : m_respond(std::move(respond)) {
        m_server.listen(QHostAddress::LocalHost);
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, this, [this, socket] { serve(socket); });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
    }
    QUrl baseUrl() const {
        return QUrl(QStringLiteral("http://127.0.0.1:%1/apiv2/").arg(m_server.serverPort()));
    }
    int requests() const { return m_served; }

    // Answers in turn, the last one again for every later request.
    static Respond inTurn(QList<QByteArray> answers) {
        return [answers = std::move(answers), next = qsizetype(0)](const QByteArray &) mutable {
            return answers.at(qMin(next++, answers.size() - 1));
        };
    }

    // A complete HTTP/1.1 answer.
    static QByteArray answer(int status, const QByteArray &contentType, const QByteArray &body) {
        return "HTTP/1.1 " + QByteArray::number(status) +
               " Status\r\nContent-Type: " + contentType +
               "\r\nContent-Length: " + QByteArray::number(body.size()) +
               "\r\nConnection: close\r\n\r\n" + body;
    }

    // A 200 JSON answer sent in chunks whose connection closes after `firstChunk`, before the
    // last chunk: Qt 6.4 may report such a body as complete.
    static QByteArray chunkedJsonCutShort(const QByteArray &firstChunk) {
        return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: "
               "chunked\r\nConnection: close\r\n\r\n" +
               QByteArray::number(firstChunk.size(), 16) + "\r\n" + firstChunk + "\r\n";
    }

private:
    void serve(QTcpSocket *socket) {
        QByteArray &request = m_pending[socket];
        request += socket->readAll();
        const qsizetype headerEnd = request.indexOf("\r\n\r\n");
        if (headerEnd < 0)
            return;
        const QByteArray head = request.left(headerEnd).toLower();
        const qsizetype at = head.indexOf("content-length:");
        const qsizetype end = head.indexOf('\r', at);
        const qsizetype length =
            at < 0
                ? 0
                : head.mid(at + 15, (end < 0 ? head.size() : end) - at - 15).trimmed().toLongLong();
        if (request.size() < headerEnd + 4 + length)
            return;
        const QByteArray body = request.mid(headerEnd + 4, length);
        m_pending.remove(socket);
        ++m_served;
        socket->write(m_respond(body));
        socket->disconnectFromHost();
    }

    QTcpServer m_server;
    Respond m_respond;
    QHash<QTcpSocket *, QByteArray> m_pending;
    int m_served = 0;
};
