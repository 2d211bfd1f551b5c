#include "responseparsers.h"

#include "core/quantitytext.h"
#include "parsertext.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QXmlStreamReader>

using namespace ParserText;

namespace {

bool parseActive(const QJsonValue &value, bool fallback) {
    if (value.isBool())
        return value.toBool();
    if (value.isDouble())
        return value.toDouble() != 0;
    const QString text = value.toString().trimmed().toLower();
    if (text == QLatin1String("true") || text == QLatin1String("1") || text == QLatin1String("yes"))
        return true;
    if (text == QLatin1String("false") || text == QLatin1String("0") || text == QLatin1String("no"))
        return false;
    return fallback; // missing or unrecognised: the flag only decorates the picker
}

ParseResult failure(QString error, bool serverError = false) {
    return ParseResult{false, std::move(error), serverError};
}

// An API error body turns into the server's words, whatever format we asked for.
std::optional<ParseResult> serverFailure(QByteArrayView body) {
    const std::optional<QString> words = recogniseApiError(body);
    if (!words)
        return std::nullopt;
    return failure(words->isEmpty() ? QStringLiteral("the server reported an error without details")
                                    : *words,
                   true);
}

ParseResult parseCustomersJson(QByteArrayView body, QList<Customer> *customers) {
    QJsonParseError error;
    const QJsonDocument document = parseJsonRepairingUtf8(body, &error);
    if (error.error != QJsonParseError::NoError)
        return failure(QStringLiteral("the list of customers is not valid JSON (at byte %1: %2)")
                           .arg(countText(error.offset), error.errorString()));
    if (!document.isArray())
        return failure(
            QStringLiteral("expected a list of customers, got %1").arg(describeBody(body)));
    const QJsonArray list = document.array();
    QList<Customer> parsed;
    parsed.reserve(list.size());
    for (qsizetype i = 0; i < list.size(); ++i) {
        if (!list.at(i).isObject())
            return failure(QStringLiteral("customer %1 in the list is not an object").arg(i + 1));
        const QJsonObject object = list.at(i).toObject();
        Customer customer;
        customer.id = jsonScalarText(object.value(QLatin1String("id")));
        customer.username = jsonScalarText(object.value(QLatin1String("username")));
        customer.email = jsonScalarText(object.value(QLatin1String("email")));
        customer.firstName = jsonScalarText(object.value(QLatin1String("first_name")));
        customer.lastName = jsonScalarText(object.value(QLatin1String("last_name")));
        customer.active = parseActive(object.value(QLatin1String("active")), true);
        if (customer.username.trimmed().isEmpty())
            return failure(QStringLiteral("customer %1 in the list has no username").arg(i + 1));
        parsed.append(customer);
    }
    *customers = std::move(parsed);
    return ParseResult{true, {}};
}

ParseResult parseCustomersXml(QByteArrayView body, QList<Customer> *customers) {
    QXmlStreamReader xml(xmlRepairingUtf8(body));
    if (!xml.readNextStartElement())
        return failure(xmlErrorText(xml, QStringLiteral("the list of customers")));
    if (xml.name() != QLatin1String("users"))
        return failure(
            QStringLiteral("expected a list of customers, got %1").arg(describeBody(body)));
    QList<Customer> parsed;
    while (xml.readNextStartElement()) {
        if (xml.name() != QLatin1String("user")) {
            xml.skipCurrentElement();
            continue;
        }
        Customer customer;
        QString active;
        while (xml.readNextStartElement()) {
            const QStringView name = xml.name();
            QString *target = name == QLatin1String("id")           ? &customer.id
                              : name == QLatin1String("username")   ? &customer.username
                              : name == QLatin1String("email")      ? &customer.email
                              : name == QLatin1String("first_name") ? &customer.firstName
                              : name == QLatin1String("last_name")  ? &customer.lastName
                              : name == QLatin1String("active")     ? &active
                                                                    : nullptr;
            if (target)
                *target = xml.readElementText(QXmlStreamReader::IncludeChildElements);
            else
                xml.skipCurrentElement();
        }
        if (xml.hasError())
            break;
        customer.active = parseActive(QJsonValue(active), true);
        if (customer.username.trimmed().isEmpty())
            return failure(
                QStringLiteral("customer %1 in the list has no username").arg(parsed.size() + 1));
        parsed.append(customer);
    }
    if (xml.hasError())
        return failure(xmlErrorText(xml, QStringLiteral("the list of customers")));
    *customers = std::move(parsed);
    return ParseResult{true, {}};
}

std::optional<DeleteOutcome> deleteOutcomeFor(const QString &message) {
    QString text = message.trimmed();
    if (text.endsWith(QLatin1Char('.')))
        text.chop(1);
    if (text.compare(QLatin1String("success"), Qt::CaseInsensitive) == 0)
        return DeleteOutcome::Deleted;
    if (text.compare(QLatin1String("email does not exist"), Qt::CaseInsensitive) == 0)
        return DeleteOutcome::NotOnList;
    return std::nullopt;
}

// The <message> of a <result>, or the "message" of a JSON object; null when there is none.
std::optional<QString> resultMessage(QByteArrayView body, BodySyntax syntax) {
    if (syntax == BodySyntax::Json) {
        const QJsonDocument document = parseJsonRepairingUtf8(body);
        const QJsonValue message = document.object().value(QLatin1String("message"));
        if (!message.isString())
            return std::nullopt;
        return message.toString();
    }
    QXmlStreamReader xml(xmlRepairingUtf8(body));
    if (!xml.readNextStartElement() || xml.name() != QLatin1String("result"))
        return std::nullopt;
    while (xml.readNextStartElement()) {
        if (xml.name() == QLatin1String("message"))
            return xml.readElementText(QXmlStreamReader::IncludeChildElements);
        xml.skipCurrentElement();
    }
    return std::nullopt;
}

} // namespace

