#pragma once

#include "sandboxgenerator.h"

#include "core/suppressionlist.h"

#include <QByteArray>

#include <string_view>

// How the emulator writes its bodies. Hand-written appends into a QByteArray, not
// QJsonDocument: a million rows must serialise at hundreds of MB/s.
enum class SandboxFormat { Json, Xml };

struct SandboxEncoding {
    // XML served as ISO-8859-1 with that declaration (characters beyond Latin-1 become
    // character references), as some SendGrid endpoints did.
    bool xmlLatin1 = false;
    // JSON in the style of PHP's json_encode: non-ASCII as backslash-u escapes (surrogate pairs
    // beyond the BMP) and '/' as "\/". Off: raw UTF-8.
    bool jsonAsciiOnly = false;
};

namespace SandboxEncoder {

// A JSON string literal, quotes included. Control characters, quotes and backslashes are
// escaped; bytes that are not valid UTF-8 pass through untouched (the InvalidUtf8 fault).
void appendJsonString(QByteArray &out, std::string_view utf8, bool asciiOnly);

// XML character data: &, <, > escaped, CR as &#13; (a raw CR would be normalised away),
// control characters XML 1.0 cannot carry at all as &#xFFFD;. In Latin-1 mode every code point
// above U+00FF becomes a character reference.
void appendXmlText(QByteArray &out, std::string_view utf8, bool latin1);

// <name>text</name>
void appendXmlElement(QByteArray &out, std::string_view name, std::string_view utf8, bool latin1);

// <?xml ...?> declaration naming the encoding, and a newline.
void appendXmlDeclaration(QByteArray &out, bool latin1);

// One row of a bounce list. `first` decides the JSON comma; created only when `withDate`.
void appendBounceJson(QByteArray &out, const BounceUtf8 &row, bool first, bool withDate,
                      bool asciiOnly);
void appendBounceXml(QByteArray &out, const BounceUtf8 &row, bool withDate, bool latin1);

// One row of a v3 suppression list: {"created":<seconds>,"email":...} and the list's fields,
// keys in SendGrid's order (bounces and blocks: reason, status; invalid emails: reason; spam
// reports: ip, from the status slot). The seconds are SandboxGenerator::createdSeconds().
void appendV3RowJson(QByteArray &out, SuppressionList list, const BounceUtf8 &row, bool asciiOnly);

} // namespace SandboxEncoder
