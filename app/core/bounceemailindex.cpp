#include "bounceemailindex.h"

void BounceEmailIndex::clear() {
    std::vector<quint32>().swap(m_slots);
    m_mask = 0;
    m_rows = 0;
}

void BounceEmailIndex::update(const std::vector<quint32> &hashes) {
    if (hashes.size() < m_rows) // not the rows indexed: start over
        clear();
    if (2 * hashes.size() > m_slots.size()) {
        std::size_t slots = 1024;
        while (slots < 2 * hashes.size())
            slots *= 2;
        m_slots.assign(slots, 0);
        m_mask = slots - 1;
        m_rows = 0;
    }
    for (; m_rows < hashes.size(); ++m_rows)
        insert(quint32(m_rows), hashes[m_rows]);
}

void BounceEmailIndex::insert(quint32 row, quint32 hash) {
    std::size_t slot = hash & m_mask;
    while (m_slots[slot] != 0)
        slot = (slot + 1) & m_mask;
    m_slots[slot] = row + 1;
}
