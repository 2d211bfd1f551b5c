#include "bouncetablemodel.h"

#include "bouncecelltext.h"
#include "bouncerowmatcher.h"
#include "bouncesort.h"

#include <QHash>

#include <algorithm>
#include <unordered_set>

namespace {

// Beyond this many separate runs, one compaction inside a layout change is cheaper for the
// views than a signal per run.
constexpr std::size_t maxRemovedRuns = 64;
constexpr std::size_t maxChangedRanges = 64;
// A reason can be megabytes long: cells and tooltips show its beginning only.
constexpr qsizetype maxCellChars = 1000;
constexpr qsizetype maxToolTipChars = 4000;

quint32 emailHash(std::string_view email) {
    return quint32(qHashBits(email.data(), email.size(), 0));
}

BounceSortKey sortKeyFor(int column) {
    switch (column) {
    case BounceTableModel::EmailColumn:
        return BounceSortKey::Email;
    case BounceTableModel::StatusColumn:
        return BounceSortKey::Status;
    case BounceTableModel::TypeColumn:
        return BounceSortKey::Type;
    case BounceTableModel::ReasonColumn:
        return BounceSortKey::Reason;
    case BounceTableModel::CreatedColumn:
        return BounceSortKey::Created;
    default:
        return BounceSortKey::StoreOrder;
    }
}

} // namespace

bool BounceTableModel::Filter::isEmpty() const {
    return text.isEmpty() && type == TypeFilter::All && !from.isValid() && !to.isValid();
}

bool operator==(const BounceTableModel::Filter &a, const BounceTableModel::Filter &b) {
    return a.text == b.text && a.type == b.type && a.from == b.from && a.to == b.to;
}

BounceTableModel::BounceTableModel(QObject *parent)
    : QAbstractTableModel(parent) {}

void BounceTableModel::reset(const QString &customer) {
    beginResetModel();
    m_customer = customer;
    m_store.clear();
    // Swapped out rather than cleared so a big list's memory goes back at once.
    std::vector<quint8>().swap(m_flags);
    std::vector<quint32>().swap(m_emailHashes);
    std::vector<quint32>().swap(m_order);
    std::vector<quint32>().swap(m_visible);
    m_removedCount = 0;
    m_loading = true;
    endResetModel();
}

void BounceTableModel::appendRows(const BounceStore &batch) {
    if (batch.isEmpty())
        return;
    const auto first = quint32(m_store.size());
    m_store.appendAll(batch);
    const auto end = quint32(m_store.size());
    m_flags.resize(end, 0);
    m_emailHashes.resize(end);

    const BounceRowMatcher matcher(m_filter);
    const bool everything = matcher.acceptsEverything();
    std::vector<quint32> accepted;
    accepted.reserve(end - first);
    for (quint32 row = first; row < end; ++row) {
        m_emailHashes[row] = emailHash(m_store.emailUtf8(row));
        m_order.push_back(row);
        if (everything || matcher.matches(m_store, row)) {
            m_flags[row] |= AcceptedFlag;
            accepted.push_back(row);
        }
    }
    if (accepted.empty())
        return;
    const auto shown = int(m_visible.size());
    beginInsertRows(QModelIndex(), shown, shown + int(accepted.size()) - 1);
    m_visible.insert(m_visible.end(), accepted.begin(), accepted.end());
    endInsertRows();
}

