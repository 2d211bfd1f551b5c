// The connection's reading side: HTTP/1.1 requests parsed from the input (request line, headers,
// Content-Length body, 100-continue), form decoding, and routing each request to its answer.
#include "sandboxconnection.h"

#include <QTcpSocket>

namespace {

constexpr qsizetype kMaxHeaderBytes = 16 * 1024;
constexpr qsizetype kMaxBodyBytes = 1024 * 1024;

const QByteArray kApiPrefix = QByteArrayLiteral("/apiv2/reseller.manage.");

bool hasToken(const QByteArray &headerValue, const char *token) {
    const QList<QByteArray> parts = headerValue.toLower().split(',');
    for (const QByteArray &part : parts) {
        if (part.trimmed() == token)
            return true;
    }
    return false;
}

} // namespace

SandboxForm SandboxConnection::decodeForm(const QByteArray &body) {
    SandboxForm form;
    for (QByteArray pair : body.split('&')) {
        if (pair.isEmpty())
            continue;
        // '+' becomes a space before percent-decoding, so only %2B yields a plus.
        pair.replace('+', ' ');
        const qsizetype equals = pair.indexOf('=');
        const QByteArray key = equals < 0 ? pair : pair.left(equals);
        const QByteArray value = equals < 0 ? QByteArray() : pair.mid(equals + 1);
        form.insert(QString::fromUtf8(QByteArray::fromPercentEncoding(key)),
                    QString::fromUtf8(QByteArray::fromPercentEncoding(value)));
    }
    return form;
}

QByteArray SandboxConnection::HttpRequest::header(const QByteArray &lowerName) const {
    for (const auto &entry : headers) {
        if (entry.first == lowerName)
            return entry.second;
    }
    return {};
}

void SandboxConnection::onReadyRead() {
    if (!m_socket)
        return;
    m_input.append(m_socket->readAll());
    if (m_input.size() > kMaxHeaderBytes + kMaxBodyBytes + 4) {
        // Pipelining far ahead of the answers: no client of this API does that.
        m_input.clear();
        m_state = State::Closed;
        m_socket->abort();
        return;
    }
    if (m_state == State::Reading)
        processInput();
}

void SandboxConnection::processInput() {
    while (m_state == State::Reading && socketUsable()) {
        HttpRequest request;
        int errorStatus = 400;
        const ParseResult result = parseRequest(&request, &errorStatus);
        if (result == ParseResult::NeedMore)
            return;
        if (result == ParseResult::Malformed) {
            m_input.clear();
            begin(SandboxResponses::httpError(errorStatus, "The request could not be read."), false,
                  nullptr);
            return;
        }
        handle(request);
    }
}

SandboxConnection::ParseResult SandboxConnection::parseRequest(HttpRequest *request,
                                                               int *errorStatus) {
    const qsizetype headEnd = m_input.indexOf("\r\n\r\n");
    if (headEnd < 0 || headEnd > kMaxHeaderBytes) {
        if (headEnd < 0 && m_input.size() <= kMaxHeaderBytes)
            return ParseResult::NeedMore;
        *errorStatus = 431;
        return ParseResult::Malformed;
    }
    const QByteArray head = m_input.left(headEnd);
    QList<QByteArray> lines;
    for (qsizetype from = 0;;) {
        const qsizetype end = head.indexOf("\r\n", from);
        lines.append(head.mid(from, end < 0 ? -1 : end - from));
        if (end < 0)
            break;
        from = end + 2;
    }
    const QList<QByteArray> requestLine = lines.takeFirst().split(' ');
    if (requestLine.size() != 3 || requestLine[0].isEmpty() || !requestLine[1].startsWith('/') ||
        (requestLine[2] != "HTTP/1.1" && requestLine[2] != "HTTP/1.0"))
        return ParseResult::Malformed;
    for (const char c : requestLine[0]) {
        if (c < 'A' || c > 'Z')
            return ParseResult::Malformed;
    }
    request->method = requestLine[0];
    request->target = requestLine[1];
    request->version = requestLine[2];

    qint64 contentLength = 0;
    bool sawLength = false;
    for (const QByteArray &line : lines) {
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0 || line.startsWith(' ') || line.startsWith('\t') ||
            line.left(colon).contains(' '))
            return ParseResult::Malformed;
        const QByteArray name = line.left(colon).toLower();
        const QByteArray value = line.mid(colon + 1).trimmed();
        if (name == "content-length") {
            bool ok = false;
            const qint64 length = value.toLongLong(&ok);
            if (!ok || length < 0 || (sawLength && length != contentLength))
                return ParseResult::Malformed;
            contentLength = length;
            sawLength = true;
        } else if (name == "transfer-encoding") {
            *errorStatus = 501; // request bodies are small; no client here sends them chunked
            return ParseResult::Malformed;
        }
        request->headers.append({name, value});
    }
    if (contentLength > kMaxBodyBytes) {
        *errorStatus = 413;
        return ParseResult::Malformed;
    }
    const qsizetype total = headEnd + 4 + qsizetype(contentLength);
    if (m_input.size() < total) {
        if (!m_continueSent && hasToken(request->header("expect"), "100-continue")) {
            m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
            m_continueSent = true;
        }
        return ParseResult::NeedMore;
    }
    request->body = m_input.mid(headEnd + 4, qsizetype(contentLength));
    m_input.remove(0, total);
    m_continueSent = false;
    return ParseResult::Complete;
}

