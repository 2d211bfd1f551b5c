#include "bodysyntax.h"

#include "parsertext.h"
#include "xmldocument.h"

#include <string_view>

using namespace ParserText;

namespace {

QString describeHtml(QByteArrayView page) {
    const QByteArrayView head = page.first(qMin<qsizetype>(page.size(), 4096));
    const QByteArray lower = head.toByteArray().toLower();
    const qsizetype open = lower.indexOf("<title>");
    const qsizetype close = open < 0 ? -1 : lower.indexOf("</title", open);
    if (close > open) {
        const QString title = excerpt(head.sliced(open + 7, close - open - 7), 60);
        if (!title.isEmpty())
            return QStringLiteral("an HTML page (%1)").arg(quoted(title));
    }
    return QStringLiteral("an HTML page");
}

// UTF-16, by its byte-order mark or by "<?" spelled in two bytes a character (XML 1.0
// appendix F): of the formats here only XML may be sent so, and XmlTextDecoder reads it.
bool startsAsUtf16(QByteArrayView body) {
    using namespace std::string_view_literals;
    for (const std::string_view start : {"\xFF\xFE"sv, "\xFE\xFF"sv, "<\0?\0"sv, "\0<\0?"sv}) {
        if (body.startsWith(QByteArrayView(start.data(), qsizetype(start.size()))))
            return true;
    }
    return false;
}

} // namespace

BodySyntax sniffBody(QByteArrayView body) {
    if (startsAsUtf16(body))
        return BodySyntax::Xml;
    const QByteArrayView rest = body.sliced(firstSignificantByte(body));
    if (rest.isEmpty())
        return BodySyntax::Empty;
    if (rest.front() == '{' || rest.front() == '[')
        return BodySyntax::Json;
    if (rest.front() != '<')
        return BodySyntax::Other;
    const QByteArray head = rest.first(qMin<qsizetype>(rest.size(), 32)).toByteArray().toLower();
    for (const char *tag : {"<!doctype html", "<html", "<head", "<body", "<title", "<h1"}) {
        if (head.startsWith(tag))
            return BodySyntax::Html;
    }
    return BodySyntax::Xml;
}

bool endsMidDocument(QByteArrayView body) {
    const BodySyntax syntax = sniffBody(body);
    if (syntax == BodySyntax::Xml)
        return XmlDocument::read(body).cutShort();
    if (syntax != BodySyntax::Json)
        return false;
    // Brackets outside strings, counted: unbalanced at the end, or inside a string, is cut.
    qsizetype depth = 0;
    bool inString = false;
    bool escaped = false;
    for (const char c : body.sliced(firstSignificantByte(body))) {
        if (inString) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                inString = false;
        } else if (c == '"') {
            inString = true;
        } else if (c == '{' || c == '[') {
            ++depth;
        } else if ((c == '}' || c == ']') && --depth < 0) {
            return false; // not a cut: malformed, and judged as such
        }
    }
    return inString || depth > 0;
}

QString describeBody(QByteArrayView body) {
    const QByteArrayView rest = body.sliced(firstSignificantByte(body));
    switch (sniffBody(body)) {
    case BodySyntax::Empty:
        return body.isEmpty() ? QStringLiteral("an empty body")
                              : QStringLiteral("a body of only white space");
    case BodySyntax::Html:
        return describeHtml(rest);
    case BodySyntax::Json:
        return rest.front() == '[' ? QStringLiteral("a JSON list")
                                   : QStringLiteral("a JSON object");
    case BodySyntax::Xml: {
        const QString root = XmlDocument::rootName(body.first(qMin<qsizetype>(body.size(), 4096)));
        if (!root.isEmpty())
            return QStringLiteral("an XML document <%1>").arg(excerpt(root.toUtf8(), 40));
        return QStringLiteral("text starting with %1").arg(quoted(excerpt(rest, 40)));
    }
    case BodySyntax::Other:
        break;
    }
    return QStringLiteral("plain text starting %1").arg(quoted(excerpt(rest, 40)));
}
