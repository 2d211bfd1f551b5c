#pragma once

#include "sandboxdata.h"
#include "sandboxencoding.h"
#include "sandboxrequestreader.h"
#include "sandboxresponses.h"
#include "sandboxserver.h"
#include "sandboxv3route.h"

#include <QString>

#include <optional>

// The answers of the v3 endpoints (api-v3-notes.md §2), once the request is authenticated, within
// its rate limit and its tenant known (the connection checks those, in that order). JSON only,
// every error as {"errors":[{"field":…,"message":…}]}. Documented here because clients and tests
// rely on them:
// - lists: limit 1..500 (default 500; more: 400 field "limit"), offset >= 0, start_time /
//   end_time unix seconds inclusive, email a case-insensitive prefix with '%' as wildcard (the
//   query is form-decoded: '+' is a space, %2B a plus). No count; a short page is the end.
// - GET /v3/suppression/{list}/{email}: [row] or []. DELETE: 204, or 404 when absent.
// - bulk DELETE {"emails":[…]} or {"delete_all":true}: 204 with no body; both or neither: 400.
// - global unsubscribe and group member deletes: 204 even when the address was absent.
// - subusers: limit default and cap 100, offset, username (exact), region all|global|eu,
//   include_region=true adds "region". Accounts: limit default 10, cap 100, offset = the id of
//   the last account seen; {"accounts":[…],"pages":{"last":id}} (pages empty when none).
namespace SandboxV3Responses {

SandboxResponse respond(const SandboxHttpRequest &request, const SandboxV3Route &route,
                        SandboxData &data, const SandboxTenant &tenant,
                        const SandboxEncoding &encoding, const SandboxFault *fault);

// {"errors":[{"field":FIELD-or-null,"message":MESSAGE}]} with that status.
SandboxResponse error(int status, const QString &message, const QString &field = {});

// The faults that answer instead of a v3 call, in v3's shapes (500 and 401 with errors[],
// 429 with X-RateLimit-* and no Retry-After, a 502 HTML page, errors[] with 200, an empty
// 200); nothing for the faults that let the call happen.
std::optional<SandboxResponse> faultResponse(const SandboxFault &fault, qint64 nowSeconds);

} // namespace SandboxV3Responses
