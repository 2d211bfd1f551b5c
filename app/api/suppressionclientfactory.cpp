#include "suppressionclientfactory.h"

#include "v2suppressionclient.h"
#include "v3suppressionclient.h"

SuppressionClient *makeSuppressionClient(const ApiSettings &settings, TenantSource tenants,
                                         QObject *parent) {
    if (settings.api == ApiVersion::V2)
        return new V2SuppressionClient(settings, parent);
    auto *client = new V3SuppressionClient(settings, parent);
    client->setTenantSource(tenants);
    return client;
}
