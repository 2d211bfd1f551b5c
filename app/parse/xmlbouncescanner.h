#pragma once

#include "xmlbounceengine.h"
#include "xmlcharacterdata.h"
#include "xmlelementstack.h"
#include "xmlscantext.h"
#include "xmlskippedmarkup.h"
#include "xmltagreader.h"

#include <array>
#include <string>

// Reads the XML bounce list straight from the bytes, without QXmlStreamReader's per-character
// UTF-16 tokenizer: character data is searched 16 bytes at a time and copied into the current
// row's fields as UTF-8 (XmlCharacterData), the common tags are read in place and matched by
// name. It checks well-formedness as QXmlStreamReader does (tags and attributes in
// XmlTagReader, nesting and namespaces in XmlElementStack, comments and PIs in
// XmlSkippedMarkup), and is fed in chunks that may end anywhere: in a tag, a reference, or a
// UTF-8 sequence.
//
// It reads UTF-8 (bad sequences repaired to U+FFFD, as ParserText::Utf8StreamRepair does) and
// documents declared ISO-8859-1 or US-ASCII. A DOCTYPE or another declared encoding is left to
// QXmlStreamReader: needsReader(), decided before the root element, so before any row.
// Knowingly stricter than QXmlStreamReader: a DOCTYPE inside or after the root element, a NUL
// byte (which QXmlStreamReader may take for the end of the data) and "&#x0x41;" (which it takes
// for a reference) are errors, as XML says.
class XmlBounceScanner final : public XmlBounceEngine {
public:
    explicit XmlBounceScanner(RowSink sink);

    void feed(QByteArrayView bytes) override;
    void finish() override;

private:
    enum class State : unsigned char {
        Start,       // the first bytes: a BOM, then perhaps the XML declaration
        Declaration, // <?xml ... ?>, kept whole
        Misc,        // outside the root element: white space, comments, PIs
        Text,        // character data in the root element
        Markup,      // after '<'
        Bang,        // after "<!"
        Tag,         // a start or end tag (XmlTagReader)
        CData,       // (XmlCharacterData)
        Skipped,     // a comment or a PI (XmlSkippedMarkup)
        Stopped,     // failed, needs the reader, or the root is not a list: nothing more to read
    };
    enum Field { Email, Status, Reason, Created, FieldCount };

    const char *scanStart(const char *p, const char *end);
    const char *leaveStart(const char *p);
    const char *scanDeclaration(const char *p, const char *end);
    const char *scanMisc(const char *p, const char *end);
    const char *scanText(const char *p, const char *end);
    const char *scanCData(const char *p, const char *end);
    const char *scanSkipped(const char *p, const char *end);
    const char *scanMarkup(const char *p);
    const char *scanBang(const char *p, const char *end);
    const char *scanTag(const char *p, const char *end);
    const char *startMarkup(const char *lt, const char *end);
    const char *simpleTag(const char *lt, const char *end);

    void openElement(std::string_view name, const std::vector<XmlTagReader::Attribute> &attributes,
                     const char *last);
    void closeElement(std::string_view name, const char *last);
    void endOfRow(const char *last);
    void afterMarkup();
    const char *failAt(const char *at, const QString &what); // returns the chunk's end
    void needReader();

    State m_state = State::Start;
    XmlScanText::Encoding m_encoding = XmlScanText::Encoding::Utf8;
    int m_bomMatched = 0; // Start: bytes of a BOM matched
    int m_matched = 0;    // Start: bytes of "<?xml" matched
    bool m_hasBom = false;
    std::string m_markup; // the declaration, or what follows "<!"
    XmlTagReader m_tag;
    XmlCharacterData m_text;
    XmlSkippedMarkup m_skipped;
    XmlElementStack m_elements;

    bool m_inBounce = false; // inside a <bounce> of the list
    std::array<std::string, FieldCount> m_fields;

    // Positions for messages: the current chunk, and what came before it.
    const char *m_chunk = nullptr;
    const char *m_chunkEnd = nullptr;
    qint64 m_linesBefore = 0;
    qint64 m_columnBefore = 0; // characters since the last line feed
};
