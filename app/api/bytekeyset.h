#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

// A set of byte strings that only grows: V3ListLoad's record of the addresses it delivered.
// Built for a million keys: their bytes lie back to back in large blocks and the table holds
// each key's hash beside where it lies, so a lookup rarely leaves the table and an insert
// allocates nothing but, now and then, a block or a bigger table (QSet<QByteArray> spent one
// allocation per key and a pointer chase per probe: ~10% of a 1M-row v3 export).
class ByteKeySet final {
public:
    // Adds `key`; false when it was there already.
    bool insert(std::string_view key);
    bool contains(std::string_view key) const;
    std::size_t size() const { return m_size; }

private:
    struct Slot {
        std::uint64_t hash = 0; // 0: empty (a real hash of 0 is stored as 1)
        const char *bytes = nullptr;
        std::size_t length = 0;
    };
    static std::uint64_t hashOf(std::string_view key);
    std::size_t find(std::string_view key, std::uint64_t hash) const; // its slot or an empty one
    const char *store(std::string_view key);
    void grow();

    std::vector<Slot> m_slots; // a power of two, at most half full
    std::size_t m_size = 0;
    std::vector<std::unique_ptr<char[]>> m_blocks;
    std::size_t m_blockUsed = 0;
    std::size_t m_blockCapacity = 0;
};
