#include "blockarena.h"

#include "largememory.h"

#include <QtGlobal>

#include <algorithm>
#include <mutex>
#include <vector>

struct BlockArena::Spares {
    std::mutex mutex;
    std::vector<char *> regions;

    // Reserved at once: keep() runs in a piece's deleter, where nothing may throw.
    Spares() { regions.reserve(std::size_t(maxSpareRegions)); }

    ~Spares() {
        for (char *region : regions)
            LargeMemory::release(region, regionBytes);
    }
    // Keeps `region` for reuse; false when enough are kept already.
    bool keep(char *region) {
        const std::lock_guard<std::mutex> lock(mutex);
        if (regions.size() >= std::size_t(maxSpareRegions))
            return false;
        regions.push_back(region);
        return true;
    }
    char *reuse() {
        const std::lock_guard<std::mutex> lock(mutex);
        if (regions.empty())
            return nullptr;
        char *region = regions.back();
        regions.pop_back();
        return region;
    }
};

BlockArena::BlockArena()
    : m_spares(std::make_shared<Spares>()) {}

// The pieces handed out keep their regions; the current one goes back with the last of them.
BlockArena::~BlockArena() = default;

std::shared_ptr<char[]> BlockArena::newRegion() {
    char *memory = m_spares->reuse();
    if (!memory)
        memory = static_cast<char *>(LargeMemory::allocateZeroed(regionBytes));
    // The last piece of a region to go hands it to the arena's spares, if the arena is still
    // there and keeps fewer than it may; otherwise it goes back to the system.
    const std::weak_ptr<Spares> spares = m_spares;
    return std::shared_ptr<char[]>(memory, [spares](char *region) {
        if (const std::shared_ptr<Spares> kept = spares.lock(); kept && kept->keep(region))
            return;
        LargeMemory::release(region, regionBytes);
    });
}

BlockArena::Piece BlockArena::take(std::size_t minimum, std::size_t wanted) {
    Q_ASSERT(minimum <= regionBytes);
    wanted = std::clamp(wanted, minimum, regionBytes);
    if (!m_region || regionBytes - m_used < minimum) {
        m_region = newRegion();
        m_used = 0;
    }
    const std::size_t bytes = std::min(wanted, regionBytes - m_used);
    Piece piece{std::shared_ptr<char[]>(m_region, m_region.get() + m_used), bytes};
    m_used += bytes;
    return piece;
}

bool BlockArena::giveBack(const char *pieceEnd, std::size_t bytes) {
    if (!m_region || pieceEnd != m_region.get() + m_used || bytes > m_used)
        return false;
    m_used -= bytes;
    return true;
}

int BlockArena::spareRegions() const {
    const std::lock_guard<std::mutex> lock(m_spares->mutex);
    return int(m_spares->regions.size());
}
