#include "bouncetablerows.h"

#include "bouncerowmatcher.h"
#include "rowkey.h"

#include <QHash>

#include <algorithm>

namespace {

// Beyond this many separate runs, one compaction (inside one layout change) is cheaper for the
// views than a signal per run...
constexpr std::size_t maxRemovedRuns = 64;
// ...and only while erasing run by run moves few rows (each erase moves all rows after it).
constexpr std::size_t maxRowsMovedByRuns = std::size_t(4) << 20;
constexpr std::size_t maxChangedRanges = 64;

} // namespace

int BounceTableRows::Removal::positionAfter(int position) const {
    const auto after =
        std::upper_bound(runs.begin(), runs.end(), position,
                         [](int shown, const ShownRange &run) { return shown < run.first; });
    const auto k = std::size_t(after - runs.begin());
    if (k > 0 && position <= runs[k - 1].last)
        return -1; // removed
    return position - removedBefore[k];
}

void BounceTableRows::clear(const BounceFilter &filter) {
    // A new store rather than a cleared one: the memory goes back at once, and work still
    // reading a snapshot of the old rows keeps its own.
    BounceStore().swap(m_store);
    ++m_storeGeneration;
    std::vector<quint8>().swap(m_flags);
    m_emailHashes = std::make_shared<std::vector<quint32>>();
    m_emailIndex.clear();
    std::vector<quint32>().swap(m_order);
    std::vector<quint32>().swap(m_shown);
    std::vector<quint32>().swap(m_appended);
    m_removedCount = 0;
    m_stateReasons.clear();
    m_acceptedFilter = filter; // no row yet: nothing stands for an older filter
    m_flagsMixed = false;
}

qsizetype BounceTableRows::append(const BounceStore &batch, const BounceFilter &filter) {
    const std::size_t before = m_appended.size();
    if (!batch.isEmpty()) {
        const auto first = quint32(m_store.size());
        m_store.appendAll(batch);
        judgeAppended(first, filter);
    }
    return qsizetype(m_appended.size() - before);
}

qsizetype BounceTableRows::append(BounceStore &&batch, const BounceFilter &filter) {
    const std::size_t before = m_appended.size();
    if (!batch.isEmpty()) {
        const auto first = quint32(m_store.size());
        m_store.appendAll(std::move(batch));
        judgeAppended(first, filter);
    }
    return qsizetype(m_appended.size() - before);
}

void BounceTableRows::judgeAppended(quint32 first, const BounceFilter &filter) {
    const auto end = quint32(m_store.size());
    m_flags.resize(end, 0);
    if (m_emailHashes.use_count() > 1) // the index is being built from it
        m_emailHashes = std::make_shared<std::vector<quint32>>(*m_emailHashes);
    std::vector<quint32> &hashes = *m_emailHashes;
    hashes.resize(end);

    // New rows are judged by the filter asked for, even while the rows before them are still
    // being filtered on a worker: that result covers only the rows it saw.
    if (!(filter == m_acceptedFilter))
        m_flagsMixed = true;
    const BounceRowMatcher matcher(filter);
    const bool everything = matcher.acceptsEverything();
    for (quint32 row = first; row < end; ++row) {
        hashes[row] = BounceOrderWork::emailHash(m_store.emailUtf8(row));
        m_order.push_back(row);
        if (everything || matcher.matches(m_store, row)) {
            m_flags[row] |= BounceRowFlags::Accepted;
            m_appended.push_back(row);
        }
    }
}

void BounceTableRows::showAppended() {
    m_shown.insert(m_shown.end(), m_appended.begin(), m_appended.end());
    std::vector<quint32>().swap(m_appended);
}

BounceRowState BounceTableRows::state(BounceStore::Row row) const {
    if (row < 0 || std::size_t(row) >= m_flags.size())
        return BounceRowState::Normal;
    return BounceRowState(m_flags[std::size_t(row)] & BounceRowFlags::StateMask);
}

QString BounceTableRows::stateReason(BounceStore::Row row) const {
    const BounceRowState rowState = state(row);
    if (rowState != BounceRowState::Failed && rowState != BounceRowState::Unconfirmed)
        return QString();
    return m_stateReasons.value(keyOf(row));
}

