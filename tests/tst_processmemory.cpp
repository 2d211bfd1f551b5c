#include "core/processmemory.h"

#include <QtTest>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <vector>

#include <sys/mman.h>
#include <unistd.h>

#if defined(__SANITIZE_ADDRESS__)
#define BOUNCEDESK_OWN_MALLOC 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define BOUNCEDESK_OWN_MALLOC 1
#endif
#endif

class TestProcessMemory : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void freedHeapIsGivenBack();
};

namespace {
[[maybe_unused]] bool isResident(const void *address) { // unused where the test is skipped
    const auto page = std::uintptr_t(::sysconf(_SC_PAGESIZE));
    unsigned char resident = 0;
    void *start = reinterpret_cast<void *>(std::uintptr_t(address) & ~(page - 1));
    return ::mincore(start, page, &resident) == 0 && (resident & 1);
}
} // namespace

// Blocks freed inside the heap (another block after them keeps them from its top, where
// free() itself would give them back) stay resident until releaseFreedHeap().
void TestProcessMemory::freedHeapIsGivenBack() {
#if !defined(__GLIBC__) || defined(BOUNCEDESK_OWN_MALLOC)
    QSKIP("not glibc's malloc: releaseFreedHeap() does nothing here");
#else
    constexpr std::size_t blockBytes = 64 << 10; // below malloc's mmap threshold: in the heap
    std::vector<char *> blocks;
    for (int i = 0; i < 65; ++i) {
        blocks.push_back(static_cast<char *>(std::malloc(blockBytes)));
        QVERIFY(blocks.back());
        std::memset(blocks.back(), 0x5a, blockBytes);
    }
    // The highest block stays: the others, all below it, cannot be the heap's top, which
    // free() gives back by itself.
    std::sort(blocks.begin(), blocks.end());
    char *const pin = blocks.back();
    blocks.pop_back();
    char *const middle = blocks[blocks.size() / 2] + blockBytes / 2;
    for (char *block : blocks)
        std::free(block);
    QVERIFY2(isResident(middle), "freed heap memory was given back before it was asked");

    releaseFreedHeap();
    QVERIFY2(!isResident(middle), "freed heap memory is still resident");
    std::free(pin);
#endif
}

QTEST_GUILESS_MAIN(TestProcessMemory)
#include "tst_processmemory.moc"