ParseResult parseCustomers(QByteArrayView body, QList<Customer> *customers) {
    if (std::optional<ParseResult> server = serverFailure(body))
        return *server;
    switch (sniffBody(body)) {
    case BodySyntax::Json:
        return parseCustomersJson(body, customers);
    case BodySyntax::Xml:
        return parseCustomersXml(body, customers);
    default:
        return failure(
            QStringLiteral("expected a list of customers, got %1").arg(describeBody(body)));
    }
}

ParseResult parseDeleteResult(QByteArrayView body, DeleteOutcome *outcome) {
    if (std::optional<ParseResult> server = serverFailure(body))
        return *server;
    const BodySyntax syntax = sniffBody(body);
    if (syntax != BodySyntax::Json && syntax != BodySyntax::Xml)
        return failure(QStringLiteral("unexpected answer to a delete: %1").arg(describeBody(body)));
    const std::optional<QString> message = resultMessage(body, syntax);
    if (!message)
        return failure(QStringLiteral("unexpected answer to a delete: %1").arg(describeBody(body)));
    const std::optional<DeleteOutcome> result = deleteOutcomeFor(*message);
    if (!result)
        return failure(QStringLiteral("unexpected answer to a delete: %1")
                           .arg(quoted(excerpt(message->toUtf8(), 80))));
    *outcome = *result;
    return ParseResult{true, {}};
}

QJsonDocument parseJsonRepairingUtf8(QByteArrayView json, QJsonParseError *error) {
    QJsonParseError parseError;
    const QByteArray bytes = json.sliced(firstSignificantByte(json)).toByteArray();
    QJsonDocument document = QJsonDocument::fromJson(bytes, &parseError);
    if (parseError.error == QJsonParseError::IllegalUTF8String)
        document = QJsonDocument::fromJson(QString::fromUtf8(bytes).toUtf8(), &parseError);
    if (error)
        *error = parseError;
    return document;
}

QByteArray xmlRepairingUtf8(QByteArrayView xml) {
    QXmlStreamReader declaration(xml.first(qMin<qsizetype>(xml.size(), 256)).toByteArray());
    declaration.readNext(); // the XML declaration, when there is one
    const QStringView encoding = declaration.documentEncoding();
    if (!encoding.isEmpty() && encoding.compare(QLatin1String("utf-8"), Qt::CaseInsensitive) != 0)
        return xml.toByteArray();
    return QString::fromUtf8(xml).toUtf8();
}

bool isAcceptableContentType(const QByteArray &contentType) {
    const QByteArray mediaType = contentType.split(';').constFirst().trimmed().toLower();
    if (mediaType.isEmpty())
        return true; // no claim: the body sniffing decides
    // Generic labels are let through too: servers (and other emulators of this API) send JSON
    // as text/plain, text/javascript or octet-stream, and the body sniffing still decides.
    // An HTML page (text/html) is never data.
    static const char *const exact[] = {"application/json",
                                        "text/json",
                                        "application/xml",
                                        "text/xml",
                                        "text/plain",
                                        "text/javascript",
                                        "application/javascript",
                                        "application/octet-stream"};
    for (const char *type : exact) {
        if (mediaType == type)
            return true;
    }
    const qsizetype slash = mediaType.indexOf('/');
    if (mediaType.endsWith("html+xml")) // application/xhtml+xml is a page, not data
        return false;
    return slash > 0 && slash + 1 < mediaType.size() &&
           (mediaType.endsWith("+json") || mediaType.endsWith("+xml"));
}
