#pragma once

#include "bounceparser.h"
#include "xmlbounceengine.h"

#include <QByteArray>
#include <QString>

#include <memory>

// Streams an XML bounce list <bounces><bounce><email/>...</bounce></bounces> as chunks arrive.
// The fast XmlBounceScanner reads it; a document it leaves to QXmlStreamReader (a DOCTYPE, an
// encoding other than UTF-8, ISO-8859-1 and US-ASCII) is read again from its first byte by
// XmlBounceReader, which is possible because that is decided before the root element, while
// the body is still kept. A <result> (or <errors>, <error>) root is an API error, judged whole
// at finish(); a body that is not XML is kept (bounded) and judged at finish() as well, so a
// JSON error body is still recognised.
class XmlBounceParser final : public BounceStreamParser {
public:
    // Which reader may read the document. Auto: the scanner, or QXmlStreamReader for what the
    // scanner leaves to it. QXmlStreamReaderOnly: the reference path, for tests and comparisons.
    enum class Engines { Auto, QXmlStreamReaderOnly };
    // Which one did (so far).
    enum class Engine { None, Scanner, QXmlStreamReader };

    explicit XmlBounceParser(RowSink sink, Engines engines = Engines::Auto);
    ~XmlBounceParser() override;
    Q_DISABLE_COPY_MOVE(XmlBounceParser)

    void feed(QByteArrayView chunk) override;
    State finish() override;
    Engine engine() const { return m_engineUsed; }

    static constexpr qsizetype maxNonListBody = 1 << 20;
    // Significant bytes needed before judging what the body is (see sniffBody()).
    static constexpr qsizetype sniffBytes = 64;
    // How much of an XML declaration is read for its encoding; reading starts once the
    // declaration is whole or this long, so the verdict never depends on the chunks.
    static constexpr qsizetype declarationBytes = 1024;

private:
    enum class Root { Unknown, Bounces, Error, NotXml };

    void startReading();
    void feedEngine(QByteArrayView bytes);
    void takeEngineNews();
    void useReader();
    bool keepBytes(QByteArrayView chunk); // false when the body is too large to be an error
    void judgeKeptBody();
    QString whereText() const;

    RowSink m_sink;
    Engines m_engines;
    std::unique_ptr<XmlBounceEngine> m_engine;
    Engine m_engineUsed = Engine::None;
    Root m_root = Root::Unknown;
    bool m_sniffed = false; // enough of the body has been seen to know what it is
    // A UTF-8 document with a stray byte (a reason in Latin-1) is repaired rather than lost;
    // a document that declares another encoding is read in that encoding.
    bool m_repairUtf8 = false;
    qint64 m_offset = 0; // bytes fed so far
    QByteArray m_kept;   // the body while it may be an error (or is not XML), bounded
};
