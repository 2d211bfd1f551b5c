#pragma once

#include "blockarena.h"
#include "bounce.h"
#include "bounceclass.h"

#include <QByteArray>
#include <QString>

#include <memory>
#include <optional>
#include <string_view>
#include <vector>

// Bounce rows stored compactly: every text lives once in a UTF-8 arena and a row is a few
// lengths plus precomputed sort keys (32 bytes). A million rows cost about the size of their
// text plus ~32 MB, and QString is only made for the rows a view or writer asks for.
// The arena grows in blocks (at most 4 MiB, a larger row gets a block of its own) and the rows
// in chunks, so growing never copies what is already stored.
// Rows are append-only; the table model hides removed rows through its index vector.
//
// Threads: a snapshot() shares the blocks and chunks (never the bytes being appended) and
// keeps them alive, so a worker thread may read a snapshot while the owner goes on appending
// to (or clears, or destroys) the original. A snapshot itself is read-only.
class BounceStore final {
public:
    using Row = qsizetype;

    BounceStore() = default;
    ~BounceStore();
    BounceStore(const BounceStore &other);
    BounceStore &operator=(const BounceStore &other);
    BounceStore(BounceStore &&other) noexcept;
    BounceStore &operator=(BounceStore &&other) noexcept;
    void swap(BounceStore &other) noexcept;

    // Texts are UTF-8. Invalid UTF-8 is stored as given and shown with replacement characters.
    void append(std::string_view email, std::string_view status, std::string_view reason,
                std::string_view created);
    void append(const Bounce &bounce);
    // Appends every row of `other` (used to merge parsed batches into the model's store).
    void appendAll(const BounceStore &other);
    // The same without copying the text: `other`'s blocks join this store's and `other` is
    // left empty. Their unused ends stay unused: never written, they cost address space, not
    // memory (a tight() store has none).
    void appendAll(BounceStore &&other);
    // One row of `other` (another store), its entry copied whole: measured, keyed and
    // classified as it was there, never derived again. What `other` cut is remembered here too.
    void appendRowOf(const BounceStore &other, Row row);
    // A copy whose text fills its blocks exactly (one block up to 4 MiB of text).
    BounceStore tight() const;
    qsizetype textCapacity() const; // bytes of the blocks, used or not
    // The rows so far, sharing this store's memory: for reading on another thread (see above).
    std::shared_ptr<const BounceStore> snapshot() const;
    void reserve(qsizetype rows, qsizetype textBytes);
    // From now on the ordinary blocks (those of at most 4 MiB) come from `arena`, shared with
    // the stores filled before and after this one (the batches of one load; BlockArena says
    // why). Kept by clear() and moves; copies and snapshots do not take it.
    void takeBlocksFrom(std::shared_ptr<BlockArena> arena);
    void clear();

    qsizetype size() const { return m_size; }
    bool isEmpty() const { return m_size == 0; }
    qsizetype textBytes() const { return m_textBytes; } // bytes of text stored
    qsizetype allocatedBytes() const;                   // arena blocks plus row chunks
    // For a store that is complete (a parsed batch about to be handed on whole): gives back the
    // pages made resident ahead of the rows that no row will now use, up to 64 KiB a block,
    // which would otherwise stay resident in the store they join, and the unused end of the
    // last block taken from an arena to that arena. Appending afterwards still works.
    // residentUnusedBytes() is what this gives back of the first kind (0 after it).
    void releaseUnusedResidentTail();
    qsizetype residentUnusedBytes() const;

    // A field longer than this is cut at a UTF-8 character boundary, and the first such cut is
    // remembered, so that whoever loads the rows can refuse them rather than pass them on short.
    static constexpr qsizetype maxFieldBytes = qsizetype(16) << 20;
    static bool isOversized(std::string_view field) {
        return qsizetype(field.size()) > maxFieldBytes;
    }
    // Whether append() would cut a field of this row.
    static bool hasOversizedField(std::string_view email, std::string_view status,
                                  std::string_view reason, std::string_view created) {
        return isOversized(email) || isOversized(status) || isOversized(reason) ||
               isOversized(created);
    }
    struct OversizedField {
        QString email;      // the row's address (itself cut, if it was the long one)
        QString field;      // "email", "status", "reason" or "created"
        qsizetype bytes{0}; // as the server sent it
    };
    // The first field cut since the store was made or cleared; empty when none was.
    const std::optional<OversizedField> &firstOversizedField() const { return m_oversized; }

    // Views into the arena, valid until clear() or destruction (appending keeps them valid).
    std::string_view emailUtf8(Row row) const;
    std::string_view statusUtf8(Row row) const;
    std::string_view reasonUtf8(Row row) const;
    std::string_view createdUtf8(Row row) const;

    QString email(Row row) const;
    QString status(Row row) const;
    QString reason(Row row) const;
    QString created(Row row) const;
    Bounce bounce(Row row) const;

