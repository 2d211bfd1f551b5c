#include "bouncecelltext.h"

#include <algorithm>

QString cellText(std::string_view utf8, qsizetype maxChars) {
    const auto maxBytes = std::size_t(maxChars) * 4; // no UTF-8 character is longer
    QString text = QString::fromUtf8(utf8.data(), qsizetype(std::min(utf8.size(), maxBytes)));
    if (text.size() > maxChars || utf8.size() > maxBytes) {
        qsizetype keep = std::min(text.size(), maxChars);
        if (keep > 0 && text.at(keep - 1).isHighSurrogate())
            --keep;
        text.truncate(keep);
        text.append(QChar(0x2026));
    }
    return text;
}

QString singleLine(const QString &text) {
    QString result;
    result.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t c = text.at(i).unicode();
        if (c == u'\r' && i + 1 < text.size() && text.at(i + 1) == u'\n')
            ++i;
        const bool lineBreak = c == u'\r' || c == u'\n' || c == 0x2028 || c == 0x2029;
        result.append(lineBreak ? QChar(u' ') : text.at(i));
    }
    return result;
}

QString escapedToolTip(const QString &plain) {
    QString escaped = plain.toHtmlEscaped();
    escaped.replace(QStringLiteral("\r\n"), QStringLiteral("<br>"));
    escaped.replace(QLatin1Char('\r'), QStringLiteral("<br>"));
    escaped.replace(QLatin1Char('\n'), QStringLiteral("<br>"));
    return QStringLiteral("<qt>") + escaped + QStringLiteral("</qt>");
}
