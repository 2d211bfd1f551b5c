#include "bouncetablemodel.h"

#include "bouncecelltext.h"
#include "bounceorderwork.h"
#include "bouncerowmatcher.h"

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
    m_rows.clear(m_filter);
    BounceStore().swap(m_incoming);
    m_incomingCustomer.clear();
    m_indexWanted = false;
    m_announceTimer->stop();
    m_loading = true;
    endResetModel();
    setBusy();
}

void BounceTableModel::appendRows(const BounceStore &batch) {
    rowsAppended(m_rows.append(batch, m_filter));
}

void BounceTableModel::appendRows(BounceStore &&batch) {
    rowsAppended(m_rows.append(std::move(batch), m_filter));
}

void BounceTableModel::rowsAppended(qsizetype accepted) {
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
void BounceTableModel::startIndexing() {
    m_indexWanted = false;
    if (!runsAsync(totalRows()))
        return;
    const std::shared_ptr<const std::vector<quint32>> hashes = m_rows.emailHashes();
    m_work.start<BounceEmailIndex>(
        IndexLane,
        [hashes] {
            BounceEmailIndex index;
            index.update(*hashes);
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
        [snapshot, filter = m_filter, key, descending] {
            return BounceOrderWork::prepare(*snapshot, filter, key, descending);
        },
        [this](BounceOrderWork::Prepared &prepared) {
            beginResetModel();
            m_customer = m_incomingCustomer;
            m_incomingCustomer.clear();
            m_work.cancel(IndexLane);
            m_rows.replace(m_incoming, prepared, m_filter);
            m_loading = false;
            endResetModel();
            startIndexing();
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
    const std::shared_ptr<const BounceStore> snapshot = m_rows.store().snapshot();
    const auto flags = std::make_shared<const std::vector<quint8>>(m_rows.flags());
    runOnLane<std::vector<quint32>>(
        SortLane, runsAsync(totalRows()),
        [snapshot, flags, key, descending] {
            return BounceOrderWork::sortedRows(*snapshot, *flags, key, descending);
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

void BounceTableModel::setFilter(const Filter &filter) {
    if (filter == m_filter)
        return;
    m_filter = filter;
    if (isReplacing()) { // the rows shown are about to go: filter their successors
        startReplacement();
        return;
    }
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
    return removal.rows;
}

void BounceTableModel::setRowState(const QSet<QString> &emails, RowState state,
                                   const QString &reason) {
    announceRows(); // the changed ranges are positions among the rows shown
    for (const BounceTableRows::ShownRange &range : m_rows.setState(emails, state, reason))
        Q_EMIT dataChanged(index(range.first, 0), index(range.last, ColumnCount - 1), {StateRole});
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
    return parent.isValid() ? 0 : ColumnCount;
}

QString BounceTableModel::displayText(BounceStore::Row row, int column) const {
    switch (column) {
    case EmailColumn:
        return cellText(store().emailUtf8(row), maxCellChars);
    case StatusColumn:
        return cellText(store().statusUtf8(row), maxCellChars);
    case TypeColumn:
        switch (store().kind(row)) {
        case BounceKind::Hard:
            return tr("Hard");
        case BounceKind::Soft:
            return tr("Soft");
        case BounceKind::Unknown:
            break;
        }
        return QString();
    case ReasonColumn:
        return singleLine(cellText(store().reasonUtf8(row), maxCellChars));
    case CreatedColumn:
        return cellText(store().createdUtf8(row), maxCellChars);
    default:
        return QString();
    }
}

QVariant BounceTableModel::sortKey(BounceStore::Row row, int column) const {
    switch (column) {
    case EmailColumn: {
        const std::string_view folded = store().foldedEmailUtf8(row);
        return QString::fromUtf8(folded.data(), qsizetype(folded.size()));
    }
    case StatusColumn:
        return uint(store().statusKey(row));
    case TypeColumn:
        return int(store().kind(row));
    case ReasonColumn:
        return store().reason(row);
    case CreatedColumn:
        return qint64(store().createdKey(row));
    default:
        return QVariant();
    }
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
        index.column() >= ColumnCount)
        return QVariant();
    const BounceStore::Row row = m_rows.shownRow(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return displayText(row, index.column());
    case Qt::ToolTipRole: {
        QString plain;
        if (index.column() == StatusColumn)
            plain = statusMeaning(store().status(row));
        else if (index.column() == ReasonColumn)
            plain = cellText(store().reasonUtf8(row), maxToolTipChars);
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
    if (orientation == Qt::Horizontal && role == Qt::DisplayRole) {
        switch (section) {
        case EmailColumn:
            return tr("Email");
        case StatusColumn:
            return tr("Status");
        case TypeColumn:
            return tr("Type");
        case ReasonColumn:
            return tr("Reason");
        case CreatedColumn:
            return tr("Created");
        default:
            break;
        }
    }
    return QAbstractTableModel::headerData(section, orientation, role);
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
