#pragma once

#include <QDateTime>
#include <QMetaType>
#include <QString>

#include <string_view>

// How final a bounce is, derived from the class digit of its status.
enum class BounceKind : quint8 {
    Unknown, // no recognisable class (empty, malformed, class 2)
    Soft,    // class 4 / 4xx: transient, the receiving side may accept later
    Hard,    // class 5 / 5xx: permanent, the address will keep bouncing
};

// "5.1.1", "550" and "5" are hard; "4.0.0" and "421" soft; anything else unknown.
BounceKind bounceKindForStatus(std::string_view status);
BounceKind bounceKindForStatus(QStringView status);
QString bounceKindName(BounceKind kind); // "hard", "soft", "" (untranslated: used in CSV and CLI)
// The same as UTF-8 without allocating ("hard", "soft", ""): the CSV writer's type cell.
std::string_view bounceKindNameUtf8(BounceKind kind);

// A status split into its parts, as bounceKindForStatus() reads it (the one parser of status
// texts: the kind, the sort key, the tooltip and the bounce class all start from it).
struct BounceStatusCode {
    int statusClass = 0; // 2, 4 or 5 (any digit 1-9 parses); 0: not a status
    int subject = -1;    // enhanced "c.s.d" parts, -1 when absent
    int detail = -1;
    int bareCode = -1; // "550": the whole three-digit SMTP reply code, else -1
};
BounceStatusCode bounceStatusCode(std::string_view status);
BounceStatusCode bounceStatusCode(QStringView status);
// The kind of a status already split (BounceStore::append() splits each status once for its
// kind, its sort key and its class).
BounceKind bounceKindForStatus(const BounceStatusCode &status);

// `created` is "YYYY-MM-DD HH:MM:SS" with no zone (v2), or ISO 8601 UTC
// "YYYY-MM-DDTHH:MM:SSZ" (v3). It is parsed as a naive wall-clock time
// (seconds since 1970-01-01 00:00:00 of that same clock) so sorting and date filters work
// without shifting what the server said. Returns -1 when absent or malformed; years before
// 1970 count as malformed, so every valid key is >= 0.
qint64 createdSortKey(std::string_view created);
qint64 createdSortKey(QStringView created);
// True for v3's form "YYYY-MM-DDTHH:MM:SSZ": a real UTC time (its sort key is then seconds
// since the epoch), which the window shows, and filters by, in local time. v2's zone-less
// times are shown and filtered as given.
bool isUtcCreated(std::string_view created);

// A status as one comparable number that keeps classes together: enhanced "c.s.d" ->
// c*1'000'000 + s*1000 + d ("5.1.1" -> 5001001), a bare SMTP code sorts after the enhanced codes
// of its class as if it were "c.999.xy" ("550" -> 5999050). 0 for empty/unparseable (first).
quint32 statusSortKey(std::string_view status);
quint32 statusSortKey(const BounceStatusCode &status);

// One bounce as the API describes it. The model stores rows compactly (BounceStore);
// this is the convenient value type for parsers' tests, the CLI and single rows.
struct Bounce {
    QString email;
    QString status;
    QString reason;
    QString created; // raw text as served, empty when the server sent none

    BounceKind kind() const { return bounceKindForStatus(QStringView(status)); }
    // The parsed created time as a naive date-time (Qt::UTC spec used only as "no shifting");
    // invalid when absent or malformed.
    QDateTime createdTime() const;

    friend bool operator==(const Bounce &a, const Bounce &b) {
        return a.email == b.email && a.status == b.status && a.reason == b.reason &&
               a.created == b.created;
    }
    friend bool operator!=(const Bounce &a, const Bounce &b) { return !(a == b); }
};

Q_DECLARE_METATYPE(Bounce)

// What an RFC 3463 enhanced status (or a bare SMTP code) means, in one short English phrase
// for tooltips ("Permanent failure: bad destination mailbox"). Empty when unknown.
QString statusMeaning(QStringView status);
