#pragma once

#include "apisettings.h"
#include "suppressionjobs.h"
#include "tenant.h"

#include "core/suppressionlist.h"

#include <QObject>
#include <QStringList>

// What a delete needs besides the addresses.
struct DeleteOptions {
    QString groupId; // group unsubscribes: only this group; empty: every group the address is in
    // Rows on the list before the delete, when known (-1: unknown): lets a v3 bulk delete
    // confirm by re-reading the list when that takes fewer requests than reading per address.
    qsizetype listSizeHint = -1;
    // v2 (one request per address): how many may be in flight at once; 0: DeleteQueue's
    // default. v3's few bulk requests and read-backs are bounded by the client's gate.
    int maxInFlight = 0;
};

// The one client interface the command line (and later the window) talks to; which API answers
// (v2 reseller or v3) is the implementation's business. Jobs are owned by the client.
class SuppressionClient : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;

    virtual ApiVersion api() const = 0;
    virtual const ApiSettings &settings() const = 0;

    virtual TenantListJob *listCustomers() = 0;
    virtual ListLoadJob *loadList(const Tenant &tenant, SuppressionList list) = 0;
    virtual AddressDeleteJob *deleteAddresses(const Tenant &tenant, SuppressionList list,
                                              const QStringList &emails,
                                              const DeleteOptions &options = {}) = 0;
    virtual LookUpJob *lookUp(const Tenant &tenant, SuppressionList list, const QString &email) = 0;

Q_SIGNALS:
    // A server asked for a pause (Retry-After, X-RateLimit-Reset) before `attempt` of a call,
    // or (attempt 0) the rate limit is spent and nothing is sent until it resets: the only
    // waits long enough that the user must be told why nothing moves.
    void serverAskedToWait(int delayMs, int attempt, int maxAttempts);
    // A call failed in a way worth another try; `why` has no key in it.
    void retryingAfterFailure(int attempt, int maxAttempts, const QString &why);
};
