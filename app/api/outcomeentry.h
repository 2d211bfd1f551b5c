#pragma once

#include "addressoutcome.h"
#include "apisettings.h"
#include "tenant.h"

#include "core/deletionentry.h"
#include "core/suppressionlist.h"

// The deletion record's line for one address's outcome, as every deleting part writes it (the
// CLI's delete and clear, the window): time, user and host are left for DeletionRecord::append.
// A delete from one unsubscribe group (`group`, its id) says so first in the detail ("group 5",
// "group 5: why"), so the lines of one address in two groups are told apart; the record has no
// field of its own for it.
DeletionEntry outcomeEntry(ApiVersion api, const Tenant &tenant, SuppressionList list,
                           const QString &email, const AddressOutcome &outcome,
                           const QString &group = {});

// "v2" or "v3", as the record and messages name the API.
QString apiName(ApiVersion api);
