#include "bodysyntax.h"

#include "parsertext.h"

#include <QXmlStreamReader>

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

} // namespace

BodySyntax sniffBody(QByteArrayView body) {
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
    if (syntax == BodySyntax::Xml) {
        QXmlStreamReader xml(body.toByteArray());
        while (!xml.atEnd())
            xml.readNext();
        return xml.error() == QXmlStreamReader::PrematureEndOfDocumentError;
    }
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
        QXmlStreamReader xml(body.first(qMin<qsizetype>(body.size(), 4096)).toByteArray());
        if (xml.readNextStartElement())
            return QStringLiteral("an XML document <%1>").arg(excerpt(xml.name().toUtf8(), 40));
        return QStringLiteral("text starting with %1").arg(quoted(excerpt(rest, 40)));
    }
    case BodySyntax::Other:
        break;
    }
    return QStringLiteral("plain text starting %1").arg(quoted(excerpt(rest, 40)));
}