    BounceKind kind(Row row) const;
    // The class derived from the row's status and reason slots when it was appended
    // (classifyBounce()): once per row, on whichever thread appends (the parsers' workers for
    // the window's loads), so views, sorts and filters only read it. Meaningful for the lists
    // with a status (bounces, blocks); other lists' rows carry one too, which nobody shows.
    BounceClass bounceClass(Row row) const;
    qint64 createdKey(Row row) const; // createdSortKey() of the row, -1 when absent
    quint32 statusKey(Row row) const; // statusSortKey() of the row
    // The email case-folded (ASCII lower-case; non-ASCII bytes kept), for sorting and filtering.
    std::string_view foldedEmailUtf8(Row row) const;
    // A hint for loops that visit rows out of order: start fetching the row's entry now.
    void prefetchRow(Row row) const { __builtin_prefetch(&entry(row)); }

private:
    // A row's texts lie back to back in one arena block: email, its ASCII-folded copy (only when
    // it differs; folding keeps the length), status, reason, created. 32 bytes: a length needs
    // 25 bits (up to maxFieldBytes, 2^24, inclusive), and the high bits above three of them
    // carry the folded-copy flag, the kind and class, and the top of the created key (+1, 39
    // bits).
    struct Entry {
        quint32 block;
        quint32 offset;
        quint32 emailBits;  // length | folded copy << 31
        quint32 statusBits; // length | class << 27 | kind << 30
        quint32 reasonLength;
        quint32 createdBits; // length | (created key + 1) >> 32 << 25
        quint32 createdLow;  // (created key + 1) & 0xffffffff
        quint32 statusKey;

        static constexpr quint32 lengthMask = (quint32(1) << 25) - 1;
        quint32 emailLength() const { return emailBits & lengthMask; }
        bool foldedCopy() const { return (emailBits >> 31) != 0; }
        quint32 statusLength() const { return statusBits & lengthMask; }
        BounceKind kind() const { return BounceKind(statusBits >> 30); }
        BounceClass bounceClass() const { return BounceClass((statusBits >> 27) & 0x7); }
        quint32 createdLength() const { return createdBits & lengthMask; }
        qint64 createdKey() const {
            return qint64((quint64(createdBits >> 25) << 32) | createdLow) - 1;
        }
        // Where the status starts: after the email and its folded copy, if any.
        quint32 afterEmail() const { return foldedCopy() ? 2 * emailLength() : emailLength(); }
    };
    struct Block {
        std::shared_ptr<char[]> data; // shared with snapshots
        qsizetype capacity = 0;
        qsizetype used = 0;
        qsizetype populated = 0; // bytes made resident ahead of the rows (populateForWriting)
        bool fromArena = false;  // a piece of m_arena's, resident a 2 MiB page at a time
    };

    static constexpr qsizetype blockBytes = qsizetype(4) << 20;
    static constexpr qsizetype firstBlockBytes = qsizetype(64) << 10;
    static constexpr int rowChunkShift = 12; // 4096 rows (128 KiB) per chunk
    // How far ahead of the rows a block's pages are made resident: far enough for one system
    // call to replace a few dozen faults, near enough that a block's unused end stays untouched.
    static constexpr qsizetype populateAheadBytes = qsizetype(64) << 10;

    char *allocate(qsizetype bytes, quint32 &block, quint32 &offset);
    void push(const Entry &entry);
    const Entry &entry(Row row) const {
        Q_ASSERT(row >= 0 && row < m_size);
        return m_rowChunks[std::size_t(row >> rowChunkShift)]
                          [std::size_t(row & ((Row(1) << rowChunkShift) - 1))];
    }
    const char *text(const Entry &entry) const {
        return m_blocks[entry.block].data.get() + entry.offset;
    }
    static qsizetype rowBytes(const Entry &entry);

    std::vector<Block> m_blocks;
    std::shared_ptr<BlockArena> m_arena; // where ordinary blocks come from; none: the heap
    qsizetype m_currentBlock = -1;       // the block that takes ordinary rows
    qsizetype m_nextBlockBytes = firstBlockBytes;
    qsizetype m_textBytes = 0;
    std::vector<std::shared_ptr<Entry[]>> m_rowChunks; // shared with snapshots
    qsizetype m_size = 0;
    std::optional<OversizedField> m_oversized;
};

// The accessors the model calls per row while sorting and filtering stay inline.
inline std::string_view BounceStore::emailUtf8(Row row) const {
    const Entry &e = entry(row);
    return {text(e), e.emailLength()};
}

inline std::string_view BounceStore::foldedEmailUtf8(Row row) const {
    const Entry &e = entry(row);
    return {text(e) + (e.foldedCopy() ? e.emailLength() : 0), e.emailLength()};
}

inline std::string_view BounceStore::statusUtf8(Row row) const {
    const Entry &e = entry(row);
    return {text(e) + e.afterEmail(), e.statusLength()};
}

inline std::string_view BounceStore::reasonUtf8(Row row) const {
    const Entry &e = entry(row);
    return {text(e) + e.afterEmail() + e.statusLength(), e.reasonLength};
}

inline std::string_view BounceStore::createdUtf8(Row row) const {
    const Entry &e = entry(row);
    const qsizetype at = qsizetype(e.afterEmail()) + e.statusLength() + e.reasonLength;
    return {text(e) + at, e.createdLength()};
}

inline BounceKind BounceStore::kind(Row row) const {
    return entry(row).kind();
}

inline BounceClass BounceStore::bounceClass(Row row) const {
    return entry(row).bounceClass();
}

inline qint64 BounceStore::createdKey(Row row) const {
    return entry(row).createdKey();
}

inline quint32 BounceStore::statusKey(Row row) const {
    return entry(row).statusKey;
}
