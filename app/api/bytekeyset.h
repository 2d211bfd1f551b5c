#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

// A set of byte strings that only grows: V3ListLoad's record of the addresses it delivered.
// Built for a million keys, where every lookup is a cache miss in a table far larger than the
// cache: a slot is 8 bytes (32 bits of the key's hash and the key's number), so the table of a
// million keys is 16 MB rather than 48, and insertAll() fetches the slots of the keys ahead
// while it compares the current one. The keys' bytes lie back to back in large blocks and are
// read only when a slot's hash matches (QSet<QByteArray> spent one allocation per key and a
// pointer chase per probe: ~10% of a 1M-row v3 export; the first form of this class, with
// 24-byte slots and one key at a time, still ~19% of the export's main thread).
class ByteKeySet final {
public:
    // Adds `key`; false when it was there already.
    bool insert(std::string_view key);
    // Adds each key in order; for each, true when it was new (false: in the set before, or
    // earlier in `keys`). The same as insert() one by one, faster on a large set.
    std::vector<bool> insertAll(const std::vector<std::string_view> &keys);
    bool contains(std::string_view key) const;
    std::size_t size() const { return m_keys.size(); }

private:
    struct Slot {
        std::uint32_t hash = 0; // the low 32 bits of the key's hash; 0: empty (0 is stored as 1)
        std::uint32_t key = 0;  // the key's number: m_keys[key]
    };
    static std::uint32_t hashOf(std::string_view key);
    std::size_t find(std::string_view key, std::uint32_t hash) const; // its slot or an empty one
    bool insert(std::string_view key, std::uint32_t hash);
    std::string_view keyAt(std::uint32_t number) const;
    void store(std::string_view key);
    void reserve(std::size_t keys); // room for this many without growing
    void prefetch(std::uint32_t hash) const;

    std::vector<Slot> m_slots; // a power of two, at most half full
    // Where each key lies: its length (4 bytes, unaligned) followed by its bytes.
    std::vector<const char *> m_keys;
    std::vector<std::unique_ptr<char[]>> m_blocks;
    std::size_t m_blockUsed = 0;
    std::size_t m_blockCapacity = 0;
};
