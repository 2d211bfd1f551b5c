#include "sandboxv3route.h"

#include <QList>

#include <optional>

namespace {

// The lists under /v3/suppression/ (global unsubscribes: its list only; entries are under asm).
std::optional<SuppressionList> flatList(const QByteArray &name) {
    if (name == "bounces")
        return SuppressionList::Bounces;
    if (name == "blocks")
        return SuppressionList::Blocks;
    if (name == "invalid_emails")
        return SuppressionList::InvalidEmails;
    if (name == "spam_reports")
        return SuppressionList::SpamReports;
    if (name == "unsubscribes")
        return SuppressionList::Unsubscribes;
    return std::nullopt;
}

QString decodedSegment(const QByteArray &segment) {
    return QString::fromUtf8(QByteArray::fromPercentEncoding(segment));
}

} // namespace

SandboxV3Route SandboxV3Route::match(const QByteArray &method, const QByteArray &path) {
    SandboxV3Route route;
    route.method = method;
    QList<QByteArray> parts = path.split('/');
    // "/v3/a/b" splits into "", "v3", "a", "b"; a trailing slash adds an empty part.
    if (parts.size() < 3 || !parts[0].isEmpty() || parts[1] != "v3")
        return route;
    parts = parts.mid(2);
    if (!parts.isEmpty() && parts.last().isEmpty())
        parts.removeLast();
    const qsizetype n = parts.size();
    const auto allow = [&route, &method](Endpoint endpoint, QByteArray methods) {
        route.endpoint = endpoint;
        route.methodAllowed = methods.split(',').contains(method);
        route.allowedMethods = methods.replace(',', ", ");
        return route;
    };
    bool numeric = false;

    if (n == 1 && parts[0] == "subusers")
        return allow(Endpoint::Subusers, "GET");
    if (n >= 2 && parts[0] == "partners" && parts[1] == "accounts") {
        if (n == 2)
            return allow(Endpoint::PartnerAccounts, "GET");
        if (n == 4 && parts[3] == "state") {
            route.accountId = decodedSegment(parts[2]);
            return allow(Endpoint::PartnerAccountState, "GET");
        }
        return route;
    }
    if (n >= 2 && parts[0] == "suppression") {
        const std::optional<SuppressionList> list = flatList(parts[1]);
        if (!list)
            return route;
        route.list = *list;
        const bool unsubscribes = *list == SuppressionList::Unsubscribes;
        if (n == 2)
            return allow(Endpoint::List, unsubscribes ? "GET" : "GET,DELETE");
        if (n == 3 && !unsubscribes) {
            route.email = decodedSegment(parts[2]);
            return allow(Endpoint::ListEntry, "GET,DELETE");
        }
        return route;
    }
    if (n >= 2 && parts[0] == "asm" && parts[1] == "groups") {
        route.list = SuppressionList::GroupUnsubscribes;
        if (n == 2)
            return allow(Endpoint::Groups, "GET");
        route.groupId = parts[2].toLongLong(&numeric);
        if (!numeric || n < 4 || parts[3] != "suppressions")
            return route;
        if (n == 4)
            return allow(Endpoint::GroupMembers, "GET");
        if (n == 5 && parts[4] == "search")
            return allow(Endpoint::GroupSearch, "POST");
        if (n == 5) {
            route.email = decodedSegment(parts[4]);
            return allow(Endpoint::GroupMember, "DELETE");
        }
        return route;
    }
    if (n >= 2 && parts[0] == "asm" && parts[1] == "suppressions") {
        if (n >= 3 && parts[2] == "global") {
            route.list = SuppressionList::Unsubscribes;
            if (n == 3)
                return allow(Endpoint::GlobalUnsubscribes, "POST");
            if (n == 4) {
                route.email = decodedSegment(parts[3]);
                return allow(Endpoint::GlobalUnsubscribe, "GET,DELETE");
            }
            return route;
        }
        route.list = SuppressionList::GroupUnsubscribes;
        if (n == 2)
            return allow(Endpoint::AllGroupSuppressions, "GET");
        if (n == 3) {
            route.email = decodedSegment(parts[2]);
            return allow(Endpoint::AddressGroups, "GET");
        }
        return route;
    }
    return route;
}

QString SandboxV3Route::resource() const {
    switch (endpoint) {
    case Endpoint::Unknown:
        return QStringLiteral("unknown");
    case Endpoint::Subusers:
        return QStringLiteral("subusers");
    case Endpoint::PartnerAccounts:
    case Endpoint::PartnerAccountState:
        return QStringLiteral("accounts");
    default:
        return suppressionListCliName(list);
    }
}

QString SandboxV3Route::task() const {
    if (method == "DELETE")
        return QStringLiteral("delete");
    if (endpoint == Endpoint::GlobalUnsubscribes)
        return QStringLiteral("add");
    return QStringLiteral("get"); // GET, and the POST of a group search (a read)
}

bool SandboxV3Route::isParentOnly() const {
    return endpoint == Endpoint::Subusers || endpoint == Endpoint::PartnerAccounts ||
           endpoint == Endpoint::PartnerAccountState;
}
