#include "bouncetablemodel.h"

#include "bouncecelltext.h"
#include "bounceorderwork.h"
#include "bouncerowmatcher.h"
#include "processmemory.h"

#include <QTimer>

#include <algorithm>

namespace {

// A reason can be megabytes long: cells and tooltips show its beginning only.
constexpr qsizetype maxCellChars = 1000;
constexpr qsizetype maxToolTipChars = 4000;

} // namespace

BounceTableModel::BounceTableModel(QObject *parent)
    : QAbstractTableModel(parent)
    , m_announceTimer(new QTimer(this)) {
    m_announceTimer->setSingleShot(true);
    m_announceTimer->setInterval(announceIntervalMs);
    connect(m_announceTimer, &QTimer::timeout, this, &BounceTableModel::announceRows);
}

// Work still running holds snapshots of its own; m_work's destructor waits for it.
BounceTableModel::~BounceTableModel() = default;

// --- Loading ---------------------------------------------------------------------------------

void BounceTableModel::reset(const QString &customer) {
    m_work.cancelAll(); // results for the old rows must never reach the new ones
    beginResetModel();
    m_customer = customer;
    m_rows.clear(listFilter());
    BounceStore().swap(m_incoming);
    m_incomingCustomer.clear();
    m_indexWanted = false;
    m_announceTimer->stop();
    m_loading = true;
    endResetModel();
    setBusy();
}

void BounceTableModel::setList(SuppressionList list) {
    if (list == m_list)
        return;
    m_work.cancelAll(); // nothing computed for the old list's rows may reach the new ones
    Q_EMIT listAboutToChange(m_list);
    // The sort stays on the same kind of column where the new list has it, else newest first.
    const SuppressionColumn sorted =
        m_sortColumn >= 0 ? columnAt(m_sortColumn) : SuppressionColumn::Created;
    beginResetModel();
    m_list = list;
    m_columns = suppressionColumns(list);
    if (m_sortColumn >= 0) {
        m_sortColumn = section(sorted);
        if (m_sortColumn < 0) {
            m_sortColumn = section(SuppressionColumn::Created);
            m_sortOrder = Qt::DescendingOrder;
        }
    }
    m_rows.clear(listFilter());
    m_rows.setPairKeys(list == SuppressionList::GroupUnsubscribes);
    BounceStore().swap(m_incoming);
    m_incomingCustomer.clear();
    m_indexWanted = false;
    m_announceTimer->stop();
    m_loading = false;
    endResetModel();
    setBusy();
    Q_EMIT listChanged(list);
}

BounceTableModel::Filter BounceTableModel::listFilter() const {
    Filter filter = m_filter;
    if (!hasStatus(m_list)) {
        filter.type = TypeFilter::All;
        filter.bounceClass.reset();
    }
    filter.textInStatusSlot = section(SuppressionColumn::Status) >= 0 ||
                              section(SuppressionColumn::Ip) >= 0 ||
                              section(SuppressionColumn::GroupId) >= 0;
    filter.textInReasonSlot =
        section(SuppressionColumn::Reason) >= 0 || section(SuppressionColumn::GroupName) >= 0;
    return filter;
}

void BounceTableModel::appendRows(const BounceStore &batch) {
    rowsAppended(m_rows.append(batch, listFilter()));
}

void BounceTableModel::appendRows(BounceStore &&batch) {
    rowsAppended(m_rows.append(std::move(batch), listFilter()));
}

void BounceTableModel::rowsAppended(qsizetype accepted) {
    Q_EMIT presentRowsChanged();
    if (accepted == 0)
        return;
    // The first rows at once (someone is waiting for them), later ones together.
    if (!runsAsync(totalRows()) || m_rows.shownCount() == 0)
        announceRows();
    else if (!m_announceTimer->isActive())
        m_announceTimer->start();
}

void BounceTableModel::announceRows() {
    m_announceTimer->stop();
    if (m_rows.appendedCount() == 0)
        return;
    const int shown = m_rows.shownCount();
    beginInsertRows(QModelIndex(), shown, shown + int(m_rows.appendedCount()) - 1);
    m_rows.showAppended();
    endInsertRows();
}

