#include "bouncerowmatcher.h"

#include "bounce.h"

#include <QDateTime>

#include <algorithm>
#include <cstring>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace {

constexpr char foldAscii(char c) {
    return c >= 'A' && c <= 'Z' ? char(c + ('a' - 'A')) : c;
}

constexpr char upperAscii(char c) {
    return c >= 'a' && c <= 'z' ? char(c - ('a' - 'A')) : c;
}

bool equalsFolded(const char *text, const char *foldedNeedle, std::size_t length) {
    for (std::size_t i = 0; i < length; ++i) {
        if (foldAscii(text[i]) != foldedNeedle[i])
            return false;
    }
    return true;
}

constexpr qint64 julianDayOf1970 = 2440588;

qint64 dayStartKey(QDate date) {
    return (date.toJulianDay() - julianDayOf1970) * 86400;
}

bool withinOrOpen(qint64 inner, qint64 outer, bool lower) {
    if (outer < 0)
        return true; // the wider side is open
    if (inner < 0)
        return false; // open here, bounded there
    return lower ? inner >= outer : inner <= outer;
}

} // namespace

BounceRowMatcher::BounceRowMatcher(const BounceFilter &filter)
    : m_type(filter.type)
    , m_class(filter.bounceClass)
    , m_inStatus(filter.textInStatusSlot)
    , m_inReason(filter.textInReasonSlot) {
    const QByteArray utf8 = filter.text.toUtf8();
    m_needle.reserve(std::size_t(utf8.size()));
    for (const char c : utf8)
        m_needle.push_back(foldAscii(c));

    // Dates before 1970 are clamped there: no created key is smaller.
    if (filter.from.isValid()) {
        m_from = std::max<qint64>(0, dayStartKey(filter.from));
        // startOfDay(): the first moment of the local day, also where midnight is skipped.
        m_fromLocal = std::max<qint64>(0, filter.from.startOfDay().toSecsSinceEpoch());
    }
    if (filter.to.isValid()) {
        m_to = dayStartKey(filter.to) + 86400 - 1;
        m_toLocal = filter.to.addDays(1).startOfDay().toSecsSinceEpoch() - 1;
    }
    if (filter.to.isValid() && m_to < 0) { // a range that ends before 1970 accepts nothing
        m_from = 1;
        m_to = 0;
    }
    if (filter.to.isValid() && m_toLocal < 0) {
        m_fromLocal = 1;
        m_toLocal = 0;
    }
}

bool BounceRowMatcher::acceptsEverything() const {
    return m_needle.empty() && m_type == BounceFilter::Type::All && !m_class && m_from < 0 &&
           m_to < 0;
}

bool BounceRowMatcher::containsNeedle(std::string_view haystack) const {
    const std::size_t m = m_needle.size();
    const std::size_t n = haystack.size();
    if (m == 0)
        return true;
    if (n < m)
        return false;
    const char *const text = haystack.data();
    const char *const needle = m_needle.data();
    if (m == 1) {
        const char lower = needle[0];
        const char upper = upperAscii(lower);
        return std::memchr(text, lower, n) || (upper != lower && std::memchr(text, upper, n));
    }
    std::size_t at = 0;
#ifdef __SSE2__
    // Sixteen candidate positions at a time: the first and the last needle byte must match
    // (ORing 0x20 folds a letter's upper case onto its lower case and nothing else onto it).
    const auto foldMask = [](char c) { return _mm_set1_epi8(c >= 'a' && c <= 'z' ? 0x20 : 0); };
    const __m128i firstMask = foldMask(needle[0]);
    const __m128i lastMask = foldMask(needle[m - 1]);
    const __m128i first = _mm_set1_epi8(needle[0]);
    const __m128i last = _mm_set1_epi8(needle[m - 1]);
    for (; at + m - 1 + 16 <= n; at += 16) {
        const __m128i a =
            _mm_or_si128(_mm_loadu_si128(reinterpret_cast<const __m128i *>(text + at)), firstMask);
        const __m128i b = _mm_or_si128(
            _mm_loadu_si128(reinterpret_cast<const __m128i *>(text + at + m - 1)), lastMask);
        unsigned bits = unsigned(
            _mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(a, first), _mm_cmpeq_epi8(b, last))));
        while (bits) {
            const std::size_t candidate = at + std::size_t(__builtin_ctz(bits));
            if (equalsFolded(text + candidate + 1, needle + 1, m - 2))
                return true;
            bits &= bits - 1;
        }
    }
#endif
    for (; at + m <= n; ++at) {
        if (equalsFolded(text + at, needle, m))
            return true;
    }
    return false;
}

bool BounceRowMatcher::matches(const BounceStore &store, BounceStore::Row row) const {
    switch (m_type) {
    case BounceFilter::Type::All:
        break;
    case BounceFilter::Type::Hard:
        if (store.kind(row) != BounceKind::Hard)
            return false;
        break;
    case BounceFilter::Type::Soft:
        if (store.kind(row) != BounceKind::Soft)
            return false;
        break;
    }
    if (m_class && store.bounceClass(row) != *m_class)
        return false;
    if (m_from >= 0 || m_to >= 0) {
        const qint64 created = store.createdKey(row);
        if (created < 0)
            return false;
        // A UTC time's key is seconds since the epoch: compared with the local days' bounds.
        const bool utc = isUtcCreated(store.createdUtf8(row));
        const qint64 from = utc ? m_fromLocal : m_from;
        const qint64 to = utc ? m_toLocal : m_to;
        if ((from >= 0 && created < from) || (to >= 0 && created > to))
            return false;
    }
    if (m_needle.empty())
        return true;
    return containsNeedle(store.foldedEmailUtf8(row)) ||
           (m_inStatus && containsNeedle(store.statusUtf8(row))) ||
           (m_inReason && containsNeedle(store.reasonUtf8(row)));
}

bool BounceRowMatcher::narrows(const BounceRowMatcher &wider) const {
    if (wider.m_type != BounceFilter::Type::All && wider.m_type != m_type)
        return false;
    if (wider.m_class && wider.m_class != m_class)
        return false;
    // Looking in other slots finds other rows, whatever the text.
    if (wider.m_inStatus != m_inStatus || wider.m_inReason != m_inReason)
        return false;
    if (!withinOrOpen(m_from, wider.m_from, true) || !withinOrOpen(m_to, wider.m_to, false) ||
        !withinOrOpen(m_fromLocal, wider.m_fromLocal, true) ||
        !withinOrOpen(m_toLocal, wider.m_toLocal, false))
        return false;
    return wider.m_needle.empty() || m_needle.find(wider.m_needle) != std::string::npos;
}
