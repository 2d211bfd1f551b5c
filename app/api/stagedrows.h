#pragma once

#include "parse/bounceparser.h"

#include "core/bouncestore.h"

#include <QtGlobal>

#include <string>
#include <vector>

// Rows as a parser read them, copied out of its short-lived buffers so that another thread can
// turn them into a BounceStore (BounceBatchBuilder). Only bytes and lengths: measuring,
// keying and classifying a row, and writing it into the store's new memory, is left to the
// thread that builds the batch.
class StagedRows final {
public:
    void append(const BounceFields &row);
    // Appends every row to `store` in the order staged (BounceStore::append: measured,
    // keyed and classified there).
    void appendTo(BounceStore &store) const;

    qsizetype rowCount() const { return qsizetype(m_lengths.size() / fieldsPerRow); }
    qsizetype textBytes() const { return qsizetype(m_text.size()); }
    bool isEmpty() const { return m_lengths.empty(); }
    void reserve(qsizetype rows, qsizetype textBytes);

private:
    static constexpr std::size_t fieldsPerRow = 4; // email, status, reason, created
    std::string m_text;
    std::vector<std::size_t> m_lengths;
};