QString BounceTableRows::keyOf(BounceStore::Row row) const {
    return m_pairKeys ? RowKey::pair(m_store.email(row), m_store.status(row)) : m_store.email(row);
}

std::optional<BounceFilter> BounceTableRows::acceptedFilter() const {
    return m_flagsMixed ? std::nullopt : std::optional<BounceFilter>(m_acceptedFilter);
}

// Rows appended but not shown yet are in the order too: shown now, if accepted.
void BounceTableRows::rebuildShown() {
    std::vector<quint32>().swap(m_appended);
    const auto accepted = [this](quint32 row) {
        return (m_flags[row] & BounceRowFlags::Accepted) != 0;
    };
    m_shown.clear();
    m_shown.reserve(std::size_t(std::count_if(m_order.begin(), m_order.end(), accepted)));
    std::copy_if(m_order.begin(), m_order.end(), std::back_inserter(m_shown), accepted);
}

void BounceTableRows::setOrder(std::vector<quint32> &order, qsizetype snapshotRows) {
    const auto removed = [this](quint32 row) {
        return (m_flags[row] & BounceRowFlags::Removed) != 0;
    };
    if (m_removedCount > 0)
        order.erase(std::remove_if(order.begin(), order.end(), removed), order.end());
    for (auto row = quint32(snapshotRows); row < quint32(m_store.size()); ++row) {
        if (!removed(row))
            order.push_back(row);
    }
    m_order.swap(order);
    rebuildShown();
}

void BounceTableRows::setAccepted(const std::vector<quint8> &flags, const BounceFilter &filter) {
    const std::size_t rows = std::min(flags.size(), m_flags.size());
    for (std::size_t row = 0; row < rows; ++row) {
        quint8 &rowFlags = m_flags[row];
        const bool accepted = (flags[row] & BounceRowFlags::Accepted) &&
                              !(rowFlags & BounceRowFlags::Removed); // since removed
        rowFlags = quint8((rowFlags & ~BounceRowFlags::Accepted) |
                          (accepted ? BounceRowFlags::Accepted : 0));
    }
    m_acceptedFilter = filter;
    m_flagsMixed = false; // rows that came meanwhile were judged by this filter
    rebuildShown();
}

void BounceTableRows::replace(BounceStore &store, BounceOrderWork::Prepared &prepared,
                              const BounceFilter &filter) {
    BounceStore().swap(m_store); // the old rows go now
    m_store.swap(store);
    ++m_storeGeneration;
    m_flags.swap(prepared.flags);
    m_emailHashes = std::make_shared<std::vector<quint32>>(std::move(prepared.emailHashes));
    m_emailIndex.clear();
    m_order.swap(prepared.order);
    m_removedCount = 0;
    m_stateReasons.clear();
    m_acceptedFilter = filter;
    m_flagsMixed = false;
    rebuildShown();
}

// Looked up in the index: a million rows are not scanned for a hundred addresses.
std::vector<quint32> BounceTableRows::find(const QSet<QString> &emails) {
    std::vector<quint32> found;
    if (emails.isEmpty() || m_flags.empty())
        return found;
    const std::vector<quint32> &hashes = *m_emailHashes;
    m_emailIndex.update(hashes);
    for (const QString &name : emails) {
        const QByteArray utf8 = (m_pairKeys ? RowKey::email(name) : name).toUtf8();
        // Pairs: only the row of that group (a bare address: every group).
        const QByteArray group = m_pairKeys ? RowKey::group(name).toUtf8() : QByteArray();
        const std::string_view key(utf8.constData(), std::size_t(utf8.size()));
        const std::string_view groupKey(group.constData(), std::size_t(group.size()));
        m_emailIndex.forEachRow(BounceOrderWork::emailHash(key), hashes, [&](quint32 row) {
            if (!(m_flags[row] & BounceRowFlags::Removed) && m_store.emailUtf8(row) == key &&
                (groupKey.empty() || m_store.statusUtf8(row) == groupKey))
                found.push_back(row);
        });
    }
    std::sort(found.begin(), found.end());
    found.erase(std::unique(found.begin(), found.end()), found.end());
    return found;
}