void BounceTableModel::loadFinished() {
    announceRows();
    m_loading = false;
    m_indexWanted = true;
    sort(m_sortColumn, m_sortOrder);
}

// The index of addresses for removals is built aside once the list is complete and shown in
// order (not beside that sort: their scratch memory would add up), so the first confirmed
// delete does not wait for it (it would build what is missing itself).
//
// A list that replaced another (a refresh) then gives back the free memory in malloc's heaps,
// as a first list does with its first order (sort()): the old list's vectors and what the
// refresh had in flight, ~44 MB at a million rows, which otherwise stayed resident after every
// refresh (tests/benchmark/README.md, "Nineteenth pass"). Here, because the old list is gone
// only once the new one is shown.
void BounceTableModel::startIndexing(bool afterReplacement) {
    m_indexWanted = false;
    if (!runsAsync(totalRows()))
        return;
    const std::shared_ptr<const std::vector<quint32>> hashes = m_rows.emailHashes();
    m_work.start<BounceEmailIndex>(
        IndexLane,
        [hashes, afterReplacement] {
            BounceEmailIndex index;
            index.update(*hashes);
            if (afterReplacement)
                releaseFreedHeap();
            return index;
        },
        [this](BounceEmailIndex &index) { m_rows.setEmailIndex(std::move(index)); });
}

void BounceTableModel::replaceRows(const QString &customer, BounceStore &&rows) {
    m_work.cancelAll();
    m_incomingCustomer = customer;
    BounceStore().swap(m_incoming);
    m_incoming.swap(rows);
    startReplacement();
}

void BounceTableModel::cancelReplacement() {
    m_work.cancel(ReplaceLane);
    BounceStore().swap(m_incoming);
    m_incomingCustomer.clear();
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
        [snapshot, filter = listFilter(), key, descending] {
            return BounceOrderWork::prepare(*snapshot, filter, key, descending);
        },
        [this, filter = listFilter()](BounceOrderWork::Prepared &prepared) {
            beginResetModel();
            m_customer = m_incomingCustomer;
            m_incomingCustomer.clear();
            m_work.cancel(IndexLane);
            m_rows.replace(m_incoming, prepared, filter);
            // The old list's flags and order, swapped out into `prepared`, go now: before the
            // heap they leave is given back.
            prepared = BounceOrderWork::Prepared();
            m_loading = false;
            endResetModel();
            startIndexing(true);
            setBusy();
            Q_EMIT rowsReplaced();
        });
    setBusy();
}

bool BounceTableModel::isBusy() const {
    return m_work.isPending(SortLane) || m_work.isPending(FilterLane) ||
           m_work.isPending(ReplaceLane);
}

void BounceTableModel::setBusy() {
    const bool busy = isBusy();
    if (busy == m_busy)
        return;
    m_busy = busy;
    Q_EMIT busyChanged(busy);
}

// --- Order and filter ------------------------------------------------------------------------

BounceSortKey BounceTableModel::currentSortKey() const {
    if (m_sortColumn < 0 || m_sortColumn >= columnCount())
        return BounceSortKey::StoreOrder;
    switch (columnAt(m_sortColumn)) {
    case SuppressionColumn::Email:
        return BounceSortKey::Email;
    case SuppressionColumn::Status:
        return BounceSortKey::Status;
    case SuppressionColumn::Ip:
        return BounceSortKey::StatusText;
    case SuppressionColumn::GroupId:
        return BounceSortKey::GroupId;
    case SuppressionColumn::Type:
        return BounceSortKey::Type;
    case SuppressionColumn::Class:
        return BounceSortKey::Class;
    case SuppressionColumn::Reason:
    case SuppressionColumn::GroupName:
        return BounceSortKey::Reason;
    case SuppressionColumn::Created:
        return BounceSortKey::Created;
    }
    return BounceSortKey::StoreOrder;
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
        rowsBefore.push_back(m_rows.shownRow(index.row()));

    change();

    if (!before.isEmpty()) {
        const std::vector<int> found =
            newPosition ? std::vector<int>() : m_rows.shownPositions(rowsBefore);
        QModelIndexList after;
        after.reserve(before.size());
        for (qsizetype i = 0; i < before.size(); ++i) {
            const int at = newPosition ? newPosition(before.at(i).row()) : found[std::size_t(i)];
            after.append(at < 0 ? QModelIndex() : createIndex(at, before.at(i).column()));
        }
        changePersistentIndexList(before, after);
    }
    Q_EMIT layoutChanged({}, hint);
}

