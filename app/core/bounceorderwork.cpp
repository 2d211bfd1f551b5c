#include "bounceorderwork.h"

#include "bouncerowflags.h"
#include "bouncerowmatcher.h"
#include "runbeside.h"

#include <QHashFunctions>

namespace BounceOrderWork {

namespace {
constexpr std::size_t parallelRows = 65536; // from here on, two threads share a pass
} // namespace

quint32 emailHash(std::string_view email) {
    return quint32(qHashBits(email.data(), email.size(), 0));
}

std::vector<quint32> emailHashes(const BounceStore &store) {
    std::vector<quint32> hashes(std::size_t(store.size()));
    const auto hashRows = [&store, &hashes](std::size_t from, std::size_t to) {
        for (std::size_t row = from; row < to; ++row)
            hashes[row] = emailHash(store.emailUtf8(BounceStore::Row(row)));
    };
    const std::size_t half = hashes.size() / 2;
    if (hashes.size() < parallelRows)
        hashRows(0, hashes.size());
    else
        runBeside([&] { hashRows(half, hashes.size()); }, [&] { hashRows(0, half); });
    return hashes;
}

// Rows are collected in store order so the keys are read front to back.
std::vector<quint32> sortedRows(const BounceStore &store, const std::vector<quint8> &flags,
                                BounceSortKey key, bool descending) {
    std::vector<quint32> rows;
    rows.reserve(flags.size());
    for (quint32 row = 0; row < quint32(flags.size()); ++row) {
        if (!(flags[row] & BounceRowFlags::Removed))
            rows.push_back(row);
    }
    sortBounceRows(store, rows, key, descending);
    return rows;
}

namespace {

void filterRows(const BounceStore &store, std::vector<quint8> &flags, std::size_t from,
                std::size_t to, const BounceRowMatcher &matcher, bool narrowing) {
    const bool everything = matcher.acceptsEverything();
    for (std::size_t row = from; row < to; ++row) {
        quint8 &rowFlags = flags[row];
        if ((rowFlags & BounceRowFlags::Removed) ||
            (narrowing && !(rowFlags & BounceRowFlags::Accepted)))
            continue;
        if (everything || matcher.matches(store, BounceStore::Row(row)))
            rowFlags |= BounceRowFlags::Accepted;
        else
            rowFlags &= quint8(~BounceRowFlags::Accepted);
    }
}

} // namespace

// Scans in store order (the arena front to back); a large list in two halves at once.
std::vector<quint8> filteredFlags(const BounceStore &store, std::vector<quint8> flags,
                                  const BounceFilter &filter, const BounceFilter *applied) {
    const BounceRowMatcher matcher(filter);
    const bool narrowing =
        applied && !matcher.acceptsEverything() && matcher.narrows(BounceRowMatcher(*applied));
    const std::size_t rows = flags.size();
    if (rows < parallelRows || matcher.acceptsEverything()) {
        filterRows(store, flags, 0, rows, matcher, narrowing);
    } else {
        runBeside([&] { filterRows(store, flags, rows / 2, rows, matcher, narrowing); },
                  [&] { filterRows(store, flags, 0, rows / 2, matcher, narrowing); });
    }
    return flags;
}

Prepared prepare(const BounceStore &store, const BounceFilter &filter, BounceSortKey key,
                 bool descending) {
    Prepared prepared;
    prepared.emailHashes = emailHashes(store);
    prepared.flags = filteredFlags(
        store, std::vector<quint8>(std::size_t(store.size()), BounceRowFlags::Accepted), filter,
        nullptr);
    prepared.order = sortedRows(store, prepared.flags, key, descending);
    return prepared;
}

} // namespace BounceOrderWork
