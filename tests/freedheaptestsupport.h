#pragma once

// Shared by the tests of giving freed heap memory back (tst_processmemory, tst_asyncmodel):
// blocks freed inside malloc's heap, which stay resident until someone trims it, and a way to
// see whether a page is resident.

#include <QtTest>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <vector>

#include <sys/mman.h>
#include <unistd.h>

// Under AddressSanitizer malloc is the sanitizer's, which releaseFreedHeap() does not trim.
#if defined(__SANITIZE_ADDRESS__)
#define BOUNCEDESK_OWN_MALLOC 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define BOUNCEDESK_OWN_MALLOC 1
#endif
#endif

namespace FreedHeap {

[[maybe_unused]] inline bool isResident(const void *address) { // unused where tests skip
    const auto page = std::uintptr_t(::sysconf(_SC_PAGESIZE));
    unsigned char resident = 0;
    void *start = reinterpret_cast<void *>(std::uintptr_t(address) & ~(page - 1));
    return ::mincore(start, page, &resident) == 0 && (resident & 1);
}

// Writes 64 blocks of 64 KiB (below malloc's mmap threshold: in the heap) and frees them, all
// but the highest, which stays allocated until destruction: the others, all below it, cannot be
// the heap's top, which free() gives back by itself. middle() lies inside the freed ones.
class Blocks {
public:
    Blocks() {
        constexpr std::size_t blockBytes = 64 << 10;
        std::vector<char *> blocks;
        for (int i = 0; i < 65; ++i) {
            char *block = static_cast<char *>(std::malloc(blockBytes));
            if (!block)
                return;
            std::memset(block, 0x5a, blockBytes);
            blocks.push_back(block);
        }
        std::sort(blocks.begin(), blocks.end());
        m_pin = blocks.back();
        blocks.pop_back();
        m_middle = blocks[blocks.size() / 2] + blockBytes / 2;
        for (char *block : blocks)
            std::free(block);
    }
    ~Blocks() { std::free(m_pin); }
    Blocks(const Blocks &) = delete;
    Blocks &operator=(const Blocks &) = delete;

    // Null when the blocks could not be had.
    const char *middle() const { return m_middle; }

private:
    char *m_pin = nullptr;
    const char *m_middle = nullptr;
};

} // namespace FreedHeap
