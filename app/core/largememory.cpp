#include "largememory.h"

#include <QtGlobal>

#include <cstdint>
#include <cstdlib>
#include <new>

#ifdef Q_OS_LINUX
#include <sys/mman.h>
#endif

namespace LargeMemory {

namespace {

#if defined(Q_OS_LINUX) && defined(MADV_HUGEPAGE)
bool mapped(std::size_t bytes) {
    return bytes >= hugePageBytes;
}

std::uintptr_t roundUpToHugePage(std::uintptr_t value) {
    return (value + hugePageBytes - 1) & ~std::uintptr_t(hugePageBytes - 1);
}

std::size_t mappedBytes(std::size_t bytes) {
    return roundUpToHugePage(bytes);
}

// A private anonymous mapping (zeroed by the kernel) starting on a 2 MiB boundary: mapped one
// huge page larger, then the ends that stick out unmapped, since only a whole, aligned 2 MiB
// range can be one huge page.
void *mapAligned(std::size_t bytes) {
    const std::size_t wanted = mappedBytes(bytes);
    const std::size_t withSlack = wanted + hugePageBytes;
    void *raw =
        ::mmap(nullptr, withSlack, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (raw == MAP_FAILED)
        throw std::bad_alloc();
    const auto start = std::uintptr_t(raw);
    const std::uintptr_t aligned = roundUpToHugePage(start);
    if (aligned > start)
        ::munmap(raw, aligned - start);
    const std::uintptr_t end = start + withSlack;
    if (end > aligned + wanted)
        ::munmap(reinterpret_cast<void *>(aligned + wanted), end - (aligned + wanted));
    // Best effort: without transparent huge pages (EINVAL) the range stays in 4 KiB pages.
    ::madvise(reinterpret_cast<void *>(aligned), wanted, MADV_HUGEPAGE);
    return reinterpret_cast<void *>(aligned);
}
#endif

} // namespace

void *allocateZeroed(std::size_t bytes) {
#if defined(Q_OS_LINUX) && defined(MADV_HUGEPAGE)
    if (mapped(bytes))
        return mapAligned(bytes);
#endif
    void *memory = std::calloc(bytes == 0 ? 1 : bytes, 1);
    if (!memory)
        throw std::bad_alloc();
    return memory;
}

void release(void *memory, std::size_t bytes) noexcept {
    if (!memory)
        return;
#if defined(Q_OS_LINUX) && defined(MADV_HUGEPAGE)
    if (mapped(bytes)) {
        ::munmap(memory, mappedBytes(bytes));
        return;
    }
#endif
    std::free(memory);
}

} // namespace LargeMemory
