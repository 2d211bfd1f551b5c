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
class XmlBounceReader final : public XmlBounceEngine {
public:
    // `repairUtf8`: the body is UTF-8 (nothing else declared), so a stray byte (a reason in
    // Latin-1) is repaired rather than failing the whole list.
    XmlBounceReader(RowSink sink, bool repairUtf8);

    void feed(QByteArrayView bytes) override;
    void finish() override;

private:
    enum Field { Email, Status, Reason, Created, FieldCount };

    void readTokens();
    void startElement();
    void endElement();
    void endOfRow();
    bool reading() const;

    QXmlStreamReader m_xml;
    QStringEncoder m_toUtf8;
    bool m_repairUtf8;
    ParserText::Utf8StreamRepair m_repair;
    int m_depth = 0;         // of the element being read; 1 is the root
    bool m_inBounce = false; // inside a <bounce> at depth 2
    int m_field = -1;        // the field of the <bounce> whose text is being read
    std::array<QString, FieldCount> m_text;
    QByteArray m_utf8; // the current row, converted
};
