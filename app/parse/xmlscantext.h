#pragma once

#include "parsertext.h"

#include <QString>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

// Character-level pieces of the fast XML bounce scanner (XmlBounceScanner): what bytes mean in
// the encodings it reads, UTF-8 checking and repair, names and the XML declaration.
// The rules follow what QXmlStreamReader accepts, so that both paths agree on a document.
namespace XmlScanText {

enum class Encoding { Utf8, Latin1, Ascii };

inline bool isSpace(unsigned char c) {
    return c == ' ' || c == '\n' || c == '\t' || c == '\r';
}

// The Char production of XML 1.0: what a character reference may name.
inline bool isXmlChar(char32_t c) {
    return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) ||
           (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
}

void appendUtf8(std::string *out, char32_t c);

using ParserText::utf8Sequence; // shared with the JSON text helpers

// The first byte in [p, end) that character data cannot copy as it is: '<', '&', ']', a control
// character (tab and line feed included) or a byte above 0x7F; `end` when there is none.
const char *findTextSpecial(const char *p, const char *end);

// For positions in messages.
qsizetype countNewlines(const char *p, const char *end);
qsizetype countCharacters(const char *p, const char *end, Encoding encoding);

// Names, as QXmlStreamReader scans them: a name runs to the first delimiter, and only element
// names are then checked against the XML name rules; attribute names and processing instruction
// targets only need a valid first character.
constexpr qsizetype maxNameLength = 4096; // longer names are refused by QXmlStreamReader too
bool isNameDelimiter(unsigned char c);
bool isLaxNameStart(unsigned char c);
// A name whose first character is U+FFFE or U+FFFF, which QXmlStreamReader refuses there (and
// only there) in attribute names and PI targets.
bool startsWithNonCharacter(std::string_view name, Encoding encoding);
constexpr bool isAsciiNameStart(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
// [A-Za-z0-9._-] by table: tag names are read byte by byte, millions of times.
struct AsciiNameChars {
    bool table[256] = {};
    constexpr AsciiNameChars() {
        for (int c = 0; c < 256; ++c)
            table[c] = isAsciiNameStart(static_cast<unsigned char>(c)) || (c >= '0' && c <= '9') ||
                       c == '-' || c == '.';
    }
};
inline constexpr AsciiNameChars asciiNameChars;
inline bool isAsciiNameChar(unsigned char c) {
    return asciiNameChars.table[c];
}
bool isTooLongName(std::string_view name, Encoding encoding);
// A name being read is certainly too long past this many bytes (four per character at most).
constexpr std::size_t maxNameBytes = 4 * maxNameLength;
// An NCName (no colon): checked here for ASCII, by QXmlStreamReader itself for other text.
bool isNcName(std::string_view name, Encoding encoding);
// `bytes` in the document's encoding as UTF-8 (bad UTF-8 repaired).
std::string toUtf8(std::string_view bytes, Encoding encoding);

// The XML declaration (`<?xml` to `?>` included) when it is one the scanner reads: version 1.0,
// an encoding of UTF-8, ISO-8859-1 (latin1) or US-ASCII, standalone yes or no. Anything else,
// errors included, is left to QXmlStreamReader: nullopt.
std::optional<Encoding> declaredEncoding(std::string_view declaration);

// ASCII case-insensitive comparison with a lower-case word ("html", "xml").
bool equalsIgnoringCase(std::string_view text, std::string_view lowerCase);

// A byte quoted for a message: 'x', or U+0001 for what cannot be shown.
QString describeByte(unsigned char c);

} // namespace XmlScanText
