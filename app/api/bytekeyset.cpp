#include "bytekeyset.h"

#include <algorithm>
#include <cstring>
#include <new>

namespace {
constexpr std::size_t kFirstBlockBytes = std::size_t(64) << 10;
constexpr std::size_t kLargestBlockBytes = std::size_t(4) << 20;
constexpr std::size_t kFirstSlots = 1024;
// The next table is taken when the present one is this fraction of its slots away from its
// growth (at half load); see preparedBytesPerKey.
constexpr std::size_t kPrepareAheadDivisor = 64;
// Touching a byte in every page this size faults in every page of any size the system uses.
constexpr std::size_t kSmallestPageBytes = 4096;
// How many keys ahead insertAll() asks for a slot: about what a cache miss costs in compares.
constexpr std::size_t kPrefetchAhead = 8;
// A key's place: its block's number above kOffsetBits, its offset in the block below them.
constexpr unsigned kOffsetBits = 22;
static_assert(kLargestBlockBytes <= (std::size_t(1) << kOffsetBits));
constexpr std::size_t kMaxBlocks = std::size_t(1) << (32 - kOffsetBits);
} // namespace

// FNV-1a, then mixed (splitmix64's finaliser) so the low bits used as the index are good.
// 32 bits: the index takes the low ones, and within a run of slots that share them the rest
// tell keys apart well enough that a key's bytes are read about once per insert at most.
std::uint32_t ByteKeySet::hashOf(std::string_view key) {
    std::uint64_t hash = 0xcbf29ce484222325ULL;
    for (const char c : key) {
        hash ^= std::uint8_t(c);
        hash *= 0x100000001b3ULL;
    }
    hash ^= hash >> 30;
    hash *= 0xbf58476d1ce4e5b9ULL;
    hash ^= hash >> 27;
    hash *= 0x94d049bb133111ebULL;
    hash ^= hash >> 31;
    const auto low = std::uint32_t(hash);
    return low == 0 ? 1 : low;
}

std::string_view ByteKeySet::keyAt(std::uint32_t place) const {
    const char *at = m_blocks[place >> kOffsetBits].get() + (place & ((1U << kOffsetBits) - 1));
    std::uint32_t length = 0;
    std::memcpy(&length, at, sizeof length);
    return {at + sizeof length, length};
}

std::size_t ByteKeySet::find(const Slot *table, std::size_t count, std::string_view key,
                             std::uint32_t hash) const {
    const std::size_t mask = count - 1;
    for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
        const Slot &slot = table[i];
        if (slot.hash == 0 || (slot.hash == hash && keyAt(slot.place) == key))
            return i;
    }
}

void ByteKeySet::prefetch(std::uint32_t hash) const {
    __builtin_prefetch(&m_slots[hash & (m_slotCount - 1)]);
    if (m_oldCount != 0)
        __builtin_prefetch(&m_old[hash & (m_oldCount - 1)]);
}

bool ByteKeySet::contains(std::string_view key) const {
    if (m_slotCount == 0)
        return false;
    const std::uint32_t hash = hashOf(key);
    if (m_slots[find(m_slots.get(), m_slotCount, key, hash)].hash != 0)
        return true;
    return m_oldCount != 0 && m_old[find(m_old.get(), m_oldCount, key, hash)].hash != 0;
}

bool ByteKeySet::insert(std::string_view key) {
    reserve(1);
    moveOldSlots(movesPerKey);
    return insert(key, hashOf(key));
}

bool ByteKeySet::insert(std::string_view key, std::uint32_t hash) {
    Slot &slot = m_slots[find(m_slots.get(), m_slotCount, key, hash)];
    if (slot.hash != 0)
        return false;
    // Not moved yet? The old table stays whole until its move ends, so its probe runs hold.
    if (m_oldCount != 0 && m_old[find(m_old.get(), m_oldCount, key, hash)].hash != 0)
        return false;
    slot = Slot{hash, store(key)};
    return true;
}

std::vector<bool> ByteKeySet::insertAll(const std::vector<std::string_view> &keys) {
    std::vector<bool> fresh(keys.size());
    if (keys.empty())
        return fresh;
    reserve(keys.size()); // the slots prefetched stay where they are
    moveOldSlots(movesPerKey * keys.size());
    std::vector<std::uint32_t> hashes(keys.size());
    for (std::size_t i = 0; i < keys.size(); ++i) {
        hashes[i] = hashOf(keys[i]);
        if (i < kPrefetchAhead)
            prefetch(hashes[i]);
    }
    for (std::size_t i = 0; i < keys.size(); ++i) {
        if (i + kPrefetchAhead < keys.size())
            prefetch(hashes[i + kPrefetchAhead]);
        fresh[i] = insert(keys[i], hashes[i]);
    }
    return fresh;
}

