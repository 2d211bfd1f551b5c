#include "bouncetimeline.h"

#include "bouncerowflags.h"
#include "bouncerowmatcher.h"

#include <QDateTime>

#include <algorithm>
#include <limits>
#include <unordered_map>
#include <utility>

namespace {

constexpr qint64 julianDayOf1970 = 2440588;
constexpr qint64 secondsPerDay = 86400;

qint64 floorDiv(qint64 value, qint64 divisor) {
    return value >= 0 ? value / divisor : -((-value + divisor - 1) / divisor);
}

QDate dateOfDay(qint64 day) { // days since 1970-01-01
    return QDate::fromJulianDay(day + julianDayOf1970);
}

qint64 dayOfDate(const QDate &date) {
    return date.toJulianDay() - julianDayOf1970;
}

// The table shows such a time in local time (BounceTableView::createdAsShown); a valid key
// of 20 characters always ends in 'Z' (createdSortKey()).
bool isUtcInstant(std::string_view created) {
    return created.size() == 20 && created[10] == 'T';
}

// The local day of UTC instants, through the same local time QDateTime::toLocalTime() uses
// (what the table shows). The time zone library is asked twice per distinct UTC day, not once
// per row: a day whose offset is the same at its start and its end has no transition inside.
class LocalDays final {
public:
    qint64 dayOf(qint64 seconds) {
        const qint64 utcDay = floorDiv(seconds, secondsPerDay);
        if (utcDay != m_lastUtcDay) {
            auto found = m_offsets.find(utcDay);
            if (found == m_offsets.end()) {
                const qint64 start = utcDay * secondsPerDay;
                found = m_offsets
                            .emplace(utcDay, std::make_pair(offsetAt(start),
                                                            offsetAt(start + secondsPerDay - 1)))
                            .first;
            }
            m_lastUtcDay = utcDay;
            m_last = found->second;
        }
        const int offset = m_last.first == m_last.second ? m_last.first : offsetAt(seconds);
        return floorDiv(seconds + offset, secondsPerDay);
    }

private:
    static int offsetAt(qint64 seconds) {
        return QDateTime::fromSecsSinceEpoch(seconds).offsetFromUtc(); // local time
    }

    std::unordered_map<qint64, std::pair<int, int>> m_offsets;
    qint64 m_lastUtcDay = std::numeric_limits<qint64>::min();
    std::pair<int, int> m_last;
};

qint64 rowDay(std::string_view created, qint64 key, LocalDays &localDays) {
    return isUtcInstant(created) ? localDays.dayOf(key) : key / secondsPerDay;
}

// The first day of each bin from `first` to `last` (days since 1970), in `unit`.
std::vector<qint64> binStarts(BounceTimeline::Unit unit, qint64 first, qint64 last) {
    using Unit = BounceTimeline::Unit;
    std::vector<qint64> starts;
    const QDate firstDate = dateOfDay(first);
    const QDate lastDate = dateOfDay(last);
    switch (unit) {
    case Unit::Day:
        for (qint64 day = first; day <= last; ++day)
            starts.push_back(day);
        break;
    case Unit::Week:
        for (qint64 day = first - (firstDate.dayOfWeek() - 1); day <= last; day += 7)
            starts.push_back(day);
        break;
    case Unit::Month:
        for (QDate month(firstDate.year(), firstDate.month(), 1); month <= lastDate;
             month = month.addMonths(1))
            starts.push_back(dayOfDate(month));
        break;
    case Unit::Year: {
        const int years = lastDate.year() - firstDate.year() + 1;
        const int step = (years + BounceTimeline::maxBins - 1) / BounceTimeline::maxBins;
        for (int year = firstDate.year(); year <= lastDate.year(); year += step)
            starts.push_back(dayOfDate(QDate(year, 1, 1)));
        break;
    }
    }
    return starts;
}

// The last day of the last bin, which starts on `start`.
qint64 binEnd(BounceTimeline::Unit unit, qint64 start, const std::vector<qint64> &starts) {
    using Unit = BounceTimeline::Unit;
    const QDate date = dateOfDay(start);
    switch (unit) {
    case Unit::Day:
        return start;
    case Unit::Week:
        return start + 6;
    case Unit::Month:
        return dayOfDate(date.addMonths(1)) - 1;
    case Unit::Year: {
        // As many years as the bins before it hold (one, unless there are more than maxBins).
        const int step =
            starts.size() > 1 ? dateOfDay(starts[1]).year() - dateOfDay(starts[0]).year() : 1;
        return dayOfDate(QDate(date.year() + step, 1, 1)) - 1;
    }
    }
    return start;
}

BounceTimeline::Unit unitFor(qint64 first, qint64 last) {
    using Unit = BounceTimeline::Unit;
    if (last - first + 1 <= BounceTimeline::maxDayBins)
        return Unit::Day;
    const QDate firstDate = dateOfDay(first);
    const QDate lastDate = dateOfDay(last);
    const qint64 monday = first - (firstDate.dayOfWeek() - 1);
    if ((last - monday) / 7 + 1 <= BounceTimeline::maxWeekBins)
        return Unit::Week;
    const int months =
        (lastDate.year() - firstDate.year()) * 12 + lastDate.month() - firstDate.month() + 1;
    return months <= BounceTimeline::maxBins ? Unit::Month : Unit::Year;
}

} // namespace

