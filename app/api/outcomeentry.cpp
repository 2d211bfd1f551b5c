#include "outcomeentry.h"

namespace {

DeletionOutcome recordedOutcome(AddressOutcome::Kind kind) {
    switch (kind) {
    case AddressOutcome::Kind::Deleted:
        return DeletionOutcome::Deleted;
    case AddressOutcome::Kind::NotOnList:
        return DeletionOutcome::NotOnList;
    case AddressOutcome::Kind::Failed:
        return DeletionOutcome::Failed;
    case AddressOutcome::Kind::Unconfirmed:
        break;
    }
    return DeletionOutcome::Unconfirmed;
}

} // namespace

QString apiName(ApiVersion api) {
    return api == ApiVersion::V2 ? QStringLiteral("v2") : QStringLiteral("v3");
}

DeletionEntry outcomeEntry(ApiVersion api, const Tenant &tenant, SuppressionList list,
                           const QString &email, const AddressOutcome &outcome,
                           const QString &group) {
    DeletionEntry entry;
    entry.api = apiName(api);
    entry.customer = tenant.kind == Tenant::Kind::Parent ? QString() : tenant.id;
    entry.list = suppressionListCliName(list);
    entry.email = email;
    entry.outcome = recordedOutcome(outcome.kind);
    // A "not on the list" outcome carries no words of its own; the record says what it means.
    entry.detail = outcome.kind == AddressOutcome::Kind::NotOnList
                       ? QStringLiteral("the server said the address was not on the list")
                       : outcome.why;
    if (!group.isEmpty())
        entry.detail = entry.detail.isEmpty()
                           ? QStringLiteral("group %1").arg(group)
                           : QStringLiteral("group %1: %2").arg(group, entry.detail);
    return entry;
}
