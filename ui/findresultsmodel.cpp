#include "findresultsmodel.h"

#include "core/bouncecelltext.h"

#include <QBrush>
#include <QColor>
#include <QFont>

#include <algorithm>

FindResultsModel::FindResultsModel(QObject *parent)
    : QAbstractTableModel(parent) {}

int FindResultsModel::rowCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

int FindResultsModel::columnCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QString FindResultsModel::customerText(const Tenant &tenant) {
    return tenant.kind == Tenant::Kind::Parent ? tr("(parent account)") : tenant.id;
}

QString FindResultsModel::cell(const Row &row, int column) const {
    const AddressHit &hit = row.hit;
    switch (Column(column)) {
    case CustomerColumn:
        return customerText(hit.tenant);
    case ListColumn:
        return suppressionListTitle(hit.list);
    case EmailColumn:
        return hit.email;
    case StatusColumn:
        return hit.status;
    case ReasonColumn:
        return hit.reason;
    case CreatedColumn:
        return hit.created;
    case ColumnCount:
        break;
    }
    return {};
}

QVariant FindResultsModel::data(const QModelIndex &index, int role) const {
    if (!index.isValid() || index.row() >= m_rows.size() || index.column() >= ColumnCount)
        return {};
    const Row &row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return singleLine(cell(row, index.column()).left(maxCellChars));
    case Qt::ToolTipRole: {
        QString plain = cell(row, index.column()).left(maxToolTipChars);
        if (row.state == BounceRowState::Failed)
            plain = tr("Not deleted: %1").arg(row.why) + u'\n' + plain;
        else if (row.state == BounceRowState::Unconfirmed)
            plain = tr("Delete not confirmed: %1").arg(row.why) + u'\n' + plain;
        return plain.trimmed().isEmpty() ? QVariant() : QVariant(escapedToolTip(plain));
    }
    case Qt::FontRole:
        if (row.state == BounceRowState::Deleting) {
            QFont font;
            font.setItalic(true);
            return font;
        }
        return {};
    case Qt::BackgroundRole:
        // As the main table marks them: failed tinted red, unconfirmed amber (the tooltip
        // says why, so colour is not the only cue).
        if (row.state == BounceRowState::Failed)
            return QBrush(QColor(246, 210, 213));
        if (row.state == BounceRowState::Unconfirmed)
            return QBrush(QColor(255, 238, 186));
        return {};
    case Qt::ForegroundRole:
        if (row.state == BounceRowState::Failed || row.state == BounceRowState::Unconfirmed)
            return QBrush(QColor(33, 37, 41)); // readable on the tint in dark themes too
        return {};
    case StateRole:
        return int(row.state);
    default:
        return {};
    }
}

QVariant FindResultsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case CustomerColumn:
        return tr("Customer");
    case ListColumn:
        return tr("List");
    case EmailColumn:
        return tr("Email");
    case StatusColumn:
        return tr("Status");
    case ReasonColumn:
        return tr("Reason");
    case CreatedColumn:
        return tr("Created");
    case ColumnCount:
        break;
    }
    return {};
}

void FindResultsModel::clear() {
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

void FindResultsModel::appendHits(const QList<AddressHit> &hits) {
    if (hits.isEmpty())
        return;
    const int first = int(m_rows.size());
    beginInsertRows(QModelIndex(), first, first + int(hits.size()) - 1);
    for (const AddressHit &hit : hits)
        m_rows.append(Row{hit, BounceRowState::Normal, QString()});
    endInsertRows();
}

QList<int> FindResultsModel::rowsOf(const Tenant &tenant, SuppressionList list,
                                    const QString &email, const QString &group) const {
    QList<int> rows;
    for (int i = 0; i < m_rows.size(); ++i) {
        const AddressHit &hit = m_rows.at(i).hit;
        if (hit.list == list && hit.tenant.kind == tenant.kind && hit.tenant.id == tenant.id &&
            hit.email.compare(email, Qt::CaseInsensitive) == 0 &&
            (group.isEmpty() || hit.group == group))
            rows.append(i);
    }
    return rows;
}

void FindResultsModel::setState(const QList<int> &rows, BounceRowState state, const QString &why) {
    for (const int row : rows) {
        if (row < 0 || row >= m_rows.size())
            continue;
        m_rows[row].state = state;
        m_rows[row].why = why;
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    }
}

void FindResultsModel::removeRowList(QList<int> rows) {
    // From the last up, so the indexes still to go stay valid; neighbours go together.
    std::sort(rows.begin(), rows.end(), std::greater<int>());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    qsizetype i = 0;
    while (i < rows.size()) {
        const int last = rows.at(i);
        int first = last;
        while (i + 1 < rows.size() && rows.at(i + 1) == first - 1) {
            ++i;
            --first;
        }
        ++i;
        if (first < 0 || last >= m_rows.size())
            continue;
        beginRemoveRows(QModelIndex(), first, last);
        m_rows.remove(first, last - first + 1);
        endRemoveRows();
    }
}