void BounceTableModel::sort(int column, Qt::SortOrder order) {
    if (column >= columnCount())
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
    const std::shared_ptr<const BounceStore> snapshot = m_rows.store().snapshot();
    const auto flags = std::make_shared<const std::vector<quint8>>(m_rows.flags());
    // The first order of a list that has just arrived: what its load had in flight is free
    // by now, and is given back off the GUI thread before the list can be worked on.
    const bool listArrived = m_indexWanted;
    runOnLane<std::vector<quint32>>(
        SortLane, runsAsync(totalRows()),
        [snapshot, flags, key, descending, listArrived] {
            std::vector<quint32> sorted =
                BounceOrderWork::sortedRows(*snapshot, *flags, key, descending);
            if (listArrived)
                releaseFreedHeap();
            return sorted;
        },
        [this, rows = snapshot->size()](std::vector<quint32> &sorted) {
            changeLayout([this, &sorted, rows] { m_rows.setOrder(sorted, rows); },
                         QAbstractItemModel::VerticalSortHint);
            if (m_indexWanted)
                startIndexing();
            setBusy();
        });
    setBusy();
}

void BounceTableModel::setFilter(const Filter &asked) {
    if (asked == m_filter)
        return;
    m_filter = asked;
    if (isReplacing()) { // the rows shown are about to go: filter their successors
        startReplacement();
        return;
    }
    const Filter filter = listFilter(); // what the rows are matched with from here on
    // Narrowing reuses what the flags say, which needs them to say it of one filter.
    const std::optional<Filter> accepted = m_rows.acceptedFilter();
    const std::shared_ptr<const BounceStore> snapshot = m_rows.store().snapshot();
    const auto flags = std::make_shared<const std::vector<quint8>>(m_rows.flags());
    // Clearing (or widening to everything) is a pass over the flags: never worth a thread.
    runOnLane<std::vector<quint8>>(
        FilterLane, runsAsync(totalRows()) && !BounceRowMatcher(filter).acceptsEverything(),
        [snapshot, flags, filter, accepted] {
            return BounceOrderWork::filteredFlags(*snapshot, *flags, filter,
                                                  accepted ? &*accepted : nullptr);
        },
        [this, filter](std::vector<quint8> &filtered) {
            changeLayout([this, &filtered, &filter] { m_rows.setAccepted(filtered, filter); },
                         QAbstractItemModel::NoLayoutChangeHint);
            setBusy();
        });
    setBusy();
}

// --- Removals and row states -----------------------------------------------------------------

BounceStore BounceTableModel::presentRows() const {
    const BounceStore &store = m_rows.store();
    if (m_rows.presentCount() == store.size())
        return store;
    BounceStore present;
    const std::vector<quint8> &flags = m_rows.flags();
    for (BounceStore::Row row = 0; row < store.size(); ++row) {
        if (!(flags[std::size_t(row)] & BounceRowFlags::Removed))
            present.append(store.emailUtf8(row), store.statusUtf8(row), store.reasonUtf8(row),
                           store.createdUtf8(row));
    }
    return present;
}

