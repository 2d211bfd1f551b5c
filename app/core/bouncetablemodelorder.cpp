// The table model's order: sorting, filtering and replacing the rows, inline for small lists
// and on worker threads (over a snapshot, applied in one step) for large ones.
#include "bouncetablemodel.h"

#include "bounceorderwork.h"
#include "bouncerowflags.h"
#include "bouncerowmatcher.h"

#include <QHash>

#include <algorithm>
#include <optional>

BounceSortKey BounceTableModel::currentSortKey() const {
    switch (m_sortColumn) {
    case EmailColumn:
        return BounceSortKey::Email;
    case StatusColumn:
        return BounceSortKey::Status;
    case TypeColumn:
        return BounceSortKey::Type;
    case ReasonColumn:
        return BounceSortKey::Reason;
    case CreatedColumn:
        return BounceSortKey::Created;
    default:
        return BounceSortKey::StoreOrder;
    }
}

void BounceTableModel::changeLayout(const std::function<void()> &change,
                                    QAbstractItemModel::LayoutChangeHint hint,
                                    const std::function<int(int)> &newPosition) {
    announceRows(); // the change rebuilds what is shown from every row, these included
    Q_EMIT layoutAboutToBeChanged({}, hint);
    const QModelIndexList before = persistentIndexList();
    std::vector<quint32> rowsBefore;
    rowsBefore.reserve(std::size_t(before.size()));
    for (const QModelIndex &index : before)
        rowsBefore.push_back(m_visible[std::size_t(index.row())]);

    change();

    if (!before.isEmpty()) {
        QHash<quint32, int> where;
        if (!newPosition) {
            // One pass over the shown rows finds where each persistent row went.
            std::vector<bool> wanted(std::size_t(m_store.size()), false);
            for (const quint32 row : rowsBefore) {
                wanted[row] = true;
                where.insert(row, -1);
            }
            for (std::size_t i = 0; i < m_visible.size(); ++i) {
                if (wanted[m_visible[i]])
                    where[m_visible[i]] = int(i);
            }
        }
        QModelIndexList after;
        after.reserve(before.size());
        for (qsizetype i = 0; i < before.size(); ++i) {
            const int at = newPosition ? newPosition(before.at(i).row())
                                       : where.value(rowsBefore[std::size_t(i)], -1);
            after.append(at < 0 ? QModelIndex() : createIndex(at, before.at(i).column()));
        }
        changePersistentIndexList(before, after);
    }
    Q_EMIT layoutChanged({}, hint);
}

void BounceTableModel::rebuildVisible() {
    const auto accepted = [this](quint32 row) {
        return (m_flags[row] & BounceRowFlags::Accepted) != 0;
    };
    m_visible.clear();
    m_visible.reserve(std::size_t(std::count_if(m_order.begin(), m_order.end(), accepted)));
    std::copy_if(m_order.begin(), m_order.end(), std::back_inserter(m_visible), accepted);
}

void BounceTableModel::sort(int column, Qt::SortOrder order) {
    if (column >= ColumnCount)
        return;
    // QTableView::sortByColumn() asks twice (once through the header's indicator): the
    // second request must not start the same work again beside the first.
    if (std::max(column, -1) == m_sortColumn && order == m_sortOrder && m_work.isPending(SortLane))
        return;
    m_sortColumn = std::max(column, -1);
    m_sortOrder = order;
    const BounceSortKey key = currentSortKey();
    const bool descending = order == Qt::DescendingOrder;
    if (isReplacing()) { // the rows shown are about to go: sort their successors
        startReplacement();
        return;
    }
    const std::shared_ptr<const BounceStore> snapshot = m_store.snapshot();
    const auto flags = std::make_shared<const std::vector<quint8>>(m_flags);
    runOnLane<std::vector<quint32>>(
        SortLane, runsAsync(totalRows()),
        [snapshot, flags, key, descending] {
            return BounceOrderWork::sortedRows(*snapshot, *flags, key, descending);
        },
        [this, rows = snapshot->size()](std::vector<quint32> &sorted) {
            applyOrder(sorted, rows);
        });
    setBusy();
}

