#pragma once

#include "bouncefilter.h"
#include "bouncerowflags.h"
#include "bouncesort.h"
#include "bouncetablerows.h"
#include "newestresultrunner.h"
#include "suppressionlist.h"

#include <QAbstractTableModel>
#include <QSet>
#include <QStringList>

#include <functional>
#include <vector>

class QTimer;

// One suppression list of one customer as a table: a thin adapter of BounceTableRows (which rows
// are shown, in what order, in what state) to Qt's views. Sorting and filtering happen over a
// vector of store rows with keys precomputed once per load (created as an integer, status as a
// number, email case-folded) — QSortFilterProxyModel takes seconds at a million rows.
// Rows leave in place by address, in contiguous runs, highest first.
// Columns: those of the list (setList(), bounces by default), in issue 13's order
// (suppressionColumns()): bounces and blocks Email, Status, Reason, Created, Type, Class;
// invalid emails Email, Reason, Created; spam reports Email, IP, Created; unsubscribes Email,
// Created; group unsubscribes Email, Group ID, Group name, Created. Every list keeps its rows in
// the store's slots (status | ip | group id; reason | group name). The text filter looks in the
// text columns shown; the type and class filters apply to lists with a status only.
// Class is the class derived from status and reason (bounceclass.h), stored per row when the
// row arrives; its tooltip says it is derived and what usually helps.
// Sorting: ties keep arrival order in both directions; Type sorts unknown < soft < hard; Class
// in the order of allBounceClasses (Unclassified last); rows without a created time come
// first ascending, last descending. Filter and sort changes are
// layout changes (persistent indexes follow their rows; hidden ones become invalid).
// Cells show at most 1000 characters (a reason on one line); tooltips are escaped rich text.
//
// Large lists (defaultAsyncThreshold rows and more, or as set) are sorted and filtered on worker
// threads over a snapshot of the store, and the finished order is applied in one layout change;
// until then the table shows the previous order and sortColumn()/filter() already say what was
// asked. A newer request drops the result of an older one. Clearing the filter is cheap and
// always immediate. Smaller lists are sorted and filtered at once, in the call.
// (What that costs at a million rows: tests/benchmark/README.md.)
class BounceTableModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    // The sections of bounces and blocks (column 0, the email, is every list's first); other
    // lists' sections: section(). ColumnCount is the most columns any list has.
    enum Column {
        EmailColumn,
        StatusColumn,
        ReasonColumn,
        CreatedColumn,
        TypeColumn,
        ClassColumn,
        ColumnCount
    };
    enum Role {
        SortKeyRole = Qt::UserRole + 1, // raw value: qint64 created, uint status, folded email,
                                        // int(BounceKind) type, int(BounceClass) class, texts
        KindRole,                       // int(BounceKind)
        StoreRowRole,                   // qsizetype row in store()
        StateRole,                      // int(RowState)
        StateTextRole,                  // the row's state in words, with its reason (plain)
    };
    using Filter = BounceFilter;
    using TypeFilter = BounceFilter::Type;
    using RowState = BounceRowState; // shown by the view (failed/unconfirmed rows stay, marked)

    static constexpr qsizetype defaultAsyncThreshold = 50'000;
    static constexpr int announceIntervalMs = 100;

    explicit BounceTableModel(QObject *parent = nullptr);
    ~BounceTableModel() override;
    Q_DISABLE_COPY_MOVE(BounceTableModel)

    // Loading: reset() for a new customer, appendRows() per batch as it arrives (shown at once,
    // in arrival order, filtered), loadFinished() applies the current sort over everything.
    // sort(-1) shows arrival order. Past the async threshold, batches are shown together
    // every announceIntervalMs (each insertion costs the views a relayout and a repaint).
    void reset(const QString &customer);
    // Which list the rows are of: decides the columns, what the filter reads and what an
    // export writes. A change resets the columns (listChanged() follows) and clears the rows:
    // each list brings its own store (reset()/appendRows() or replaceRows() after).
    void setList(SuppressionList list);
    SuppressionList list() const { return m_list; }
    const QList<SuppressionColumn> &columns() const { return m_columns; }
    SuppressionColumn columnAt(int section) const { return m_columns.at(section); }
    int section(SuppressionColumn column) const { return int(m_columns.indexOf(column)); } // -1
    static QString columnTitle(SuppressionColumn column); // the header's words, translated
    void appendRows(const BounceStore &batch);
    void appendRows(BounceStore &&batch); // takes the text without copying it (see BounceStore)
    void loadFinished();
    // A complete list that replaces the rows shown (a refresh): the old rows stay until the
    // new ones are filtered and sorted, then one reset shows them and rowsReplaced() follows.
    // Row states and removals start afresh with the new rows.
    void replaceRows(const QString &customer, BounceStore &&rows);
    void cancelReplacement(); // the rows shown stay; rowsReplaced() does not come
    QString customer() const { return m_customer; }
    bool isLoading() const { return m_loading; } // between reset() and loadFinished()

    // True while a sort, filter or replacement is computed on a worker thread.
    bool isBusy() const;
    void setAsyncThreshold(qsizetype rows) { m_asyncThreshold = rows; } // 0: always
    // For tests: returns once no worker computes; what they computed is then queued to this
    // thread (see NewestResultRunner::waitForComputations).
    void waitForWorkers() { m_work.waitForComputations(); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    int sortColumn() const { return m_sortColumn; }
    Qt::SortOrder sortOrder() const { return m_sortOrder; }

    void setFilter(const Filter &filter);
    const Filter &filter() const { return m_filter; }
    // filter() as the list reads it: its text in the slots shown, type and class only where
    // the list has a status. What every match runs with.
    Filter listFilter() const;

    qsizetype totalRows() const { return m_rows.presentCount(); } // filtered or not
    qsizetype shownRows() const { return m_rows.shownCount(); }
    const BounceStore &store() const { return m_rows.store(); }
    // BounceRowFlags per store row (removed, accepted, state): what a count over the rows
    // beside the table copies with a store snapshot.
    const std::vector<quint8> &rowFlags() const { return m_rows.flags(); }
    BounceStore::Row storeRow(int viewRow) const;
    // Changes whenever the rows are replaced (a reset, a refresh): store rows taken before then
    // name other rows, or none, afterwards.
    quint64 storeGeneration() const { return m_rows.storeGeneration(); }
    // A copy of the rows present (removed ones left out), in arrival order: to keep a list
    // while another is shown, and show it again later with appendRows().
    BounceStore presentRows() const;
    Bounce bounceAt(int viewRow) const;
    // The store rows shown, in the order shown (for CSV export of "what the table shows").
    std::vector<BounceStore::Row> visibleStoreRows() const;

    // Group unsubscribes are named by RowKey pairs wherever the methods below take `emails`:
    // a row is one (address, group) pair, and only that pair's row is meant.
    bool takesPairKeys() const { return m_rows.pairKeys(); }
    QString rowKey(BounceStore::Row row) const { return m_rows.keyOf(row); } // address or pair

    // Removes every row (shown or hidden) whose email equals one of `emails` exactly and
    // returns how many rows that removed. Few contiguous runs of shown rows leave with
    // beginRemoveRows (highest first); many runs leave in one layout change. The addresses are
    // looked up in an index, but each call passes over the rows shown once, so pass a batch of
    // confirmed addresses rather than one call per address.
    qsizetype removeEmails(const QSet<QString> &emails);
    // Marks every present row of these addresses; dataChanged covers the changed shown rows.
    // For Failed and Unconfirmed, `reason` (plain text: why, e.g. "not sent: connection
    // refused") stays with those addresses until their state changes again.
    void setRowState(const QSet<QString> &emails, RowState state, const QString &reason = {});
    RowState rowState(BounceStore::Row row) const;
    QString rowStateReason(BounceStore::Row row) const; // empty unless Failed or Unconfirmed

Q_SIGNALS:
    void busyChanged(bool busy);
    void listAboutToChange(SuppressionList from); // the old columns are still there
    void listChanged(SuppressionList list);
    void rowsReplaced(); // replaceRows() is done: the new rows are shown
    // Rows were appended or removed, shown or not (a filter may hide them: then no other
    // signal says so). A reset or replacement says it with modelReset instead.
    void presentRowsChanged();

private:
    enum Lane { SortLane, FilterLane, ReplaceLane, IndexLane };

    bool runsAsync(qsizetype rows) const { return rows >= m_asyncThreshold; }
    bool isReplacing() const { return m_work.isPending(ReplaceLane); }
    // `compute` (which reads only what it captured) on the lane's worker when `async`, else
    // right here; either way `apply` then runs on this thread, unless the lane moved on.
    template<typename Result>
    void runOnLane(Lane lane, bool async, std::function<Result()> compute,
                   std::function<void(Result &)> apply) {
        if (async) {
            m_work.start<Result>(lane, std::move(compute), std::move(apply));
            return;
        }
        m_work.cancel(lane);
        Result result = compute();
        apply(result);
    }
    void announceRows(); // inserts the rows appended but not yet shown
    void rowsAppended(qsizetype accepted);
    BounceSortKey currentSortKey() const;
    void startReplacement();
    // `afterReplacement`: the list took another's place, and the memory that one and the
    // refresh's load freed into malloc's heaps is given back once the index is built.
    void startIndexing(bool afterReplacement = false);
    void setBusy();
    // Runs `change` between layoutAboutToBeChanged and layoutChanged and moves persistent
    // indexes to where their rows went (invalid when a row is no longer shown): found by a
    // pass over the rows shown, or by `newPosition` (old view row -> new one, -1 when gone).
    void changeLayout(const std::function<void()> &change,
                      QAbstractItemModel::LayoutChangeHint hint,
                      const std::function<int(int)> &newPosition = {});
    QString displayText(BounceStore::Row row, int column) const;
    // What a row's state means, for its tooltip (empty for Normal).
    static QString rowStateText(RowState state, const QString &reason);
    QVariant sortKey(BounceStore::Row row, int column) const;
    static QString classToolTip(BounceClass bounceClass); // plain

    QString m_customer;
    SuppressionList m_list = SuppressionList::Bounces;
    QList<SuppressionColumn> m_columns = suppressionColumns(SuppressionList::Bounces);
    BounceTableRows m_rows;
    QTimer *m_announceTimer;
    Filter m_filter; // asked for (m_rows says what its flags stand for)
    int m_sortColumn = CreatedColumn;
    Qt::SortOrder m_sortOrder = Qt::DescendingOrder; // newest first
    bool m_loading = false;
    bool m_busy = false;
    bool m_indexWanted = false; // build the index once the first order of a list is shown
    qsizetype m_asyncThreshold = defaultAsyncThreshold;
    QString m_incomingCustomer;
    BounceStore m_incoming; // replaceRows() rows while they are prepared
    NewestResultRunner m_work{this};
};
