#include "apierrorshapes.h"

#include "bodysyntax.h"
#include "parsertext.h"
#include "utf8repair.h"
#include "xmldocument.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>

using namespace ParserText;

namespace {

bool isErrorWord(const QString &text) {
    return text.trimmed().compare(QLatin1String("error"), Qt::CaseInsensitive) == 0;
}

// One entry of "errors": a string, or {"field":..., "message":...}.
QString jsonErrorEntry(const QJsonValue &entry) {
    if (!entry.isObject())
        return jsonScalarText(entry);
    const QJsonObject object = entry.toObject();
    QString text = jsonScalarText(object.value(QLatin1String("message")));
    if (text.isEmpty())
        text = jsonScalarText(object.value(QLatin1String("error")));
    const QString field = jsonScalarText(object.value(QLatin1String("field")));
    return field.isEmpty() || text.isEmpty() ? text : field + QStringLiteral(": ") + text;
}

// {"error":{"code":401,"message":"..."}}, {"error":"..."}: returns whether it is an error.
bool collectErrorKey(const QJsonValue &error, QStringList *words) {
    if (error.isObject()) {
        const QJsonObject inner = error.toObject();
        QString text = jsonScalarText(inner.value(QLatin1String("message")));
        const QString code = jsonScalarText(inner.value(QLatin1String("code")));
        if (text.trimmed().isEmpty() && !code.isEmpty())
            text = QStringLiteral("error code %1").arg(code);
        *words << text;
        return true;
    }
    if (error.isString()) {
        *words << error.toString();
        return true;
    }
    return error.isBool() && error.toBool();
}

// {"errors":["..."]}, {"errors":[{"field":null,"message":"..."}]}, {"errors":{"f":"..."}}
bool collectErrorsKey(const QJsonValue &errors, QStringList *words) {
    if (errors.isArray()) {
        const QJsonArray list = errors.toArray();
        for (const QJsonValue &entry : list)
            *words << jsonErrorEntry(entry);
        return !list.isEmpty();
    }
    if (errors.isString()) {
        *words << errors.toString();
        return true;
    }
    if (errors.isObject()) {
        const QJsonObject map = errors.toObject();
        for (auto it = map.begin(); it != map.end(); ++it)
            *words << it.key() + QStringLiteral(": ") + jsonScalarText(it.value());
        return !map.isEmpty();
    }
    return false;
}

QString joinWords(QStringList words) {
    for (QString &word : words)
        word = word.trimmed();
    words.removeAll(QString());
    words.removeDuplicates();
    return words.join(QStringLiteral("; "));
}

std::optional<QString> jsonApiError(const QJsonObject &object) {
    QStringList words;
    bool isError = collectErrorKey(object.value(QLatin1String("error")), &words);
    isError = collectErrorsKey(object.value(QLatin1String("errors")), &words) || isError;
    isError = isErrorWord(jsonScalarText(object.value(QLatin1String("message")))) || isError;
    if (!isError)
        return std::nullopt;
    return joinWords(words);
}

// Every <message> and <error> below `element`, in document order (an <error> is not looked
// into: its text is the word).
void collectXmlWords(const XmlElement &element, bool *isError, QStringList *words) {
    for (const XmlElement &child : element.children) {
        if (child.name == QLatin1String("message")) {
            *isError = isErrorWord(child.text) || *isError;
        } else if (child.name == QLatin1String("error")) {
            *isError = true;
            *words << child.text;
        } else {
            collectXmlWords(child, isError, words);
        }
    }
}

std::optional<QString> xmlApiError(QByteArrayView body) {
    const XmlDocument document = XmlDocument::read(body);
    if (!document.ok())
        return std::nullopt;
    const XmlElement &root = document.root();
    if (root.name == QLatin1String("error"))
        return root.text.trimmed();
    bool isError = root.name == QLatin1String("errors");
    if (!isError && root.name != QLatin1String("result"))
        return std::nullopt; // <users>, <bounces>, <html>: not an error shape
    QStringList words;
    collectXmlWords(root, &isError, &words);
    if (!isError)
        return std::nullopt;
    return joinWords(words);
}

} // namespace

std::optional<QString> recogniseApiError(QByteArrayView body) {
    const qsizetype start = firstSignificantByte(body);
    const BodySyntax syntax = sniffBody(body);
    if (syntax == BodySyntax::Xml)
        return xmlApiError(body);
    if (syntax != BodySyntax::Json || body.at(start) != '{')
        return std::nullopt; // lists are data, never errors; HTML and text are judged elsewhere
    const QJsonDocument document = parseJsonRepairingUtf8(body.sliced(start));
    if (!document.isObject())
        return std::nullopt;
    return jsonApiError(document.object());
}

bool isAuthenticationMessage(const QString &serverMessage) {
    static const char *const phrases[] = {
        "wrong credentials", "bad username", "permission denied",   "authentication",
        "unauthorized",      "unauthorised", "invalid credentials", "bad credentials",
    };
    for (const char *phrase : phrases) {
        if (serverMessage.contains(QLatin1String(phrase), Qt::CaseInsensitive))
            return true;
    }
    return false;
}
