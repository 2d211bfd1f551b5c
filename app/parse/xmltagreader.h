#pragma once

#include "xmlreference.h"
#include "xmlscantext.h"

#include <QString>

#include <string>
#include <string_view>
#include <vector>

// Reads one start or end tag of an XML document, byte by byte so that a chunk may end anywhere
// in it: the name, the attributes (names, and values of namespace declarations), quoting,
// references and characters in values. What the tag means (nesting, namespaces) is for the
// caller; this only says whether it is well formed.
class XmlTagReader final {
public:
    struct Attribute {
        std::string name;
        std::string value; // decoded, and kept for namespace declarations (xmlns, xmlns:p) only
    };
    enum class Step { More, Done, Failed };

    void setEncoding(XmlScanText::Encoding encoding) { m_encoding = encoding; }
    void beginStartTag(); // after '<', at the first byte of the name
    void beginEndTag();   // after "</"

    // Reads the tag from `p`. Returns the byte after its '>' (Done), the offending byte (Failed)
    // or `end` (More: the tag goes on in the next chunk).
    const char *read(const char *p, const char *end, Step *step);

    bool isEndTag() const { return m_endTag; }
    bool isEmptyElement() const { return m_emptyElement; }
    std::string_view name() const { return m_name; }
    const std::vector<Attribute> &attributes() const { return m_attributes; }
    QString problem() const { return m_problem; } // after Failed

private:
    enum class State : unsigned char {
        Name,
        AfterName,
        Space,
        AttributeName,
        BeforeEquals,
        BeforeValue,
        Value,
        ValueReference,
        AfterValue,
        Slash,
    };

    bool takeNameByte(std::string *name, unsigned char c);
    bool elementNameIsValid();
    bool takeValueByte(unsigned char c);
    const char *fail(const char *at, Step *step, QString problem);

    XmlScanText::Encoding m_encoding = XmlScanText::Encoding::Utf8;
    State m_state = State::Name;
    bool m_endTag = false;
    bool m_emptyElement = false;
    bool m_keepValue = false; // the attribute being read declares a namespace
    unsigned char m_quote = 0;
    unsigned char m_recent[2] = {0, 0}; // the last bytes of a value, for U+FFFE and U+FFFF
    std::string m_name;
    std::vector<Attribute> m_attributes;
    // Names beyond ASCII found valid: checking one costs a QXmlStreamReader, and a list may
    // repeat the same name in every row.
    std::vector<std::string> m_validNames;
    XmlScanText::Reference m_reference;
    QString m_problem;
};
