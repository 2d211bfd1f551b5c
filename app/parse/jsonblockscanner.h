#pragma once

#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

// Classifies JSON text 64 bytes at a time, the way simdjson's first stage does, so the bounce
// splitter can find object boundaries without looking at every byte: one bit per byte for
// quotes, backslashes and brackets, escapes resolved with bit tricks, and the inside of
// strings as a prefix XOR of the unescaped quotes. State carries over from block to block
// and from chunk to chunk, so a string or an escape may span any boundary.
class JsonBlockScanner final {
public:
    static constexpr int blockSize = 64;

    struct Structurals {
        std::uint64_t opens;  // '{' and '[' outside strings
        std::uint64_t closes; // '}' and ']' outside strings
    };

    // `block` must hold 64 readable bytes, of which the first `length` are the text.
    Structurals scan(const char *block, int length = blockSize) {
        const Masks masks = classify(block);
        const std::uint64_t escaped = escapedBits(masks.backslash, length - 1);
        const std::uint64_t quotes = masks.quote & ~escaped;
        // Bit i is set from an opening quote up to (not including) its closing quote.
        std::uint64_t inside = prefixXor(quotes) ^ (m_inString ? ~std::uint64_t(0) : 0);
        m_inString = (inside >> 63) != 0;
        const std::uint64_t outside = ~inside & ~quotes;
        return {masks.open & outside, masks.close & outside};
    }

    // The text from here on starts outside any string and escape (between the rows of a list,
    // after bytes read by other means).
    void startBetweenTokens() {
        m_inString = false;
        m_nextEscaped = false;
    }

    // Scans the last, partial block of a chunk (`length` < 64): only its bits are meaningful.
    Structurals scanPartial(const char *bytes, int length) {
        char block[blockSize];
        std::memset(block, ' ', sizeof block);
        std::memcpy(block, bytes, std::size_t(length));
        // The spaces after `length` open no string, and a backslash at its end escapes the
        // first byte of the next chunk, so the state afterwards is that after the real bytes.
        return scan(block, length);
    }

private:
    struct Masks {
        std::uint64_t quote, backslash, open, close;
    };

    static Masks classify(const char *block) {
        Masks masks{0, 0, 0, 0};
#if defined(__SSE2__)
        const __m128i quote = _mm_set1_epi8('"');
        const __m128i backslash = _mm_set1_epi8('\\');
        const __m128i lowerCaseBit = _mm_set1_epi8(0x20);
        const __m128i open = _mm_set1_epi8('{');  // '[' | 0x20 == '{'
        const __m128i close = _mm_set1_epi8('}'); // ']' | 0x20 == '}'
        for (int i = 0; i < 4; ++i) {
            const __m128i bytes =
                _mm_loadu_si128(reinterpret_cast<const __m128i *>(block + 16 * i));
            const __m128i folded = _mm_or_si128(bytes, lowerCaseBit);
            const int shift = 16 * i;
            masks.quote |= bits(_mm_cmpeq_epi8(bytes, quote)) << shift;
            masks.backslash |= bits(_mm_cmpeq_epi8(bytes, backslash)) << shift;
            masks.open |= bits(_mm_cmpeq_epi8(folded, open)) << shift;
            masks.close |= bits(_mm_cmpeq_epi8(folded, close)) << shift;
        }
#else
        for (int i = 0; i < blockSize; ++i) {
            const char c = block[i];
            const std::uint64_t bit = std::uint64_t(1) << i;
            masks.quote |= c == '"' ? bit : 0;
            masks.backslash |= c == '\\' ? bit : 0;
            masks.open |= (c == '{' || c == '[') ? bit : 0;
            masks.close |= (c == '}' || c == ']') ? bit : 0;
        }
#endif
        return masks;
    }

#if defined(__SSE2__)
    static std::uint64_t bits(__m128i matches) {
        return std::uint64_t(std::uint32_t(_mm_movemask_epi8(matches)));
    }
#endif

    // Bytes preceded by an odd run of backslashes. Backslashes are rare in bounce lists, so
    // the loop over them costs nothing in the common case.
    std::uint64_t escapedBits(std::uint64_t backslashes, int last) {
        std::uint64_t escaped = 0;
        if (m_nextEscaped) {
            escaped = 1;
            backslashes &= ~std::uint64_t(1); // an escaped backslash escapes nothing
            m_nextEscaped = false;
        }
        while (backslashes) {
            const int at = __builtin_ctzll(backslashes);
            if (at >= last) {
                m_nextEscaped = true;
                break;
            }
            const std::uint64_t next = std::uint64_t(1) << (at + 1);
            escaped |= next;
            backslashes &= ~(next | (std::uint64_t(1) << at));
        }
        return escaped;
    }

    static std::uint64_t prefixXor(std::uint64_t x) {
        x ^= x << 1;
        x ^= x << 2;
        x ^= x << 4;
        x ^= x << 8;
        x ^= x << 16;
        x ^= x << 32;
        return x;
    }

    bool m_inString = false;
    bool m_nextEscaped = false;
};
