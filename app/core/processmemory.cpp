#include "processmemory.h"

#include <cstdlib> // defines __GLIBC__ where it applies
#include <mutex>

#ifdef __GLIBC__
#include <malloc.h>
#endif
#ifdef Q_OS_LINUX
#include <sys/mman.h>
#include <unistd.h>
#endif

#include <cstdint>

void returnLargeBlocksToTheSystem() {
#ifdef __GLIBC__
    static std::once_flag once;
    std::call_once(once, [] {
        // Setting these also stops glibc adjusting them on its own. The trim threshold keeps
        // a few MiB free at the heap's top: body chunks of up to 1 MiB come and go there, and
        // giving each back at once would have every next one faulted in afresh.
        mallopt(M_MMAP_THRESHOLD, (4 << 20) + (256 << 10));
        mallopt(M_TRIM_THRESHOLD, 8 << 20);
    });
#endif
}

void populateForWriting(char *begin, qsizetype bytes) {
#if defined(Q_OS_LINUX) && defined(MADV_POPULATE_WRITE)
    if (bytes <= 0)
        return;
    static const auto page = std::uintptr_t(::sysconf(_SC_PAGESIZE));
    const std::uintptr_t first = std::uintptr_t(begin) & ~(page - 1);
    const std::uintptr_t end =
        (std::uintptr_t(begin) + std::uintptr_t(bytes) + page - 1) & ~(page - 1);
    // Best effort: an older kernel says EINVAL, and the pages are then faulted in on first touch.
    ::madvise(reinterpret_cast<void *>(first), end - first, MADV_POPULATE_WRITE);
#else
    Q_UNUSED(begin);
    Q_UNUSED(bytes);
#endif
}

void releaseUnwritten(char *begin, qsizetype bytes) {
#if defined(Q_OS_LINUX)
    if (bytes <= 0)
        return;
    static const auto page = std::uintptr_t(::sysconf(_SC_PAGESIZE));
    const std::uintptr_t first = (std::uintptr_t(begin) + page - 1) & ~(page - 1);
    const std::uintptr_t end = (std::uintptr_t(begin) + std::uintptr_t(bytes)) & ~(page - 1);
    if (end > first)
        ::madvise(reinterpret_cast<void *>(first), end - first, MADV_DONTNEED);
#else
    Q_UNUSED(begin);
    Q_UNUSED(bytes);
#endif
}

void releaseFreedHeap() {
#ifdef __GLIBC__
    malloc_trim(0);
#endif
}
