#pragma once

// The properties each fuzz target checks, as plain functions of the raw fuzz input: an empty
// string when every property holds, otherwise what broke. The libFuzzer executables
// (fuzztarget.cpp, clang) abort on a non-empty answer; tst_fuzzregressions (the normal suite,
// and the asan build) runs the seed corpus and every input that ever failed through the same
// functions. So a crash found by fuzzing becomes a regression test by adding its input file
// under tests/fuzz/regressions/<target>/.

#include "api/apisettings.h"

#include <QByteArrayView>
#include <QString>

#include <string_view>

namespace FuzzChecks {

// The streaming bounce parser for `format`. Input: byte 0 says how many chunk-length bytes
// follow (byte 0 & 7; none means byte by byte), each chunk length is 1 + that byte, cycled; the
// rest is the body. The body is parsed whole and in those chunks, each chunk in an allocation
// of its own size (so a read past a chunk is a sanitizer finding). Both outcomes must be equal
// and sane: a final state, an error text exactly when it failed (short unless it quotes the
// server), rows with an email and valid UTF-8, rowCount() matching the rows handed out.
QString bounceStream(ResponseFormat format, QByteArrayView input);
// bounceStream() for JSON, and the body's text from its first '{' to its last '}' read as one
// object: what JsonFlatRowReader accepts, JsonBounceRowDecoder (simdjson) accepts too, with the
// same fields.
QString bouncesJson(QByteArrayView input);
QString bouncesXml(QByteArrayView input);

// parseCustomers(input), JSON or XML: fails without touching the list and with a short reason
// (unless it quotes the server's words), or gives customers that all have a username; an error
// body is always reported as the server's words.
QString customers(QByteArrayView input);

// recogniseApiError, parseDeleteResult, sniffBody and describeBody on one body: they agree
// (an API error is never a successful delete and is JSON or XML), and descriptions are short.
QString apiErrors(QByteArrayView input);

// CsvWriter: byte 0 holds options (see csvchecks.cpp), the rest is fields separated by 0x1F,
// four to a row. Writing them and reading the file back with a strict RFC 4180 reader gives
// the header and the fields back without NULs, each neutralised field with a ' in front; a device
// that takes little at a time still gets everything, one that fails makes the writer say so.
QString csvWriter(QByteArrayView input);

using Check = QString (*)(QByteArrayView input);

struct Target {
    const char *name; // the executable is fuzz_<name>, its seeds tests/fuzz/corpus/<name>/
    Check check;
};

// Every target, in the order run-fuzzers.sh runs them.
inline constexpr Target targets[] = {
    {"bounces_json", &bouncesJson}, {"bounces_xml", &bouncesXml}, {"customers", &customers},
    {"api_errors", &apiErrors},     {"csv_writer", &csvWriter},
};

Check checkNamed(std::string_view name); // nullptr for an unknown name

bool isValidUtf8(std::string_view text);
bool isValidUtf8(const QString &text); // no lone surrogates

} // namespace FuzzChecks
