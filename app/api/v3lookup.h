#pragma once

#include "suppressionjobs.h"
#include "tenant.h"

#include "core/suppressionlist.h"
#include "parse/parseresult.h"

class V3SuppressionClient;

// One address on one list: GET /v3/suppression/<list>/{email} (a 404 means not on it),
// GET /v3/asm/suppressions/global/{email} for global unsubscribes, and
// GET /v3/asm/suppressions/{email} for the groups (one row per group it is suppressed in).
class V3LookUp final : public LookUpJob {
    Q_OBJECT
public:
    V3LookUp(V3SuppressionClient *client, Tenant tenant, SuppressionList list, QString email,
             QObject *parent);
    void start();
    void cancel() override;

    // The request that reads `email` on `list`, and its answer as rows (empty: not on it).
    static QString readPath(SuppressionList list, const QString &email);
    static ParseResult rowsOf(const QByteArray &body, SuppressionList list, const QString &email,
                              BounceStore *rows);

private:
    V3SuppressionClient *m_client;
    Tenant m_tenant;
    SuppressionList m_list;
    QString m_email;
    bool m_ended = false;
};