qsizetype BounceTimeline::Bin::total() const {
    qsizetype sum = 0;
    for (const qsizetype count : counts)
        sum += count;
    return sum;
}

int BounceTimeline::binOf(const QDate &day) const {
    if (!day.isValid())
        return -1;
    const auto after =
        std::upper_bound(bins.begin(), bins.end(), day,
                         [](const QDate &d, const Bin &bin) { return d < bin.first; });
    if (after == bins.begin())
        return -1;
    const auto bin = std::prev(after);
    return day <= bin->last ? int(bin - bins.begin()) : -1;
}

QDate BounceTimeline::dayShown(std::string_view created, qint64 key) {
    if (key < 0)
        return {};
    LocalDays localDays;
    return dateOfDay(rowDay(created, key, localDays));
}

BounceTimeline BounceTimeline::build(const BounceStore &store, const std::vector<quint8> &flags,
                                     const BounceFilter &filter, const QDate &from,
                                     const QDate &to) {
    BounceFilter anyDay = filter;
    anyDay.from = QDate();
    anyDay.to = QDate();
    const BounceRowMatcher matcher(anyDay);
    const bool everything = matcher.acceptsEverything();
    const bool zoomed = from.isValid() && to.isValid() && from <= to;
    const qint64 zoomFirst = zoomed ? dayOfDate(from) : 0;
    const qint64 zoomLast = zoomed ? dayOfDate(to) : 0;

    // One pass reads the rows: each counted row's day (shifted to be positive) and class,
    // packed; the bins are chosen once the span is known.
    BounceTimeline timeline;
    LocalDays localDays;
    std::vector<quint32> dayClasses;
    qint64 first = std::numeric_limits<qint64>::max();
    qint64 last = std::numeric_limits<qint64>::min();
    const qsizetype rows = std::min(store.size(), qsizetype(flags.size()));
    for (BounceStore::Row row = 0; row < rows; ++row) {
        if (flags[std::size_t(row)] & BounceRowFlags::Removed)
            continue;
        if (!everything && !matcher.matches(store, row))
            continue;
        const qint64 key = store.createdKey(row);
        if (key < 0) {
            ++timeline.undated;
            continue;
        }
        const qint64 day = rowDay(store.createdUtf8(row), key, localDays);
        if (zoomed && (day < zoomFirst || day > zoomLast))
            continue;
        first = std::min(first, day);
        last = std::max(last, day);
        // Days from 1969-12-31 (a local day west of UTC) fit 28 bits: keys end below 2^39 s.
        dayClasses.push_back(quint32(day + 1) << 3 | quint32(store.bounceClass(row)));
    }
    if (zoomed) {
        first = zoomFirst;
        last = zoomLast;
    } else if (dayClasses.empty()) {
        return timeline;
    }

    timeline.unit = unitFor(first, last);
    const std::vector<qint64> starts = binStarts(timeline.unit, first, last);
    timeline.bins.resize(starts.size());
    for (std::size_t i = 0; i < starts.size(); ++i) {
        Bin &bin = timeline.bins[i];
        const qint64 end =
            i + 1 < starts.size() ? starts[i + 1] - 1 : binEnd(timeline.unit, starts[i], starts);
        // Whole weeks and months, except where a zoom ends.
        bin.first = dateOfDay(zoomed ? std::max(starts[i], first) : starts[i]);
        bin.last = dateOfDay(zoomed ? std::min(end, last) : end);
    }
    for (const quint32 packed : dayClasses) {
        const qint64 day = qint64(packed >> 3) - 1;
        const std::size_t bin =
            timeline.unit == Unit::Day
                ? std::size_t(day - first)
                : std::size_t(std::upper_bound(starts.begin(), starts.end(), day) - starts.begin() -
                              1);
        ++timeline.bins[bin].counts[packed & 0x7];
    }
    timeline.dated = qsizetype(dayClasses.size());
    return timeline;
}
