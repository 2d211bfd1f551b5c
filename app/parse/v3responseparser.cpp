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

// 9999-12-31T23:59:59Z: up to here the four-digit form below is the whole answer.
constexpr qint64 kLastSecondOf9999 = 253402300799;

// Unix seconds (0 .. kLastSecondOf9999) as "yyyy-MM-ddTHH:mm:ssZ". Written out by hand: through
// QDateTime::toString this was the largest single cost of a v3 export (a million rows).
// The date from the day count is Howard Hinnant's civil_from_days.
QByteArray isoUtcText(qint64 seconds) {
    const qint64 days = seconds / 86400;
    const int secondOfDay = int(seconds % 86400);
    const qint64 z = days + 719468;
    const qint64 era = z / 146097;
    const qint64 dayOfEra = z - era * 146097;
    const qint64 yearOfEra =
        (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
    const qint64 dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    const qint64 mp = (5 * dayOfYear + 2) / 153;
    const int day = int(dayOfYear - (153 * mp + 2) / 5 + 1);
    const int month = int(mp < 10 ? mp + 3 : mp - 9);
    const int year = int(yearOfEra + era * 400 + (month <= 2 ? 1 : 0));
    char text[21];
    const auto put = [&text](int at, int value, int digits) {
        for (int i = digits - 1; i >= 0; --i, value /= 10)
            text[at + i] = char('0' + value % 10);
    };
    put(0, year, 4);
    text[4] = '-';
    put(5, month, 2);
    text[7] = '-';
    put(8, day, 2);
    text[10] = 'T';
    put(11, secondOfDay / 3600, 2);
    text[13] = ':';
    put(14, secondOfDay / 60 % 60, 2);
    text[16] = ':';
    put(17, secondOfDay % 60, 2);
    text[19] = 'Z';
    return QByteArray(text, 20);
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
    if (seconds <= kLastSecondOf9999)
        return isoUtcText(seconds);
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
