#include "bouncetablemodel.h"

#include "bouncecelltext.h"
#include "bounceorderwork.h"
#include "bouncerowflags.h"
#include "bouncerowmatcher.h"

#include <QTimer>

namespace {

// A reason can be megabytes long: cells and tooltips show its beginning only.
constexpr qsizetype maxCellChars = 1000;
constexpr qsizetype maxToolTipChars = 4000;

} // namespace

bool BounceTableModel::Filter::isEmpty() const {
    return text.isEmpty() && type == TypeFilter::All && !from.isValid() && !to.isValid();
}

bool operator==(const BounceTableModel::Filter &a, const BounceTableModel::Filter &b) {
    return a.text == b.text && a.type == b.type && a.from == b.from && a.to == b.to;
}

BounceTableModel::BounceTableModel(QObject *parent)
    : QAbstractTableModel(parent)
    , m_announceTimer(new QTimer(this)) {
    m_announceTimer->setSingleShot(true);
    m_announceTimer->setInterval(announceIntervalMs);
    connect(m_announceTimer, &QTimer::timeout, this, &BounceTableModel::announceRows);
}

// Work still running holds snapshots of its own; m_work's destructor waits for it.
BounceTableModel::~BounceTableModel() = default;

void BounceTableModel::reset(const QString &customer) {
    m_work.cancelAll(); // results for the old rows must never reach the new ones
    beginResetModel();
    m_customer = customer;
    // A new store rather than a cleared one: the memory goes back at once, and work still
    // reading a snapshot of the old rows keeps its own.
    BounceStore().swap(m_store);
    BounceStore().swap(m_incoming);
    m_incomingCustomer.clear();
    std::vector<quint8>().swap(m_flags);
    m_emailHashes = std::make_shared<std::vector<quint32>>();
    m_indexWanted = false;
    m_emailIndex.clear();
    std::vector<quint32>().swap(m_order);
    std::vector<quint32>().swap(m_visible);
    std::vector<quint32>().swap(m_unannounced);
    m_announceTimer->stop();
    m_removedCount = 0;
    m_stateReasons.clear();
    m_appliedFilter = m_filter; // no row yet: nothing stands for an older filter
    m_flagsMixed = false;
    m_loading = true;
    endResetModel();
    setBusy();
}

void BounceTableModel::appendRows(const BounceStore &batch) {
    if (batch.isEmpty())
        return;
    const auto first = quint32(m_store.size());
    m_store.appendAll(batch);
    rowsAppended(first);
}

void BounceTableModel::appendRows(BounceStore &&batch) {
    if (batch.isEmpty())
        return;
    const auto first = quint32(m_store.size());
    m_store.appendAll(std::move(batch));
    rowsAppended(first);
}

void BounceTableModel::rowsAppended(quint32 first) {
    const auto end = quint32(m_store.size());
    m_flags.resize(end, 0);
    if (m_emailHashes.use_count() > 1) // the index is being built from it
        m_emailHashes = std::make_shared<std::vector<quint32>>(*m_emailHashes);
    std::vector<quint32> &hashes = *m_emailHashes;
    hashes.resize(end);

    // New rows are judged by the filter asked for, even while the rows before them are still
    // being filtered on a worker: that result covers only the rows it saw.
    if (!(m_filter == m_appliedFilter))
        m_flagsMixed = true;
    const BounceRowMatcher matcher(m_filter);
    const bool everything = matcher.acceptsEverything();
    std::vector<quint32> accepted;
    accepted.reserve(end - first);
    for (quint32 row = first; row < end; ++row) {
        hashes[row] = BounceOrderWork::emailHash(m_store.emailUtf8(row));
        m_order.push_back(row);
        if (everything || matcher.matches(m_store, row)) {
            m_flags[row] |= BounceRowFlags::Accepted;
            accepted.push_back(row);
        }
    }
    if (accepted.empty())
        return;
    m_unannounced.insert(m_unannounced.end(), accepted.begin(), accepted.end());
    // The first rows at once (someone is waiting for them), later ones together.
    if (!runsAsync(totalRows()) || m_visible.empty())
        announceRows();
    else if (!m_announceTimer->isActive())
        m_announceTimer->start();
}

