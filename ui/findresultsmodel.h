#pragma once

#include "api/addresssearch.h"
#include "core/bouncerowflags.h"

#include <QAbstractTableModel>
#include <QList>

// The rows Find Address found: one per (customer, list, address, group), in the order the
// search delivered them, with each row's delete state. Every cell is the server's text or a
// stranger's, shown as plain text on one line (tooltips escaped), never as rich text.
class FindResultsModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        CustomerColumn,
        ListColumn,
        EmailColumn,
        StatusColumn,
        ReasonColumn,
        CreatedColumn,
        ColumnCount
    };
    enum Role { StateRole = Qt::UserRole + 1 }; // int(BounceRowState)
    // Longer cells are cut for the table (a reason may be megabytes); the tooltip has more.
    static constexpr qsizetype maxCellChars = 500;
    static constexpr qsizetype maxToolTipChars = 4000;

    explicit FindResultsModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    void clear();
    void appendHits(const QList<AddressHit> &hits);
    const AddressHit &hit(int row) const { return m_rows.at(row).hit; }
    BounceRowState state(int row) const { return m_rows.at(row).state; }
    QString stateReason(int row) const { return m_rows.at(row).why; }

    // Every row of this place and address, any case. Group unsubscribes: the row of that
    // group, or with an empty `group` every group's row of the address.
    QList<int> rowsOf(const Tenant &tenant, SuppressionList list, const QString &email,
                      const QString &group = {}) const;
    void setState(const QList<int> &rows, BounceRowState state, const QString &why = {});
    // Removes the rows (indexes into the current rows, any order).
    void removeRowList(QList<int> rows);

    // The customer cell: the username, or "(parent account)".
    static QString customerText(const Tenant &tenant);

private:
    struct Row {
        AddressHit hit;
        BounceRowState state = BounceRowState::Normal;
        QString why; // Failed / Unconfirmed: the reason, plain text
    };
    QString cell(const Row &row, int column) const;

    QList<Row> m_rows;
};
