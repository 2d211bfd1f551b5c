#include "sandboxrequestreader.h"

namespace {

bool hasToken(const QByteArray &headerValue, const char *token) {
    const QList<QByteArray> parts = headerValue.toLower().split(',');
    for (const QByteArray &part : parts) {
        if (part.trimmed() == token)
            return true;
    }
    return false;
}

} // namespace

QByteArray SandboxHttpRequest::header(const QByteArray &lowerName) const {
    for (const auto &entry : headers) {
        if (entry.first == lowerName)
            return entry.second;
    }
    return {};
}

QByteArray SandboxHttpRequest::path() const {
    const qsizetype question = target.indexOf('?');
    return question < 0 ? target : target.left(question);
}

QByteArray SandboxHttpRequest::query() const {
    const qsizetype question = target.indexOf('?');
    return question < 0 ? QByteArray() : target.mid(question + 1);
}

bool SandboxHttpRequest::keepAlive() const {
    const QByteArray connection = header("connection");
    return version == "HTTP/1.1" ? !hasToken(connection, "close")
                                 : hasToken(connection, "keep-alive");
}

QHash<QString, QString> SandboxHttpRequest::formFields() const {
    const QByteArray contentType = header("content-type").toLower();
    if (contentType.split(';').constFirst().trimmed() != "application/x-www-form-urlencoded")
        return {};
    return decodeForm(body);
}

QHash<QString, QString> SandboxHttpRequest::decodeForm(const QByteArray &form) {
    QHash<QString, QString> fields;
    for (QByteArray pair : form.split('&')) {
        if (pair.isEmpty())
            continue;
        // '+' becomes a space before percent-decoding, so only %2B yields a plus.
        pair.replace('+', ' ');
        const qsizetype equals = pair.indexOf('=');
        const QByteArray key = equals < 0 ? pair : pair.left(equals);
        const QByteArray value = equals < 0 ? QByteArray() : pair.mid(equals + 1);
        fields.insert(QString::fromUtf8(QByteArray::fromPercentEncoding(key)),
                      QString::fromUtf8(QByteArray::fromPercentEncoding(value)));
    }
    return fields;
}

void SandboxRequestReader::clear() {
    m_input.clear();
    m_continueAnnounced = false;
}

SandboxRequestReader::Result SandboxRequestReader::malformed(int status) {
    m_errorStatus = status;
    return Result::Malformed;
}

SandboxRequestReader::Result SandboxRequestReader::next(SandboxHttpRequest *request) {
    *request = SandboxHttpRequest();
    const qsizetype headEnd = m_input.indexOf("\r\n\r\n");
    if (headEnd < 0 || headEnd > maxHeaderBytes) {
        if (headEnd < 0 && m_input.size() <= maxHeaderBytes)
            return Result::NeedMore;
        return malformed(431);
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
        return malformed(400);
    for (const char c : requestLine[0]) {
        if (c < 'A' || c > 'Z')
            return malformed(400);
    }
    request->method = requestLine[0];
    request->target = requestLine[1];
    request->version = requestLine[2];

    qint64 contentLength = 0;
    bool sawLength = false;
    for (const QByteArray &line : std::as_const(lines)) {
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0 || line.startsWith(' ') || line.startsWith('\t') ||
            line.left(colon).contains(' '))
            return malformed(400);
        const QByteArray name = line.left(colon).toLower();
        const QByteArray value = line.mid(colon + 1).trimmed();
        if (name == "content-length") {
            bool ok = false;
            const qint64 length = value.toLongLong(&ok);
            if (!ok || length < 0 || (sawLength && length != contentLength))
                return malformed(400);
            contentLength = length;
            sawLength = true;
        } else if (name == "transfer-encoding") {
            return malformed(501); // request bodies are small; no client here sends them chunked
        }
        request->headers.append({name, value});
    }
    if (contentLength > maxBodyBytes)
        return malformed(413);
    const qsizetype total = headEnd + 4 + qsizetype(contentLength);
    if (m_input.size() < total) {
        if (!m_continueAnnounced && hasToken(request->header("expect"), "100-continue")) {
            m_continueAnnounced = true;
            return Result::SendContinue;
        }
        return Result::NeedMore;
    }
    request->body = m_input.mid(headEnd + 4, qsizetype(contentLength));
    m_input.remove(0, total);
    m_continueAnnounced = false;
    return Result::Complete;
}
