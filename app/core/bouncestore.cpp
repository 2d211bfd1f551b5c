#include "bouncestore.h"

#include "bytesinrange.h"
#include "processmemory.h"

#include <algorithm>
#include <cstring>

namespace {

// Cuts `text` to at most `limit` bytes without splitting a UTF-8 sequence: when the first
// byte left out is a continuation byte, the cut moves back to the start of its character.
std::string_view cutAtCharacter(std::string_view text, qsizetype limit) {
    if (qsizetype(text.size()) <= limit)
        return text;
    auto cut = std::size_t(limit);
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
        --cut;
    return text.substr(0, cut);
}

// Sixteen bytes at a time, the last sixteen overlapping the block before: GCC's -O2 left the
// byte loop as it was, a third of BounceStore::append() in perf.
bool hasAsciiUpper(std::string_view text) {
    const char *p = text.data();
    const std::size_t size = text.size();
#ifdef __SSE2__
    if (size >= 16) {
        const auto upperBytes = [](const char *at) {
            const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(at));
            return _mm_movemask_epi8(bytesInRange(v, 'A', 26));
        };
        for (std::size_t i = 0; i + 16 <= size; i += 16) {
            if (upperBytes(p + i))
                return true;
        }
        return upperBytes(p + size - 16) != 0;
    }
#endif
    bool upper = false;
    for (std::size_t i = 0; i < size; ++i)
        upper |= p[i] >= 'A' && p[i] <= 'Z';
    return upper;
}

void copyFolded(char *to, std::string_view text) {
    for (const char c : text)
        *to++ = c >= 'A' && c <= 'Z' ? char(c + ('a' - 'A')) : c;
}

char *copyText(char *to, std::string_view text) {
    if (!text.empty())
        std::memcpy(to, text.data(), text.size());
    return to + text.size();
}

} // namespace

BounceStore::~BounceStore() = default;
// A moved-from store is empty (not merely missing its memory), so it can be filled again.
BounceStore::BounceStore(BounceStore &&other) noexcept {
    swap(other);
}

BounceStore &BounceStore::operator=(BounceStore &&other) noexcept {
    if (this != &other) {
        BounceStore emptied(std::move(other));
        swap(emptied);
    }
    return *this;
}

void BounceStore::swap(BounceStore &other) noexcept {
    std::swap(m_blocks, other.m_blocks);
    std::swap(m_arena, other.m_arena);
    std::swap(m_currentBlock, other.m_currentBlock);
    std::swap(m_nextBlockBytes, other.m_nextBlockBytes);
    std::swap(m_textBytes, other.m_textBytes);
    std::swap(m_rowChunks, other.m_rowChunks);
    std::swap(m_size, other.m_size);
    std::swap(m_oversized, other.m_oversized);
}

// A copy is compact (one pass over the rows), which is what a queued signal needs.
BounceStore::BounceStore(const BounceStore &other) {
    appendAll(other);
}

BounceStore &BounceStore::operator=(const BounceStore &other) {
    if (this != &other) {
        clear();
        appendAll(other);
    }
    return *this;
}

qsizetype BounceStore::rowBytes(const Entry &entry) {
    return qsizetype(entry.afterEmail()) + entry.statusLength() + entry.reasonLength +
           entry.createdLength();
}

qsizetype BounceStore::allocatedBytes() const {
    return textCapacity() +
           qsizetype(m_rowChunks.size() * (std::size_t(1) << rowChunkShift) * sizeof(Entry));
}

// Copies the tables, not the rows. The snapshot must never be appended to: its last block and
// chunk are the original's, which goes on writing past the snapshot's end (const says so).
std::shared_ptr<const BounceStore> BounceStore::snapshot() const {
    auto shared = std::make_shared<BounceStore>();
    shared->m_blocks = m_blocks;
    shared->m_rowChunks = m_rowChunks;
    shared->m_textBytes = m_textBytes;
    shared->m_size = m_size;
    shared->m_oversized = m_oversized;
    shared->m_currentBlock = -1;
    return shared;
}

