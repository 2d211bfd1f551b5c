#include "bouncesort.h"

#include "bouncetextsort.h"
#include "largememory.h"

#include <algorithm>
#include <array>

namespace {

// Radix sorts below this size lose to std::sort.
constexpr std::size_t radixThreshold = 256;
constexpr int digitBits = 11; // 2048 buckets: the counts stay in L1
constexpr quint64 digitMask = (quint64(1) << digitBits) - 1;

int bitWidth(quint64 value) {
    int bits = 0;
    while (value) {
        ++bits;
        value >>= 1;
    }
    return bits;
}

// Stable LSD radix sort over the low `bits` bits of what `keyOf` returns; digits that are the
// same in every element cost one counting pass and no move.
template<typename T, typename KeyOf>
void radixSort(T *first, T *last, T *scratch, int bits, KeyOf keyOf) {
    const auto size = std::size_t(last - first);
    std::array<std::size_t, digitMask + 1> counts;
    T *from = first;
    T *to = scratch;
    for (int shift = 0; shift < bits; shift += digitBits) {
        counts.fill(0);
        for (std::size_t i = 0; i < size; ++i)
            ++counts[(keyOf(from[i]) >> shift) & digitMask];
        if (counts[(keyOf(from[0]) >> shift) & digitMask] == size)
            continue;
        std::size_t sum = 0;
        for (std::size_t &count : counts) {
            const std::size_t here = count;
            count = sum;
            sum += here;
        }
        for (std::size_t i = 0; i < size; ++i)
            to[counts[(keyOf(from[i]) >> shift) & digitMask]++] = from[i];
        std::swap(from, to);
    }
    if (from != first)
        std::copy(from, from + size, first);
}

// ---- numbers: key and row packed into one 64-bit value, ties fall to the row bits.

template<typename KeyOf>
bool sortNumeric(std::vector<quint32> &rows, int keyBits, bool descending, KeyOf keyOf) {
    const int rowBits =
        std::max(1, bitWidth(rows.empty() ? 0 : *std::max_element(rows.begin(), rows.end())));
    if (keyBits + rowBits > 64)
        return false;
    const quint64 keyMax =
        keyBits == 0 ? 0 : (keyBits == 64 ? ~quint64(0) : (quint64(1) << keyBits) - 1);
    // 8 MB each at a million rows, new memory at every sort: in 2 MiB pages (LargeMemory).
    const std::size_t size = rows.size();
    const LargeMemory::Array<quint64> packed = LargeMemory::allocateArray<quint64>(size);
    for (std::size_t i = 0; i < size; ++i) {
        const quint64 key = descending ? keyMax - keyOf(rows[i]) : keyOf(rows[i]);
        packed[i] = (key << rowBits) | rows[i];
    }
    if (size < radixThreshold) {
        std::sort(packed.get(), packed.get() + size);
    } else {
        const LargeMemory::Array<quint64> scratch = LargeMemory::allocateArray<quint64>(size);
        radixSort(packed.get(), packed.get() + size, scratch.get(), keyBits + rowBits,
                  [](quint64 value) { return value; });
    }
    const quint64 rowMask = (quint64(1) << rowBits) - 1;
    for (std::size_t i = 0; i < rows.size(); ++i)
        rows[i] = quint32(packed[i] & rowMask);
    return true;
}

quint64 kindRank(BounceKind kind) {
    switch (kind) {
    case BounceKind::Unknown:
        return 0;
    case BounceKind::Soft:
        return 1;
    case BounceKind::Hard:
        return 2;
    }
    return 0;
}

// The class's place in allBounceClasses: the order of the class filter and legends.
quint64 classRank(BounceClass bounceClass) {
    for (std::size_t i = 0; i < std::size(allBounceClasses); ++i) {
        if (allBounceClasses[i] == bounceClass)
            return quint64(i);
    }
    return std::size(allBounceClasses);
}

// A group id as a number, plus one; 0 for a text that is no whole number (empty, signed,
// anything but ASCII digits, or too long to be one), which then sorts first.
quint64 groupIdRank(std::string_view text) {
    if (text.empty() || text.size() > 18)
        return 0;
    quint64 value = 0;
    for (const char c : text) {
        if (c < '0' || c > '9')
            return 0;
        value = value * 10 + quint64(c - '0');
    }
    return value + 1;
}

template<typename KeyOf>
void sortNumericOrFallback(std::vector<quint32> &rows, int keyBits, bool descending, KeyOf keyOf) {
    if (sortNumeric(rows, keyBits, descending, keyOf))
        return;
    // More rows than the packed form holds: compare (key, row) pairs instead.
    std::vector<std::pair<quint64, quint32>> pairs(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const quint64 key = keyOf(rows[i]);
        pairs[i] = {descending ? ~key : key, rows[i]};
    }
    std::sort(pairs.begin(), pairs.end());
    for (std::size_t i = 0; i < rows.size(); ++i)
        rows[i] = pairs[i].second;
}

} // namespace

void sortBounceRows(const BounceStore &store, std::vector<quint32> &rows, BounceSortKey key,
                    bool descending) {
    if (!std::is_sorted(rows.begin(), rows.end()))
        std::sort(rows.begin(), rows.end());
    if (rows.size() < 2)
        return;
    switch (key) {
    case BounceSortKey::StoreOrder:
        return;
    case BounceSortKey::Created: // -1 (absent) becomes 0, below every real time
        sortNumericOrFallback(rows, 38, descending,
                              [&store](quint32 row) { return quint64(store.createdKey(row) + 1); });
        return;
    case BounceSortKey::Status:
        sortNumericOrFallback(rows, 32, descending,
                              [&store](quint32 row) { return quint64(store.statusKey(row)); });
        return;
    case BounceSortKey::Type:
        sortNumericOrFallback(rows, 2, descending,
                              [&store](quint32 row) { return kindRank(store.kind(row)); });
        return;
    case BounceSortKey::Class: {
        std::array<quint64, 8> ranks{};
        for (quint8 value = 0; value < ranks.size(); ++value)
            ranks[value] = classRank(BounceClass(value));
        sortNumericOrFallback(rows, 3, descending, [&store, &ranks](quint32 row) {
            return ranks[std::size_t(store.bounceClass(row))];
        });
        return;
    }
    case BounceSortKey::Email:
        sortRowsByText(store, rows, BounceTextColumn::FoldedEmail, descending);
        return;
    case BounceSortKey::StatusText:
        sortRowsByText(store, rows, BounceTextColumn::Status, descending);
        return;
    case BounceSortKey::GroupId: {
        // Packed with the row only as wide as the largest id needs (ids are small numbers).
        quint64 largest = 0;
        for (const quint32 row : rows)
            largest = std::max(largest, groupIdRank(store.statusUtf8(row)));
        sortNumericOrFallback(rows, std::max(1, bitWidth(largest)), descending,
                              [&store](quint32 row) { return groupIdRank(store.statusUtf8(row)); });
        return;
    }
    case BounceSortKey::Reason:
        sortRowsByText(store, rows, BounceTextColumn::Reason, descending);
        return;
    }
}
