#pragma once

#include "bouncefilter.h"
#include "bouncestore.h"

#include <string>

// The table's filter compiled for scanning a million rows per keystroke: the text as ASCII
// case-folded UTF-8 searched in the stored bytes (no QString per row, sixteen positions per
// step), the date range as created keys, the class as the one stored per row. The dates are
// days as the table shows them: local days for v3's UTC times (isUtcCreated), shown in local
// time, and the days as given for v2's zone-less times.
class BounceRowMatcher final {
public:
    explicit BounceRowMatcher(const BounceFilter &filter);

    bool acceptsEverything() const;
    bool matches(const BounceStore &store, BounceStore::Row row) const;
    // True when every row this accepts is also accepted by `wider` (typing more letters,
    // narrowing the dates): then only the rows `wider` accepted need to be checked again.
    bool narrows(const BounceRowMatcher &wider) const;

    // Case-insensitive (ASCII) search of the folded needle in raw UTF-8; public for tests.
    bool containsNeedle(std::string_view haystack) const;

private:
    std::string m_needle; // folded
    BounceFilter::Type m_type;
    std::optional<BounceClass> m_class;
    bool m_inStatus = true;
    bool m_inReason = true;
    qint64 m_from = -1; // first accepted created key (times as given), -1 = open
    qint64 m_to = -1;   // last accepted created key (times as given), -1 = open
    // The same days in local time, as seconds since the epoch (UTC times), -1 = open.
    qint64 m_fromLocal = -1;
    qint64 m_toLocal = -1;
};
