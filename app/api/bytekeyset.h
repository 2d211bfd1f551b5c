#pragma once

#include "core/largememory.h"

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

// A set of byte strings that only grows: V3ListLoad's record of the addresses it delivered.
// Built for a million keys, where every lookup is a cache miss in a table far larger than the
// cache: a slot is 8 bytes (32 bits of the key's hash and where the key lies), so the table of a
// million keys is 16 MB rather than 48, and insertAll() fetches the slots of the keys ahead
// while it compares the current one. The keys' bytes lie back to back in large blocks and are
// read only when a slot's hash matches (QSet<QByteArray> spent one allocation per key and a
// pointer chase per probe: ~10% of a 1M-row v3 export; the first form of this class, with
// 24-byte slots and one key at a time, still ~19% of the export's main thread).
//
// Growing never stops the caller for long: V3ListLoad runs on the GUI thread of a window load.
// Rebuilding a table at once took 67 ms at half a million keys and 145 ms at a million on the
// 2-core test machine (a fresh 16 MB table written page by page, then every key moved into
// it), past the 50 ms a GUI thread may stall. Instead the bigger table is taken zeroed from
// the system (LargeMemory) and the old table's slots move into it a few per key inserted,
// while lookups read both. A slot names its key by where it lies (block and offset), so no
// index of the keys is kept (one of a million pointers was 8 MB of new memory, ~15% of the
// set's time). The tables and the keys' blocks, once large, come in 2 MiB pages (LargeMemory):
// in 4 KiB pages a million keys took 15,000 faults, most of a v3 export's.
//
// Nor does the bigger table's first use stop the caller: the keys of one batch hash over the
// whole table, so the first batch after a growth touched every page of it at once (a 16 MB
// table: 8 faults of 4-5 ms each where the host had not yet given the memory, 30-50 ms of
// one GUI turn). So the next table is taken shortly before the growth (for the last 1/32 of
// the keys the present table takes) and its pages are touched a few per key inserted, a
// bounded share in each batch; it is whole before the growth uses it. Taken no earlier, so a
// list that stops just short of a growth wastes little.
class ByteKeySet final {
public:
    // Adds `key`; false when it was there already. Throws std::bad_alloc without memory, or
    // past 4 GB of keys (a thousand blocks).
    bool insert(std::string_view key);
    // Adds each key in order; for each, true when it was new (false: in the set before, or
    // earlier in `keys`). The same as insert() one by one, faster on a large set.
    std::vector<bool> insertAll(const std::vector<std::string_view> &keys);
    bool contains(std::string_view key) const;
    std::size_t size() const { return m_size; }
    // Slots of the table before the last growth not yet moved into the present one: 0 when no
    // move is under way. Each key inserted moves a few (movesPerKey).
    std::size_t slotsLeftToMove() const { return m_oldCount - m_moved; }
    // Bytes of the table the next growth will use that were touched ahead of it: 0 until the
    // present table nears its growth, the whole table by the time it grows.
    std::size_t nextTableBytesPrepared() const { return m_nextPrepared; }
    std::size_t nextTableBytes() const { return m_nextCount * sizeof(Slot); }

    // Old slots moved per key inserted. Growth doubles the table at half load, so the move
    // ends long before the new table could be half full (below), whatever the batch sizes.
    static constexpr std::size_t movesPerKey = 4;
    // Bytes of the next table touched per key inserted once it is taken: twice what would end
    // the touching just at the growth (the table is 16 bytes per present slot, taken 1/64 of
    // the present slots ahead), so batches up to that lead find it whole.
    static constexpr std::size_t preparedBytesPerKey = 2048;

private:
    struct Slot {
        std::uint32_t hash;  // the low 32 bits of the key's hash; 0: empty (0 is stored as 1)
        std::uint32_t place; // where the key lies: keyAt(place)
    };
    using SlotTable = LargeMemory::Array<Slot>;
    using KeyBlock = LargeMemory::Array<char>;

    static std::uint32_t hashOf(std::string_view key);
    // In `table` (of `count` slots, a power of two): the key's slot or the empty one where it
    // would go.
    std::size_t find(const Slot *table, std::size_t count, std::string_view key,
                     std::uint32_t hash) const;
    bool insert(std::string_view key, std::uint32_t hash);
    std::string_view keyAt(std::uint32_t place) const;
    std::uint32_t store(std::string_view key); // its place
    void reserve(std::size_t keys); // room for this many more at half load; may start a move
    void prepareNextTable(std::size_t keys); // near a growth: takes and touches the next table
    void moveOldSlots(std::size_t count);
    void prefetch(std::uint32_t hash) const;

    SlotTable m_slots; // a power of two, at most half full (counting the slots still to move)
    std::size_t m_slotCount = 0;
    SlotTable m_old; // the table before the last growth, while its slots move into m_slots
    std::size_t m_oldCount = 0;
    std::size_t m_moved = 0; // m_old's slots below this are in m_slots too
    SlotTable m_next; // twice m_slots, taken and touched ahead of the growth that will use it
    std::size_t m_nextCount = 0;
    std::size_t m_nextPrepared = 0; // m_next's bytes below this have been touched
    std::size_t m_size = 0;
    // The keys, each its length (4 bytes, unaligned) and then its bytes; the blocks grow to
    // 4 MiB, so a short list's keys take little.
    std::vector<KeyBlock> m_blocks;
    std::size_t m_blockUsed = 0;
    std::size_t m_blockCapacity = 0;
};
