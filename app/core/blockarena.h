#pragma once

#include <cstddef>
#include <memory>

// Hands out the text blocks of the stores one loader fills one after another (the batches of a
// list, BounceBatchBuilder), as consecutive pieces of 8 MiB regions taken in 2 MiB pages
// (LargeMemory). A batch gives back the end of its piece it did not fill, and the next piece
// starts there, so a region holds the text of its batches back to back.
//
// Why: a million-row window load writes some 200 MB of text into new memory. In the virtual
// machines BounceDesk runs in, the first touch of every 4 KiB page is a fault, and making them
// resident 64 KiB at a time (populateForWriting) still cost the rows thread a system call and
// sixteen page set-ups per step; in 2 MiB pages the same text arrives in one fault per page
// (tests/benchmark/README.md, "Fifth pass"). One 2 MiB page per batch instead would
// have left about half of each page unused but resident.
//
// A region whose pieces are all gone is kept for the next pieces (two at most) rather than
// given back, so a load whose batches are written and dropped as they come (the command line's
// export) reuses the same memory, as it did from malloc's heap, instead of asking for new memory
// for every 8 MiB. Reused memory is not zeroed: a store writes every byte it reads.
//
// Threads: take() and giveBack() on one thread at a time (the loader's); the pieces may be
// released on any thread, and may outlive the arena.
class BlockArena final {
public:
    static constexpr std::size_t regionBytes = std::size_t(8) << 20;
    static constexpr int maxSpareRegions = 2;

    BlockArena();
    ~BlockArena();
    BlockArena(const BlockArena &) = delete;
    BlockArena &operator=(const BlockArena &) = delete;

    struct Piece {
        std::shared_ptr<char[]> data; // keeps its region alive
        std::size_t bytes = 0;
    };
    // A piece of at least `minimum` bytes and at most `wanted` (both at most regionBytes): the
    // rest of the current region when it holds `minimum` but not `wanted`, else from a new one.
    // Throws std::bad_alloc when there is no memory.
    Piece take(std::size_t minimum, std::size_t wanted);
    // Shortens the piece that ends at `pieceEnd` by its last `bytes`, which the next piece then
    // begins with. Only the last piece taken can be shortened: false (nothing done) for others.
    bool giveBack(const char *pieceEnd, std::size_t bytes);

    // Regions kept for reuse right now (for tests).
    int spareRegions() const;

private:
    struct Spares;
    std::shared_ptr<char[]> newRegion();

    std::shared_ptr<Spares> m_spares;
    std::shared_ptr<char[]> m_region;
    std::size_t m_used = 0;
};
