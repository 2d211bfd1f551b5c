#include "stagedrows.h"

#include <string_view>

void StagedRows::append(const BounceFields &row) {
    for (const std::string_view field : {row.email, row.status, row.reason, row.created}) {
        m_text.append(field);
        m_lengths.push_back(field.size());
    }
}

void StagedRows::reserve(qsizetype rows, qsizetype textBytes) {
    m_lengths.reserve(std::size_t(rows) * fieldsPerRow);
    m_text.reserve(std::size_t(textBytes));
}
