#include "apierror.h"
#include "core/quantitytext.h"

#include <QCoreApplication>

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

// The headline of one kind of failure, as whole sentences so a translation may order the words
// its own way: bare, with the qualifier in parentheses (the HTTP status, or how much arrived),
// followed by the words of the server or of our own detail, and with both. Server's bare forms
// say that no words came ("... without details").
struct Headline {
    const char *bare;
    const char *qualified;          // %1: the qualifier
    const char *withWords;          // %1: the words
    const char *qualifiedWithWords; // %1: the qualifier, %2: the words
};

// A 2xx status says nothing the reader needs: an error body with HTTP 200 is still an error.
QString statusQualifier(int httpStatus) {
    const bool success = httpStatus >= 200 && httpStatus < 300;
    return httpStatus > 0 && !success ? ApiError::httpStatusText(httpStatus) : QString();
}

QString sizeQualifier(qint64 bytes, qint64 least) {
    return bytes >= least ? sizeText(bytes) : QString();
}

// The sentences for the error's kind; *qualifier is set to what fills their parentheses.
Headline headlineFor(const ApiError &error, QString *qualifier) {
    *qualifier = statusQualifier(error.httpStatus);
    switch (error.kind) {
    case ApiError::Kind::None:
    case ApiError::Kind::InvalidSettings:
        qualifier->clear();
        return {QT_TRANSLATE_NOOP("ApiError", "The connection settings cannot be used"), nullptr,
                QT_TRANSLATE_NOOP("ApiError", "The connection settings cannot be used: %1"),
                nullptr};
    case ApiError::Kind::Network:
        *qualifier = sizeQualifier(error.bytesReceived, 1);
        return {QT_TRANSLATE_NOOP("ApiError", "Could not talk to the server"),
                QT_TRANSLATE_NOOP("ApiError", "Could not talk to the server (after %1)"),
                QT_TRANSLATE_NOOP("ApiError", "Could not talk to the server: %1"),
                QT_TRANSLATE_NOOP("ApiError", "Could not talk to the server (after %1): %2")};
    case ApiError::Kind::Timeout:
        qualifier->clear();
        return {QT_TRANSLATE_NOOP("ApiError", "Timed out"), nullptr,
                QT_TRANSLATE_NOOP("ApiError", "Timed out: %1"), nullptr};
    case ApiError::Kind::Tls:
        qualifier->clear();
        return {QT_TRANSLATE_NOOP("ApiError", "The secure connection failed"), nullptr,
                QT_TRANSLATE_NOOP("ApiError", "The secure connection failed: %1"), nullptr};
    case ApiError::Kind::Http:
        return {QT_TRANSLATE_NOOP("ApiError", "The server answered with an error"),
                QT_TRANSLATE_NOOP("ApiError", "The server answered with an error (%1)"),
                QT_TRANSLATE_NOOP("ApiError", "The server answered with an error: %1"),
                QT_TRANSLATE_NOOP("ApiError", "The server answered with an error (%1): %2")};
    case ApiError::Kind::RateLimited:
        return {
            QT_TRANSLATE_NOOP("ApiError", "The server kept refusing with “too many requests”"),
            QT_TRANSLATE_NOOP("ApiError", "The server kept refusing with “too many requests” (%1)"),
            QT_TRANSLATE_NOOP("ApiError", "The server kept refusing with “too many requests”: %1"),
            QT_TRANSLATE_NOOP("ApiError",
                              "The server kept refusing with “too many requests” (%1): %2")};
    case ApiError::Kind::Server:
        if (error.httpStatus >= 300)
            return {QT_TRANSLATE_NOOP("ApiError", "The server refused the request without details"),
                    QT_TRANSLATE_NOOP("ApiError",
                                      "The server refused the request (%1) without details"),
                    QT_TRANSLATE_NOOP("ApiError", "The server refused the request: %1"),
                    QT_TRANSLATE_NOOP("ApiError", "The server refused the request (%1): %2")};
        return {QT_TRANSLATE_NOOP("ApiError", "The server reported an error without details"),
                QT_TRANSLATE_NOOP("ApiError", "The server reported an error (%1) without details"),
                QT_TRANSLATE_NOOP("ApiError", "The server reported an error: %1"),
                QT_TRANSLATE_NOOP("ApiError", "The server reported an error (%1): %2")};
    case ApiError::Kind::Authentication:
        return {QT_TRANSLATE_NOOP("ApiError", "The server refused the request"),
                QT_TRANSLATE_NOOP("ApiError", "The server refused the request (%1)"),
                QT_TRANSLATE_NOOP("ApiError", "The server refused the request: %1"),
                QT_TRANSLATE_NOOP("ApiError", "The server refused the request (%1): %2")};
    case ApiError::Kind::BadResponse:
        return {QT_TRANSLATE_NOOP("ApiError", "The server's answer could not be used"),
                QT_TRANSLATE_NOOP("ApiError", "The server's answer could not be used (%1)"),
                QT_TRANSLATE_NOOP("ApiError", "The server's answer could not be used: %1"),
                QT_TRANSLATE_NOOP("ApiError", "The server's answer could not be used (%1): %2")};
    case ApiError::Kind::Truncated:
        *qualifier = sizeQualifier(error.bytesReceived, 0);
        return {QT_TRANSLATE_NOOP("ApiError", "The response ended early"),
                QT_TRANSLATE_NOOP("ApiError", "The response ended early (after %1)"),
                QT_TRANSLATE_NOOP("ApiError", "The response ended early: %1"),
                QT_TRANSLATE_NOOP("ApiError", "The response ended early (after %1): %2")};
    case ApiError::Kind::Cancelled:
        qualifier->clear();
        return {QT_TRANSLATE_NOOP("ApiError", "Cancelled"), nullptr,
                QT_TRANSLATE_NOOP("ApiError", "Cancelled: %1"), nullptr};
    }
    qualifier->clear();
    return {QT_TRANSLATE_NOOP("ApiError", "The request failed"), nullptr,
            QT_TRANSLATE_NOOP("ApiError", "The request failed: %1"), nullptr};
}

// The headline in the user's language; the qualifier and the words are inserted as they are
// (status texts, sizes and the server's words are not ours to translate). One arg() call, so a
// "%1" inside the server's words stays text.
QString headlineText(const ApiError &error, const QString &words) {
    QString qualifier;
    const Headline headline = headlineFor(error, &qualifier);
    const auto translated = [](const char *source) {
        return QCoreApplication::translate("ApiError", source);
    };
    if (qualifier.isEmpty())
        return words.isEmpty() ? translated(headline.bare)
                               : translated(headline.withWords).arg(words);
    return words.isEmpty() ? translated(headline.qualified).arg(qualifier)
                           : translated(headline.qualifiedWithWords).arg(qualifier, words);
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

    const QString &words = server.isEmpty() ? ours : server;
    QString text = endSentence(headlineText(*this, words));
    if (!server.isEmpty() && !ours.isEmpty())
        text += QLatin1Char(' ') + endSentence(capitalised(ours));
    if (!advice.isEmpty())
        text += QLatin1Char(' ') + endSentence(capitalised(plainLine(advice)));
    else if (kind == Kind::Authentication)
        text += QLatin1Char(' ') +
                QCoreApplication::translate("ApiError", "Check the API user and key.");
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
