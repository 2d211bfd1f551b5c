#include "stagedrows.h"

#include <string_view>

// Field by field, each view read as its pointer and its length: copied whole (as the list
// {row.email, ...} did), each view was one 16-byte load of what the parser had just written as
// two 8-byte stores, and such a load waits for the stores to reach the cache instead of taking
// their values (a failed store-to-load forward): four of these were ~4% of the export's CPU
// time (tests/benchmark/README.md, "Twelfth pass").
void StagedRows::append(const BounceFields &row) {
    appendField(row.email.data(), row.email.size());
    appendField(row.status.data(), row.status.size());
    appendField(row.reason.data(), row.reason.size());
    appendField(row.created.data(), row.created.size());
}

void StagedRows::appendField(const char *data, std::size_t size) {
    m_text.append(data, size);
    m_lengths.push_back(size);
}

void StagedRows::reserve(qsizetype rows, qsizetype textBytes) {
    m_lengths.reserve(std::size_t(rows) * fieldsPerRow);
    m_text.reserve(std::size_t(textBytes));
}
