#include "xmlbounceparser.h"

#include "apierrorshapes.h"
#include "bodysyntax.h"
#include "core/quantitytext.h"
#include "parsertext.h"

namespace {

// Enough of the body is here to judge it as it will be judged whole.
bool headSettled(QByteArrayView kept) {
    return kept.size() - ParserText::firstSignificantByte(kept) >= XmlBounceParser::sniffBytes;
}

QString rowsText(qsizetype rows) {
    return rows == 1 ? QStringLiteral("1 row") : QStringLiteral("%1 rows").arg(countText(rows));
}

// The kept body is UTF-8 now, whatever its declaration says: the judges (recogniseApiError,
// describeBody) must not decode it again as the encoding named there.
QByteArrayView withoutDeclaration(QByteArrayView utf8) {
    const qsizetype start = ParserText::firstSignificantByte(utf8);
    const QByteArrayView rest = utf8.sliced(start);
    if (rest.size() < 6 || !rest.startsWith("<?xml") ||
        QByteArrayView(" \t\r\n").indexOf(rest.at(5)) < 0)
        return utf8;
    const qsizetype end = rest.indexOf("?>");
    return end < 0 ? utf8 : rest.sliced(end + 2);
}

} // namespace

XmlBounceParser::XmlBounceParser(RowSink sink)
    : m_sink(std::move(sink)) {}

XmlBounceParser::~XmlBounceParser() = default;

void XmlBounceParser::feed(QByteArrayView chunk) {
    if (state() != State::InProgress || chunk.isEmpty())
        return;
    m_offset += chunk.size();
    const QByteArray text = m_decoder.push(chunk);
    if (m_decoder.failed())
        fail(State::Malformed, m_decoder.problem());
    else
        take(text);
}

// Decoded text, in order.
void XmlBounceParser::take(const QByteArray &text) {
    if (state() != State::InProgress || text.isEmpty())
        return;
    if (!m_sniffed) {
        m_kept.append(text);
        // Judge what the body is only once enough of it is here, so that the answer never
        // depends on where the first chunk ended ("<ht" of "<html>").
        if (headSettled(m_kept))
            startReading();
        else
            keepBytes({}); // what is kept stays bounded
        return;
    }
    if (m_root == Root::NotXml) {
        keepBytes(text);
        return;
    }
    m_reader->feed(text);
    takeReaderNews();
    // Until the root element is known the body is kept: it may be an error message.
    if (state() == State::InProgress && m_root != Root::Bounces)
        keepBytes(text);
}

void XmlBounceParser::startReading() {
    m_sniffed = true;
    if (sniffBody(m_kept) != BodySyntax::Xml) {
        // A JSON error body, an HTML page or text: nothing for an XML reader.
        m_root = Root::NotXml;
        keepBytes({});
        return;
    }
    m_reader = std::make_unique<ExpatBounceReader>([this](const BounceFields &fields) {
        m_sink(fields);
        countRow();
    });
    m_reader->feed(m_kept);
    takeReaderNews();
    if (state() == State::InProgress && m_root != Root::Bounces)
        keepBytes({});
}

void XmlBounceParser::takeReaderNews() {
    switch (m_reader->root()) {
    case ExpatBounceReader::Root::Unknown:
        break;
    case ExpatBounceReader::Root::Bounces:
        m_root = Root::Bounces;
        m_kept = QByteArray(); // a list of bounces is never an error message: not kept
        break;
    case ExpatBounceReader::Root::Error:
        m_root = Root::Error; // the whole body is kept and judged at finish()
        break;
    case ExpatBounceReader::Root::Html:
        m_root = Root::NotXml; // judged whole at finish(), title included
        return;
    case ExpatBounceReader::Root::Other:
        fail(State::Malformed,
             QStringLiteral("expected a list of bounces, got an XML document <%1>")
                 .arg(ParserText::excerpt(m_reader->rootName().toUtf8(), 40)));
        return;
    }
    if (m_reader->failed())
        fail(State::Malformed, m_reader->problem());
}

// Keeps the body while it may be an error message. False (and Malformed) once it is too
// large for one.
bool XmlBounceParser::keepBytes(QByteArrayView text) {
    if (state() != State::InProgress)
        return false;
    if (m_kept.size() + text.size() > maxNonListBody && m_reader && m_root == Root::Unknown) {
        // The reader may have deferred the root's start tag: whether this is a list must not
        // depend on that.
        m_reader->flush();
        takeReaderNews();
        if (state() != State::InProgress || m_root == Root::Bounces)
            return state() == State::InProgress;
    }
    if (m_kept.size() + text.size() > maxNonListBody) {
        fail(State::Malformed,
             QStringLiteral("expected a list of bounces, got %1 of more than %2")
                 .arg(describeBody(withoutDeclaration(m_kept)), sizeText(maxNonListBody)));
        m_kept = QByteArray();
        return false;
    }
    m_kept.append(text);
    return true;
}

QString XmlBounceParser::whereText() const {
    return QStringLiteral("after %1 and %2").arg(sizeText(m_offset), rowsText(rowCount()));
}

void XmlBounceParser::judgeKeptBody() {
    const QByteArrayView body = withoutDeclaration(m_kept);
    if (const std::optional<QString> words = recogniseApiError(body))
        fail(State::ApiError, *words);
    else
        fail(State::Malformed,
             QStringLiteral("expected a list of bounces, got %1").arg(describeBody(body)));
}

BounceStreamParser::State XmlBounceParser::finish() {
    if (state() != State::InProgress)
        return state();
    const QByteArray rest = m_decoder.finish();
    if (m_decoder.failed())
        fail(State::Malformed, m_decoder.problem());
    take(rest);
    if (state() != State::InProgress)
        return state();
    if (!m_sniffed && sniffBody(m_kept) != BodySyntax::Empty)
        startReading(); // a short body: judged now that it is complete
    if (m_reader && m_root != Root::NotXml && state() == State::InProgress) {
        m_reader->finish();
        takeReaderNews();
    }
    if (state() != State::InProgress)
        return state();
    const bool rootClosed = m_reader && m_reader->rootClosed();
    switch (m_root) {
    case Root::Unknown:
        if (sniffBody(m_kept) == BodySyntax::Empty)
            fail(State::Truncated, m_offset == 0
                                       ? QStringLiteral("the body was empty")
                                       : QStringLiteral("the body held nothing but white space"));
        else
            fail(State::Truncated, QStringLiteral("the body stopped after %1, before the list "
                                                  "of bounces began")
                                       .arg(sizeText(m_offset)));
        break;
    case Root::NotXml:
        judgeKeptBody();
        break;
    case Root::Error:
        if (rootClosed)
            judgeKeptBody();
        else
            fail(State::Truncated, QStringLiteral("the body stopped after %1, in the middle of "
                                                  "an error message")
                                       .arg(sizeText(m_offset)));
        break;
    case Root::Bounces:
        if (rootClosed)
            setDone();
        else
            fail(State::Truncated, QStringLiteral("the list of bounces stopped %1, before its "
                                                  "closing </bounces>")
                                       .arg(whereText()));
        break;
    }
    m_kept = QByteArray();
    return state();
}
