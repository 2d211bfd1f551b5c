// The table model's removals and row states: rows found by address through an index.
#include "bouncetablemodel.h"

#include "bounceorderwork.h"
#include "bouncerowflags.h"

#include <algorithm>

namespace {

// Beyond this many separate runs, one compaction inside a layout change is cheaper for the
// views than a signal per run.
constexpr std::size_t maxRemovedRuns = 64;
// ...and only while erasing run by run moves few rows (each erase moves all rows after it).
constexpr std::size_t maxRowsMovedByRuns = std::size_t(4) << 20;
constexpr std::size_t maxChangedRanges = 64;

struct Run {
    int first, last; // positions among the rows shown
};

} // namespace

// Present rows whose email equals one of `emails` byte for byte, looked up in the index (a
// million rows are not scanned for a hundred addresses), in store order.
std::vector<quint32> BounceTableModel::findRows(const QSet<QString> &emails) {
    std::vector<quint32> found;
    if (emails.isEmpty() || m_flags.empty())
        return found;
    const std::vector<quint32> &hashes = *m_emailHashes;
    m_emailIndex.update(hashes);
    for (const QString &email : emails) {
        const QByteArray utf8 = email.toUtf8();
        const std::string_view key(utf8.constData(), std::size_t(utf8.size()));
        m_emailIndex.forEachRow(BounceOrderWork::emailHash(key), hashes, [&](quint32 row) {
            if (!(m_flags[row] & BounceRowFlags::Removed) && m_store.emailUtf8(row) == key)
                found.push_back(row);
        });
    }
    std::sort(found.begin(), found.end());
    found.erase(std::unique(found.begin(), found.end()), found.end());
    return found;
}

qsizetype BounceTableModel::removeEmails(const QSet<QString> &emails) {
    announceRows(); // the runs below are positions among the rows shown
    if (!m_stateReasons.isEmpty()) {
        for (const QString &email : emails)
            m_stateReasons.remove(email);
    }
    const std::vector<quint32> rows = findRows(emails);
    if (rows.empty())
        return 0;
    // A removed row is no longer accepted either, so m_order may keep it (rebuilding what is
    // shown skips it) until the next sort leaves it out: no pass over a million rows here.
    for (const quint32 row : rows)
        m_flags[row] = quint8((m_flags[row] | BounceRowFlags::Removed) & ~BounceRowFlags::Accepted);
    m_removedCount += qsizetype(rows.size());
    const auto removed = [this](quint32 row) {
        return (m_flags[row] & BounceRowFlags::Removed) != 0;
    };

    std::vector<Run> runs;
    for (std::size_t i = 0; i < m_visible.size(); ++i) {
        if (!removed(m_visible[i]))
            continue;
        if (!runs.empty() && runs.back().last == int(i) - 1)
            runs.back().last = int(i);
        else
            runs.push_back({int(i), int(i)});
    }
    if (runs.size() <= maxRemovedRuns && runs.size() * m_visible.size() <= maxRowsMovedByRuns) {
        for (auto run = runs.rbegin(); run != runs.rend(); ++run) {
            beginRemoveRows(QModelIndex(), run->first, run->last);
            m_visible.erase(m_visible.begin() + run->first, m_visible.begin() + run->last + 1);
            endRemoveRows();
        }
    } else {
        // Runs before a row shown: how many rows before it leave.
        std::vector<int> removedBefore(runs.size() + 1, 0);
        for (std::size_t k = 0; k < runs.size(); ++k)
            removedBefore[k + 1] = removedBefore[k] + runs[k].last - runs[k].first + 1;
        changeLayout(
            [this, &runs] {
                // The rows between runs move down in blocks.
                auto write = m_visible.begin() + runs.front().first;
                for (std::size_t k = 0; k < runs.size(); ++k) {
                    const auto from = m_visible.begin() + runs[k].last + 1;
                    const auto to = k + 1 < runs.size() ? m_visible.begin() + runs[k + 1].first
                                                        : m_visible.end();
                    write = std::copy(from, to, write);
                }
                m_visible.erase(write, m_visible.end());
            },
            QAbstractItemModel::NoLayoutChangeHint,
            [&runs, &removedBefore](int shown) {
                const auto after = std::upper_bound(
                    runs.begin(), runs.end(), shown,
                    [](int position, const Run &run) { return position < run.first; });
                const auto k = std::size_t(after - runs.begin());
                if (k > 0 && shown <= runs[k - 1].last)
                    return -1; // removed
                return shown - removedBefore[k];
            });
    }
    return qsizetype(rows.size());
}

void BounceTableModel::setRowState(const QSet<QString> &emails, RowState state,
                                   const QString &reason) {
    announceRows(); // the changed ranges are positions among the rows shown
    const bool keepsReason = state == RowState::Failed || state == RowState::Unconfirmed;
    for (const QString &email : emails) {
        if (keepsReason && !reason.isEmpty())
            m_stateReasons.insert(email, reason);
        else
            m_stateReasons.remove(email);
    }
    const std::vector<quint32> rows = findRows(emails);
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
        return;
    std::vector<std::pair<int, int>> ranges;
    for (std::size_t i = 0; i < m_visible.size(); ++i) {
        if (!changed[m_visible[i]])
            continue;
        if (!ranges.empty() && ranges.back().second == int(i) - 1)
            ranges.back().second = int(i);
        else
            ranges.emplace_back(int(i), int(i));
    }
    if (ranges.size() > maxChangedRanges)
        ranges = {{ranges.front().first, ranges.back().second}};
    for (const auto &[first, last] : ranges)
        Q_EMIT dataChanged(index(first, 0), index(last, ColumnCount - 1), {StateRole});
}
