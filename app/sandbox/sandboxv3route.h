#pragma once

#include "core/suppressionlist.h"

#include <QByteArray>
#include <QString>

// Where a request under /v3/ goes: the endpoint its method and path name, with the values the
// path carries (list, address, group, account), and the call name faults and the rate limiter
// key on. Routes as SendGrid documents them (api-v3-notes.md §2.2-2.4).
struct SandboxV3Route {
    enum class Endpoint {
        Unknown,
        Subusers,             // GET /v3/subusers
        PartnerAccounts,      // GET /v3/partners/accounts
        PartnerAccountState,  // GET /v3/partners/accounts/{id}/state
        List,                 // GET|DELETE /v3/suppression/{list} (unsubscribes: GET only)
        ListEntry,            // GET|DELETE /v3/suppression/{list}/{email} (not unsubscribes)
        GlobalUnsubscribes,   // POST /v3/asm/suppressions/global {"recipient_emails":[…]}
        GlobalUnsubscribe,    // GET|DELETE /v3/asm/suppressions/global/{email}
        Groups,               // GET /v3/asm/groups
        GroupMembers,         // GET /v3/asm/groups/{id}/suppressions
        GroupSearch,          // POST /v3/asm/groups/{id}/suppressions/search
        GroupMember,          // DELETE /v3/asm/groups/{id}/suppressions/{email}
        AllGroupSuppressions, // GET /v3/asm/suppressions
        AddressGroups,        // GET /v3/asm/suppressions/{email}
    };

    Endpoint endpoint = Endpoint::Unknown;
    bool methodAllowed = false;
    QByteArray allowedMethods; // for a 405's Allow header
    SuppressionList list = SuppressionList::Bounces;
    QString email; // percent-decoded from the path ('+' stays a plus)
    qint64 groupId = 0;
    QString accountId;
    QByteArray method;

    static SandboxV3Route match(const QByteArray &method, const QByteArray &path);

    // What faults and the rate limiter key on: "v3." + resource + "." + task, e.g.
    // v3.bounces.get, v3.bounces.delete, v3.unsubscribes.add, v3.group_unsubscribes.get,
    // v3.subusers.get, v3.accounts.get; v3.unknown for anything else.
    QString resource() const; // bounces, …, group_unsubscribes, subusers, accounts, unknown
    QString task() const;     // get, delete, add
    QString callName() const {
        return QStringLiteral("v3.") + resource() + QLatin1Char('.') + task();
    }
    // Subusers and customer accounts are listed by the parent only.
    bool isParentOnly() const;
};
