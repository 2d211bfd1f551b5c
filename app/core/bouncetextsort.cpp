#include "bouncetextsort.h"

#include "largememory.h"
#include "runbeside.h"

#include <QtEndian>

#include <algorithm>
#include <array>
#include <condition_variable>
#include <cstring>
#include <memory>
#include <mutex>

// A most-significant-digit radix sort over the texts, a window of keyBytes bytes at a time.
// A round loads the window at the range's depth of every row in it, then orders the range by
// it with an in-place radix pass (American flag sort) per byte that not every row shares,
// small buckets by comparison. Rows whose windows tie and whose texts go on form the ranges of
// the next round; a range whose rows all share the next bytes skips them in one step. Rows
// whose texts are equal are put back in row order, which is what makes the sort stable.
//
// Reading the texts is the cost (a million rows are ~100 MB of text in no cache): each round
// reads one window per row, prefetched ahead, through a pointer looked up once (a 32-byte
// window, half the rounds, measured no faster: prefetched reads are cheap, moving bigger
// items is not; an 8-byte window instead of 16 sorts a million rows as fast within this
// machine's noise, with items 8 MB smaller). In place, the items are all the memory it takes:
// 24 bytes a row. From parallelRows rows on, the items are cut into independent ranges that two
// threads take turns at (work differs much between ranges: duplicates are cheap, long shared
// beginnings dear).

namespace {

constexpr std::size_t keyWords = 1;
constexpr std::size_t keyBytes = 8 * keyWords;
constexpr quint32 goesOnAscending = keyBytes + 1;
constexpr std::size_t smallRange = 48; // below this, a comparison sort beats a radix pass
constexpr std::size_t prefetchDistance = 16;
constexpr std::size_t parallelRows = 65536; // from here on, two threads share the work
constexpr int maxPartitionCuts = 8;

struct Item {
    std::array<quint64, keyWords> key; // the window, big-endian, complemented when descending
    const char *text;                  // the row's text, looked up once
    quint32 length;                    // of the whole text: with the depth, where it ends
    quint32 row;
};

// Where the text ends relative to the window: 0..keyBytes = after that many bytes,
// keyBytes + 1 = goes on. Within an equal window, a text that ends is a prefix of one that
// goes on, and a shorter ending text a prefix of a longer one, so (window, tail) orders
// exactly like the bytes.
inline quint32 tailOf(quint32 length, std::size_t depth, bool descending) {
    const std::size_t remaining = length > depth ? length - depth : 0;
    const quint32 tail = remaining > keyBytes ? goesOnAscending : quint32(remaining);
    return descending ? goesOnAscending - tail : tail;
}

// Folds ASCII upper case in eight bytes at once: each byte's low seven bits are compared
// with 'A' and 'Z' by adding offsets that set bit 7, with no carry between bytes.
inline quint64 foldAscii8(quint64 bytes) {
    constexpr quint64 ones = 0x0101010101010101ULL;
    constexpr quint64 high = ones * 0x80;
    const quint64 low7 = bytes & ~high;
    const quint64 atLeastA = low7 + ones * (0x80 - 'A');
    const quint64 aboveZ = low7 + ones * (0x80 - 'Z' - 1);
    const quint64 upper = atLeastA & ~aboveZ & ~bytes & high;
    return bytes | (upper >> 2); // bit 7 -> bit 5: 'A' + 0x20 == 'a'
}

// Up to eight bytes, folded, as a word with byte 0 lowest; zeros past `count`.
inline quint64 loadFolded(const char *bytes, std::size_t count) {
    quint64 word = 0;
    std::memcpy(&word, bytes, std::min<std::size_t>(count, 8));
    return foldAscii8(qFromLittleEndian(word));
}

// std::array's comparisons call memcmp: a loop over the words is several times faster here.
inline bool sameKey(const Item &a, const Item &b) {
    for (std::size_t w = 0; w < keyWords; ++w) {
        if (a.key[w] != b.key[w])
            return false;
    }
    return true;
}

inline int byteAt(const Item &item, std::size_t position) {
    return int((item.key[position / 8] >> (56 - 8 * (position % 8))) & 0xFF);
}

struct TextLess {
    std::size_t depth;
    bool descending;
    bool operator()(const Item &a, const Item &b) const {
        for (std::size_t w = 0; w < keyWords; ++w) {
            if (a.key[w] != b.key[w])
                return a.key[w] < b.key[w];
        }
        const quint32 tailA = tailOf(a.length, depth, descending);
        const quint32 tailB = tailOf(b.length, depth, descending);
        if (tailA != tailB)
            return tailA < tailB;
        return a.row < b.row;
    }
};

// A part of the items still to sort: [begin, end) share their first `depth` bytes.
struct Range {
    std::size_t begin, end, depth;
    bool keysLoaded; // the window at `depth` is loaded already
};

// The ranges two sorters take their work from, so neither idles while the other has plenty:
// how much work a range is depends on its texts, not only on its size.
class SharedRanges {
public:
    explicit SharedRanges(int workers)
        : m_workers(workers) {}

