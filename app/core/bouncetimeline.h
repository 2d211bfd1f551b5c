#pragma once

#include "bouncefilter.h"
#include "bouncestore.h"

#include <QDate>

#include <array>
#include <string_view>
#include <vector>

// How many rows of a list were created on each day, by derived class: what the window's
// timeline draws. Days are local days as the table shows `created`: a v3 time (ISO 8601 UTC,
// "…T…Z") falls on the local day of that instant, any other time (v2's, given without a zone)
// on the day it names. A plain function of a snapshot, so it is computed on a worker thread.
//
// The rows counted are those not removed that the filter's text, type and class accept: its
// dates are ignored, so a day picked in the timeline (which becomes the date filter) keeps the
// days around it in view. Rows without a created time are only counted (undated).
//
// The bins are days while the span has at most maxDayBins of them, then weeks (from Monday),
// months and years (several per bin beyond maxBins), so a chart never draws more than about
// maxBins bars whatever the rows: three years of data are 36 months.
struct BounceTimeline {
    enum class Unit { Day, Week, Month, Year };
    static constexpr int classCount = 7; // indexed by int(BounceClass)
    static constexpr int maxDayBins = 100;
    static constexpr int maxWeekBins = 110; // two years and a bit
    static constexpr int maxBins = 120;

    struct Bin {
        QDate first, last; // inclusive
        std::array<qsizetype, classCount> counts{};
        qsizetype total() const;
    };

    Unit unit = Unit::Day;
    std::vector<Bin> bins; // consecutive, none left out (empty ones count zero)
    qsizetype dated = 0;   // rows in the bins
    qsizetype undated = 0; // rows accepted that have no created time

    bool isEmpty() const { return bins.empty(); }
    int binOf(const QDate &day) const; // -1 when no bin holds it

    // Counts the rows of `store` whose `flags` (BounceRowFlags per row) do not say Removed and
    // that `filter` accepts (its dates ignored). With a valid `from` and `to`, only the days in
    // between count and the bins span exactly them (a zoom); else whole bins (weeks from
    // Monday, calendar months and years) hold the rows' days.
    static BounceTimeline build(const BounceStore &store, const std::vector<quint8> &flags,
                                const BounceFilter &filter, const QDate &from = {},
                                const QDate &to = {});

    // The local day a created time shows on in the table (see above); invalid when `key`
    // (BounceStore::createdKey) is -1.
    static QDate dayShown(std::string_view created, qint64 key);
};