// Ordinary rows share blocks that double from 64 KiB up to 4 MiB; a row that alone exceeds
// a block gets an exact block of its own and the current block stays open for the next rows.
char *BounceStore::allocate(qsizetype bytes, quint32 &block, quint32 &offset) {
    if (bytes > blockBytes) {
        Block own;
        own.data.reset(new char[std::size_t(bytes)], std::default_delete<char[]>());
        own.capacity = own.used = bytes;
        m_blocks.push_back(std::move(own));
        block = quint32(m_blocks.size() - 1);
        offset = 0;
        return m_blocks.back().data.get();
    }
    if (m_currentBlock < 0 || m_blocks[std::size_t(m_currentBlock)].capacity -
                                      m_blocks[std::size_t(m_currentBlock)].used <
                                  bytes) {
        Block fresh;
        fresh.capacity = std::max(m_nextBlockBytes, bytes);
        if (m_arena) {
            BlockArena::Piece piece =
                m_arena->take(std::size_t(bytes), std::size_t(fresh.capacity));
            fresh.data = std::move(piece.data);
            fresh.capacity = qsizetype(piece.bytes);
            fresh.fromArena = true;
        } else {
            // Untouched pages cost nothing.
            fresh.data.reset(new char[std::size_t(fresh.capacity)], std::default_delete<char[]>());
        }
        m_nextBlockBytes = std::min(m_nextBlockBytes * 2, blockBytes);
        m_blocks.push_back(std::move(fresh));
        m_currentBlock = qsizetype(m_blocks.size() - 1);
    }
    Block &current = m_blocks[std::size_t(m_currentBlock)];
    block = quint32(m_currentBlock);
    offset = quint32(current.used);
    current.used += bytes;
    if (!current.fromArena && current.used > current.populated) {
        const qsizetype upTo = std::min(
            current.capacity, std::max(current.used, current.populated + populateAheadBytes));
        populateForWriting(current.data.get() + current.populated, upTo - current.populated);
        current.populated = upTo;
    }
    return current.data.get() + offset;
}

void BounceStore::releaseUnusedResidentTail() {
    for (Block &block : m_blocks) {
        if (block.fromArena && block.capacity > block.used && m_arena &&
            m_arena->giveBack(block.data.get() + block.capacity,
                              std::size_t(block.capacity - block.used))) {
            block.capacity = block.used;
            continue;
        }
        if (block.populated <= block.used)
            continue;
        releaseUnwritten(block.data.get() + block.used, block.capacity - block.used);
        block.populated = block.used;
    }
}

qsizetype BounceStore::residentUnusedBytes() const {
    qsizetype bytes = 0;
    for (const Block &block : m_blocks)
        bytes += qMax(block.populated - block.used, qsizetype(0));
    return bytes;
}

void BounceStore::push(const Entry &entry) {
    const auto chunk = std::size_t(m_size >> rowChunkShift);
    if (chunk == m_rowChunks.size()) {
        m_rowChunks.emplace_back(new Entry[std::size_t(1) << rowChunkShift],
                                 std::default_delete<Entry[]>());
        populateForWriting(reinterpret_cast<char *>(m_rowChunks.back().get()),
                           qsizetype(sizeof(Entry)) << rowChunkShift);
    }
    m_rowChunks[chunk][std::size_t(m_size & ((Row(1) << rowChunkShift) - 1))] = entry;
    ++m_size;
}

void BounceStore::append(std::string_view email, std::string_view status, std::string_view reason,
                         std::string_view created) {
    if (Q_UNLIKELY(hasOversizedField(email, status, reason, created)) && !m_oversized) {
        const std::pair<const char *, std::string_view> fields[] = {
            {"email", email}, {"status", status}, {"reason", reason}, {"created", created}};
        for (const auto &[name, text] : fields) {
            if (isOversized(text)) {
                const std::string_view address = cutAtCharacter(email, 320); // enough to name it
                m_oversized =
                    OversizedField{QString::fromUtf8(address.data(), qsizetype(address.size())),
                                   QString::fromLatin1(name), qsizetype(text.size())};
                break;
            }
        }
    }
    email = cutAtCharacter(email, maxFieldBytes);
    status = cutAtCharacter(status, maxFieldBytes);
    reason = cutAtCharacter(reason, maxFieldBytes);
    created = cutAtCharacter(created, maxFieldBytes);

    const bool folded = hasAsciiUpper(email);
    const auto createdKeyPlusOne = quint64(createdSortKey(created) + 1); // below 2^39
    Entry entry{};
    entry.emailBits = quint32(email.size()) | (folded ? quint32(1) << 31 : 0);
    static_assert(int(BounceClass::FrequencyOrVolumeTooHigh) < 8, "the class has three bits");
    const BounceStatusCode code = bounceStatusCode(status); // split once for all three
    entry.statusBits = quint32(status.size()) | quint32(classifyBounce(code, reason)) << 27 |
                       quint32(bounceKindForStatus(code)) << 30;
    entry.reasonLength = quint32(reason.size());
    entry.createdBits = quint32(created.size()) | quint32(createdKeyPlusOne >> 32) << 25;
    entry.createdLow = quint32(createdKeyPlusOne);
    entry.statusKey = statusSortKey(code);

    const qsizetype bytes = rowBytes(entry);
    char *to = allocate(bytes, entry.block, entry.offset);
    to = copyText(to, email);
    if (folded) {
        copyFolded(to, email);
        to += email.size();
    }
    to = copyText(to, status);
    to = copyText(to, reason);
    copyText(to, created);
    m_textBytes += bytes;
    push(entry);
}

