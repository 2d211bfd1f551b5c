#pragma once

#include "bounceparser.h"

#include <QtGlobal>

#include <array>
#include <string>
#include <string_view>

// Reads a bounce object of the shape every row of a list has, {"key":value,...} with each
// value a string, a number, true, false or null, in one pass over its bytes and where they
// lie. It accepts only objects that JsonBounceRowDecoder (simdjson) accepts, and then gives the
// same fields. Anything else it declines: a nested value, bytes whose UTF-8 needs repair, a
// control character or an escape it does not know, an object without an email address, any
// slip of syntax. The caller then hands that row to JsonBounceRowDecoder, which decides and,
// for a bad row, says what is wrong. Why a second reader: simdjson's walk over each row, its
// index of the batch and the batch's copy were a fifth of a v2 export's CPU
// (tests/benchmark/README.md, "Eleventh pass").
class JsonFlatRowReader final {
public:
    JsonFlatRowReader() = default;
    Q_DISABLE_COPY_MOVE(JsonFlatRowReader)

    // `object` is the text of one object, from its '{' to its '}' (the splitter's span). On
    // true, *fields holds views into `object` or into this reader's buffers, valid until the
    // next call.
    bool read(std::string_view object, BounceFields *fields);
    // Reads the object that starts at `begin`, whose end is not known yet (a list read
    // straight from a chunk): returns the byte after its closing '}', or null when it declines
    // it or the object does not end before `limit`. Nothing at or past `limit` is read. On
    // success, *fields as above.
    const char *readObject(const char *begin, const char *limit, BounceFields *fields);

private:
    // Decoded values of strings that hold escapes, by field: email, status, reason, created,
    // and last the value of an unknown key.
    std::array<std::string, 5> m_unescaped;
};