// `order` holds the rows present when the work began (the first `snapshotRows` of the
// store): rows removed since leave it, rows appended since follow it in arrival order.
void BounceTableModel::applyOrder(std::vector<quint32> &order, qsizetype snapshotRows) {
    changeLayout(
        [this, &order, snapshotRows] {
            if (m_removedCount > 0)
                order.erase(std::remove_if(order.begin(), order.end(),
                                           [this](quint32 row) {
                                               return (m_flags[row] & BounceRowFlags::Removed) != 0;
                                           }),
                            order.end());
            for (auto row = quint32(snapshotRows); row < quint32(m_store.size()); ++row) {
                if (!(m_flags[row] & BounceRowFlags::Removed))
                    order.push_back(row);
            }
            m_order.swap(order);
            rebuildVisible();
        },
        QAbstractItemModel::VerticalSortHint);
    if (m_indexWanted)
        startIndexing();
    setBusy();
}

void BounceTableModel::setFilter(const Filter &filter) {
    if (filter == m_filter)
        return;
    m_filter = filter;
    if (isReplacing()) { // the rows shown are about to go: filter their successors
        startReplacement();
        return;
    }
    // Narrowing reuses what the flags say, which needs them to say it of one filter.
    const std::optional<Filter> applied =
        m_flagsMixed ? std::nullopt : std::optional<Filter>(m_appliedFilter);
    const std::shared_ptr<const BounceStore> snapshot = m_store.snapshot();
    const auto flags = std::make_shared<const std::vector<quint8>>(m_flags);
    // Clearing (or widening to everything) is a pass over the flags: never worth a thread.
    runOnLane<std::vector<quint8>>(
        FilterLane, runsAsync(totalRows()) && !BounceRowMatcher(filter).acceptsEverything(),
        [snapshot, flags, filter, applied] {
            return BounceOrderWork::filteredFlags(*snapshot, *flags, filter,
                                                  applied ? &*applied : nullptr);
        },
        [this, filter](std::vector<quint8> &filtered) { applyFilter(filtered, filter); });
    setBusy();
}

// `flags` covers the rows present when the work began; only their Accepted bits are taken
// (states and removals may have changed since; a removed row stays hidden). Rows appended
// since were judged on arrival.
void BounceTableModel::applyFilter(const std::vector<quint8> &flags, const Filter &filter) {
    changeLayout(
        [this, &flags, &filter] {
            const std::size_t rows = std::min(flags.size(), m_flags.size());
            for (std::size_t row = 0; row < rows; ++row) {
                quint8 &rowFlags = m_flags[row];
                const bool accepted = (flags[row] & BounceRowFlags::Accepted) &&
                                      !(rowFlags & BounceRowFlags::Removed); // since removed
                rowFlags = quint8((rowFlags & ~BounceRowFlags::Accepted) |
                                  (accepted ? BounceRowFlags::Accepted : 0));
            }
            m_appliedFilter = filter;
            m_flagsMixed = false; // rows that came meanwhile were judged by this filter
            rebuildVisible();
        },
        QAbstractItemModel::NoLayoutChangeHint);
    setBusy();
}

// Prepares m_incoming for the current filter and sort; asked again when either changes.
void BounceTableModel::startReplacement() {
    m_work.cancel(SortLane); // the old rows are about to go: their order no longer matters
    m_work.cancel(FilterLane);
    const BounceSortKey key = currentSortKey();
    const bool descending = m_sortOrder == Qt::DescendingOrder;
    const std::shared_ptr<const BounceStore> snapshot = m_incoming.snapshot();
    runOnLane<BounceOrderWork::Prepared>(
        ReplaceLane, runsAsync(m_incoming.size()),
        [snapshot, filter = m_filter, key, descending] {
            return BounceOrderWork::prepare(*snapshot, filter, key, descending);
        },
        [this](BounceOrderWork::Prepared &prepared) { applyReplacement(prepared); });
    setBusy();
}

void BounceTableModel::applyReplacement(BounceOrderWork::Prepared &prepared) {
    beginResetModel();
    std::vector<quint32>().swap(m_unannounced);
    m_customer = m_incomingCustomer;
    m_store.swap(m_incoming);
    BounceStore().swap(m_incoming); // the old rows go now
    m_incomingCustomer.clear();
    m_flags.swap(prepared.flags);
    m_emailHashes = std::make_shared<std::vector<quint32>>(std::move(prepared.emailHashes));
    m_emailIndex.clear();
    m_work.cancel(IndexLane);
    m_order.swap(prepared.order);
    m_removedCount = 0;
    m_stateReasons.clear();
    m_appliedFilter = m_filter;
    m_flagsMixed = false;
    m_loading = false;
    rebuildVisible();
    endResetModel();
    startIndexing();
    setBusy();
    Q_EMIT rowsReplaced();
}
