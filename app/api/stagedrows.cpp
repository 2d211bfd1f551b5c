#include "stagedrows.h"

#include <algorithm>
#include <cstring>
#include <string_view>

// Field by field, each view read as its pointer and its length: copied whole (as the list
// {row.email, ...} did), each view was one 16-byte load of what the parser had just written as
// two 8-byte stores, and such a load waits for the stores to reach the cache instead of taking
// their values (a failed store-to-load forward): four of these were ~4% of the export's CPU
// time (tests/benchmark/README.md, "Twelfth pass").
void StagedRows::append(const BounceFields &row) {
    const std::size_t size =
        row.email.size() + row.status.size() + row.reason.size() + row.created.size();
    if (m_textCapacity - m_textSize < size)
        growText(m_textSize + size);
    appendField(row.email.data(), row.email.size());
    appendField(row.status.data(), row.status.size());
    appendField(row.reason.data(), row.reason.size());
    appendField(row.created.data(), row.created.size());
    m_lengths.push_back(
        {row.email.size(), row.status.size(), row.reason.size(), row.created.size()});
}

void StagedRows::appendField(const char *data, std::size_t size) {
    if (size > 0) // an empty view's data may be null
        std::memcpy(m_text.get() + m_textSize, data, size);
    m_textSize += size;
}

void StagedRows::growText(std::size_t atLeast) {
    const std::size_t capacity = std::max(atLeast, 2 * m_textCapacity);
    std::unique_ptr<char[]> text(new char[capacity]); // not zeroed: written before read
    if (m_textSize > 0)
        std::memcpy(text.get(), m_text.get(), m_textSize);
    m_text = std::move(text);
    m_textCapacity = capacity;
}

void StagedRows::reserve(qsizetype rows, qsizetype textBytes) {
    m_lengths.reserve(std::size_t(rows));
    if (std::size_t(textBytes) > m_textCapacity)
        growText(std::size_t(textBytes));
}
