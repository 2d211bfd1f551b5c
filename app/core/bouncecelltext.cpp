#include "bouncecelltext.h"

#include <QStringList>

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

namespace {

// `line` in pieces of at most `width` characters, broken at a space where there is one (the
// space goes), hard where a word is longer than a line (a long address or URL).
QStringList brokenLine(const QString &line, qsizetype width) {
    QStringList pieces;
    qsizetype start = 0;
    while (line.size() - start > width) {
        qsizetype cut = line.lastIndexOf(u' ', start + width);
        if (cut <= start) {
            cut = start + width;
            if (line.at(cut - 1).isHighSurrogate())
                --cut;
        }
        pieces << line.mid(start, cut - start);
        start = cut;
        while (start < line.size() && line.at(start) == u' ')
            ++start;
    }
    pieces << line.mid(start);
    return pieces;
}

} // namespace

QString escapedToolTip(const QString &plain) {
    QString unified = plain;
    unified.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    unified.replace(QLatin1Char('\r'), QLatin1Char('\n'));
    QStringList lines;
    for (const QString &line : unified.split(QLatin1Char('\n')))
        lines << brokenLine(line, toolTipLineChars);
    for (QString &line : lines)
        line = line.toHtmlEscaped();
    return QStringLiteral("<qt><p style=\"white-space:pre\">") +
           lines.join(QStringLiteral("<br>")) + QStringLiteral("</p></qt>");
}
