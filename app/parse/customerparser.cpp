#include "customerparser.h"

#include "bodysyntax.h"
#include "core/quantitytext.h"
#include "parsertext.h"
#include "utf8repair.h"
#include "xmldocument.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

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

ParseResult parseCustomersJson(QByteArrayView body, QList<Customer> *customers) {
    QJsonParseError error;
    const QJsonDocument document = parseJsonRepairingUtf8(body, &error);
    if (error.error != QJsonParseError::NoError)
        return ParseResult::failure(
            QStringLiteral("the list of customers is not valid JSON (at byte %1: %2)")
                .arg(countText(error.offset), error.errorString()));
    if (!document.isArray())
        return ParseResult::failure(
            QStringLiteral("expected a list of customers, got %1").arg(describeBody(body)));
    const QJsonArray list = document.array();
    QList<Customer> parsed;
    parsed.reserve(list.size());
    for (qsizetype i = 0; i < list.size(); ++i) {
        if (!list.at(i).isObject())
            return ParseResult::failure(
                QStringLiteral("customer %1 in the list is not an object").arg(i + 1));
        const QJsonObject object = list.at(i).toObject();
        Customer customer;
        customer.id = jsonScalarText(object.value(QLatin1String("id")));
        customer.username = jsonScalarText(object.value(QLatin1String("username")));
        customer.email = jsonScalarText(object.value(QLatin1String("email")));
        customer.firstName = jsonScalarText(object.value(QLatin1String("first_name")));
        customer.lastName = jsonScalarText(object.value(QLatin1String("last_name")));
        customer.active = parseActive(object.value(QLatin1String("active")), true);
        if (customer.username.trimmed().isEmpty())
            return ParseResult::failure(
                QStringLiteral("customer %1 in the list has no username").arg(i + 1));
        parsed.append(customer);
    }
    *customers = std::move(parsed);
    return ParseResult::success();
}

ParseResult parseCustomersXml(QByteArrayView body, QList<Customer> *customers) {
    const XmlDocument document = XmlDocument::read(body);
    if (!document.ok())
        return ParseResult::failure(
            QStringLiteral("the list of customers is not valid XML (%1)").arg(document.problem()));
    if (document.root().name != QLatin1String("users"))
        return ParseResult::failure(
            QStringLiteral("expected a list of customers, got %1").arg(describeBody(body)));
    QList<Customer> parsed;
    for (const XmlElement &user : document.root().children) {
        if (user.name != QLatin1String("user"))
            continue;
        Customer customer;
        QString active;
        for (const XmlElement &field : user.children) {
            QString *target = field.name == QLatin1String("id")           ? &customer.id
                              : field.name == QLatin1String("username")   ? &customer.username
                              : field.name == QLatin1String("email")      ? &customer.email
                              : field.name == QLatin1String("first_name") ? &customer.firstName
                              : field.name == QLatin1String("last_name")  ? &customer.lastName
                              : field.name == QLatin1String("active")     ? &active
                                                                          : nullptr;
            if (target)
                *target = field.text;
        }
        customer.active = parseActive(QJsonValue(active), true);
        if (customer.username.trimmed().isEmpty())
            return ParseResult::failure(
                QStringLiteral("customer %1 in the list has no username").arg(parsed.size() + 1));
        parsed.append(customer);
    }
    *customers = std::move(parsed);
    return ParseResult::success();
}

} // namespace

ParseResult parseCustomers(QByteArrayView body, QList<Customer> *customers) {
    if (std::optional<ParseResult> server = ParseResult::fromApiError(body))
        return *server;
    switch (sniffBody(body)) {
    case BodySyntax::Json:
        return parseCustomersJson(body, customers);
    case BodySyntax::Xml:
        return parseCustomersXml(body, customers);
    default:
        return ParseResult::failure(
            QStringLiteral("expected a list of customers, got %1").arg(describeBody(body)));
    }
}
