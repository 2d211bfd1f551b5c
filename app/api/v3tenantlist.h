#pragma once

#include "suppressionjobs.h"

#include <QSet>

#include <functional>

class QUrlQuery;
class V3SuppressionClient;

// The customers under v3: subusers (GET /v3/subusers with include_region, paged until a page
// comes back empty, since their page cap is undocumented) or customer accounts
// (GET /v3/partners/accounts by cursor, then each account's state: active = "activated").
class V3TenantList final : public TenantListJob {
    Q_OBJECT
public:
    V3TenantList(V3SuppressionClient *client, bool accounts, QObject *parent);
    void start();
    void cancel() override;

    static constexpr int subuserPageSize = 100;
    static constexpr int accountPageSize = 100; // the documented maximum

private:
    void requestSubusers(int offset);
    void requestAccounts(const QString &cursor);
    void requestStates();
    // GET `path` on the parent account; `read` gets the body unless the job ended meanwhile.
    void get(const QString &path, const QUrlQuery &query,
             std::function<void(const QByteArray &body)> read);
    int addNew(const QList<Customer> &page); // those not listed yet; how many were new
    void fail(const ApiError &error);
    void succeed();

    V3SuppressionClient *m_client;
    bool m_accounts;
    QList<Customer> m_customers;
    QSet<QString> m_names;
    int m_statesLeft = 0;
    bool m_ended = false;
};