    void push(std::vector<Range> &ranges) {
        if (ranges.empty())
            return;
        {
            const std::lock_guard<std::mutex> lock(m_mutex);
            m_ranges.insert(m_ranges.end(), ranges.begin(), ranges.end());
        }
        ranges.clear();
        m_available.notify_all();
    }

    // Waits for a range; false when there is none left and every worker is waiting.
    bool pop(Range &range) {
        std::unique_lock<std::mutex> lock(m_mutex);
        while (m_ranges.empty()) {
            if (m_done)
                return false;
            if (m_waiting + 1 == m_workers) {
                m_done = true;
                m_available.notify_all();
                return false;
            }
            ++m_waiting;
            m_available.wait(lock);
            --m_waiting;
        }
        range = m_ranges.back();
        m_ranges.pop_back();
        return true;
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_available;
    std::vector<Range> m_ranges;
    const int m_workers;
    int m_waiting = 0;
    bool m_done = false;
};

class TextSorter {
public:
    TextSorter(const BounceStore &store, BounceTextColumn column, bool descending)
        : m_store(store)
        , m_column(column)
        , m_descending(descending) {}

    // Fills the items of `rows` (each text looked up once, the store read front to back) and
    // loads their first windows.
    void prepare(Item *items, const quint32 *rows, std::size_t count) const {
        for (std::size_t i = 0; i < count; ++i) {
            if (i + 4 * prefetchDistance < count)
                m_store.prefetchRow(rows[i + 4 * prefetchDistance]);
            const std::string_view text = textOf(rows[i]);
            items[i].text = text.data();
            items[i].length = quint32(text.size());
            items[i].row = rows[i];
        }
        loadKeys(items, items + count, 0);
    }

    // Sorts prepared items.
    void sort(Item *first, Item *last) {
        std::vector<Range> todo{{0, std::size_t(last - first), 0, true}};
        while (!todo.empty()) {
            const Range range = todo.back();
            todo.pop_back();
            sortRange(first, range, todo);
        }
    }

    // Sorts ranges of `items` (prepared) taken from `shared`, handing the ranges each one
    // leaves back there, until none is left.
    void sort(Item *items, SharedRanges &shared) {
        std::vector<Range> todo;
        Range range;
        while (shared.pop(range)) {
            sortRange(items, range, todo);
            shared.push(todo);
        }
    }

    // Cuts prepared items into ranges that can be sorted apart (the items of one range all
    // sort before those of a later one), none much more than an eighth of them, so two
    // sorters can share the work from the start: the items are distributed by the first byte
    // they do not all share, then the largest bucket by its own, and so on.
    std::vector<Range> partition(Item *first, Item *last) const {
        const auto size = std::size_t(last - first);
        std::vector<Range> ranges{{0, size, 0, true}};
        std::array<std::size_t, 256> counts;
        for (int cut = 0; cut < maxPartitionCuts; ++cut) {
            const auto largest =
                std::max_element(ranges.begin(), ranges.end(), [](const Range &a, const Range &b) {
                    return a.end - a.begin < b.end - b.begin;
                });
            const Range range = *largest;
            if (range.end - range.begin <= size / 8)
                break;
            const std::size_t position =
                firstDifference(first + range.begin, first + range.end, range.depth);
            if (position == keyBytes) // equal windows: the sort goes deeper than a cut can
                break;
            distribute(first + range.begin, first + range.end, position, counts);
            ranges.erase(largest);
            std::size_t begin = range.begin;
            for (const std::size_t count : counts) {
                if (count > 0)
                    ranges.push_back({begin, begin + count, 0, true});
                begin += count;
            }
        }
        return ranges;
    }

private:
    std::string_view textOf(quint32 row) const {
        switch (m_column) {
        case BounceTextColumn::FoldedEmail:
            return m_store.foldedEmailUtf8(row);
        case BounceTextColumn::Status:
            return m_store.statusUtf8(row);
        case BounceTextColumn::Reason:
            break;
        }
        return m_store.reasonUtf8(row);
    }

