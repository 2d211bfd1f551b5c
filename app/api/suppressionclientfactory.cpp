#include "suppressionclientfactory.h"

#include "v2suppressionclient.h"
#include "v3suppressionclient.h"

SuppressionClient *makeSuppressionClient(const ApiSettings &settings, QObject *parent) {
    if (settings.api == ApiVersion::V3)
        return new V3SuppressionClient(settings, parent);
    return new V2SuppressionClient(settings, parent);
}
