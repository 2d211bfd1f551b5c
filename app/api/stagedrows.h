#pragma once

#include "parse/bounceparser.h"

#include <QtGlobal>

#include <memory>
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

    qsizetype rowCount() const { return qsizetype(m_lengths.size()); }
    qsizetype textBytes() const { return qsizetype(m_textSize); }
    bool isEmpty() const { return m_lengths.empty(); }
    void reserve(qsizetype rows, qsizetype textBytes);

private:
    struct Lengths {
        std::size_t email, status, reason, created;
    };
    void growText(std::size_t atLeast);
    void appendField(const char *data, std::size_t size);

    // The fields' bytes back to back. Not a std::string: its append() checked the capacity
    // and called out to copy four times a row, ~1% of an export's CPU time; here the room for
    // a row is made once (tests/benchmark/README.md, "Thirteenth pass").
    std::unique_ptr<char[]> m_text;
    std::size_t m_textSize = 0;
    std::size_t m_textCapacity = 0;
    std::vector<Lengths> m_lengths; // a row's
};

template<typename Visit>
void StagedRows::forEachRow(Visit &&visit) const {
    const char *at = m_text.get();
    const auto next = [&at](std::size_t length) {
        const std::string_view field(at, length);
        at += length;
        return field;
    };
    for (const Lengths &lengths : m_lengths) {
        BounceFields row;
        row.email = next(lengths.email);
        row.status = next(lengths.status);
        row.reason = next(lengths.reason);
        row.created = next(lengths.created);
        visit(std::as_const(row));
    }
}