qsizetype BounceTableModel::removeEmails(const QSet<QString> &emails) {
    announceRows(); // the runs below are positions among the rows shown
    const BounceTableRows::Removal removal = m_rows.remove(emails);
    if (removal.oneByOne) {
        for (auto run = removal.runs.rbegin(); run != removal.runs.rend(); ++run) {
            beginRemoveRows(QModelIndex(), run->first, run->last);
            m_rows.eraseShown(*run);
            endRemoveRows();
        }
    } else {
        changeLayout([this, &removal] { m_rows.eraseShown(removal); },
                     QAbstractItemModel::NoLayoutChangeHint,
                     [&removal](int shown) { return removal.positionAfter(shown); });
    }
    if (removal.rows > 0)
        Q_EMIT presentRowsChanged();
    return removal.rows;
}

void BounceTableModel::setRowState(const QSet<QString> &emails, RowState state,
                                   const QString &reason) {
    announceRows(); // the changed ranges are positions among the rows shown
    for (const BounceTableRows::ShownRange &range : m_rows.setState(emails, state, reason))
        Q_EMIT dataChanged(index(range.first, 0), index(range.last, columnCount() - 1),
                           {StateRole});
}

BounceTableModel::RowState BounceTableModel::rowState(BounceStore::Row row) const {
    return m_rows.state(row);
}

QString BounceTableModel::rowStateReason(BounceStore::Row row) const {
    return m_rows.stateReason(row);
}

// --- What the views read ---------------------------------------------------------------------

int BounceTableModel::rowCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : m_rows.shownCount();
}

int BounceTableModel::columnCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : int(m_columns.size());
}

QString BounceTableModel::displayText(BounceStore::Row row, int column) const {
    switch (columnAt(column)) {
    case SuppressionColumn::Email:
        return cellText(store().emailUtf8(row), maxCellChars);
    case SuppressionColumn::Status:
    case SuppressionColumn::Ip:
    case SuppressionColumn::GroupId:
        return cellText(store().statusUtf8(row), maxCellChars);
    case SuppressionColumn::Type:
        switch (store().kind(row)) {
        case BounceKind::Hard:
            return tr("Hard");
        case BounceKind::Soft:
            return tr("Soft");
        case BounceKind::Unknown:
            break;
        }
        return QString();
    case SuppressionColumn::Class:
        return bounceClassTitle(store().bounceClass(row));
    case SuppressionColumn::Reason:
    case SuppressionColumn::GroupName:
        return singleLine(cellText(store().reasonUtf8(row), maxCellChars));
    case SuppressionColumn::Created:
        return cellText(store().createdUtf8(row), maxCellChars);
    }
    return QString();
}

QVariant BounceTableModel::sortKey(BounceStore::Row row, int column) const {
    switch (columnAt(column)) {
    case SuppressionColumn::Email: {
        const std::string_view folded = store().foldedEmailUtf8(row);
        return QString::fromUtf8(folded.data(), qsizetype(folded.size()));
    }
    case SuppressionColumn::Status:
        return uint(store().statusKey(row));
    case SuppressionColumn::Ip:
        return store().status(row);
    case SuppressionColumn::GroupId: {
        // A number, as it sorts (9 before 10); a text that is none stays text.
        bool number = false;
        const qlonglong id = store().status(row).toLongLong(&number);
        return number ? QVariant(id) : QVariant(store().status(row));
    }
    case SuppressionColumn::Type:
        return int(store().kind(row));
    case SuppressionColumn::Class:
        return int(store().bounceClass(row));
    case SuppressionColumn::Reason:
    case SuppressionColumn::GroupName:
        return store().reason(row);
    case SuppressionColumn::Created:
        return qint64(store().createdKey(row));
    }
    return QVariant();
}

QString BounceTableModel::classToolTip(BounceClass bounceClass) {
    return tr("%1 (derived by BounceDesk from the status and the reason: SendGrid's list does "
              "not say)")
               .arg(bounceClassTitle(bounceClass)) +
           u'\n' + bounceClassAdvice(bounceClass);
}

