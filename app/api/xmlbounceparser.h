#pragma once

#include "bounceparser.h"
#include "parsertext.h"

#include <QByteArray>
#include <QString>
#include <QStringEncoder>
#include <QXmlStreamReader>

#include <array>

// Streams an XML bounce list <bounces><bounce><email/>...</bounce></bounces> through
// QXmlStreamReader::addData(), which honours the declared encoding (ISO-8859-1 included).
// Works token by token, so a chunk may end anywhere. A <result> (or <errors>, <error>) root
// is an API error, judged whole at finish(); a body that is not XML is kept (bounded) and
// judged at finish() as well, so a JSON error body is still recognised.
class XmlBounceParser final : public BounceStreamParser {
public:
    explicit XmlBounceParser(RowSink sink);
    ~XmlBounceParser() override;
    Q_DISABLE_COPY_MOVE(XmlBounceParser)

    void feed(QByteArrayView chunk) override;
    State finish() override;

    static constexpr qsizetype maxNonListBody = 1 << 20;
    // Significant bytes needed before judging what the body is (see sniffBody()).
    static constexpr qsizetype sniffBytes = 64;

private:
    enum class Root { Unknown, Bounces, Error, NotXml };
    enum Field { Email, Status, Reason, Created, FieldCount };

    void startReading();
    void addData(QByteArrayView bytes);
    void readTokens();
    void startElement();
    void endElement();
    void deliverRow();
    bool keepBytes(QByteArrayView chunk); // false when the body is too large to be an error
    void judgeKeptBody();
    QString whereText() const;

    RowSink m_sink;
    QXmlStreamReader m_xml;
    QStringEncoder m_toUtf8;
    Root m_root = Root::Unknown;
    int m_depth = 0;         // of the element being read; 1 is the root
    bool m_inBounce = false; // inside a <bounce> at depth 2
    int m_field = -1;        // the field of the <bounce> whose text is being read
    bool m_sniffed = false;  // enough of the body has been seen to know what it is
    // A UTF-8 document with a stray byte (a reason in Latin-1) is repaired rather than lost;
    // a document that declares another encoding is left to the reader.
    bool m_repairUtf8 = false;
    ParserText::Utf8StreamRepair m_repair;
    bool m_rootClosed = false;
    qint64 m_offset = 0; // bytes fed so far
    std::array<QString, FieldCount> m_text;
    QByteArray m_utf8; // the current row, converted
    QByteArray m_kept; // the body while it may be an error (or is not XML), bounded
};
