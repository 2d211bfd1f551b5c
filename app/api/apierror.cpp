#include "apierror.h"

namespace {

// The server's words end up in one line of a status bar or stderr: no control characters,
// no runs of whitespace, and a bound on length so a hostile body cannot flood the screen.
QString plainLine(const QString &text) {
    constexpr qsizetype maxLength = 300;
    QString line;
    line.reserve(qMin(text.size(), maxLength + 1));
    bool pendingSpace = false;
    for (const QChar c : text) {
        if (c.isSpace() || c.category() == QChar::Other_Control) {
            pendingSpace = !line.isEmpty();
            continue;
        }
        if (pendingSpace)
            line += QLatin1Char(' ');
        pendingSpace = false;
        line += c;
        if (line.size() >= maxLength) {
            line += QChar(0x2026); // …
            break;
        }
    }
    return line;
}

QString endSentence(QString text) {
    if (!text.isEmpty() && !text.endsWith(QLatin1Char('.')) && !text.endsWith(QLatin1Char('!')) &&
        !text.endsWith(QLatin1Char('?')) && !text.endsWith(QChar(0x2026)))
        text += QLatin1Char('.');
    return text;
}

QString capitalised(QString text) {
    if (!text.isEmpty())
        text[0] = text.at(0).toUpper();
    return text;
}

// A 2xx status says nothing the reader needs: an error body with HTTP 200 is still an error.
QString statusSuffix(int httpStatus) {
    const bool success = httpStatus >= 200 && httpStatus < 300;
    return httpStatus > 0 && !success
               ? QStringLiteral(" (%1)").arg(ApiError::httpStatusText(httpStatus))
               : QString();
}

QString leadFor(const ApiError &error) {
    const QString status = statusSuffix(error.httpStatus);
    const bool refused = error.httpStatus >= 300;
    switch (error.kind) {
    case ApiError::Kind::None:
    case ApiError::Kind::InvalidSettings:
        return QStringLiteral("The connection settings cannot be used");
    case ApiError::Kind::Network:
        return QStringLiteral("Could not talk to the server") +
               (error.bytesReceived > 0
                    ? QStringLiteral(" (after %1)").arg(ApiError::sizeText(error.bytesReceived))
                    : QString());
    case ApiError::Kind::Timeout:
        return QStringLiteral("Timed out");
    case ApiError::Kind::Tls:
        return QStringLiteral("The secure connection failed");
    case ApiError::Kind::Http:
        return QStringLiteral("The server answered with an error") + status;
    case ApiError::Kind::RateLimited:
        return QStringLiteral("The server kept refusing with \u201ctoo many requests\u201d") +
               status;
    case ApiError::Kind::Server:
        return (refused ? QStringLiteral("The server refused the request")
                        : QStringLiteral("The server reported an error")) +
               status;
    case ApiError::Kind::Authentication:
        return QStringLiteral("The server refused the request") + status;
    case ApiError::Kind::BadResponse:
        return QStringLiteral("The server's answer could not be used") + status;
    case ApiError::Kind::Truncated:
        return QStringLiteral("The response ended early") +
               (error.bytesReceived >= 0
                    ? QStringLiteral(" (after %1)").arg(ApiError::sizeText(error.bytesReceived))
                    : QString());
    case ApiError::Kind::Cancelled:
        return QStringLiteral("Cancelled");
    }
    return QStringLiteral("The request failed");
}

} // namespace

QString ApiError::message() const {
    if (kind == Kind::None)
        return {};
    const QString server = plainLine(serverMessage);
    QString ours = plainLine(detail);
    // Qt's own fallback text says nothing; the lead sentence already says what failed.
    if (ours.compare(QLatin1String("Unknown error"), Qt::CaseInsensitive) == 0)
        ours.clear();
    // Our own settings check already speaks in whole sentences.
    if (kind == Kind::InvalidSettings && !ours.isEmpty())
        return endSentence(capitalised(ours));

    QString text = leadFor(*this);
    const QString &words = server.isEmpty() ? ours : server;
    if (!words.isEmpty())
        text += QStringLiteral(": ") + words;
    else if (kind == Kind::Server)
        text += QStringLiteral(" without details");
    text = endSentence(text);
    if (!server.isEmpty() && !ours.isEmpty())
        text += QLatin1Char(' ') + endSentence(capitalised(ours));
    if (kind == Kind::Authentication)
        text += QStringLiteral(" Check the API user and key.");
    return text;
}

ApiError ApiError::make(Kind kind, QString detail, int httpStatus, QString serverMessage) {
    ApiError error;
    error.kind = kind;
    error.detail = std::move(detail);
    error.httpStatus = httpStatus;
    error.serverMessage = std::move(serverMessage);
    return error;
}

QString ApiError::httpStatusText(int httpStatus) {
    const char *reason = nullptr;
    switch (httpStatus) {
    case 200:
        reason = "OK";
        break;
    case 400:
        reason = "Bad Request";
        break;
    case 401:
        reason = "Unauthorized";
        break;
    case 403:
        reason = "Forbidden";
        break;
    case 404:
        reason = "Not Found";
        break;
    case 405:
        reason = "Method Not Allowed";
        break;
    case 408:
        reason = "Request Timeout";
        break;
    case 413:
        reason = "Payload Too Large";
        break;
    case 429:
        reason = "Too Many Requests";
        break;
    case 500:
        reason = "Internal Server Error";
        break;
    case 501:
        reason = "Not Implemented";
        break;
    case 502:
        reason = "Bad Gateway";
        break;
    case 503:
        reason = "Service Unavailable";
        break;
    case 504:
        reason = "Gateway Timeout";
        break;
    default:
        break;
    }
    const QString code = QStringLiteral("HTTP %1").arg(httpStatus);
    return reason ? code + QLatin1Char(' ') + QLatin1String(reason) : code;
}

QString ApiError::countText(qint64 count) {
    QString digits = QString::number(count < 0 ? -count : count);
    for (qsizetype i = digits.size() - 3; i > 0; i -= 3)
        digits.insert(i, QLatin1Char(','));
    return count < 0 ? QLatin1Char('-') + digits : digits;
}

QString ApiError::sizeText(qint64 bytes) {
    if (bytes == 1)
        return QStringLiteral("1 byte");
    if (bytes < 1'000'000)
        return countText(bytes) + QStringLiteral(" bytes");
    if (bytes < 1'000'000'000)
        return QString::number(double(bytes) / 1e6, 'f', 1) + QStringLiteral(" MB");
    return QString::number(double(bytes) / 1e9, 'f', 2) + QStringLiteral(" GB");
}
