#pragma once

#include "parseresult.h"

#include "core/bouncestore.h"
#include "core/customer.h"
#include "core/suppressionlist.h"

#include <QByteArray>
#include <QList>
#include <QString>

class QJsonValue;

// The bodies of SendGrid's v3 API (api-v3-notes.md §2), each small and whole (a page holds at
// most 500 rows). An API error body ({"errors":[{"field","message"}]}) in any of them gives a
// ParseResult with serverError set.
namespace V3Response {

// v3 `created` (unix seconds, a number or a numeric string) as ISO 8601 UTC,
// "2015-09-30T22:12:05Z"; other text is kept as it is; absent: empty.
QByteArray createdText(const QJsonValue &created);

// One page of a suppression list (a JSON array of row objects) appended to `rows` in the
// store's slots: email; status | ip | group_id; reason | group_name; created. `count` gets
// the page's entries, rows without an address included, so a short page is told by count.
ParseResult parseListPage(const QByteArray &body, SuppressionList list, BounceStore *rows,
                          qsizetype *count);

// GET /v3/subusers: [{"username","email","disabled","region",...}] -> customers (active =
// not disabled; region "global" when absent).
ParseResult parseSubusers(const QByteArray &body, QList<Customer> *customers);

// GET /v3/partners/accounts: {"accounts":[{"id","email",...}],"pages":{"last":"..."}}.
// Customers with username = id, region "global", active unknown (true); `next` gets
// pages.last (empty when absent).
ParseResult parseAccounts(const QByteArray &body, QList<Customer> *customers, QString *next);

// GET /v3/partners/accounts/{id}/state: {"state":"activated"|...}.
ParseResult parseAccountState(const QByteArray &body, QString *state);

// GET /v3/suppression/<list>/{email}: an array of rows (empty: not on the list); as a page.
// GET /v3/asm/suppressions/global/{email}: {"recipient_email":...} or {}: `present`.
ParseResult parseGlobalUnsubscribe(const QByteArray &body, bool *present);

struct GroupMembership {
    QString id;
    QString name;
};
// GET /v3/asm/suppressions/{email}: {"suppressions":[{id,name,suppressed,...}]}: the groups
// the address is suppressed in.
ParseResult parseGroupMemberships(const QByteArray &body, QList<GroupMembership> *groups);

} // namespace V3Response