void BounceTableModel::loadFinished() {
    m_loading = false;
    sort(m_sortColumn, m_sortOrder);
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

template<typename Change>
void BounceTableModel::changeLayout(Change change, QAbstractItemModel::LayoutChangeHint hint) {
    Q_EMIT layoutAboutToBeChanged({}, hint);
    const QModelIndexList before = persistentIndexList();
    std::vector<quint32> rowsBefore;
    rowsBefore.reserve(std::size_t(before.size()));
    for (const QModelIndex &index : before)
        rowsBefore.push_back(m_visible[std::size_t(index.row())]);

    change();

    if (!before.isEmpty()) {
        // One pass over the shown rows finds where each persistent row went.
        std::vector<bool> wanted(std::size_t(m_store.size()), false);
        QHash<quint32, int> where;
        for (const quint32 row : rowsBefore) {
            wanted[row] = true;
            where.insert(row, -1);
        }
        for (std::size_t i = 0; i < m_visible.size(); ++i) {
            if (wanted[m_visible[i]])
                where[m_visible[i]] = int(i);
        }
        QModelIndexList after;
        after.reserve(before.size());
        for (qsizetype i = 0; i < before.size(); ++i) {
            const int at = where.value(rowsBefore[std::size_t(i)], -1);
            after.append(at < 0 ? QModelIndex() : createIndex(at, before.at(i).column()));
        }
        changePersistentIndexList(before, after);
    }
    Q_EMIT layoutChanged({}, hint);
}

void BounceTableModel::rebuildVisible() {
    const auto accepted = [this](quint32 row) { return (m_flags[row] & AcceptedFlag) != 0; };
    m_visible.clear();
    m_visible.reserve(std::size_t(std::count_if(m_order.begin(), m_order.end(), accepted)));
    std::copy_if(m_order.begin(), m_order.end(), std::back_inserter(m_visible), accepted);
}

void BounceTableModel::sort(int column, Qt::SortOrder order) {
    if (column >= ColumnCount)
        return;
    m_sortColumn = std::max(column, -1);
    m_sortOrder = order;
    changeLayout(
        [this] {
            // Rows are collected in store order so the keys are read front to back.
            std::vector<quint32> rows;
            rows.reserve(std::size_t(totalRows()));
            for (quint32 row = 0; row < quint32(m_flags.size()); ++row) {
                if (!(m_flags[row] & RemovedFlag))
                    rows.push_back(row);
            }
            sortBounceRows(m_store, rows, sortKeyFor(m_sortColumn),
                           m_sortOrder == Qt::DescendingOrder);
            m_order = std::move(rows);
            rebuildVisible();
        },
        QAbstractItemModel::VerticalSortHint);
}

void BounceTableModel::setFilter(const Filter &filter) {
    if (filter == m_filter)
        return;
    const Filter previous = m_filter;
    m_filter = filter;
    changeLayout(
        [this, &previous] {
            refilter(previous);
            rebuildVisible();
        },
        QAbstractItemModel::NoLayoutChangeHint);
}

// Scans in store order (the arena front to back) and marks the accepted rows. When the new
// filter only narrows the old one, rows the old one hid stay hidden without a look.
void BounceTableModel::refilter(const Filter &previous) {
    const BounceRowMatcher matcher(m_filter);
    const bool everything = matcher.acceptsEverything();
    const bool narrowing = !everything && matcher.narrows(BounceRowMatcher(previous));
    for (std::size_t row = 0; row < m_flags.size(); ++row) {
        quint8 &flags = m_flags[row];
        if ((flags & RemovedFlag) || (narrowing && !(flags & AcceptedFlag)))
            continue;
        if (everything || matcher.matches(m_store, BounceStore::Row(row)))
            flags |= AcceptedFlag;
        else
            flags &= quint8(~AcceptedFlag);
    }
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

// Present rows whose email equals one of `emails` byte for byte. The stored hashes and a
// 64 Ki-bit prefilter keep the scan over a million rows to a few milliseconds.
std::vector<quint32> BounceTableModel::findRows(const QSet<QString> &emails) const {
    std::vector<quint32> found;
    if (emails.isEmpty() || m_flags.empty())
        return found;
    std::vector<QByteArray> keys;
    keys.reserve(std::size_t(emails.size()));
    std::unordered_set<std::string_view> exact;
    std::unordered_set<quint32> hashes;
    std::vector<quint64> prefilter(1024, 0);
    for (const QString &email : emails) {
        keys.push_back(email.toUtf8());
        const std::string_view key(keys.back().constData(), std::size_t(keys.back().size()));
        exact.insert(key);
        const quint32 hash = emailHash(key);
        hashes.insert(hash);
        prefilter[(hash & 0xFFFF) >> 6] |= quint64(1) << (hash & 63);
    }
    for (std::size_t row = 0; row < m_flags.size(); ++row) {
        const quint32 hash = m_emailHashes[row];
        if (!((prefilter[(hash & 0xFFFF) >> 6] >> (hash & 63)) & 1) || (m_flags[row] & RemovedFlag))
            continue;
        if (hashes.count(hash) && exact.count(m_store.emailUtf8(BounceStore::Row(row))))
            found.push_back(quint32(row));
    }
    return found;
}

qsizetype BounceTableModel::removeEmails(const QSet<QString> &emails) {
    const std::vector<quint32> rows = findRows(emails);
    if (rows.empty())
        return 0;
    for (const quint32 row : rows)
        m_flags[row] |= RemovedFlag;
    m_removedCount += qsizetype(rows.size());
    const auto removed = [this](quint32 row) { return (m_flags[row] & RemovedFlag) != 0; };

    struct Run {
        int first, last;
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
    if (runs.size() <= maxRemovedRuns) {
        for (auto run = runs.rbegin(); run != runs.rend(); ++run) {
            beginRemoveRows(QModelIndex(), run->first, run->last);
            m_visible.erase(m_visible.begin() + run->first, m_visible.begin() + run->last + 1);
            endRemoveRows();
        }
    } else {
        changeLayout(
            [this, &removed] {
                m_visible.erase(std::remove_if(m_visible.begin(), m_visible.end(), removed),
                                m_visible.end());
            },
            QAbstractItemModel::NoLayoutChangeHint);
    }
    m_order.erase(std::remove_if(m_order.begin(), m_order.end(), removed), m_order.end());
    return qsizetype(rows.size());
}

void BounceTableModel::setRowState(const QSet<QString> &emails, RowState state) {
    const std::vector<quint32> rows = findRows(emails);
    std::vector<bool> changed(m_flags.size(), false);
    bool any = false;
    for (const quint32 row : rows) {
        const auto flags = quint8((m_flags[row] & ~StateMask) | quint8(state));
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

BounceTableModel::RowState BounceTableModel::rowState(BounceStore::Row row) const {
    if (row < 0 || std::size_t(row) >= m_flags.size())
        return RowState::Normal;
    return RowState(m_flags[std::size_t(row)] & StateMask);
}
