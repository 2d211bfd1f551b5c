#pragma once

#include "xmlreference.h"
#include "xmlscantext.h"

#include <QString>

#include <string>

// Reads the character data of an XML document, and CDATA sections, into the field being read
// (UTF-8), chunk by chunk: text is searched 16 bytes at a time and copied in runs, references
// are resolved, line breaks normalised (CR LF and CR become LF), Latin-1 converted and bad
// UTF-8 repaired to U+FFFD, as ParserText::Utf8StreamRepair does for QXmlStreamReader. What
// XML forbids (control characters, U+FFFE, "]]>" in text) fails. A chunk may end anywhere: in
// a reference, a CR LF pair or a UTF-8 sequence.
class XmlCharacterData final {
public:
    enum class Step {
        More,   // the chunk ended
        End,    // text: '<' reached (returned); CDATA: the section ended (the byte after it)
        Failed, // the offending byte is returned; problem() says what is wrong
    };

    void setEncoding(XmlScanText::Encoding encoding) { m_encoding = encoding; }
    // Where text goes: a field of the current row, or nowhere (it is only checked).
    void setCapture(std::string *capture) { m_capture = capture; }

    const char *readText(const char *p, const char *end, Step *step);
    void beginCData() { m_brackets = 0; } // after "<![CDATA["
    const char *readCData(const char *p, const char *end, Step *step);
    QString problem() const { return m_problem; }

private:
    const char *resume(const char *p, const char *end, bool cdata, Step *step);
    const char *readReference(const char *p, const char *end, Step *step);
    const char *lineBreak(const char *p, const char *end);
    const char *nonAscii(const char *p, const char *end, Step *step);
    const char *completeHeldSequence(const char *p, const char *end, Step *step);
    const char *fail(const char *at, Step *step, QString problem);

    XmlScanText::Encoding m_encoding = XmlScanText::Encoding::Utf8;
    std::string *m_capture = nullptr;
    XmlScanText::Reference m_reference;
    bool m_inReference = false;
    qint64 m_brackets = 0;        // ']' just read in text, or withheld in CDATA
    bool m_pendingCr = false;     // a CR ended the last chunk: a LF next is part of it
    unsigned char m_held[4] = {}; // a UTF-8 sequence that the last chunk cut short
    int m_heldCount = 0;
    QString m_problem;
};