    // Loads every item's window at `depth`; true when all items got the same window and tail.
    bool loadKeys(Item *first, Item *last, std::size_t depth) const {
        const auto count = std::size_t(last - first);
        const quint64 flip = m_descending ? ~quint64(0) : 0;
        for (std::size_t i = 0; i < count; ++i) {
            if (i + prefetchDistance < count && first[i + prefetchDistance].length > depth)
                __builtin_prefetch(first[i + prefetchDistance].text + depth);
            Item &item = first[i];
            const std::size_t remaining = item.length > depth ? item.length - depth : 0;
            for (std::size_t w = 0; w < keyWords; ++w) {
                item.key[w] =
                    remaining > 8 * w
                        ? qbswap(loadFolded(item.text + depth + 8 * w, remaining - 8 * w)) ^ flip
                        : flip;
            }
        }
        return equalWindows(first, last, depth);
    }

    bool equalWindows(const Item *first, const Item *last, std::size_t depth) const {
        const quint32 tail = tailOf(first->length, depth, m_descending);
        for (const Item *item = first + 1; item != last; ++item) {
            if (!sameKey(*item, *first) || tailOf(item->length, depth, m_descending) != tail)
                return false;
        }
        return true;
    }

    // How far (from `from`) every text of the range agrees with the first, folded.
    static std::size_t commonPrefix(const Item *first, const Item *last, std::size_t from) {
        const std::string_view reference(first->text, first->length);
        std::size_t common = reference.size();
        const auto count = std::size_t(last - first);
        for (std::size_t k = 1; k < count && common > from; ++k) {
            if (k + prefetchDistance < count)
                __builtin_prefetch(first[k + prefetchDistance].text + from);
            const std::string_view text(first[k].text, first[k].length);
            const std::size_t limit = std::min(common, text.size());
            std::size_t i = from;
            while (i < limit) {
                const std::size_t n = std::min<std::size_t>(8, limit - i);
                const quint64 difference =
                    loadFolded(reference.data() + i, n) ^ loadFolded(text.data() + i, n);
                if (difference) {
                    i += std::size_t(__builtin_ctzll(difference)) / 8;
                    break;
                }
                i += n;
            }
            common = std::min(i, limit);
        }
        return common;
    }

    void sortRange(Item *items, const Range &range, std::vector<Range> &todo) {
        Item *const first = items + range.begin;
        Item *const last = items + range.end;
        if (last - first < 2)
            return;
        const quint32 goesOn = m_descending ? 0 : goesOnAscending;
        const bool allSame = range.keysLoaded ? equalWindows(first, last, range.depth)
                                              : loadKeys(first, last, range.depth);
        if (allSame) {
            // A longer shared prefix is skipped in one step; texts that end here are equal.
            if (tailOf(first->length, range.depth, m_descending) == goesOn)
                todo.push_back({range.begin, range.end,
                                commonPrefix(first, last, range.depth + keyBytes), false});
            else
                restoreRowOrder(first, last);
            return;
        }
        const TextLess less{range.depth, m_descending};
        if (std::size_t(last - first) < smallRange)
            std::sort(first, last, less);
        else
            radixByBytes(first, last, less);
        for (Item *run = first; run != last;) {
            Item *end = run + 1;
            const quint32 tail = tailOf(run->length, range.depth, m_descending);
            while (end != last && sameKey(*end, *run) &&
                   tailOf(end->length, range.depth, m_descending) == tail)
                ++end;
            if (end - run > 1 && tail == goesOn)
                todo.push_back({std::size_t(run - items), std::size_t(end - items),
                                range.depth + keyBytes, false});
            else if (end - run > 1)
                restoreRowOrder(run, end); // equal texts
            run = end;
        }
    }

    // Equal texts in row order: only the rows are sorted (a radix pass does not keep it).
    void restoreRowOrder(Item *first, Item *last) {
        const auto isEarlier = [](const Item &a, const Item &b) { return a.row < b.row; };
        if (std::is_sorted(first, last, isEarlier))
            return;
        m_rows.clear();
        for (const Item *item = first; item != last; ++item)
            m_rows.push_back(item->row);
        std::sort(m_rows.begin(), m_rows.end());
        for (std::size_t i = 0; i < m_rows.size(); ++i)
            first[i].row = m_rows[i]; // the other fields are the same or no longer read
    }

