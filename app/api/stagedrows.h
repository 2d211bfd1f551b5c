#pragma once

#include "parse/bounceparser.h"

#include <QtGlobal>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

// Rows as a parser read them, copied out of its short-lived buffers so that another thread can
// turn them into a BounceStore (BounceBatchBuilder). Only bytes and lengths: measuring,
// keying and classifying a row, and writing it into the store's new memory, is left to the
// thread that builds the batch.
class StagedRows final {
public:
    void append(const BounceFields &row);
    // Calls visit(const BounceFields &) for every row, in the order staged.
    template<typename Visit>
    void forEachRow(Visit &&visit) const;

    qsizetype rowCount() const { return qsizetype(m_lengths.size() / fieldsPerRow); }
    qsizetype textBytes() const { return qsizetype(m_text.size()); }
    bool isEmpty() const { return m_lengths.empty(); }
    void reserve(qsizetype rows, qsizetype textBytes);

private:
    void appendField(const char *data, std::size_t size);

    static constexpr std::size_t fieldsPerRow = 4; // email, status, reason, created
    std::string m_text;
    std::vector<std::size_t> m_lengths;
};

template<typename Visit>
void StagedRows::forEachRow(Visit &&visit) const {
    const std::string_view text(m_text);
    std::size_t at = 0;
    const auto next = [&](std::size_t length) {
        const std::string_view field = text.substr(at, length);
        at += length;
        return field;
    };
    for (std::size_t i = 0; i < m_lengths.size(); i += fieldsPerRow) {
        BounceFields row;
        row.email = next(m_lengths[i]);
        row.status = next(m_lengths[i + 1]);
        row.reason = next(m_lengths[i + 2]);
        row.created = next(m_lengths[i + 3]);
        visit(std::as_const(row));
    }
}
