#pragma once

#include <cstddef>
#include <memory>
#include <type_traits>

// Zeroed memory for large structures that fill up as a list arrives (the table and key blocks
// of a million-address set), taken from the system in 2 MiB pages where the kernel gives them
// on request (Linux's transparent huge pages in "madvise" mode, Debian's default).
//
// Why: in the virtual machines BounceDesk runs in, every first touch of a fresh 4 KiB page is a
// fault costing ~11 us: writing 256 MB of new memory took 730 ms, the same in 2 MiB pages
// 15-40 ms (tests/benchmark/README.md). The address set of a 1M-row v3 load faulted 15,000
// times, 80% of the whole export's faults, all on the thread that delivers the rows.
//
// The pages still arrive as they are first touched, 2 MiB at a time, so a structure grown in
// small steps stops its caller for no longer than before. Blocks below hugePageBytes come
// from calloc (a 2 MiB page for a ten-row list would be waste), as do all of them where the
// system has no such pages to offer.
namespace LargeMemory {

constexpr std::size_t hugePageBytes = std::size_t(2) << 20;

// `bytes` zeroed bytes; throws std::bad_alloc when there is no memory. A block of at least
// hugePageBytes starts on a 2 MiB boundary where the system maps huge pages.
void *allocateZeroed(std::size_t bytes);
// Gives back a block of allocateZeroed(bytes), with the same `bytes`.
void release(void *memory, std::size_t bytes) noexcept;

// For std::unique_ptr: remembers the size release() needs.
struct Deleter {
    std::size_t bytes = 0;
    void operator()(void *memory) const noexcept { release(memory, bytes); }
};

// `count` zeroed elements of a trivial type, as an owning pointer: for scratch arrays of a
// million rows, which std::vector would first fill with zeros itself, touching every page
// one 4 KiB fault at a time.
template<typename T>
using Array = std::unique_ptr<T[], Deleter>;

template<typename T>
Array<T> allocateArray(std::size_t count) {
    static_assert(std::is_trivial_v<T>, "the memory is used as it comes: zeroed, not constructed");
    const std::size_t bytes = count * sizeof(T);
    return Array<T>(static_cast<T *>(allocateZeroed(bytes)), Deleter{bytes});
}

} // namespace LargeMemory
