#pragma once

#include "suppressionclient.h"

class ResellerClient;

// SuppressionClient over the legacy v2 reseller call (ResellerClient), behaving exactly as
// that client does: bounces only (other lists, the parent account and look-ups fail at once,
// naming v3), one delete request per address through DeleteQueue.
class V2SuppressionClient final : public SuppressionClient {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(V2SuppressionClient)
public:
    explicit V2SuppressionClient(const ApiSettings &settings, QObject *parent = nullptr);
    ~V2SuppressionClient() override;

    ApiVersion api() const override { return ApiVersion::V2; }
    const ApiSettings &settings() const override;
    ResellerClient *reseller() const { return m_reseller; }

    TenantListJob *listCustomers() override;
    ListLoadJob *loadList(const Tenant &tenant, SuppressionList list) override;
    AddressDeleteJob *deleteAddresses(const Tenant &tenant, SuppressionList list,
                                      const QStringList &emails,
                                      const DeleteOptions &options = {}) override;
    LookUpJob *lookUp(const Tenant &tenant, SuppressionList list, const QString &email) override;

    // Why v2 cannot do what was asked, or empty when it can.
    static QString unsupported(const Tenant &tenant, SuppressionList list);

private:
    ResellerClient *m_reseller;
};