void SandboxConnection::handle(const HttpRequest &request) {
    const QByteArray connection = request.header("connection");
    const bool keepAlive = request.version == "HTTP/1.1" ? !hasToken(connection, "close")
                                                         : hasToken(connection, "keep-alive");
    const qsizetype question = request.target.indexOf('?');
    const QByteArray path = question < 0 ? request.target : request.target.left(question);
    const QByteArray query = question < 0 ? QByteArray() : request.target.mid(question + 1);

    SandboxRequest logged;
    logged.path = QString::fromUtf8(path);
    logged.httpMethod = QString::fromLatin1(request.method);
    logged.contentType = QString::fromLatin1(request.header("content-type"));
    logged.keyInQuery = decodeForm(query).contains(QStringLiteral("api_key"));

    const QByteArray suffix = path.startsWith(kApiPrefix) ? path.mid(kApiPrefix.size()) : "";
    if (suffix != "json" && suffix != "xml") {
        m_server->record(logged);
        begin(SandboxResponses::httpError(404, "No such endpoint: " + path), keepAlive, nullptr);
        return;
    }
    const SandboxFormat format = suffix == "json" ? SandboxFormat::Json : SandboxFormat::Xml;
    logged.format = QString::fromLatin1(suffix);
    if (request.method != "POST") {
        m_server->record(logged);
        SandboxResponse refused =
            SandboxResponses::httpError(405, "reseller.manage answers POST requests only.");
        refused.headers.append(qMakePair(QByteArrayLiteral("Allow"), QByteArrayLiteral("POST")));
        begin(std::move(refused), keepAlive, nullptr);
        return;
    }

    // Like a PHP server, only a form-encoded body carries parameters.
    const QByteArray contentType = request.header("content-type").toLower();
    const bool isForm =
        contentType.split(';').first().trimmed() == "application/x-www-form-urlencoded";
    const SandboxForm form = isForm ? decodeForm(request.body) : SandboxForm();
    logged.method = form.value(QStringLiteral("method"));
    logged.task = form.value(QStringLiteral("task"));
    logged.user = form.value(QStringLiteral("user"));
    logged.email = form.value(QStringLiteral("email"));
    logged.withDate = form.value(QStringLiteral("date")) == QLatin1String("1");
    logged.authenticated = m_server->credentialsMatch(form.value(QStringLiteral("api_user")),
                                                      form.value(QStringLiteral("api_key")));
    m_server->record(logged);

    SandboxFault fault;
    const bool faulty = m_server->takeFault(logged.call(), &fault);
    begin(SandboxResponses::respond(form, format, m_server->m_data, logged.authenticated,
                                    m_server->encoding(), faulty ? &fault : nullptr),
          keepAlive, faulty ? &fault : nullptr);
}
