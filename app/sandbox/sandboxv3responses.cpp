#include "sandboxv3responses.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <string>
#include <vector>

using namespace SandboxEncoder;

namespace {

constexpr int kMaxListLimit = 500;
constexpr int kMaxSubuserLimit = 100;
constexpr int kDefaultAccountLimit = 10;
constexpr int kMaxAccountLimit = 100;
constexpr qint64 kDefaultHugeField = 10 * 1024 * 1024;
constexpr std::string_view kInvalidUtf8 = " \xff\xfe invalid \xc3\x28 \x80 utf-8";

std::string_view view(const QByteArray &bytes) {
    return std::string_view(bytes.constData(), std::size_t(bytes.size()));
}

SandboxResponse json(int status, QByteArray body) {
    SandboxResponse response;
    response.status = status;
    response.contentType = QByteArrayLiteral("application/json");
    response.body = std::move(body);
    return response;
}

SandboxResponse noContent() {
    SandboxResponse response;
    response.status = 204;
    return response;
}

SandboxResponse fromJson(int status, const QJsonDocument &document) {
    return json(status, document.toJson(QJsonDocument::Compact));
}

struct BodyFaults {
    bool invalidUtf8 = false;
    qint64 hugeFieldBytes = 0;
    void distort(std::string &field) const {
        if (invalidUtf8)
            field.append(kInvalidUtf8);
        if (hugeFieldBytes > 0 && qint64(field.size()) < hugeFieldBytes)
            field.append(std::size_t(hugeFieldBytes) - field.size(), 'x');
    }
    bool any() const { return invalidUtf8 || hugeFieldBytes > 0; }
};

std::string asciiLower(std::string_view text) {
    std::string out(text);
    for (char &c : out) {
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

// SendGrid's `email` filter: a prefix, where '%' stands for any run of characters (SQL LIKE
// with an implicit trailing '%'); case-insensitive.
class EmailPattern {
public:
    explicit EmailPattern(const QString &pattern) {
        const std::string lowered = asciiLower(pattern.toStdString());
        std::size_t from = 0;
        while (true) {
            const std::size_t at = lowered.find('%', from);
            m_parts.push_back(lowered.substr(from, at == std::string::npos ? at : at - from));
            if (at == std::string::npos)
                break;
            from = at + 1;
        }
    }
    bool matches(std::string_view email) const {
        const std::string lowered = asciiLower(email);
        if (lowered.compare(0, m_parts.front().size(), m_parts.front()) != 0)
            return false;
        std::size_t position = m_parts.front().size();
        for (std::size_t i = 1; i < m_parts.size(); ++i) {
            const std::size_t at = lowered.find(m_parts[i], position);
            if (at == std::string::npos)
                return false;
            position = at + m_parts[i].size();
        }
        return true;
    }

private:
    std::vector<std::string> m_parts;
};

// A query parameter as a whole number; `fallback` when absent, nullopt when not a number.
std::optional<qint64> number(const QHash<QString, QString> &query, const char *name,
                             qint64 fallback) {
    const QString text = query.value(QLatin1String(name));
    if (!query.contains(QLatin1String(name)))
        return fallback;
    bool ok = false;
    const qint64 value = text.trimmed().toLongLong(&ok);
    return ok ? std::optional<qint64>(value) : std::nullopt;
}

void appendKey(QByteArray &out, const char *key) {
    out.append('"').append(key).append("\":");
}

void distortRow(BounceUtf8 &row, SuppressionList list, const BodyFaults &faults) {
    const bool hasReason = list == SuppressionList::Bounces || list == SuppressionList::Blocks ||
                           list == SuppressionList::InvalidEmails;
    faults.distort(hasReason ? row.reason : row.email);
}

struct ListQuery {
    qint64 limit = kMaxListLimit;
    qint64 offset = 0;
    qint64 start = -1;
    qint64 end = -1;
    std::optional<EmailPattern> email;
};

std::optional<SandboxResponse> parseListQuery(const SandboxHttpRequest &request, ListQuery *query) {
    const QHash<QString, QString> fields = SandboxHttpRequest::decodeForm(request.query());
    const std::optional<qint64> limit = number(fields, "limit", kMaxListLimit);
    if (!limit || *limit < 1 || *limit > kMaxListLimit)
        return SandboxV3Responses::error(400, QStringLiteral("limit must be between 1 and 500"),
                                         QStringLiteral("limit"));
    const std::optional<qint64> offset = number(fields, "offset", 0);
    if (!offset || *offset < 0)
        return SandboxV3Responses::error(400, QStringLiteral("offset must be a whole number >= 0"),
                                         QStringLiteral("offset"));
    const std::optional<qint64> start = number(fields, "start_time", -1);
    if (!start || (fields.contains(QStringLiteral("start_time")) && *start < 0))
        return SandboxV3Responses::error(400, QStringLiteral("start_time must be a unix time"),
                                         QStringLiteral("start_time"));
    const std::optional<qint64> end = number(fields, "end_time", -1);
    if (!end || (fields.contains(QStringLiteral("end_time")) && *end < 0))
        return SandboxV3Responses::error(400, QStringLiteral("end_time must be a unix time"),
                                         QStringLiteral("end_time"));
    query->limit = *limit;
    query->offset = *offset;
    query->start = *start;
    query->end = *end;
    const QString email = fields.value(QStringLiteral("email"));
    if (!email.isEmpty())
        query->email.emplace(email);
    return std::nullopt;
}

SandboxResponse listPage(const SandboxHttpRequest &request, SuppressionList list,
                         const SandboxRowList &rows, const SandboxEncoding &encoding,
                         const BodyFaults &faults) {
    ListQuery query;
    if (std::optional<SandboxResponse> refused = parseListQuery(request, &query))
        return std::move(*refused);

    QByteArray out;
    out.reserve(int(query.limit) * 200);
    out.append('[');
    qint64 written = 0;
    BounceUtf8 row;
    const auto write = [&](BounceUtf8 &current) {
        if (written == 0)
            distortRow(current, list, faults);
        if (written > 0)
            out.append(',');
        appendV3RowJson(out, list, current, encoding.jsonAsciiOnly);
        ++written;
    };
    const bool everything = !query.email &&
                            (query.start < 0 || query.start <= rows.earliestCreated()) &&
                            (query.end < 0 || query.end >= rows.latestCreated());
    if (everything) {
        // No filter excludes a row: the page starts at the offset-th present row directly, so
        // page 2,000 of a generated million costs what page 1 does.
        if (query.offset < rows.presentCount()) {
            for (qsizetype raw = rows.rawIndexOfPresent(qsizetype(query.offset));
                 raw < rows.rawCount() && written < query.limit; ++raw) {
                if (rows.rawAt(raw, &row))
                    write(row);
            }
        }
    } else {
        qint64 matched = 0;
        for (qsizetype raw = 0; raw < rows.rawCount() && written < query.limit; ++raw) {
            if (!rows.rawAt(raw, &row))
                continue;
            const qint64 created = SandboxGenerator::createdSeconds(row);
            if ((query.start >= 0 && created < query.start) ||
                (query.end >= 0 && created > query.end) ||
                (query.email && !query.email->matches(row.email)))
                continue;
            if (matched++ >= query.offset)
                write(row);
        }
    }
    out.append(']');
    return json(200, out);
}

SandboxResponse listEntry(SuppressionList list, const SandboxRowList &rows, const QString &email,
                          const SandboxEncoding &encoding, const BodyFaults &faults) {
    QByteArray out("[");
    BounceUtf8 row;
    if (rows.find(email.toStdString(), true, &row) >= 0) {
        distortRow(row, list, faults);
        appendV3RowJson(out, list, row, encoding.jsonAsciiOnly);
    }
    out.append(']');
    return json(200, out);
}

// The body of a bulk delete: {"emails":[…]} or {"delete_all":true}, never both.
SandboxResponse bulkDelete(const SandboxHttpRequest &request, SuppressionList list,
                           SandboxData &data, const SandboxTenant &tenant) {
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(request.body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return SandboxV3Responses::error(400, QStringLiteral("request body is not a JSON object"));
    const QJsonObject body = document.object();
    const bool hasEmails = body.contains(QStringLiteral("emails"));
    const bool hasDeleteAll = body.contains(QStringLiteral("delete_all"));
    if (hasEmails && hasDeleteAll)
        return SandboxV3Responses::error(
            400, QStringLiteral("delete_all and emails cannot be used together"));
    if (hasDeleteAll) {
        if (body.value(QStringLiteral("delete_all")) != QJsonValue(true))
            return SandboxV3Responses::error(400, QStringLiteral("delete_all must be true"),
                                             QStringLiteral("delete_all"));
        data.deleteAllSuppressions(tenant, list);
        return noContent();
    }
    const QJsonValue emails = body.value(QStringLiteral("emails"));
    if (!hasEmails || !emails.isArray())
        return SandboxV3Responses::error(400, QStringLiteral("emails must be an array"),
                                         QStringLiteral("emails"));
    const QJsonArray array = emails.toArray();
    for (const QJsonValue &value : array) {
        if (!value.isString())
            return SandboxV3Responses::error(400, QStringLiteral("emails must be strings"),
                                             QStringLiteral("emails"));
    }
    for (const QJsonValue &value : array)
        data.deleteSuppression(tenant, list, value.toString());
    return noContent();
}

// {"recipient_emails":[…]} of the POST endpoints; nullopt when the body is not that.
std::optional<QStringList> recipientEmails(const SandboxHttpRequest &request) {
    const QJsonDocument document = QJsonDocument::fromJson(request.body);
    const QJsonValue value = document.object().value(QStringLiteral("recipient_emails"));
    if (!value.isArray())
        return std::nullopt;
    QStringList emails;
    for (const QJsonValue &email : value.toArray()) {
        if (!email.isString())
            return std::nullopt;
        emails.append(email.toString());
    }
    return emails;
}

SandboxResponse subusers(const SandboxHttpRequest &request, const SandboxData &data,
                         const BodyFaults &faults) {
    const QHash<QString, QString> fields = SandboxHttpRequest::decodeForm(request.query());
    const std::optional<qint64> limit = number(fields, "limit", kMaxSubuserLimit);
    if (!limit || *limit < 0)
        return SandboxV3Responses::error(400, QStringLiteral("limit must be a whole number"),
                                         QStringLiteral("limit"));
    const std::optional<qint64> offset = number(fields, "offset", 0);
    if (!offset || *offset < 0)
        return SandboxV3Responses::error(400, QStringLiteral("offset must be a whole number"),
                                         QStringLiteral("offset"));
    const QString region = fields.value(QStringLiteral("region"), QStringLiteral("all"));
    if (region != QLatin1String("all") && region != QLatin1String("global") &&
        region != QLatin1String("eu"))
        return SandboxV3Responses::error(400, QStringLiteral("region must be all, global or eu"),
                                         QStringLiteral("region"));
    const QString username = fields.value(QStringLiteral("username"));
    const bool includeRegion =
        fields.value(QStringLiteral("include_region")) == QLatin1String("true");

    QList<SandboxProfile> matching;
    for (const SandboxProfile &profile : data.profiles()) {
        if ((username.isEmpty() || profile.customer.username == username) &&
            (region == QLatin1String("all") || profile.region == region))
            matching.append(profile);
    }
    // The page cap holds whatever limit is asked for.
    const QList<SandboxProfile> page =
        matching.mid(qsizetype(*offset), qsizetype(std::min<qint64>(*limit, kMaxSubuserLimit)));
    QByteArray out("[");
    for (qsizetype i = 0; i < page.size(); ++i) {
        const Customer &customer = page[i].customer;
        std::string email = customer.email.toStdString();
        if (i == 0)
            faults.distort(email);
        out.append(i == 0 ? "{" : ",{");
        appendKey(out, "disabled");
        out.append(customer.active ? "false," : "true,");
        appendKey(out, "email");
        appendJsonString(out, email, false);
        out.append(',');
        appendKey(out, "id");
        out.append(QByteArray::number(data.subuserId(customer.username)));
        if (includeRegion) {
            out.append(',');
            appendKey(out, "region");
            appendJsonString(out, view(page[i].region.toUtf8()), false);
        }
        out.append(',');
        appendKey(out, "username");
        appendJsonString(out, view(customer.username.toUtf8()), false);
        out.append('}');
    }
    out.append(']');
    return json(200, out);
}

SandboxResponse partnerAccounts(const SandboxHttpRequest &request, const SandboxData &data) {
    const QHash<QString, QString> fields = SandboxHttpRequest::decodeForm(request.query());
    const std::optional<qint64> limit = number(fields, "limit", kDefaultAccountLimit);
    if (!limit || *limit < 1)
        return SandboxV3Responses::error(400, QStringLiteral("limit must be between 1 and 100"),
                                         QStringLiteral("limit"));
    const QList<SandboxPartnerAccount> all = data.partnerAccounts();
    qsizetype from = 0;
    const QString after = fields.value(QStringLiteral("offset"));
    if (!after.isEmpty()) {
        from = -1;
        for (qsizetype i = 0; i < all.size(); ++i) {
            if (all[i].id == after)
                from = i + 1;
        }
        if (from < 0)
            return SandboxV3Responses::error(400, QStringLiteral("offset is not an account id"),
                                             QStringLiteral("offset"));
    }
    const QList<SandboxPartnerAccount> page =
        all.mid(from, qsizetype(std::min<qint64>(*limit, kMaxAccountLimit)));
    QJsonArray accounts;
    for (const SandboxPartnerAccount &account : page) {
        QJsonObject object{{QStringLiteral("id"), account.id},
                           {QStringLiteral("created_at"), account.createdAt},
                           {QStringLiteral("updated_at"), account.createdAt}};
        if (!account.email.isEmpty())
            object.insert(QStringLiteral("email"), account.email);
        accounts.append(object);
    }
    QJsonObject pages;
    if (!page.isEmpty())
        pages.insert(QStringLiteral("last"), page.last().id);
    return fromJson(200, QJsonDocument(QJsonObject{{QStringLiteral("accounts"), accounts},
                                                   {QStringLiteral("pages"), pages}}));
}

SandboxResponse partnerAccountState(const SandboxV3Route &route, const SandboxData &data) {
    for (const SandboxPartnerAccount &account : data.partnerAccounts()) {
        if (account.id == route.accountId)
            return fromJson(200,
                            QJsonDocument(QJsonObject{{QStringLiteral("state"), account.state}}));
    }
    return SandboxV3Responses::error(404, QStringLiteral("account not found"));
}

QJsonObject groupObject(const SandboxGroup &group) {
    return {{QStringLiteral("id"), group.id},
            {QStringLiteral("name"), group.name},
            {QStringLiteral("description"), group.description},
            {QStringLiteral("is_default"), group.isDefault}};
}

SandboxResponse groups(const SandboxData &data, const SandboxTenant &tenant) {
    QJsonArray array;
    for (const SandboxGroup &group : data.groups(tenant)) {
        QJsonObject object = groupObject(group);
        object.insert(QStringLiteral("unsubscribes"),
                      qint64(data.groupMembers(tenant, group.id)->presentCount()));
        array.append(object);
    }
    return fromJson(200, QJsonDocument(array));
}

QStringList presentEmails(const SandboxRowList &rows) {
    QStringList emails;
    BounceUtf8 row;
    for (qsizetype i = 0; i < rows.rawCount(); ++i) {
        if (rows.rawAt(i, &row))
            emails.append(QString::fromStdString(row.email));
    }
    return emails;
}

// Built with Qt's JSON writer, which cannot carry invalid UTF-8: a body fault distorts the
// first member's address in the written bytes (the writer escapes quotes in it as \").
void distortFirstEmail(QByteArray &body, const BodyFaults &faults) {
    const QByteArray key = "\"email\":\"";
    qsizetype at = body.indexOf(key);
    if (at < 0 || !faults.any())
        return;
    at += key.size();
    while (at < body.size() && body.at(at) != '"')
        at += body.at(at) == '\\' ? 2 : 1;
    std::string added; // what the fault appends to the address
    faults.distort(added);
    body.insert(at, added.data(), qsizetype(added.size()));
}

SandboxResponse allGroupSuppressions(const SandboxData &data, const SandboxTenant &tenant,
                                     const BodyFaults &faults) {
    QJsonArray array;
    BounceUtf8 row;
    for (const SandboxGroup &group : data.groups(tenant)) {
        const auto members = data.groupMembers(tenant, group.id);
        for (qsizetype i = 0; i < members->rawCount(); ++i) {
            if (!members->rawAt(i, &row))
                continue;
            array.append(
                QJsonObject{{QStringLiteral("email"), QString::fromStdString(row.email)},
                            {QStringLiteral("group_id"), group.id},
                            {QStringLiteral("group_name"), group.name},
                            {QStringLiteral("created_at"), SandboxGenerator::createdSeconds(row)}});
        }
    }
    QByteArray body = QJsonDocument(array).toJson(QJsonDocument::Compact);
    distortFirstEmail(body, faults);
    return json(200, body);
}

SandboxResponse addressGroups(const SandboxData &data, const SandboxTenant &tenant,
                              const QString &email) {
    QJsonArray array;
    for (const SandboxGroup &group : data.groups(tenant)) {
        QJsonObject object = groupObject(group);
        object.insert(QStringLiteral("suppressed"),
                      data.groupMembers(tenant, group.id)->find(email.toStdString(), true) >= 0);
        array.append(object);
    }
    return fromJson(200, QJsonDocument(QJsonObject{{QStringLiteral("suppressions"), array}}));
}

SandboxResponse groupRequest(const SandboxHttpRequest &request, const SandboxV3Route &route,
                             SandboxData &data, const SandboxTenant &tenant) {
    const auto members = data.groupMembers(tenant, route.groupId);
    if (!members)
        return SandboxV3Responses::error(404, QStringLiteral("group not found"));
    using Endpoint = SandboxV3Route::Endpoint;
    if (route.endpoint == Endpoint::GroupMembers)
        return fromJson(200, QJsonDocument(QJsonArray::fromStringList(presentEmails(*members))));
    if (route.endpoint == Endpoint::GroupSearch) {
        const std::optional<QStringList> wanted = recipientEmails(request);
        if (!wanted)
            return SandboxV3Responses::error(400,
                                             QStringLiteral("recipient_emails must be an "
                                                            "array of strings"),
                                             QStringLiteral("recipient_emails"));
        QStringList present;
        for (const QString &email : *wanted) {
            if (members->find(email.toStdString(), true) >= 0)
                present.append(email);
        }
        return fromJson(200, QJsonDocument(QJsonArray::fromStringList(present)));
    }
    // GroupMember: DELETE answers 204 whether or not the address was in the group.
    data.deleteFromGroup(tenant, route.groupId, route.email);
    return noContent();
}

} // namespace

namespace SandboxV3Responses {

SandboxResponse error(int status, const QString &message, const QString &field) {
    QByteArray out("{\"errors\":[{\"field\":");
    if (field.isEmpty())
        out.append("null");
    else
        appendJsonString(out, view(field.toUtf8()), false);
    out.append(",\"message\":");
    appendJsonString(out, view(message.toUtf8()), false);
    out.append("}]}");
    return json(status, out);
}

std::optional<SandboxResponse> faultResponse(const SandboxFault &fault, qint64 nowSeconds) {
    using Type = SandboxFault::Type;
    switch (fault.type) {
    case Type::Http500:
        return error(500, QStringLiteral("internal server error"));
    case Type::Http502Html:
        return SandboxResponses::httpError(502, "The upstream server did not answer in time.");
    case Type::RateLimit: {
        SandboxResponse response = error(429, QStringLiteral("too many requests"));
        response.headers = {{"X-RateLimit-Limit", "600"},
                            {"X-RateLimit-Remaining", "0"},
                            {"X-RateLimit-Reset",
                             QByteArray::number(nowSeconds + qMax(0, fault.retryAfterSeconds))}};
        return response;
    }
    case Type::ErrorWith200: {
        SandboxResponse response = error(200, QStringLiteral("internal error"));
        return response;
    }
    case Type::WrongCredentials:
        return error(401, QStringLiteral("authorization required"));
    case Type::Forbidden:
        return error(403, QStringLiteral("access forbidden"));
    case Type::EmptyBody:
        return json(200, {});
    case Type::AcceptedNotDone:
        return noContent();
    default:
        return std::nullopt;
    }
}

SandboxResponse respond(const SandboxHttpRequest &request, const SandboxV3Route &route,
                        SandboxData &data, const SandboxTenant &tenant,
                        const SandboxEncoding &encoding, const SandboxFault *fault) {
    BodyFaults faults;
    if (fault && fault->type == SandboxFault::Type::InvalidUtf8)
        faults.invalidUtf8 = true;
    if (fault && fault->type == SandboxFault::Type::HugeField)
        faults.hugeFieldBytes = fault->afterBytes > 0 ? fault->afterBytes : kDefaultHugeField;
    const bool isDelete = request.method == "DELETE";

    using Endpoint = SandboxV3Route::Endpoint;
    SandboxResponse response;
    switch (route.endpoint) {
    case Endpoint::Unknown:
        return error(404, QStringLiteral("resource not found"));
    case Endpoint::Subusers:
        response = subusers(request, data, faults);
        break;
    case Endpoint::PartnerAccounts:
        response = partnerAccounts(request, data);
        break;
    case Endpoint::PartnerAccountState:
        response = partnerAccountState(route, data);
        break;
    case Endpoint::List:
        response = isDelete ? bulkDelete(request, route.list, data, tenant)
                            : listPage(request, route.list,
                                       *data.suppressionRows(tenant, route.list), encoding, faults);
        break;
    case Endpoint::ListEntry:
        if (isDelete)
            return data.deleteSuppression(tenant, route.list, route.email)
                       ? noContent()
                       : error(404, QStringLiteral("email does not exist"));
        response = listEntry(route.list, *data.suppressionRows(tenant, route.list), route.email,
                             encoding, faults);
        break;
    case Endpoint::GlobalUnsubscribes: {
        const std::optional<QStringList> emails = recipientEmails(request);
        if (!emails)
            return error(400, QStringLiteral("recipient_emails must be an array of strings"),
                         QStringLiteral("recipient_emails"));
        QList<SandboxSuppression> added;
        const auto rows = data.suppressionRows(tenant, SuppressionList::Unsubscribes);
        for (const QString &email : *emails) {
            if (rows->find(email.toStdString(), true) < 0)
                added.append({email, QDateTime::currentSecsSinceEpoch(), {}, {}, {}});
        }
        data.addSuppressions(tenant, SuppressionList::Unsubscribes, added);
        return fromJson(201, QJsonDocument(QJsonObject{{QStringLiteral("recipient_emails"),
                                                        QJsonArray::fromStringList(*emails)}}));
    }
    case Endpoint::GlobalUnsubscribe: {
        if (isDelete) { // 204 whether or not the address was there: a documented quirk
            data.deleteSuppression(tenant, SuppressionList::Unsubscribes, route.email);
            return noContent();
        }
        BounceUtf8 row;
        const auto rows = data.suppressionRows(tenant, SuppressionList::Unsubscribes);
        QByteArray out("{");
        if (rows->find(route.email.toStdString(), true, &row) >= 0) {
            faults.distort(row.email);
            appendKey(out, "recipient_email");
            appendJsonString(out, row.email, encoding.jsonAsciiOnly);
        }
        out.append('}');
        response = json(200, out);
        break;
    }
    case Endpoint::Groups:
        response = groups(data, tenant);
        break;
    case Endpoint::GroupMembers:
    case Endpoint::GroupSearch:
    case Endpoint::GroupMember:
        response = groupRequest(request, route, data, tenant);
        break;
    case Endpoint::AllGroupSuppressions:
        response = allGroupSuppressions(data, tenant, faults);
        break;
    case Endpoint::AddressGroups:
        response = addressGroups(data, tenant, route.email);
        break;
    }
    if (fault && fault->type == SandboxFault::Type::WrongContentType && response.status == 200)
        response.contentType = QByteArrayLiteral("text/html; charset=UTF-8");
    if (fault && fault->type == SandboxFault::Type::MislabelledCompression &&
        response.status == 200)
        response.headers.append({QByteArrayLiteral("Content-Encoding"), QByteArrayLiteral("gzip")});
    if (fault && fault->type == SandboxFault::Type::UnofferedCompression && response.status == 200)
        response.headers.append({QByteArrayLiteral("Content-Encoding"), QByteArrayLiteral("br")});
    return response;
}

} // namespace SandboxV3Responses