void BounceStore::append(const Bounce &bounce) {
    const QByteArray email = bounce.email.toUtf8();
    const QByteArray status = bounce.status.toUtf8();
    const QByteArray reason = bounce.reason.toUtf8();
    const QByteArray created = bounce.created.toUtf8();
    append(std::string_view(email.constData(), std::size_t(email.size())),
           std::string_view(status.constData(), std::size_t(status.size())),
           std::string_view(reason.constData(), std::size_t(reason.size())),
           std::string_view(created.constData(), std::size_t(created.size())));
}

// Rows arrive already measured and keyed: copying one is a memcpy of its text and its entry.
void BounceStore::appendAll(const BounceStore &other) {
    if (!m_oversized && other.m_oversized) // the rows keep what was cut from them
        m_oversized = other.m_oversized;
    if (&other == this) {
        const BounceStore copy(other);
        appendAll(copy);
        return;
    }
    reserve(other.m_size, 0);
    for (Row row = 0; row < other.m_size; ++row)
        appendRowOf(other, row);
}

void BounceStore::appendRowOf(const BounceStore &other, Row row) {
    Q_ASSERT(&other != this);
    if (!m_oversized && other.m_oversized)
        m_oversized = other.m_oversized;
    Entry entry = other.entry(row);
    const qsizetype bytes = rowBytes(entry);
    const char *from = other.text(entry);
    char *to = allocate(bytes, entry.block, entry.offset);
    if (bytes > 0)
        std::memcpy(to, from, std::size_t(bytes));
    m_textBytes += bytes;
    push(entry);
}

void BounceStore::appendAll(BounceStore &&other) {
    if (&other == this || other.isEmpty())
        return;
    if (!m_oversized && other.m_oversized)
        m_oversized = other.m_oversized;
    const auto base = quint32(m_blocks.size());
    for (Block &block : other.m_blocks)
        m_blocks.push_back(std::move(block));
    // The current block stays this store's own: appending goes on there, not in a tail.
    reserve(other.m_size, 0);
    for (Row row = 0; row < other.m_size; ++row) {
        Entry entry = other.entry(row);
        entry.block += base;
        push(entry);
    }
    m_textBytes += other.m_textBytes;
    BounceStore().swap(other);
}

BounceStore BounceStore::tight() const {
    BounceStore copy;
    copy.reserve(m_size, 0);
    copy.m_nextBlockBytes = std::clamp<qsizetype>(m_textBytes, 1, blockBytes);
    copy.appendAll(*this);
    return copy;
}

qsizetype BounceStore::textCapacity() const {
    qsizetype bytes = 0;
    for (const Block &block : m_blocks)
        bytes += block.capacity;
    return bytes;
}

void BounceStore::takeBlocksFrom(std::shared_ptr<BlockArena> arena) {
    m_arena = std::move(arena);
}

void BounceStore::reserve(qsizetype rows, qsizetype textBytes) {
    const qsizetype chunks = ((m_size + rows) >> rowChunkShift) + 1;
    m_rowChunks.reserve(std::size_t(chunks));
    if (textBytes > 0)
        m_nextBlockBytes = std::clamp(textBytes, m_nextBlockBytes, blockBytes);
}

// Keeps one ordinary block and one row chunk for reuse: parsers clear and refill a batch
// store thousands of times per load. Memory a snapshot still reads is never reused.
void BounceStore::clear() {
    qsizetype keep = -1;
    for (std::size_t i = 0; i < m_blocks.size(); ++i) {
        const Block &block = m_blocks[i];
        if (block.capacity <= blockBytes && block.data.use_count() == 1 &&
            (keep < 0 || block.capacity > m_blocks[std::size_t(keep)].capacity))
            keep = qsizetype(i);
    }
    if (keep >= 0) {
        Block kept = std::move(m_blocks[std::size_t(keep)]);
        kept.used = 0;
        m_blocks.clear();
        m_nextBlockBytes = std::min(kept.capacity * 2, blockBytes);
        m_blocks.push_back(std::move(kept));
        m_currentBlock = 0;
    } else {
        m_blocks.clear();
        m_currentBlock = -1;
        m_nextBlockBytes = firstBlockBytes;
    }
    const bool keepChunk = !m_rowChunks.empty() && m_rowChunks.front().use_count() == 1;
    m_rowChunks.resize(keepChunk ? 1 : 0);
    m_textBytes = 0;
    m_size = 0;
    m_oversized.reset();
}

QString BounceStore::email(Row row) const {
    const std::string_view text = emailUtf8(row);
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

QString BounceStore::status(Row row) const {
    const std::string_view text = statusUtf8(row);
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

QString BounceStore::reason(Row row) const {
    const std::string_view text = reasonUtf8(row);
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

QString BounceStore::created(Row row) const {
    const std::string_view text = createdUtf8(row);
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

Bounce BounceStore::bounce(Row row) const {
    return Bounce{email(row), status(row), reason(row), created(row)};
}
