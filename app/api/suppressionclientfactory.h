#pragma once

#include "apisettings.h"

class QObject;
class SuppressionClient;

// The client for `settings.api`, owned by `parent`: a V3SuppressionClient (customers from
// settings.tenantSource) or a V2SuppressionClient. Whoever holds settings needs nothing else to
// talk to either API.
SuppressionClient *makeSuppressionClient(const ApiSettings &settings, QObject *parent);
