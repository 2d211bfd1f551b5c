#pragma once

#include "bounceparser.h"

#include <QString>

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

// Decoding of JSON text for the bounce parser: UTF-8 repair, string unescaping, and one bounce
// object at a time through simdjson (kept out of this header: it is a private dependency).
namespace JsonText {

// JSON's white space between tokens: space, tab, line feed, carriage return.
inline bool isSpace(char c) {
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

// The first byte at or after `p` that is not white space, or `end`.
inline const char *skipSpace(const char *p, const char *end) {
    while (p != end && isSpace(*p))
        ++p;
    return p;
}

// Appends `in` to *out with every ill-formed UTF-8 sequence replaced by U+FFFD, one per maximal
// ill-formed subpart (the Unicode / WHATWG practice), so valid text around it is untouched.
void appendSanitizedUtf8(std::string_view in, std::string *out);

// Appends the decoded content of a JSON string (the text between its quotes) to *out.
// A lone surrogate (\ud800 without its pair) becomes U+FFFD rather than failing the row.
// Returns false for an escape JSON does not define (\x, a short \u).
bool appendUnescaped(std::string_view raw, std::string *out);

// Whether a bare JSON token reads as a number here: a sign or digit first, then only digits,
// signs, points and exponents. Loose on purpose (a status "5.1.1" sent bare passes): it only
// tells a number from a misspelt atom.
bool isNumberText(std::string_view text);

} // namespace JsonText

// Decodes one top-level bounce object `{...}`, reusing simdjson's buffers from row to row.
class JsonBounceRowDecoder final {
public:
    // Bytes past an object's end that must be readable (simdjson reads ahead; their content
    // does not matter).
    static constexpr std::size_t padding = 64;

    JsonBounceRowDecoder();
    ~JsonBounceRowDecoder();
    Q_DISABLE_COPY_MOVE(JsonBounceRowDecoder)

    // `object` must stay readable for `padding` bytes past `length`. On success returns an
    // empty string and fills *fields with views valid until the next call; otherwise says what
    // is wrong with the object. Unknown keys are ignored, null reads as empty, numbers and
    // booleans as their JSON text ("550").
    QString decode(const char *object, std::size_t length, BounceFields *fields);

    // Decodes `list`, the text "[{...},{...},...]" (padded the same way), handing each row to
    // `row` in order, in one simdjson parse. Returns how many rows were handed out; fewer than
    // the list holds when its UTF-8 needs repair or a row is unusable: decode() of the rest
    // then repairs them or says what is wrong.
    using RowCallback = void (*)(void *context, const BounceFields &fields);
    std::size_t decodeList(const char *list, std::size_t length, RowCallback row, void *context);

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};
