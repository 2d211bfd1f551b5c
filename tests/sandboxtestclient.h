#pragma once

// Test helpers to talk to SandboxServer the way a client would: through a plain
// QNetworkAccessManager with hand-built form bodies, or through a raw QTcpSocket when the wire
// itself is under test (truncation, resets, keep-alive).

#include "sandbox/sandboxserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTimer>
#include <QUrl>
#include <QXmlStreamReader>

#include <memory>

using Params = QList<QPair<QString, QString>>;
using Row = QMap<QString, QString>;

// Every value percent-encoded, as the client must (so a '+' survives as %2B).
inline QByteArray formBody(const Params &params) {
    QByteArray body;
    for (const auto &param : params) {
        if (!body.isEmpty())
            body += '&';
        body += QUrl::toPercentEncoding(param.first) + '=' + QUrl::toPercentEncoding(param.second);
    }
    return body;
}

struct HttpResult {
    bool finished = false;
    int status = 0;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QByteArray body;
    QHash<QByteArray, QByteArray> headers; // lower-case names
    QByteArray header(const char *lowerName) const { return headers.value(lowerName); }
};

class SandboxTestClient {
public:
    explicit SandboxTestClient(SandboxServer *server)
        : m_server(server) {}

    QUrl url(const QString &format) const {
        return m_server->baseUrl().resolved(QUrl(QStringLiteral("reseller.manage.") + format));
    }

    static Params withCredentials(Params params) {
        params.prepend({QStringLiteral("api_key"), SandboxServer::demoKey()});
        params.prepend({QStringLiteral("api_user"), SandboxServer::demoUser()});
        return params;
    }

    HttpResult call(const QString &format, const Params &params) {
        return post(url(format), formBody(withCredentials(params)));
    }

    HttpResult post(const QUrl &target, const QByteArray &body) {
        QNetworkRequest request(target);
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/x-www-form-urlencoded"));
        return finish(m_nam.post(request, body));
    }

    // A v3 call: `target` is the path and query after the base URL, as sent (e.g.
    // "v3/suppression/bounces?limit=500&email=a%2Bb"); the key goes in Authorization: Bearer
    // (none when empty), `onBehalfOf` in its header (none when empty), a body as JSON, and
    // Accept: application/json unless `sendAccept` is false.
    HttpResult v3(const QByteArray &verb, const QString &target, const QString &onBehalfOf = {},
                  const QByteArray &body = {}, const QString &key = SandboxServer::demoKey(),
                  bool sendAccept = true) {
        QNetworkRequest request(QUrl(m_server->v3BaseUrl().toString() + target));
        if (sendAccept)
            request.setRawHeader("Accept", "application/json");
        if (!key.isEmpty())
            request.setRawHeader("Authorization", "Bearer " + key.toUtf8());
        if (!onBehalfOf.isEmpty())
            request.setRawHeader("on-behalf-of", onBehalfOf.toUtf8());
        if (!body.isEmpty())
            request.setHeader(QNetworkRequest::ContentTypeHeader,
                              QByteArrayLiteral("application/json"));
        return finish(m_nam.sendCustomRequest(request, verb, body));
    }

    QNetworkAccessManager &nam() { return m_nam; }

private:
    HttpResult finish(QNetworkReply *reply) {
        HttpResult result;
        QObject::connect(reply, &QNetworkReply::readyRead, reply,
                         [&result, reply] { result.body += reply->readAll(); });
        QSignalSpy finished(reply, &QNetworkReply::finished);
        result.finished = finished.wait(30000);
        if (reply->isOpen())
            result.body += reply->readAll();
        result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        result.error = reply->error();
        for (const auto &pair : reply->rawHeaderPairs())
            result.headers.insert(pair.first.toLower(), pair.second);
        reply->deleteLater();
        return result;
    }

    SandboxServer *m_server;
    QNetworkAccessManager m_nam;
};

// A raw exchange over one TCP connection: everything the server sent, and how it ended.
struct RawResult {
    QByteArray bytes;
    bool disconnected = false;
    QAbstractSocket::SocketError error = QAbstractSocket::UnknownSocketError;
};