std::uint32_t ByteKeySet::store(std::string_view key) {
    const auto length = std::uint32_t(key.size());
    const std::size_t bytes = sizeof length + key.size();
    if (bytes > m_blockCapacity - m_blockUsed) {
        // A new block when the key does not fit, each twice the last up to kLargestBlockBytes
        // (of the key's size when larger than that: it alone, at offset 0). A thousand blocks
        // hold 4 GB of keys, some 100 million addresses.
        if (m_blocks.size() == kMaxBlocks)
            throw std::bad_alloc();
        const std::size_t next =
            m_blocks.empty() ? kFirstBlockBytes : std::min(2 * m_blockCapacity, kLargestBlockBytes);
        const std::size_t capacity = std::max(next, bytes);
        m_blocks.push_back(LargeMemory::allocateArray<char>(capacity));
        m_blockCapacity = capacity;
        m_blockUsed = 0;
    }
    const auto place = std::uint32_t((m_blocks.size() - 1) << kOffsetBits | m_blockUsed);
    char *to = m_blocks.back().get() + m_blockUsed;
    std::memcpy(to, &length, sizeof length);
    if (!key.empty())
        std::memcpy(to + sizeof length, key.data(), key.size());
    m_blockUsed += bytes;
    ++m_size;
    return place;
}

void ByteKeySet::reserve(std::size_t keys) {
    const std::size_t needed = 2 * (m_size + keys);
    if (needed > m_slotCount) {
        // A move still under way ends here, which batches small beside the set never see: the
        // move of the 2n slots of a table that held n keys ends after n / 2 more keys, and the
        // table doubled for them has room for n more before it needs to grow.
        moveOldSlots(m_oldCount);
        std::size_t slots = std::max(kFirstSlots, m_slotCount);
        while (slots < needed)
            slots *= 2;
        // The table prepared ahead when it is the size needed (a batch larger than the
        // growth's lead can need more); else one zeroed and untouched, its pages coming from
        // the system as the inserts and moves that follow first write them.
        SlotTable bigger =
            slots == m_nextCount ? std::move(m_next) : LargeMemory::allocateArray<Slot>(slots);
        m_next.reset();
        m_nextCount = 0;
        m_nextPrepared = 0;
        m_old = std::move(m_slots);
        m_oldCount = m_slotCount;
        m_moved = 0;
        m_slots = std::move(bigger);
        m_slotCount = slots;
    }
    prepareNextTable(keys);
}

void ByteKeySet::prepareNextTable(std::size_t keys) {
    static_assert(preparedBytesPerKey >= 2 * (2 * sizeof(Slot)) * kPrepareAheadDivisor,
                  "the next table (two slots per present one) is whole before the growth");
    const std::size_t growthAt = m_slotCount / 2; // keys
    if (m_size + keys + m_slotCount / kPrepareAheadDivisor < growthAt)
        return;
    if (m_nextCount == 0) {
        m_next = LargeMemory::allocateArray<Slot>(2 * m_slotCount);
        m_nextCount = 2 * m_slotCount;
        m_nextPrepared = 0;
    }
    const std::size_t bytes = nextTableBytes();
    const std::size_t end = std::min(bytes, m_nextPrepared + keys * preparedBytesPerKey);
    // Written as the zero it holds: the write is what makes the system provide the page.
    auto *const table = reinterpret_cast<volatile char *>(m_next.get());
    const std::size_t first =
        (m_nextPrepared + kSmallestPageBytes - 1) / kSmallestPageBytes * kSmallestPageBytes;
    for (std::size_t at = first; at < end; at += kSmallestPageBytes)
        table[at] = 0;
    m_nextPrepared = end;
}

void ByteKeySet::moveOldSlots(std::size_t count) {
    if (m_oldCount == 0)
        return;
    const std::size_t mask = m_slotCount - 1;
    const std::size_t end = std::min(m_oldCount, m_moved + count);
    for (; m_moved < end; ++m_moved) {
        const Slot slot = m_old[m_moved];
        if (slot.hash == 0)
            continue;
        // Never in the new table yet: a key is inserted there only when the old one lacks it.
        std::size_t i = slot.hash & mask;
        while (m_slots[i].hash != 0)
            i = (i + 1) & mask;
        m_slots[i] = slot;
    }
    if (m_moved == m_oldCount) {
        m_old.reset();
        m_oldCount = 0;
        m_moved = 0;
    }
}