QString BounceTableModel::rowStateText(RowState state, const QString &reason) {
    switch (state) {
    case RowState::Normal:
        break;
    case RowState::Deleting:
        return tr("Deleting…");
    case RowState::Failed:
        return reason.isEmpty() ? tr("Not deleted: the server refused the delete.")
                                : tr("Not deleted: %1").arg(reason);
    case RowState::Unconfirmed:
        if (reason.isEmpty())
            return tr("Delete unconfirmed: no answer confirmed it, so it may or may not have "
                      "happened. Deleting it again is safe.");
        return tr("Delete unconfirmed: %1").arg(reason) + u'\n' +
               tr("No answer confirmed it, so it may or may not have happened. Deleting it "
                  "again is safe.");
    }
    return QString();
}

QVariant BounceTableModel::data(const QModelIndex &index, int role) const {
    if (!index.isValid() || index.model() != this || index.row() >= rowCount() ||
        index.column() >= columnCount())
        return QVariant();
    const BounceStore::Row row = m_rows.shownRow(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return displayText(row, index.column());
    case Qt::ToolTipRole: {
        QString plain;
        const SuppressionColumn column = columnAt(index.column());
        if (column == SuppressionColumn::Status)
            plain = statusMeaning(store().status(row));
        else if (column == SuppressionColumn::Reason || column == SuppressionColumn::GroupName)
            plain = cellText(store().reasonUtf8(row), maxToolTipChars);
        else if (column == SuppressionColumn::Class)
            plain = classToolTip(store().bounceClass(row));
        if (plain.isEmpty())
            plain = displayText(row, index.column());
        // The row's colour says it too, but not to everyone: the words come first.
        const QString state = rowStateText(rowState(row), rowStateReason(row));
        if (!state.isEmpty())
            plain = plain.isEmpty() ? state : state + u'\n' + plain;
        return plain.isEmpty() ? QVariant() : QVariant(escapedToolTip(plain));
    }
    case SortKeyRole:
        return sortKey(row, index.column());
    case KindRole:
        return int(store().kind(row));
    case StoreRowRole:
        return QVariant::fromValue(row);
    case StateRole:
        return int(rowState(row));
    case StateTextRole:
        return rowStateText(rowState(row), rowStateReason(row));
    default:
        return QVariant();
    }
}

QVariant BounceTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation == Qt::Horizontal && section >= 0 && section < columnCount()) {
        const SuppressionColumn column = columnAt(section);
        if (role == Qt::DisplayRole)
            return columnTitle(column);
        if (role == Qt::ToolTipRole &&
            (column == SuppressionColumn::Type || column == SuppressionColumn::Class))
            return tr("Derived by BounceDesk from the status and the reason: SendGrid's list "
                      "does not say.");
    }
    return QAbstractTableModel::headerData(section, orientation, role);
}

QString BounceTableModel::columnTitle(SuppressionColumn column) {
    switch (column) {
    case SuppressionColumn::Email:
        return tr("Email");
    case SuppressionColumn::Status:
        return tr("Status");
    case SuppressionColumn::Reason:
        return tr("Reason");
    case SuppressionColumn::Created:
        return tr("Created");
    case SuppressionColumn::Type:
        return tr("Type");
    case SuppressionColumn::Class:
        return tr("Class");
    case SuppressionColumn::Ip:
        return tr("IP");
    case SuppressionColumn::GroupId:
        return tr("Group ID");
    case SuppressionColumn::GroupName:
        return tr("Group name");
    }
    return QString();
}

BounceStore::Row BounceTableModel::storeRow(int viewRow) const {
    return viewRow >= 0 && viewRow < m_rows.shownCount()
               ? BounceStore::Row(m_rows.shownRow(viewRow))
               : -1;
}

Bounce BounceTableModel::bounceAt(int viewRow) const {
    const BounceStore::Row row = storeRow(viewRow);
    return row < 0 ? Bounce() : store().bounce(row);
}

std::vector<BounceStore::Row> BounceTableModel::visibleStoreRows() const {
    const std::vector<quint32> &shown = m_rows.shown();
    return std::vector<BounceStore::Row>(shown.begin(), shown.end());
}
