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
// Sorting: ties keep arrival order in both directions; Type sorts unknown < soft < hard; rows
// without a created time come first ascending, last descending. Filter and sort changes are
// layout changes (persistent indexes follow their rows; hidden ones become invalid).
// Cells show at most 1000 characters (a reason on one line); tooltips are escaped rich text.
// Measured at 1M rows (RelWithDebInfo, CPU time): sort 15-170 ms, filter keystroke 10-70 ms,
// removing 10,000 scattered addresses ~30 ms. Sort and filter run on the calling thread.
class BounceTableModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { EmailColumn, StatusColumn, TypeColumn, ReasonColumn, CreatedColumn, ColumnCount };
    enum Role {
        SortKeyRole = Qt::UserRole + 1, // raw value: qint64 created, uint status, folded email,
                                        // int(BounceKind) type, reason text
        KindRole,                       // int(BounceKind)
        StoreRowRole,                   // qsizetype row in store()
        StateRole,                      // int(RowState)
    };
    enum class TypeFilter { All, Hard, Soft };
    // A row's delete state, shown by the view (failed/unconfirmed rows stay, marked).
    enum class RowState : quint8 { Normal, Deleting, Failed, Unconfirmed };

    struct Filter {
        QString text; // case-insensitive substring of email, reason or status
        TypeFilter type = TypeFilter::All;
        QDate from, to; // inclusive created date range; invalid = open end
        bool isEmpty() const;
        friend bool operator==(const Filter &a, const Filter &b);
    };

    explicit BounceTableModel(QObject *parent = nullptr);
    Q_DISABLE_COPY_MOVE(BounceTableModel)

    // Loading: reset() for a new customer, appendRows() per batch as it arrives (shown at once,
    // in arrival order, filtered), loadFinished() applies the current sort over everything.
    // sort(-1) shows arrival order.
    void reset(const QString &customer);
    void appendRows(const BounceStore &batch);
    void loadFinished();
    QString customer() const { return m_customer; }
    bool isLoading() const { return m_loading; } // between reset() and loadFinished()

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    int sortColumn() const { return m_sortColumn; }
    Qt::SortOrder sortOrder() const { return m_sortOrder; }

    void setFilter(const Filter &filter);
    const Filter &filter() const { return m_filter; }

    qsizetype totalRows() const; // rows of the customer still present (filtered or not)
    qsizetype shownRows() const { return qsizetype(m_visible.size()); }
    const BounceStore &store() const { return m_store; }
    BounceStore::Row storeRow(int viewRow) const;
    Bounce bounceAt(int viewRow) const;
    // The store rows shown, in the order shown (for CSV export of "what the table shows").
    std::vector<BounceStore::Row> visibleStoreRows() const;

    // Removes every row (shown or hidden) whose email equals one of `emails` exactly and
    // returns how many rows that removed. Few contiguous runs of shown rows leave with
    // beginRemoveRows (highest first); many runs leave in one layout change. Each call scans
    // the rows once, so pass a batch of confirmed addresses rather than one call per address.
    qsizetype removeEmails(const QSet<QString> &emails);
    // Marks every present row of these addresses; dataChanged covers the changed shown rows.
    void setRowState(const QSet<QString> &emails, RowState state);
    RowState rowState(BounceStore::Row row) const;

private:
    // Per store row, one byte: the RowState in the low bits plus two flags.
    enum RowFlag : quint8 { StateMask = 0x03, RemovedFlag = 0x04, AcceptedFlag = 0x08 };

    std::vector<quint32> findRows(const QSet<QString> &emails) const;
    void refilter(const Filter &previous);
    void rebuildVisible();
    // Runs `change` between layoutAboutToBeChanged and layoutChanged and moves persistent
    // indexes to where their rows went (invalid when a row is no longer shown).
    template<typename Change>
    void changeLayout(Change change, QAbstractItemModel::LayoutChangeHint hint);
    QString displayText(BounceStore::Row row, int column) const;
    QVariant sortKey(BounceStore::Row row, int column) const;

    QString m_customer;
    BounceStore m_store;
    std::vector<quint8> m_flags;        // per store row, RowFlag
    std::vector<quint32> m_emailHashes; // per store row: finds rows by address without rehashing
    std::vector<quint32> m_order;       // present rows in sort order (arrival order while loading)
    std::vector<quint32> m_visible;     // the accepted rows of m_order, what the view shows
    qsizetype m_removedCount = 0;
    Filter m_filter;
    int m_sortColumn = CreatedColumn;
    Qt::SortOrder m_sortOrder = Qt::DescendingOrder; // newest first
    bool m_loading = false;
};