BounceTableRows::Removal BounceTableRows::remove(const QSet<QString> &emails) {
    if (!m_stateReasons.isEmpty()) {
        for (const QString &email : emails)
            m_stateReasons.remove(email);
    }
    Removal removal;
    const std::vector<quint32> rows = find(emails);
    if (rows.empty())
        return removal;
    // A removed row is no longer accepted either, so m_order may keep it (rebuilding what is
    // shown skips it) until the next sort leaves it out: no pass over a million rows here.
    for (const quint32 row : rows)
        m_flags[row] = quint8((m_flags[row] | BounceRowFlags::Removed) & ~BounceRowFlags::Accepted);
    m_removedCount += qsizetype(rows.size());
    removal.rows = qsizetype(rows.size());

    std::vector<ShownRange> &runs = removal.runs;
    for (std::size_t i = 0; i < m_shown.size(); ++i) {
        if (!(m_flags[m_shown[i]] & BounceRowFlags::Removed))
            continue;
        if (!runs.empty() && runs.back().last == int(i) - 1)
            runs.back().last = int(i);
        else
            runs.push_back({int(i), int(i)});
    }
    removal.oneByOne =
        runs.size() <= maxRemovedRuns && runs.size() * m_shown.size() <= maxRowsMovedByRuns;
    removal.removedBefore.assign(runs.size() + 1, 0);
    for (std::size_t k = 0; k < runs.size(); ++k)
        removal.removedBefore[k + 1] = removal.removedBefore[k] + runs[k].last - runs[k].first + 1;
    return removal;
}

void BounceTableRows::eraseShown(const ShownRange &run) {
    m_shown.erase(m_shown.begin() + run.first, m_shown.begin() + run.last + 1);
}

void BounceTableRows::eraseShown(const Removal &removal) {
    const std::vector<ShownRange> &runs = removal.runs;
    if (runs.empty())
        return;
    // The rows between runs move down in blocks.
    auto write = m_shown.begin() + runs.front().first;
    for (std::size_t k = 0; k < runs.size(); ++k) {
        const auto from = m_shown.begin() + runs[k].last + 1;
        const auto to = k + 1 < runs.size() ? m_shown.begin() + runs[k + 1].first : m_shown.end();
        write = std::copy(from, to, write);
    }
    m_shown.erase(write, m_shown.end());
}

std::vector<BounceTableRows::ShownRange> BounceTableRows::setState(const QSet<QString> &emails,
                                                                   BounceRowState state,
                                                                   const QString &reason) {
    const bool keepsReason =
        state == BounceRowState::Failed || state == BounceRowState::Unconfirmed;
    for (const QString &email : emails) {
        if (keepsReason && !reason.isEmpty())
            m_stateReasons.insert(email, reason);
        else
            m_stateReasons.remove(email);
    }
    std::vector<ShownRange> ranges;
    const std::vector<quint32> rows = find(emails);
    std::vector<bool> changed(m_flags.size(), false);
    bool any = false;
    for (const quint32 row : rows) {
        const auto flags = quint8((m_flags[row] & ~BounceRowFlags::StateMask) | quint8(state));
        if (flags != m_flags[row]) {
            m_flags[row] = flags;
            changed[row] = true;
            any = true;
        }
    }
    if (!any)
        return ranges;
    for (std::size_t i = 0; i < m_shown.size(); ++i) {
        if (!changed[m_shown[i]])
            continue;
        if (!ranges.empty() && ranges.back().last == int(i) - 1)
            ranges.back().last = int(i);
        else
            ranges.push_back({int(i), int(i)});
    }
    if (ranges.size() > maxChangedRanges)
        ranges = {{ranges.front().first, ranges.back().last}};
    return ranges;
}

std::vector<int> BounceTableRows::shownPositions(const std::vector<quint32> &rows) const {
    std::vector<int> positions(rows.size(), -1);
    if (rows.empty())
        return positions;
    QHash<quint32, int> where;
    std::vector<bool> wanted(std::size_t(m_store.size()), false);
    for (const quint32 row : rows) {
        wanted[row] = true;
        where.insert(row, -1);
    }
    for (std::size_t i = 0; i < m_shown.size(); ++i) {
        if (wanted[m_shown[i]])
            where[m_shown[i]] = int(i);
    }
    for (std::size_t i = 0; i < rows.size(); ++i)
        positions[i] = where.value(rows[i], -1);
    return positions;
}
