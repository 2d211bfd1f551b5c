#pragma once

#include "parsertext.h"
#include "xmlbounceengine.h"

#include <QByteArray>
#include <QString>
#include <QStringEncoder>
#include <QXmlStreamReader>

#include <array>

// Reads the XML bounce list through QXmlStreamReader::addData(), which honours any declared
// encoding and reads a DOCTYPE. XmlBounceParser uses it for the documents the fast
// XmlBounceScanner leaves to it, and it is the reference the scanner is tested against.
// Works token by token, so a chunk may end anywhere.
//
// QXmlStreamReader's verdict on a broken document depends on how its data was added: it
// decodes each addData() block as a whole (so an encoding error is reported as soon as the
// block holding it arrives, before the syntax error that precedes it), and its line and column
// depend on how far it could look ahead. So it is never given the chunks as they came: the
// bytes are passed on in blocks of a fixed size (the rest at finish()), the same blocks
// however the network cut the body, and the verdict is that of the body alone. Rows come out
// a block at a time, and no more than one block is held.
//
// Knowingly stricter than QXmlStreamReader, as XmlBounceScanner is: a DOCTYPE inside or after
// the root element is an error (QXmlStreamReader reports it as a DTD token anywhere).
class XmlBounceReader final : public XmlBounceEngine {
public:
    // `repairUtf8`: the body is UTF-8 (nothing else declared), so a stray byte (a reason in
    // Latin-1) is repaired rather than failing the whole list.
    XmlBounceReader(RowSink sink, bool repairUtf8);

    void feed(QByteArrayView bytes) override;
    void finish() override;

private:
    enum Field { Email, Status, Reason, Created, FieldCount };

    static constexpr qsizetype blockSize = 64 * 1024;

    void passOn(QByteArrayView bytes);
    void addBlock();
    void readTokens();
    void startElement();
    void endElement();
    void endOfRow();
    bool reading() const;

    QXmlStreamReader m_xml;
    QStringEncoder m_toUtf8;
    bool m_repairUtf8;
    ParserText::Utf8StreamRepair m_repair;
    QByteArray m_block;      // the next block for QXmlStreamReader, less than blockSize bytes
    int m_depth = 0;         // of the element being read; 1 is the root
    bool m_inBounce = false; // inside a <bounce> at depth 2
    int m_field = -1;        // the field of the <bounce> whose text is being read
    std::array<QString, FieldCount> m_text;
    QByteArray m_utf8; // the current row, converted
};
