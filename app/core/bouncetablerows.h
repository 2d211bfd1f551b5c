#pragma once

#include "bounceemailindex.h"
#include "bouncefilter.h"
#include "bounceorderwork.h"
#include "bouncerowflags.h"
#include "bouncestore.h"

#include <QHash>
#include <QSet>
#include <QString>

#include <memory>
#include <optional>
#include <vector>

// The rows of the bounce table and which of them are shown, in what order: the store, a byte
// of flags per row (accepted by the filter, removed, delete state), the sort order, the rows
// shown (the accepted rows of the order) and the addresses' index. Plain bookkeeping with no
// signals, so it is tested without Qt's models; BounceTableModel adapts it to the views and
// announces each change. Rows are numbered as in the store and never move there; removed ones
// stay in the store, flagged, and leave the order at the next sort.
//
// Changes of what is shown come in two steps where a view must hear of them first: remove()
// and append() change the flags and say which shown positions change; eraseShown() and
// showAppended() then change what is shown. setOrder(), setAccepted() and replace() show
// every accepted row of the new order at once, appended ones included.
class BounceTableRows final {
public:
    struct ShownRange {
        int first, last; // positions among the rows shown, inclusive
    };
    // What remove() found: how many rows, and the runs of shown rows about to leave.
    struct Removal {
        qsizetype rows = 0;
        std::vector<ShownRange> runs; // ascending, each run contiguous
        // Few runs, each cheap to erase (every erase moves all the rows after it): then they
        // leave one by one, else in one pass (and one layout change).
        bool oneByOne = true;
        // Where the row shown at `position` is shown once the runs left; -1 when it left.
        int positionAfter(int position) const;

    private:
        friend class BounceTableRows;
        std::vector<int> removedBefore; // per run: rows of the runs before it
    };

    // Empty, with the Accepted flags standing for `filter` (there being no row yet).
    void clear(const BounceFilter &filter);

    // Appends a batch; its rows are judged by `filter` (the one asked for, even while another
    // one is being computed: then the flags no longer stand for a single filter). Accepted rows
    // wait for showAppended(). Returns how many were accepted.
    qsizetype append(const BounceStore &batch, const BounceFilter &filter);
    qsizetype append(BounceStore &&batch, const BounceFilter &filter); // takes the text
    qsizetype appendedCount() const { return qsizetype(m_appended.size()); }
    void showAppended(); // shows the accepted rows appended since, after the rows shown

    const BounceStore &store() const { return m_store; }
    // Counts the stores these rows have lived in (clear() and replace() each begin one): a store
    // row taken under one generation means another row, or none, under the next.
    quint64 storeGeneration() const { return m_storeGeneration; }
    const std::vector<quint8> &flags() const { return m_flags; } // BounceRowFlags per store row
    qsizetype presentCount() const { return m_store.size() - m_removedCount; }
    int shownCount() const { return int(m_shown.size()); }
    quint32 shownRow(int position) const { return m_shown[std::size_t(position)]; }
    const std::vector<quint32> &shown() const { return m_shown; }
    BounceRowState state(BounceStore::Row row) const;
    // The filter the Accepted flags stand for; none while they are mixed (rows appended while
    // another filter was being computed), when a narrowing filter must read every row again.
    std::optional<BounceFilter> acceptedFilter() const;

    // `order` holds the rows present when a sort began (the first `snapshotRows` of the
    // store): rows removed since leave it, rows appended since follow it in arrival order.
    void setOrder(std::vector<quint32> &order, qsizetype snapshotRows);
    // Takes the Accepted bits of `flags` (rows present when the filter began; rows appended
    // since were judged on arrival), which stand for `filter`. A removed row stays hidden.
    void setAccepted(const std::vector<quint8> &flags, const BounceFilter &filter);
    // A complete new list (a refresh), prepared for `filter`: nothing of the old rows stays.
    void replace(BounceStore &store, BounceOrderWork::Prepared &prepared,
                 const BounceFilter &filter);

    // The email hash of every row, for building the index elsewhere: never changed in place
    // while such a copy is held (rows appended meanwhile copy it first).
    std::shared_ptr<const std::vector<quint32>> emailHashes() const { return m_emailHashes; }
    // An index built over (a prefix of) emailHashes(); lookups bring it up to date themselves.
    void setEmailIndex(BounceEmailIndex index) { m_emailIndex = std::move(index); }

    // What remove() and setState() are given: addresses (every row of each), or for group
    // unsubscribes RowKey pairs (the row of that address in that group, its status slot).
    void setPairKeys(bool pairs) { m_pairKeys = pairs; }
    bool pairKeys() const { return m_pairKeys; }
    // The key naming `row` (its address, or its pair).
    QString keyOf(BounceStore::Row row) const;

    // Flags every present row whose email equals one of `emails` exactly (and, for pair keys,
    // whose group is the pair's) as removed (and no longer accepted); what is shown changes
    // with eraseShown().
    Removal remove(const QSet<QString> &emails);
    void eraseShown(const ShownRange &run);  // one run of a removal, the last run first
    void eraseShown(const Removal &removal); // all runs at once
    // Sets the state of every present row of these addresses; returns the shown ranges that
    // changed (one range spanning them all when there are many). For Failed and Unconfirmed,
    // `reason` (plain text) stays with those addresses until their state changes again.
    std::vector<ShownRange> setState(const QSet<QString> &emails, BounceRowState state,
                                     const QString &reason = {});
    QString stateReason(BounceStore::Row row) const; // empty unless Failed or Unconfirmed

    // Where each of `rows` (store rows) is shown, -1 when it is not: one pass over the shown.
    std::vector<int> shownPositions(const std::vector<quint32> &rows) const;

private:
    void judgeAppended(quint32 first, const BounceFilter &filter);
    std::vector<quint32> find(const QSet<QString> &emails); // present rows, in store order
    void rebuildShown();

    BounceStore m_store;
    std::vector<quint8> m_flags; // per store row, BounceRowFlags
    // Per store row: finds rows by address without rehashing. Shared with a worker that builds
    // the index (copied before a change while it does).
    std::shared_ptr<std::vector<quint32>> m_emailHashes = std::make_shared<std::vector<quint32>>();
    BounceEmailIndex m_emailIndex;   // rows by address, brought up to date on lookup
    std::vector<quint32> m_order;    // rows in sort order (arrival order while loading);
                                     // removed ones may linger until the next sort
    std::vector<quint32> m_shown;    // the accepted rows of m_order
    std::vector<quint32> m_appended; // accepted rows appended since showAppended()
    qsizetype m_removedCount = 0;
    quint64 m_storeGeneration = 0;
    // Why a delete failed, by key: only the Failed and Unconfirmed rows have an entry.
    QHash<QString, QString> m_stateReasons;
    bool m_pairKeys = false;
    BounceFilter m_acceptedFilter; // what the Accepted flags stand for...
    bool m_flagsMixed = false;     // ...unless rows came while another filter was computed
};
