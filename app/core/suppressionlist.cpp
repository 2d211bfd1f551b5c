#include "suppressionlist.h"

#include <QCoreApplication>
#include <QStringList>

QList<SuppressionList> allSuppressionLists() {
    return {SuppressionList::Bounces,       SuppressionList::Blocks,
            SuppressionList::InvalidEmails, SuppressionList::SpamReports,
            SuppressionList::Unsubscribes,  SuppressionList::GroupUnsubscribes};
}

QString suppressionListCliName(SuppressionList list) {
    switch (list) {
    case SuppressionList::Bounces:
        return QStringLiteral("bounces");
    case SuppressionList::Blocks:
        return QStringLiteral("blocks");
    case SuppressionList::InvalidEmails:
        return QStringLiteral("invalid_emails");
    case SuppressionList::SpamReports:
        return QStringLiteral("spam_reports");
    case SuppressionList::Unsubscribes:
        return QStringLiteral("unsubscribes");
    case SuppressionList::GroupUnsubscribes:
        return QStringLiteral("group_unsubscribes");
    }
    return {};
}

std::optional<SuppressionList> suppressionListFromCliName(QStringView name) {
    for (const SuppressionList list : allSuppressionLists()) {
        if (name == suppressionListCliName(list))
            return list;
    }
    return std::nullopt;
}

QString suppressionListTitle(SuppressionList list) {
    switch (list) {
    case SuppressionList::Bounces:
        return QCoreApplication::translate("SuppressionList", "Bounces");
    case SuppressionList::Blocks:
        return QCoreApplication::translate("SuppressionList", "Blocks");
    case SuppressionList::InvalidEmails:
        return QCoreApplication::translate("SuppressionList", "Invalid emails");
    case SuppressionList::SpamReports:
        return QCoreApplication::translate("SuppressionList", "Spam reports");
    case SuppressionList::Unsubscribes:
        return QCoreApplication::translate("SuppressionList", "Global unsubscribes");
    case SuppressionList::GroupUnsubscribes:
        return QCoreApplication::translate("SuppressionList", "Group unsubscribes");
    }
    return {};
}

bool isConsentList(SuppressionList list) {
    return list == SuppressionList::SpamReports || list == SuppressionList::Unsubscribes ||
           list == SuppressionList::GroupUnsubscribes;
}

bool hasStatus(SuppressionList list) {
    return list == SuppressionList::Bounces || list == SuppressionList::Blocks;
}

QList<SuppressionColumn> suppressionColumns(SuppressionList list) {
    using C = SuppressionColumn;
    switch (list) {
    case SuppressionList::Bounces:
    case SuppressionList::Blocks:
        return {C::Email, C::Status, C::Reason, C::Created, C::Type, C::Class};
    case SuppressionList::InvalidEmails:
        return {C::Email, C::Reason, C::Created};
    case SuppressionList::SpamReports:
        return {C::Email, C::Ip, C::Created};
    case SuppressionList::Unsubscribes:
        return {C::Email, C::Created};
    case SuppressionList::GroupUnsubscribes:
        return {C::Email, C::GroupId, C::GroupName, C::Created};
    }
    return {};
}

QString suppressionColumnCsvName(SuppressionColumn column) {
    switch (column) {
    case SuppressionColumn::Email:
        return QStringLiteral("email");
    case SuppressionColumn::Status:
        return QStringLiteral("status");
    case SuppressionColumn::Reason:
        return QStringLiteral("reason");
    case SuppressionColumn::Created:
        return QStringLiteral("created");
    case SuppressionColumn::Type:
        return QStringLiteral("type");
    case SuppressionColumn::Class:
        return QStringLiteral("class");
    case SuppressionColumn::Ip:
        return QStringLiteral("ip");
    case SuppressionColumn::GroupId:
        return QStringLiteral("group_id");
    case SuppressionColumn::GroupName:
        return QStringLiteral("group_name");
    }
    return {};
}

QString suppressionCsvHeader(SuppressionList list) {
    QStringList names;
    for (const SuppressionColumn column : suppressionColumns(list))
        names << suppressionColumnCsvName(column);
    return names.join(QLatin1Char(','));
}
