#include "deletionentry.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QJsonValue>

namespace {

constexpr const char *fieldNames[] = {"time", "user",  "host",    "api",   "customer",
                                      "list", "email", "outcome", "detail"};

} // namespace

QString deletionOutcomeName(DeletionOutcome outcome) {
    switch (outcome) {
    case DeletionOutcome::Deleted:
        return QStringLiteral("deleted");
    case DeletionOutcome::NotOnList:
        return QStringLiteral("not_on_list");
    case DeletionOutcome::Failed:
        return QStringLiteral("failed");
    case DeletionOutcome::Unconfirmed:
        return QStringLiteral("unconfirmed");
    }
    return {};
}

std::optional<DeletionOutcome> deletionOutcomeFromName(QStringView name) {
    for (const DeletionOutcome outcome : {DeletionOutcome::Deleted, DeletionOutcome::NotOnList,
                                          DeletionOutcome::Failed, DeletionOutcome::Unconfirmed}) {
        if (name == deletionOutcomeName(outcome))
            return outcome;
    }
    return std::nullopt;
}

QString deletionTimeText(const QDateTime &time) {
    return time.toUTC().toString(Qt::ISODateWithMs);
}

QByteArray DeletionEntry::toJsonLine() const {
    QJsonObject object;
    object.insert(QLatin1String("time"), deletionTimeText(time));
    object.insert(QLatin1String("user"), user);
    object.insert(QLatin1String("host"), host);
    object.insert(QLatin1String("api"), api);
    object.insert(QLatin1String("customer"), customer);
    object.insert(QLatin1String("list"), list);
    object.insert(QLatin1String("email"), email);
    object.insert(QLatin1String("outcome"), deletionOutcomeName(outcome));
    object.insert(QLatin1String("detail"), detail);
    return QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n';
}

std::optional<DeletionEntry> DeletionEntry::fromJsonLine(QByteArrayView line, QString *why) {
    const auto fail = [why](const QString &reason) -> std::optional<DeletionEntry> {
        if (why)
            *why = reason;
        return std::nullopt;
    };
    while (!line.isEmpty() && (line.back() == '\n' || line.back() == '\r'))
        line.chop(1);
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(line.toByteArray(), &error);
    if (error.error != QJsonParseError::NoError)
        return fail(QStringLiteral("not JSON (%1)").arg(error.errorString()));
    if (!document.isObject())
        return fail(QStringLiteral("not a JSON object"));
    const QJsonObject object = document.object();
    for (const char *name : fieldNames) {
        const QJsonValue value = object.value(QLatin1String(name));
        if (!value.isString())
            return fail(QStringLiteral("the field \"%1\" is missing or not a string")
                            .arg(QLatin1String(name)));
    }
    const auto text = [&object](const char *name) {
        return object.value(QLatin1String(name)).toString();
    };
    DeletionEntry entry;
    const QString time = text("time");
    entry.time = QDateTime::fromString(time, Qt::ISODateWithMs);
    if (!entry.time.isValid() || !time.endsWith(QLatin1Char('Z')))
        return fail(QStringLiteral("the time is not ISO 8601 UTC"));
    entry.time = entry.time.toUTC();
    const std::optional<DeletionOutcome> outcome = deletionOutcomeFromName(text("outcome"));
    if (!outcome)
        return fail(QStringLiteral("the outcome is not one of deleted, not_on_list, failed, "
                                   "unconfirmed"));
    entry.outcome = *outcome;
    entry.user = text("user");
    entry.host = text("host");
    entry.api = text("api");
    entry.customer = text("customer");
    entry.list = text("list");
    entry.email = text("email");
    entry.detail = text("detail");
    return entry;
}
