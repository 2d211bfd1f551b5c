#include "bytekeyset.h"

#include <algorithm>
#include <cstring>

namespace {
constexpr std::size_t kBlockBytes = std::size_t(1) << 20;
constexpr std::size_t kFirstSlots = 1024;
} // namespace

// FNV-1a, then mixed (splitmix64's finaliser) so the low bits used as the index are good.
std::uint64_t ByteKeySet::hashOf(std::string_view key) {
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
    return hash == 0 ? 1 : hash;
}

std::size_t ByteKeySet::find(std::string_view key, std::uint64_t hash) const {
    const std::size_t mask = m_slots.size() - 1;
    for (std::size_t i = std::size_t(hash) & mask;; i = (i + 1) & mask) {
        const Slot &slot = m_slots[i];
        if (slot.hash == 0)
            return i;
        if (slot.hash == hash && slot.length == key.size() &&
            (key.empty() || std::memcmp(slot.bytes, key.data(), key.size()) == 0))
            return i;
    }
}

bool ByteKeySet::contains(std::string_view key) const {
    if (m_slots.empty())
        return false;
    return m_slots[find(key, hashOf(key))].hash != 0;
}

bool ByteKeySet::insert(std::string_view key) {
    if (2 * (m_size + 1) > m_slots.size())
        grow();
    const std::uint64_t hash = hashOf(key);
    Slot &slot = m_slots[find(key, hash)];
    if (slot.hash != 0)
        return false;
    slot = Slot{hash, store(key), key.size()};
    ++m_size;
    return true;
}

const char *ByteKeySet::store(std::string_view key) {
    if (key.empty())
        return nullptr;
    if (key.size() > m_blockCapacity - m_blockUsed) {
        // A new block when the key does not fit (of the key's size when larger than a block).
        m_blockCapacity = std::max(kBlockBytes, key.size());
        m_blocks.emplace_back(new char[m_blockCapacity]);
        m_blockUsed = 0;
    }
    char *to = m_blocks.back().get() + m_blockUsed;
    std::memcpy(to, key.data(), key.size());
    m_blockUsed += key.size();
    return to;
}

void ByteKeySet::grow() {
    std::vector<Slot> old(std::max(kFirstSlots, 2 * m_slots.size()));
    old.swap(m_slots);
    const std::size_t mask = m_slots.size() - 1;
    for (const Slot &slot : old) {
        if (slot.hash == 0)
            continue;
        std::size_t i = std::size_t(slot.hash) & mask;
        while (m_slots[i].hash != 0)
            i = (i + 1) & mask;
        m_slots[i] = slot;
    }
}
