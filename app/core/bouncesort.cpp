#include "bouncesort.h"

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
    std::vector<quint64> packed(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const quint64 key = descending ? keyMax - keyOf(rows[i]) : keyOf(rows[i]);
        packed[i] = (key << rowBits) | rows[i];
    }
    if (packed.size() < radixThreshold) {
        std::sort(packed.begin(), packed.end());
    } else {
        std::vector<quint64> scratch(packed.size());
        radixSort(packed.data(), packed.data() + packed.size(), scratch.data(), keyBits + rowBits,
                  [](quint64 value) { return value; });
    }
    const quint64 rowMask = (quint64(1) << rowBits) - 1;
    for (std::size_t i = 0; i < rows.size(); ++i)
        rows[i] = quint32(packed[i] & rowMask);
    return true;
}

// ---- texts: sixteen (ASCII-folded) bytes per round, deeper only where rows still tie.

struct Item {
    quint64 hi, lo; // sixteen bytes from `depth` on, big-endian, complemented when descending
    quint32 row;
    quint32 tail; // 0..16: the text ends after that many of the sixteen bytes; 17: it goes on
};
constexpr std::size_t keyBytes = 16;
constexpr quint32 goesOnAscending = keyBytes + 1;

bool itemLess(const Item &a, const Item &b) {
    if (a.hi != b.hi)
        return a.hi < b.hi;
    if (a.lo != b.lo)
        return a.lo < b.lo;
    if (a.tail != b.tail)
        return a.tail < b.tail;
    return a.row < b.row;
}

bool sameKey(const Item &a, const Item &b) {
    return a.hi == b.hi && a.lo == b.lo && a.tail == b.tail;
}

constexpr unsigned char foldAscii(unsigned char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<unsigned char>(c + ('a' - 'A')) : c;
}

quint64 bigEndianFolded(const unsigned char *bytes, std::size_t count) {
    quint64 key = 0;
    for (std::size_t i = 0; i < 8; ++i)
        key = (key << 8) | (i < count ? foldAscii(bytes[i]) : 0u);
    return key;
}

// Within an equal key, a text that ends is a prefix of one that goes on, and a shorter
// ending text a prefix of a longer one, so (key, tail) orders exactly like the bytes.
void loadKey(Item &item, std::string_view text, std::size_t depth, bool descending) {
    const std::size_t remaining = text.size() > depth ? text.size() - depth : 0;
    const auto *bytes = reinterpret_cast<const unsigned char *>(text.data()) + depth;
    quint64 hi = bigEndianFolded(bytes, std::min<std::size_t>(remaining, 8));
    quint64 lo =
        remaining > 8 ? bigEndianFolded(bytes + 8, std::min<std::size_t>(remaining - 8, 8)) : 0;
    quint32 tail = remaining > keyBytes ? goesOnAscending : quint32(remaining);
    if (descending) {
        hi = ~hi;
        lo = ~lo;
        tail = goesOnAscending - tail;
    }
    item.hi = hi;
    item.lo = lo;
    item.tail = tail;
}

template<typename TextOf>
std::size_t commonPrefix(const Item *first, const Item *last, std::size_t from, TextOf textOf) {
    const std::string_view reference = textOf(first->row);
    std::size_t common = reference.size();
    for (const Item *item = first + 1; item != last && common > from; ++item) {
        const std::string_view text = textOf(item->row);
        const std::size_t limit = std::min(common, text.size());
        std::size_t i = from;
        while (i < limit && foldAscii(static_cast<unsigned char>(text[i])) ==
                                foldAscii(static_cast<unsigned char>(reference[i])))
            ++i;
        common = i;
    }
    return common;
}

// Items of every range are in row order on entry (the radix passes are stable and the
// small sorts compare rows last), which keeps ties in row order and makes the key reads
// walk the arena forwards.
template<typename TextOf>
void sortByText(std::vector<Item> &items, bool descending, TextOf textOf) {
    struct Range {
        std::size_t begin, end, depth;
    };
    const quint32 goesOn = descending ? 0 : goesOnAscending;
    std::vector<Item> scratch;
    std::vector<Range> todo{{0, items.size(), 0}};
    while (!todo.empty()) {
        const Range range = todo.back();
        todo.pop_back();
        Item *const first = items.data() + range.begin;
        Item *const last = items.data() + range.end;
        bool allSame = true;
        for (Item *item = first; item != last; ++item) {
            loadKey(*item, textOf(item->row), range.depth, descending);
            allSame = allSame && sameKey(*item, *first);
        }
        if (allSame) {
            // Equal texts stay in row order; a longer shared prefix is skipped in one step.
            if (first->tail == goesOn)
                todo.push_back({range.begin, range.end,
                                commonPrefix(first, last, range.depth + keyBytes, textOf)});
            continue;
        }
        if (std::size_t(last - first) < radixThreshold) {
            std::sort(first, last, itemLess);
        } else {
            // Radix on the first eight bytes, then the short runs that share them are
            // finished in cache from the second eight already loaded.
            scratch.resize(std::size_t(last - first));
            radixSort(first, last, scratch.data(), 64, [](const Item &item) { return item.hi; });
            for (Item *run = first; run != last;) {
                Item *end = run + 1;
                while (end != last && end->hi == run->hi)
                    ++end;
                if (end - run > 1)
                    std::sort(run, end, itemLess);
                run = end;
            }
        }
        for (Item *run = first; run != last;) {
            Item *end = run + 1;
            while (end != last && sameKey(*end, *run))
                ++end;
            if (end - run > 1 && run->tail == goesOn)
                todo.push_back({std::size_t(run - items.data()), std::size_t(end - items.data()),
                                range.depth + keyBytes});
            run = end;
        }
    }
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

template<typename KeyOf>
void sortNumericOrFallback(std::vector<quint32> &rows, int keyBits, bool descending, KeyOf keyOf) {
    if (sortNumeric(rows, keyBits, descending, keyOf))
        return;
    // More rows than the packed form holds: compare (key, row) pairs instead.
    std::vector<Item> items(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const quint64 key = keyOf(rows[i]);
        items[i] = Item{descending ? ~key : key, 0, rows[i], 0};
    }
    std::sort(items.begin(), items.end(), itemLess);
    for (std::size_t i = 0; i < rows.size(); ++i)
        rows[i] = items[i].row;
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
    case BounceSortKey::Email:
    case BounceSortKey::Reason:
        break;
    }
    std::vector<Item> items(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i)
        items[i] = Item{0, 0, rows[i], 0};
    if (key == BounceSortKey::Email)
        sortByText(items, descending, [&store](quint32 row) { return store.foldedEmailUtf8(row); });
    else
        sortByText(items, descending, [&store](quint32 row) { return store.reasonUtf8(row); });
    for (std::size_t i = 0; i < rows.size(); ++i)
        rows[i] = items[i].row;
}
