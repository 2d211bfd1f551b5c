#pragma once

#include "bouncefilter.h"
#include "bouncesort.h"
#include "bouncestore.h"

#include <vector>

// What the table computes over all its rows, written as plain functions of a snapshot so they
// run on a worker thread as well as inline: nothing here touches the model or its rows.
// `flags` are BounceRowFlags per store row (only rows below flags.size() count).
namespace BounceOrderWork {

// The hash rows are found by address with (BounceEmailIndex).
quint32 emailHash(std::string_view email);
std::vector<quint32> emailHashes(const BounceStore &store);

// The rows not removed, ordered by `key`.
std::vector<quint32> sortedRows(const BounceStore &store, const std::vector<quint8> &flags,
                                BounceSortKey key, bool descending);

// `flags` with the Accepted bit set as `filter` says. `applied` is the filter the Accepted
// bits in `flags` stand for (nullptr: they stand for no one filter): when `filter` only
// narrows it, rows it hid stay hidden unread.
std::vector<quint8> filteredFlags(const BounceStore &store, std::vector<quint8> flags,
                                  const BounceFilter &filter, const BounceFilter *applied);

// Everything the table needs to show a complete new list in one step (a refresh).
struct Prepared {
    std::vector<quint8> flags;
    std::vector<quint32> emailHashes;
    std::vector<quint32> order;
};
Prepared prepare(const BounceStore &store, const BounceFilter &filter, BounceSortKey key,
                 bool descending);

} // namespace BounceOrderWork