void BounceTableModel::announceRows() {
    m_announceTimer->stop();
    if (m_unannounced.empty())
        return;
    const auto shown = int(m_visible.size());
    beginInsertRows(QModelIndex(), shown, shown + int(m_unannounced.size()) - 1);
    m_visible.insert(m_visible.end(), m_unannounced.begin(), m_unannounced.end());
    std::vector<quint32>().swap(m_unannounced);
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
    const std::shared_ptr<const std::vector<quint32>> hashes = m_emailHashes;
    m_work.start<BounceEmailIndex>(
        IndexLane,
        [hashes] {
            BounceEmailIndex index;
            index.update(*hashes);
            return index;
        },
        [this](BounceEmailIndex &index) { m_emailIndex = std::move(index); });
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

int BounceTableModel::rowCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : int(m_visible.size());
}

int BounceTableModel::columnCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QString BounceTableModel::displayText(BounceStore::Row row, int column) const {
    switch (column) {
    case EmailColumn:
        return cellText(m_store.emailUtf8(row), maxCellChars);
    case StatusColumn:
        return cellText(m_store.statusUtf8(row), maxCellChars);
    case TypeColumn:
        switch (m_store.kind(row)) {
        case BounceKind::Hard:
            return tr("Hard");
        case BounceKind::Soft:
            return tr("Soft");
        case BounceKind::Unknown:
            break;
        }
        return QString();
    case ReasonColumn:
        return singleLine(cellText(m_store.reasonUtf8(row), maxCellChars));
    case CreatedColumn:
        return cellText(m_store.createdUtf8(row), maxCellChars);
    default:
        return QString();
    }
}

QVariant BounceTableModel::sortKey(BounceStore::Row row, int column) const {
    switch (column) {
    case EmailColumn: {
        const std::string_view folded = m_store.foldedEmailUtf8(row);
        return QString::fromUtf8(folded.data(), qsizetype(folded.size()));
    }
    case StatusColumn:
        return uint(m_store.statusKey(row));
    case TypeColumn:
        return int(m_store.kind(row));
    case ReasonColumn:
        return m_store.reason(row);
    case CreatedColumn:
        return qint64(m_store.createdKey(row));
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

QString BounceTableModel::rowStateReason(BounceStore::Row row) const {
    const RowState state = rowState(row);
    if (state != RowState::Failed && state != RowState::Unconfirmed)
        return QString();
    return m_stateReasons.value(m_store.email(row));
}

QVariant BounceTableModel::data(const QModelIndex &index, int role) const {
    if (!index.isValid() || index.model() != this || index.row() >= rowCount() ||
        index.column() >= ColumnCount)
        return QVariant();
    const BounceStore::Row row = m_visible[std::size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        return displayText(row, index.column());
    case Qt::ToolTipRole: {
        QString plain;
        if (index.column() == StatusColumn)
            plain = statusMeaning(m_store.status(row));
        else if (index.column() == ReasonColumn)
            plain = cellText(m_store.reasonUtf8(row), maxToolTipChars);
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
        return int(m_store.kind(row));
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

qsizetype BounceTableModel::totalRows() const {
    return m_store.size() - m_removedCount;
}

BounceStore::Row BounceTableModel::storeRow(int viewRow) const {
    return viewRow >= 0 && std::size_t(viewRow) < m_visible.size()
               ? BounceStore::Row(m_visible[std::size_t(viewRow)])
               : -1;
}

Bounce BounceTableModel::bounceAt(int viewRow) const {
    const BounceStore::Row row = storeRow(viewRow);
    return row < 0 ? Bounce() : m_store.bounce(row);
}

std::vector<BounceStore::Row> BounceTableModel::visibleStoreRows() const {
    return std::vector<BounceStore::Row>(m_visible.begin(), m_visible.end());
}

BounceTableModel::RowState BounceTableModel::rowState(BounceStore::Row row) const {
    if (row < 0 || std::size_t(row) >= m_flags.size())
        return RowState::Normal;
    return RowState(m_flags[std::size_t(row)] & BounceRowFlags::StateMask);
}