inline RawResult rawExchange(quint16 port, const QByteArray &request, int waitMs = 3000) {
    RawResult result;
    QTcpSocket socket;
    QObject::connect(&socket, &QTcpSocket::readyRead, &socket,
                     [&] { result.bytes += socket.readAll(); });
    QObject::connect(&socket, &QTcpSocket::errorOccurred, &socket,
                     [&](QAbstractSocket::SocketError error) { result.error = error; });
    QSignalSpy gone(&socket, &QTcpSocket::disconnected);
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(5000))
        return result;
    socket.write(request);
    result.disconnected = gone.wait(waitMs);
    result.bytes += socket.readAll();
    return result;
}

inline QByteArray rawPost(const QString &format, const QByteArray &body,
                          const QByteArray &extraHeaders = {}) {
    return "POST /apiv2/reseller.manage." + format.toLatin1() +
           " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
           "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " +
           QByteArray::number(body.size()) + "\r\n" + extraHeaders + "\r\n" + body;
}

// One HTTP response taken apart; `complete` says whether the body reached its announced end.
struct ParsedResponse {
    int status = 0;
    QHash<QByteArray, QByteArray> headers;
    QByteArray body;             // de-chunked
    QList<qsizetype> chunkSizes; // a chunked body's, in order, the terminating chunk left out
    qint64 announcedLength = -1;
    bool complete = false;
    qsizetype consumed = 0; // bytes of the input this response used
};

inline ParsedResponse parseResponse(const QByteArray &raw) {
    ParsedResponse parsed;
    const qsizetype headEnd = raw.indexOf("\r\n\r\n");
    if (headEnd < 0)
        return parsed;
    const QList<QByteArray> lines = raw.left(headEnd).split('\n');
    parsed.status = lines.value(0).split(' ').value(1).toInt();
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines[i].trimmed();
        const qsizetype colon = line.indexOf(':');
        parsed.headers.insert(line.left(colon).toLower(), line.mid(colon + 1).trimmed());
    }
    qsizetype pos = headEnd + 4;
    if (parsed.headers.value("transfer-encoding") == "chunked") {
        while (true) {
            const qsizetype lineEnd = raw.indexOf("\r\n", pos);
            if (lineEnd < 0)
                break;
            bool ok = false;
            const qsizetype size = raw.mid(pos, lineEnd - pos).toLongLong(&ok, 16);
            if (!ok)
                break;
            if (size == 0) {
                parsed.complete = raw.size() >= lineEnd + 4;
                pos = lineEnd + 4;
                break;
            }
            parsed.body += raw.mid(lineEnd + 2, size);
            parsed.chunkSizes << size;
            pos = lineEnd + 2 + size + 2;
            if (pos > raw.size())
                break;
        }
    } else {
        parsed.announcedLength = parsed.headers.value("content-length", "-1").toLongLong();
        parsed.body = raw.mid(pos, parsed.announcedLength);
        parsed.complete = parsed.body.size() == parsed.announcedLength;
        pos += parsed.body.size();
    }
    parsed.consumed = pos;
    return parsed;
}

// Rows of a JSON array of objects, every value as text.
inline QList<Row> jsonRows(const QByteArray &body, bool *ok = nullptr) {
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (ok)
        *ok = error.error == QJsonParseError::NoError && document.isArray();
    QList<Row> rows;
    for (const QJsonValue &value : document.array()) {
        Row row;
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            row.insert(it.key(), it.value().toString());
        rows.append(row);
    }
    return rows;
}

// Rows of an XML list (<bounces><bounce>… or <users><user>…).
inline QList<Row> xmlRows(const QByteArray &body, const QString &rowTag, bool *ok = nullptr) {
    QXmlStreamReader reader(body);
    QList<Row> rows;
    while (!reader.atEnd()) {
        reader.readNext();
        if (reader.isStartElement() && reader.name() == rowTag) {
            Row row;
            while (reader.readNextStartElement())
                row.insert(reader.name().toString(), reader.readElementText());
            rows.append(row);
        }
    }
    if (ok)
        *ok = !reader.hasError();
    return rows;
}

inline Row toRow(const Bounce &bounce, bool withDate) {
    Row row{{QStringLiteral("email"), bounce.email},
            {QStringLiteral("status"), bounce.status},
            {QStringLiteral("reason"), bounce.reason}};
    if (withDate)
        row.insert(QStringLiteral("created"), bounce.created);
    return row;
}
