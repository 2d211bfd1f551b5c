#pragma once

#include <QtGlobal>

#include <vector>

// Finds the rows of an address among a million without scanning them: an open-addressing
// table (linear probing, at most half full) of row numbers keyed by the email hash each row
// already has. Grows with the rows (update() adds those appended since) and costs 4 to 8
// bytes a row; the table model builds it on a worker once a list is complete.
class BounceEmailIndex final {
public:
    void clear();
    // Brings the index up to date with `hashes` (one per row, rows only ever appended).
    void update(const std::vector<quint32> &hashes);

    // Calls `visit(row)` for every indexed row whose hash is `hash` (the caller compares the
    // addresses: different addresses may share a hash).
    template<typename Visit>
    void forEachRow(quint32 hash, const std::vector<quint32> &hashes, Visit visit) const {
        if (m_slots.empty())
            return;
        for (std::size_t slot = hash & m_mask;; slot = (slot + 1) & m_mask) {
            const quint32 entry = m_slots[slot];
            if (entry == 0)
                return;
            const quint32 row = entry - 1;
            if (hashes[row] == hash)
                visit(row);
        }
    }

private:
    void insert(quint32 row, quint32 hash);

    std::vector<quint32> m_slots; // row + 1; 0 is an empty slot
    std::size_t m_mask = 0;
    std::size_t m_rows = 0; // rows indexed
};