    // The first window byte (from `position` on) that not every item shares; keyBytes when
    // they share them all.
    static std::size_t firstDifference(const Item *first, const Item *last, std::size_t position) {
        std::array<quint64, keyWords> differences{};
        for (const Item *item = first + 1; item < last; ++item) {
            for (std::size_t w = 0; w < keyWords; ++w)
                differences[w] |= item->key[w] ^ first->key[w];
        }
        for (std::size_t w = 0; w < keyWords; ++w) {
            if (differences[w])
                return std::max(8 * w + std::size_t(__builtin_clzll(differences[w])) / 8, position);
        }
        return keyBytes;
    }

    // Most-significant-byte first over the window, in place, skipping the bytes a bucket's
    // items share; small buckets are finished by comparison, and a big bucket whose windows
    // are all equal by its tails (the next round orders its rows further).
    void radixByBytes(Item *first, Item *last, const TextLess &less) {
        struct Bucket {
            Item *first, *last;
            std::size_t position;
        };
        std::vector<Bucket> buckets{{first, last, 0}};
        std::array<std::size_t, 256> counts;
        while (!buckets.empty()) {
            const Bucket bucket = buckets.back();
            buckets.pop_back();
            const auto size = std::size_t(bucket.last - bucket.first);
            const std::size_t position =
                size < smallRange ? keyBytes
                                  : firstDifference(bucket.first, bucket.last, bucket.position);
            if (position == keyBytes) {
                if (size < smallRange || !sameTails(bucket.first, bucket.last, less))
                    std::sort(bucket.first, bucket.last, less);
                continue;
            }
            distribute(bucket.first, bucket.last, position, counts);
            Item *from = bucket.first;
            for (std::size_t b = 0; b < 256; ++b) {
                if (counts[b] > 1)
                    buckets.push_back({from, from + counts[b], position + 1});
                from += counts[b];
            }
        }
    }

    // One in-place pass (American flag sort) by the byte at `position`; `counts` says how
    // many items each byte value got.
    static void distribute(Item *first, Item *last, std::size_t position,
                           std::array<std::size_t, 256> &counts) {
        counts.fill(0);
        for (const Item *item = first; item != last; ++item)
            ++counts[std::size_t(byteAt(*item, position))];
        std::array<Item *, 256> heads, ends;
        Item *at = first;
        for (std::size_t b = 0; b < 256; ++b) {
            heads[b] = at;
            at += counts[b];
            ends[b] = at;
        }
        // Each item is moved straight to its bucket, displacing one that moves on next.
        for (std::size_t b = 0; b < 256; ++b) {
            while (heads[b] != ends[b]) {
                Item moving = *heads[b];
                auto digit = std::size_t(byteAt(moving, position));
                while (digit != b) {
                    std::swap(moving, *heads[digit]++);
                    digit = std::size_t(byteAt(moving, position));
                }
                *heads[b]++ = moving;
            }
        }
    }

    static bool sameTails(const Item *first, const Item *last, const TextLess &less) {
        const quint32 tail = tailOf(first->length, less.depth, less.descending);
        return std::all_of(first, last, [&](const Item &item) {
            return tailOf(item.length, less.depth, less.descending) == tail;
        });
    }

    const BounceStore &m_store;
    BounceTextColumn m_column;
    bool m_descending;
    std::vector<quint32> m_rows; // restoreRowOrder's
};

} // namespace

void sortRowsByText(const BounceStore &store, std::vector<quint32> &rows, BounceTextColumn column,
                    bool descending) {
    const std::size_t count = rows.size();
    if (count < 2)
        return;
    // Not a vector: its zero-filling would be one more pass over 24 bytes a row. 24 MB at a
    // million rows, new memory at every sort: in 2 MiB pages (LargeMemory).
    const LargeMemory::Array<Item> items = LargeMemory::allocateArray<Item>(count);
    Item *const first = items.get();
    TextSorter sorter(store, column, descending);
    if (count < parallelRows) {
        sorter.prepare(first, rows.data(), count);
        sorter.sort(first, first + count);
    } else {
        TextSorter helper(store, column, descending);
        const std::size_t half = count / 2;
        runBeside([&] { helper.prepare(first + half, rows.data() + half, count - half); },
                  [&] { sorter.prepare(first, rows.data(), half); });
        // Many ranges to start with, so both threads have work from the first moment.
        std::vector<Range> start = sorter.partition(first, first + count);
        SharedRanges shared(2);
        shared.push(start);
        runBeside([&] { helper.sort(first, shared); }, [&] { sorter.sort(first, shared); });
    }
    for (std::size_t i = 0; i < count; ++i)
        rows[i] = first[i].row;
}
