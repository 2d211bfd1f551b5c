#include "stagedrows.h"

#include <string_view>

void StagedRows::append(const BounceFields &row) {
    for (const std::string_view field : {row.email, row.status, row.reason, row.created}) {
        m_text.append(field);
        m_lengths.push_back(field.size());
    }
}

void StagedRows::appendTo(BounceStore &store) const {
    const std::string_view text(m_text);
    std::size_t at = 0;
    const auto next = [&](std::size_t length) {
        const std::string_view field = text.substr(at, length);
        at += length;
        return field;
    };
    for (std::size_t i = 0; i < m_lengths.size(); i += fieldsPerRow) {
        const std::string_view email = next(m_lengths[i]);
        const std::string_view status = next(m_lengths[i + 1]);
        const std::string_view reason = next(m_lengths[i + 2]);
        const std::string_view created = next(m_lengths[i + 3]);
        store.append(email, status, reason, created);
    }
}

void StagedRows::reserve(qsizetype rows, qsizetype textBytes) {
    m_lengths.reserve(std::size_t(rows) * fieldsPerRow);
    m_text.reserve(std::size_t(textBytes));
}
