#include "jsonflatrowreader.h"

#include "jsontext.h"

#include <simdjson.h>

#include <cstring>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace {

enum Field { Email, Status, Reason, Created, FieldCount };

using JsonText::skipSpace;

// The closing quote of the key whose text starts at `p` when it is one of the four a row has
// (*field says which), else null: the key is then unknown, or not a string that closes before
// `limit`. Keys compare as raw bytes, as JsonBounceRowDecoder compares them: the API never
// escapes its keys, and an escaped one ("em\u0061il") is an unknown key to both readers. Each
// key is compared with its quote as a constant number of bytes, a few loads and compares:
// finding where the key's string ends and then which key it is took a fifth of this reader's
// time (tests/benchmark/README.md, "Twentieth pass").
const char *knownKeyEnd(const char *p, const char *limit, int *field) {
    const auto quoteAfter = [p, limit](const auto &keyAndQuote) -> const char * {
        constexpr std::size_t bytes = sizeof(keyAndQuote) - 1; // not the terminating NUL
        if (std::size_t(limit - p) < bytes || std::memcmp(p, keyAndQuote, bytes) != 0)
            return nullptr;
        return p + bytes - 1;
    };
    const char *quote = nullptr;
    if ((quote = quoteAfter("email\"")))
        *field = Email;
    else if ((quote = quoteAfter("status\"")))
        *field = Status;
    else if ((quote = quoteAfter("reason\"")))
        *field = Reason;
    else if ((quote = quoteAfter("created\"")))
        *field = Created;
    return quote;
}

// The escapes JSON defines, by the byte after the backslash.
bool isEscapeLetter(char c) {
    return c == '"' || c == '\\' || c == '/' || c == 'b' || c == 'f' || c == 'n' || c == 'r' ||
           c == 't' || c == 'u';
}

struct StringEnd {
    const char *quote = nullptr; // the closing quote; null: declined
    bool escaped = false;        // holds a backslash
    bool nonAscii = false;       // holds a byte of 0x80 or more
};

// The string whose content starts at `p`, which must close before `end`; nothing at or past
// `end` is read. Declined when it holds a control character, which JSON wants escaped, or an
// escape JSON does not define.
StringEnd findStringEnd(const char *p, const char *end) {
    StringEnd found;
    for (;;) {
#ifdef __SSE2__
        // Sixteen bytes at a time while sixteen lie before `end`.
        while (end - p >= 16) {
            const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p));
            // Bytes below 0x20 (no unsigned compare in SSE2: shifted, then compared signed).
            const __m128i control = _mm_cmplt_epi8(_mm_xor_si128(v, _mm_set1_epi8(char(0x80))),
                                                   _mm_set1_epi8(char(0x80 + 0x20)));
            const unsigned stops = unsigned(
                _mm_movemask_epi8(_mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')),
                                                            _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'))),
                                               control)));
            const unsigned high = unsigned(_mm_movemask_epi8(v));
            if (stops == 0) {
                found.nonAscii |= high != 0;
                p += 16;
                continue;
            }
            const unsigned at = unsigned(__builtin_ctz(stops));
            found.nonAscii |= (high & ((1U << at) - 1)) != 0;
            p += at;
            break;
        }
#endif
        // One byte at a time from here to the next byte that matters.
        while (p != end && *p != '"' && *p != '\\' && static_cast<unsigned char>(*p) >= 0x20) {
            found.nonAscii |= static_cast<unsigned char>(*p) >= 0x80;
            ++p;
        }
        if (p == end || static_cast<unsigned char>(*p) < 0x20)
            return {};
        if (*p == '"') {
            found.quote = p;
            return found;
        }
        // A backslash: the byte after it belongs to the escape (a quote there does not end the
        // string) and must be one JSON defines.
        if (end - p < 2 || !isEscapeLetter(p[1]))
            return {};
        found.escaped = true;
        p += 2;
    }
}

// A bare value: the longest run of the bytes numbers and atoms are made of.
const char *tokenEnd(const char *p, const char *end) {
    while (p != end && ((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'z') ||
                        (*p >= 'A' && *p <= 'Z') || *p == '-' || *p == '+' || *p == '.'))
        ++p;
    return p;
}

} // namespace

bool JsonFlatRowReader::read(std::string_view object, BounceFields *fields) {
    const char *const end = object.data() + object.size();
    BounceFields read;
    if (readObject(object.data(), end, &read) != end)
        return false; // declined, or something follows the object's end
    *fields = read;
    return true;
}

const char *JsonFlatRowReader::readObject(const char *begin, const char *limit,
                                          BounceFields *fields) {
    // One huge row (a 10 MB reason) must not keep its buffer for the rest of the list. Released
    // before reading, never after: the fields handed out point into these buffers.
    constexpr std::size_t keepCapacity = 4 << 20;
    for (std::string &buffer : m_unescaped) {
        if (buffer.capacity() > keepCapacity)
            std::string().swap(buffer);
    }
    if (begin == limit || *begin != '{')
        return nullptr;
    std::string_view values[FieldCount];
    bool nonAscii = false;
    // Every test of `p == limit` below declines: the object does not end before `limit`, or
    // a bare value may go on past it.
    const char *p = skipSpace(begin + 1, limit);
    for (;;) {
        if (p == limit || *p != '"')
            return nullptr; // also "{}" and a comma before the closing brace
        int field = -1;     // an unknown key: its value is read, then dropped
        const char *keyQuote = knownKeyEnd(p + 1, limit, &field);
        if (!keyQuote) {
            const StringEnd key = findStringEnd(p + 1, limit);
            if (!key.quote)
                return nullptr;
            nonAscii |= key.nonAscii;
            keyQuote = key.quote;
        }
        p = skipSpace(keyQuote + 1, limit);
        if (p == limit || *p != ':')
            return nullptr;
        p = skipSpace(p + 1, limit);
        if (p == limit)
            return nullptr;
        std::string_view value;
        if (*p == '"') {
            const StringEnd string = findStringEnd(p + 1, limit);
            if (!string.quote)
                return nullptr;
            nonAscii |= string.nonAscii;
            value = std::string_view(p + 1, std::size_t(string.quote - p - 1));
            if (string.escaped) {
                // Decoded by the function JsonBounceRowDecoder uses, so the text is the same.
                // An unknown key's string is decoded too, though never used: an escape that
                // function refuses declines the row.
                std::string &buffer =
                    m_unescaped[std::size_t(field >= 0 ? field : int(FieldCount))];
                buffer.clear();
                if (!JsonText::appendUnescaped(value, &buffer))
                    return nullptr;
                value = buffer;
            }
            p = string.quote + 1;
        } else {
            const char *const end = tokenEnd(p, limit);
            value = std::string_view(p, std::size_t(end - p));
            if (value == "null")
                value = {};
            else if (value != "true" && value != "false" && !JsonText::isNumberText(value))
                return nullptr; // a nested value, a misspelt atom, a stray byte
            p = end;
        }
        if (field >= 0)
            values[field] = value;
        p = skipSpace(p, limit);
        if (p == limit)
            return nullptr;
        if (*p == '}')
            break;
        if (*p != ',')
            return nullptr;
        p = skipSpace(p + 1, limit);
    }
    const char *const end = p + 1; // past the closing brace
    // Without an address a row could be neither shown nor deleted: JsonBounceRowDecoder says so.
    if (values[Email].empty())
        return nullptr;
    if (nonAscii && !simdjson::validate_utf8(begin, std::size_t(end - begin)))
        return nullptr; // JsonBounceRowDecoder repairs it
    *fields = BounceFields{values[Email], values[Status], values[Reason], values[Created]};
    return end;
}
