#pragma once

#include "bouncestore.h"

#include <QAbstractTableModel>
#include <QDate>
#include <QSet>
#include <QStringList>

#include <vector>

// The bounce list of one customer as a table. Sorting and filtering happen here, over a vector
// of store rows with keys precomputed once per load (created as an integer, status as a
// number, email case-folded) — QSortFilterProxyModel takes seconds at a million rows.
// Rows leave in place by address, in contiguous runs, highest first.
class BounceTableModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { EmailColumn, StatusColumn, TypeColumn, ReasonColumn, CreatedColumn, ColumnCount };
    enum Role {
        SortKeyRole = Qt::UserRole + 1, // raw value: qint64 created, uint status, folded email
        KindRole,                       // int(BounceKind)
        StoreRowRole,                   // qsizetype row in store()
        StateRole,                      // int(RowState)
    };
    enum class TypeFilter { All, Hard, Soft };
    // A row's delete state, shown by the view (failed/unconfirmed rows stay, marked).
    enum class RowState : quint8 { Normal, Deleting, Failed, Unconfirmed };

    struct Filter {
        QString text;      // case-insensitive substring of email, reason or status
        TypeFilter type = TypeFilter::All;
        QDate from, to;    // inclusive created date range; invalid = open end
        bool isEmpty() const;
        friend bool operator==(const Filter &a, const Filter &b);
    };

    explicit BounceTableModel(QObject *parent = nullptr);
    Q_DISABLE_COPY_MOVE(BounceTableModel)

    // Loading: reset() for a new customer, appendRows() per batch as it arrives (shown at once,
    // in arrival order, filtered), loadFinished() applies the current sort over everything.
    void reset(const QString &customer);
    void appendRows(const BounceStore &batch);
    void loadFinished();
    QString customer() const { return m_customer; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    int sortColumn() const { return m_sortColumn; }
    Qt::SortOrder sortOrder() const { return m_sortOrder; }

    void setFilter(const Filter &filter);
    const Filter &filter() const { return m_filter; }

    qsizetype totalRows() const;  // rows of the customer still present (filtered or not)
    qsizetype shownRows() const { return qsizetype(m_visible.size()); }
    const BounceStore &store() const { return m_store; }
    BounceStore::Row storeRow(int viewRow) const;
    Bounce bounceAt(int viewRow) const;
    // The store rows shown, in the order shown (for CSV export of "what the table shows").
    std::vector<BounceStore::Row> visibleStoreRows() const;

    // Removes every row (shown or hidden) whose email equals one of `emails` exactly.
    // Returns how many rows left.
    qsizetype removeEmails(const QSet<QString> &emails);
    void setRowState(const QSet<QString> &emails, RowState state);
    RowState rowState(BounceStore::Row row) const;

private:
    bool accepts(BounceStore::Row row) const;
    void rebuildVisible();
    void sortVector(std::vector<BounceStore::Row> &rows) const;

    QString m_customer;
    BounceStore m_store;
    std::vector<quint8> m_removed;      // per store row: 1 once the server deleted it
    std::vector<RowState> m_states;     // per store row
    std::vector<BounceStore::Row> m_visible;
    qsizetype m_removedCount = 0;
    Filter m_filter;
    int m_sortColumn = CreatedColumn;
    Qt::SortOrder m_sortOrder = Qt::DescendingOrder; // newest first
    bool m_loading = false;
};
