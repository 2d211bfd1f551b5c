#include "v3responseparser.h"

#include "parsertext.h"
#include "utf8repair.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimeZone>

namespace V3Response {

namespace {

std::optional<ParseResult> documentOf(const QByteArray &body, QJsonDocument *document,
                                      const char *what) {
    if (auto error = ParseResult::fromApiError(body))
        return error;
    // One invalid UTF-8 byte would cost the whole page: it becomes U+FFFD, as on v2.
    QJsonParseError parseError{};
    *document = parseJsonRepairingUtf8(body, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return ParseResult::failure(QStringLiteral("%1 is not valid JSON (%2 at byte %3)")
                                        .arg(QLatin1String(what), parseError.errorString())
                                        .arg(parseError.offset));
    return std::nullopt;
}

QByteArray textOf(const QJsonValue &value) {
    return ParserText::jsonScalarText(value).toUtf8();
}

std::string_view view(const QByteArray &bytes) {
    return {bytes.constData(), std::size_t(bytes.size())};
}

} // namespace

QByteArray createdText(const QJsonValue &created) {
    qint64 seconds = -1;
    if (created.isDouble()) {
        seconds = qint64(created.toDouble());
    } else if (created.isString()) {
        bool ok = false;
        seconds = created.toString().trimmed().toLongLong(&ok);
        if (!ok)
            return created.toString().toUtf8();
    } else {
        return {};
    }
    if (seconds < 0)
        return QByteArray::number(seconds);
    // Formatted by hand: Qt 6.4 writes "+00:00" for some UTC date-times, SendGrid's form is "Z".
    return QDateTime::fromSecsSinceEpoch(seconds, QTimeZone::utc())
               .toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss"))
               .toUtf8() +
           'Z';
}

ParseResult parseListPage(const QByteArray &body, SuppressionList list, BounceStore *rows,
                          qsizetype *count) {
    *count = 0;
    QJsonDocument document;
    if (auto early = documentOf(body, &document, "the page"))
        return *early;
    if (!document.isArray())
        return ParseResult::failure(QStringLiteral("the page is not a list of rows"));
    const QJsonArray entries = document.array();
    *count = entries.size();
    for (const QJsonValue &entry : entries) {
        const QJsonObject row = entry.toObject();
        const QByteArray email = textOf(row.value(QLatin1String("email")));
        if (email.isEmpty())
            continue;
        QByteArray second;
        QByteArray third;
        QJsonValue created = row.value(QLatin1String("created"));
        switch (list) {
        case SuppressionList::Bounces:
        case SuppressionList::Blocks:
            second = textOf(row.value(QLatin1String("status")));
            third = textOf(row.value(QLatin1String("reason")));
            break;
        case SuppressionList::InvalidEmails:
            third = textOf(row.value(QLatin1String("reason")));
            break;
        case SuppressionList::SpamReports:
            second = textOf(row.value(QLatin1String("ip")));
            break;
        case SuppressionList::Unsubscribes:
            break;
        case SuppressionList::GroupUnsubscribes:
            second = textOf(row.value(QLatin1String("group_id")));
            third = textOf(row.value(QLatin1String("group_name")));
            if (created.isUndefined())
                created = row.value(QLatin1String("created_at"));
            break;
        }
        const QByteArray when = createdText(created);
        rows->append(view(email), view(second), view(third), view(when));
    }
    return ParseResult::success();
}

ParseResult parseSubusers(const QByteArray &body, QList<Customer> *customers) {
    QJsonDocument document;
    if (auto early = documentOf(body, &document, "the subuser list"))
        return *early;
    if (!document.isArray())
        return ParseResult::failure(QStringLiteral("the subuser list is not a list"));
    for (const QJsonValue &entry : document.array()) {
        const QJsonObject object = entry.toObject();
        Customer customer;
        customer.username = ParserText::jsonScalarText(object.value(QLatin1String("username")));
        if (customer.username.isEmpty())
            continue;
        customer.id = ParserText::jsonScalarText(object.value(QLatin1String("id")));
        customer.email = ParserText::jsonScalarText(object.value(QLatin1String("email")));
        const QJsonValue disabled = object.value(QLatin1String("disabled"));
        customer.active =
            !(disabled.isBool() ? disabled.toBool()
                                : ParserText::jsonScalarText(disabled) == QLatin1String("true"));
        customer.region = ParserText::jsonScalarText(object.value(QLatin1String("region")));
        customer.region = customer.region.trimmed().toLower() == QLatin1String("eu")
                              ? QStringLiteral("eu")
                              : QStringLiteral("global");
        customers->append(customer);
    }
    return ParseResult::success();
}

ParseResult parseAccounts(const QByteArray &body, QList<Customer> *customers, QString *next) {
    next->clear();
    QJsonDocument document;
    if (auto early = documentOf(body, &document, "the account list"))
        return *early;
    const QJsonObject object = document.object();
    const QJsonValue accounts = object.value(QLatin1String("accounts"));
    if (!document.isObject() || !(accounts.isArray() || accounts.isUndefined()))
        return ParseResult::failure(QStringLiteral("the account list has no \"accounts\""));
    for (const QJsonValue &entry : accounts.toArray()) {
        const QJsonObject account = entry.toObject();
        Customer customer;
        customer.username = ParserText::jsonScalarText(account.value(QLatin1String("id")));
        if (customer.username.isEmpty())
            continue;
        customer.id = customer.username;
        customer.email = ParserText::jsonScalarText(account.value(QLatin1String("email")));
        customer.region = QStringLiteral("global");
        customers->append(customer);
    }
    *next = ParserText::jsonScalarText(
        object.value(QLatin1String("pages")).toObject().value(QLatin1String("last")));
    return ParseResult::success();
}

ParseResult parseAccountState(const QByteArray &body, QString *state) {
    QJsonDocument document;
    if (auto early = documentOf(body, &document, "the account state"))
        return *early;
    *state = ParserText::jsonScalarText(document.object().value(QLatin1String("state")));
    if (state->isEmpty())
        return ParseResult::failure(QStringLiteral("the account state names no state"));
    return ParseResult::success();
}

ParseResult parseGlobalUnsubscribe(const QByteArray &body, bool *present) {
    QJsonDocument document;
    if (auto early = documentOf(body, &document, "the answer"))
        return *early;
    if (document.isArray()) { // as the other lists answer
        *present = !document.array().isEmpty();
        return ParseResult::success();
    }
    if (!document.isObject())
        return ParseResult::failure(QStringLiteral("the answer is not an object"));
    *present =
        !ParserText::jsonScalarText(document.object().value(QLatin1String("recipient_email")))
             .isEmpty();
    return ParseResult::success();
}

ParseResult parseGroupMemberships(const QByteArray &body, QList<GroupMembership> *groups) {
    QJsonDocument document;
    if (auto early = documentOf(body, &document, "the answer"))
        return *early;
    const QJsonValue list = document.object().value(QLatin1String("suppressions"));
    if (!document.isObject() || !(list.isArray() || list.isUndefined()))
        return ParseResult::failure(QStringLiteral("the answer has no \"suppressions\""));
    for (const QJsonValue &entry : list.toArray()) {
        const QJsonObject group = entry.toObject();
        const QJsonValue suppressed = group.value(QLatin1String("suppressed"));
        if (!(suppressed.isBool()
                  ? suppressed.toBool()
                  : ParserText::jsonScalarText(suppressed) == QLatin1String("true")))
            continue;
        groups->append({ParserText::jsonScalarText(group.value(QLatin1String("id"))),
                        ParserText::jsonScalarText(group.value(QLatin1String("name")))});
    }
    return ParseResult::success();
}

} // namespace V3Response
