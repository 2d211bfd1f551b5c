#include "v3responseparser.h"

#include "parsertext.h"
#include "utf8repair.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimeZone>

#include <simdjson.h>

#include <array>
#include <charconv>
#include <string>
#include <vector>

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

// The length of isoUtcText(), "yyyy-MM-ddTHH:mm:ssZ".
constexpr std::size_t kIsoUtcBytes = 20;

// Unix seconds (0 .. kLastSecondOf9999) as "yyyy-MM-ddTHH:mm:ssZ" into `text` (kIsoUtcBytes,
// not terminated). Written out by hand: through QDateTime::toString this was the largest single
// cost of a v3 export (a million rows). The date from the day count is Howard Hinnant's
// civil_from_days.
void writeIsoUtc(char *text, qint64 seconds) {
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
    const auto put = [text](int at, int value, int digits) {
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
}

QByteArray isoUtcText(qint64 seconds) {
    QByteArray text(qsizetype(kIsoUtcBytes), Qt::Uninitialized);
    writeIsoUtc(text.data(), seconds);
    return text;
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

namespace {

// Whether the fast path takes `value` exactly as QJsonValue would give it: a string, a whole
// number jsonScalarText() writes as digits, true, false or null. Anything else (doubles, big
// numbers, objects, arrays) leaves the page to Qt.
bool isPlainScalar(simdjson::dom::element value) {
    switch (value.type()) {
    case simdjson::dom::element_type::STRING:
    case simdjson::dom::element_type::BOOL:
    case simdjson::dom::element_type::NULL_VALUE:
        return true;
    case simdjson::dom::element_type::INT64: {
        const std::int64_t number = value.get_int64().value_unsafe();
        // jsonScalarText() writes numbers past these as a double.
        return number >= -9'000'000'000'000'000 && number <= 9'000'000'000'000'000;
    }
    default:
        return false;
    }
}

// The text of a plain scalar (isPlainScalar()), as jsonScalarText() writes it: a string as it
// is (a view into the parser's own copy), a number's digits into `digits`, true or false.
std::string_view scalarText(simdjson::dom::element value, std::array<char, 24> &digits) {
    switch (value.type()) {
    case simdjson::dom::element_type::STRING:
        return value.get_string().value_unsafe();
    case simdjson::dom::element_type::INT64: {
        const auto written = std::to_chars(digits.data(), digits.data() + digits.size(),
                                           value.get_int64().value_unsafe());
        return {digits.data(), std::size_t(written.ptr - digits.data())};
    }
    case simdjson::dom::element_type::BOOL:
        return value.get_bool().value_unsafe() ? "true" : "false";
    default:
        return {}; // null
    }
}

// createdText() of a plain scalar, without a QJsonValue for the usual whole number: its text
// in `iso` or, for the rest, in `other`.
std::string_view createdTextOf(simdjson::dom::element value, std::array<char, 24> &iso,
                               QByteArray &other) {
    if (value.type() == simdjson::dom::element_type::INT64) {
        const std::int64_t seconds = value.get_int64().value_unsafe();
        if (seconds >= 0 && seconds <= kLastSecondOf9999) {
            writeIsoUtc(iso.data(), seconds);
            return {iso.data(), kIsoUtcBytes};
        }
        other = createdText(QJsonValue(double(seconds))); // exact: |seconds| <= 9e15
    } else if (value.type() == simdjson::dom::element_type::STRING) {
        const std::string_view text = value.get_string().value_unsafe();
        other = createdText(QJsonValue(QString::fromUtf8(text.data(), qsizetype(text.size()))));
    } else {
        return {}; // true, false and null have no date, as in createdText()
    }
    return view(other);
}

// The same rows as the QJsonDocument path below, through simdjson's DOM parser (fully
// validated: UTF-8 included), about ten times faster on a 500-row page. Returns false, having
// appended nothing, for anything it does not take exactly as Qt would (invalid JSON or UTF-8,
// a repeated key, a number Qt keeps as a double, an entry that is not an object): the
// QJsonDocument path then parses the page, and repairs or reports it as before.
// The texts go from simdjson's buffer into the store directly: no string of its own per
// field (those copies and their allocations were a quarter of the parser thread's time).
bool parseListPageFast(const QByteArray &body, SuppressionList list, BounceStore *rows,
                       qsizetype *count) {
    thread_local simdjson::dom::parser parser;
    if (parser.capacity() > (std::size_t(4) << 20))
        parser = simdjson::dom::parser(); // one huge page must not keep its buffers
    simdjson::dom::element document;
    if (parser.parse(body.constData(), std::size_t(body.size()), true).get(document))
        return false;
    simdjson::dom::array entries;
    if (document.get_array().get(entries))
        return false;
    enum Field { Email, Second, Third, Created, CreatedAt, FieldCount };
    const char *const secondKey = list == SuppressionList::SpamReports         ? "ip"
                                  : list == SuppressionList::GroupUnsubscribes ? "group_id"
                                                                               : "status";
    const char *const thirdKey =
        list == SuppressionList::GroupUnsubscribes ? "group_name" : "reason";
    const bool hasSecond = list == SuppressionList::Bounces || list == SuppressionList::Blocks ||
                           list == SuppressionList::SpamReports ||
                           list == SuppressionList::GroupUnsubscribes;
    const bool hasThird = list == SuppressionList::Bounces || list == SuppressionList::Blocks ||
                          list == SuppressionList::InvalidEmails ||
                          list == SuppressionList::GroupUnsubscribes;
    // First every entry is checked, so that a page left to Qt has appended nothing; the
    // values stay in the parser's document until the rows are made from them.
    struct Row {
        std::array<simdjson::dom::element, FieldCount> value;
        std::array<bool, FieldCount> present{};
    };
    std::vector<Row> parsed;
    parsed.reserve(entries.size());
    for (simdjson::dom::element entry : entries) {
        simdjson::dom::object object;
        if (entry.get_object().get(object))
            return false;
        // Filled where it stays, and each field's key and value asked of the iterator: a
        // key_value_pair, or a Row copied into the list, was read back as 16-byte loads right
        // after being written with narrower stores, and such a load waits for the stores to
        // reach the cache (a failed store-to-load forward; tests/benchmark/README.md,
        // "Twelfth pass").
        Row &row = parsed.emplace_back();
        for (auto field = object.begin(); field != object.end(); ++field) {
            const std::string_view key = field.key();
            int slot = -1;
            if (key == "email")
                slot = Email;
            else if (hasSecond && key == secondKey)
                slot = Second;
            else if (hasThird && key == thirdKey)
                slot = Third;
            else if (key == "created")
                slot = Created;
            else if (list == SuppressionList::GroupUnsubscribes && key == "created_at")
                slot = CreatedAt;
            if (slot < 0)
                continue;
            if (row.present[std::size_t(slot)])
                return false; // a repeated key: Qt decides which one counts
            const simdjson::dom::element value = field.value();
            if (!isPlainScalar(value))
                return false;
            row.present[std::size_t(slot)] = true;
            row.value[std::size_t(slot)] = value;
        }
    }
    *count = qsizetype(parsed.size());
    std::array<char, 24> emailDigits;
    std::array<char, 24> secondDigits;
    std::array<char, 24> thirdDigits;
    std::array<char, 24> createdIso;
    QByteArray createdOther;
    for (const Row &row : parsed) {
        const auto text = [&row](Field field, std::array<char, 24> &digits) {
            return row.present[field] ? scalarText(row.value[field], digits) : std::string_view();
        };
        const std::string_view email = text(Email, emailDigits);
        if (email.empty())
            continue;
        const Field created = !row.present[Created] && list == SuppressionList::GroupUnsubscribes
                                  ? CreatedAt
                                  : Created;
        const std::string_view when =
            row.present[created] ? createdTextOf(row.value[created], createdIso, createdOther)
                                 : std::string_view();
        rows->append(email, text(Second, secondDigits), text(Third, thirdDigits), when);
    }
    return true;
}

} // namespace

ParseResult parseListPage(const QByteArray &body, SuppressionList list, BounceStore *rows,
                          qsizetype *count) {
    *count = 0;
    if (parseListPageFast(body, list, rows, count))
        return ParseResult::success();
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
