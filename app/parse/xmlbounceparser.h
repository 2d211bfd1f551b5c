#pragma once

#include "bounceparser.h"
#include "expatbouncereader.h"
#include "xmltextdecoder.h"

#include <QByteArray>
#include <QString>

#include <memory>

// Streams an XML bounce list <bounces><bounce><email/>...</bounce></bounces> as chunks arrive:
// XmlTextDecoder makes the bytes UTF-8 (whatever the encoding, invalid bytes as U+FFFD), and
// ExpatBounceReader reads them. A <result> (or <errors>, <error>) root is an API error, kept and
// judged whole at finish(); a body that is not XML (a JSON error, an HTML page, text) is kept
// (bounded) and judged at finish() as well. Nothing here depends on where the chunks end.
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

    void take(const QByteArray &text);
    void startReading();
    void takeReaderNews();
    bool keepBytes(QByteArrayView text); // false when the body is too large to be an error
    void judgeKeptBody();
    QString whereText() const;

    RowSink m_sink;
    XmlTextDecoder m_decoder;
    std::unique_ptr<ExpatBounceReader> m_reader;
    Root m_root = Root::Unknown;
    bool m_sniffed = false; // enough of the body has been seen to know what it is
    qint64 m_offset = 0;    // bytes fed so far, as they came
    QByteArray m_kept;      // the body (as UTF-8) while it may be an error or is not XML, bounded
};
