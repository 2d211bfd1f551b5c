#pragma once

#include "apisettings.h"

class QObject;
class SuppressionClient;

// The client that speaks the API the settings choose: V2SuppressionClient for v2,
// V3SuppressionClient (listing `tenants`) for v3. The command line and the window make theirs
// here, so both always pick the same implementation for the same settings.
SuppressionClient *makeSuppressionClient(const ApiSettings &settings, TenantSource tenants,
                                         QObject *parent);
