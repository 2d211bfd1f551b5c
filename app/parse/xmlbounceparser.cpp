#include "xmlbounceparser.h"

#include "core/quantitytext.h"
#include "parsertext.h"
#include "responseparsers.h"
#include "xmlbouncereader.h"
#include "xmlbouncescanner.h"
#include "xmlscantext.h"

namespace {

// True when the XML declaration, within its first declarationBytes, names an encoding other
// than UTF-8 (ISO-8859-1, say).
bool declaresOtherEncoding(QByteArrayView head) {
    head = head.sliced(ParserText::firstSignificantByte(head));
    head = head.first(qMin(head.size(), XmlBounceParser::declarationBytes));
    if (!head.startsWith("<?xml"))
        return false;
    const QByteArray declaration = head.first(qMax<qsizetype>(0, head.indexOf("?>"))).toByteArray();
    // The pseudo-attribute itself, after white space: not the end of "xmlns:encoding", which
    // QXmlStreamReader does not take for one (it reads such a body as UTF-8, so it is repaired).
    qsizetype at = declaration.indexOf("encoding");
    while (at > 0 && !XmlScanText::isSpace(static_cast<unsigned char>(declaration.at(at - 1))))
        at = declaration.indexOf("encoding", at + 1);
    if (at <= 0)
        return false;
    const QByteArray rest = declaration.mid(at + 8).trimmed();
    if (!rest.startsWith('=') || rest.size() < 3)
        return false;
    const QByteArray quoted = rest.mid(1).trimmed();
    const qsizetype end = quoted.indexOf(quoted.at(0), 1);
    const QByteArray name = quoted.mid(1, end - 1).toLower();
    return end > 0 && name != "utf-8" && name != "utf8";
}

// Enough of the body is here to judge it as it will be judged whole: sniffBytes significant
// bytes and, when it opens with an XML declaration, the declaration's end (or its first
// declarationBytes). Judged sooner, a declaration cut before its encoding was taken for none.
bool headSettled(QByteArrayView kept) {
    const QByteArrayView rest = kept.sliced(ParserText::firstSignificantByte(kept));
    if (rest.size() < XmlBounceParser::sniffBytes)
        return false;
    return !rest.startsWith("<?xml") || rest.contains("?>") ||
           rest.size() >= XmlBounceParser::declarationBytes;
}

QString rowsText(qsizetype rows) {
    return rows == 1 ? QStringLiteral("1 row") : QStringLiteral("%1 rows").arg(countText(rows));
}

} // namespace

XmlBounceParser::XmlBounceParser(RowSink sink, Engines engines)
    : m_sink(std::move(sink))
    , m_engines(engines) {}

XmlBounceParser::~XmlBounceParser() = default;

void XmlBounceParser::feed(QByteArrayView chunk) {
    if (state() != State::InProgress || chunk.isEmpty())
        return;
    m_offset += chunk.size();
    if (m_root == Root::NotXml) {
        keepBytes(chunk);
        return;
    }
    if (!m_sniffed) {
        m_kept.append(chunk);
        // Judge what the body is only once enough of it is here, so that the answer never
        // depends on where the first chunk ended (a BOM cut in two, "<ht" of "<html>").
        if (headSettled(m_kept))
            startReading();
        if (m_root != Root::Bounces)
            keepBytes({}); // what is kept stays bounded
        return;
    }
    // Until the root element is known the body is kept: it may be an error message, or have to
    // be read again by QXmlStreamReader.
    if (m_root != Root::Bounces && !keepBytes(chunk))
        return;
    feedEngine(chunk);
}

void XmlBounceParser::startReading() {
    m_sniffed = true;
    if (sniffBody(m_kept) != BodySyntax::Xml) {
        // A JSON error body, an HTML page or text: nothing for an XML reader.
        m_root = Root::NotXml;
        return;
    }
    m_repairUtf8 = !declaresOtherEncoding(m_kept);
    if (m_engines == Engines::QXmlStreamReaderOnly) {
        useReader();
    } else {
        m_engine = std::make_unique<XmlBounceScanner>([this](const BounceFields &fields) {
            m_sink(fields);
            countRow();
        });
        m_engineUsed = Engine::Scanner;
        feedEngine(m_kept);
    }
}

// The document from its first byte, which m_kept still holds, through QXmlStreamReader.
void XmlBounceParser::useReader() {
    m_engine = std::make_unique<XmlBounceReader>(
        [this](const BounceFields &fields) {
            m_sink(fields);
            countRow();
        },
        m_repairUtf8);
    m_engineUsed = Engine::QXmlStreamReader;
    feedEngine(m_kept);
}

void XmlBounceParser::feedEngine(QByteArrayView bytes) {
    m_engine->feed(bytes);
    takeEngineNews();
}

void XmlBounceParser::takeEngineNews() {
    if (m_engine->needsReader()) {
        useReader(); // before the root element: no row came out, and m_kept is whole
        return;
    }
    switch (m_engine->root()) {
    case XmlBounceEngine::Root::Unknown:
        break;
    case XmlBounceEngine::Root::Bounces:
        m_root = Root::Bounces;
        m_kept = QByteArray(); // a list of bounces is never an error message: not kept
        break;
    case XmlBounceEngine::Root::Error:
        m_root = Root::Error; // the whole body is kept and judged at finish()
        break;
    case XmlBounceEngine::Root::Html:
        m_root = Root::NotXml; // judged whole at finish(), title included
        return;
    case XmlBounceEngine::Root::Other:
        fail(State::Malformed,
             QStringLiteral("expected a list of bounces, got an XML document <%1>")
                 .arg(ParserText::excerpt(m_engine->rootName().toUtf8(), 40)));
        return;
    }
    if (m_engine->failed())
        fail(State::Malformed, m_engine->problem());
}

// Keeps the body while it may be an error message. False (and Malformed) once it is too
// large for one.
bool XmlBounceParser::keepBytes(QByteArrayView chunk) {
    if (state() != State::InProgress)
        return false;
    if (m_kept.size() + chunk.size() > maxNonListBody) {
        fail(State::Malformed, QStringLiteral("expected a list of bounces, got %1 of more than %2")
                                   .arg(describeBody(m_kept), sizeText(maxNonListBody)));
        m_kept = QByteArray();
        return false;
    }
    m_kept.append(chunk);
    return true;
}

QString XmlBounceParser::whereText() const {
    return QStringLiteral("after %1 and %2").arg(sizeText(m_offset), rowsText(rowCount()));
}

void XmlBounceParser::judgeKeptBody() {
    if (m_repairUtf8) {
        ParserText::Utf8StreamRepair repair;
        m_kept = repair.push(m_kept) + repair.finish();
    }
    if (const std::optional<QString> words = recogniseApiError(m_kept))
        fail(State::ApiError, *words);
    else
        fail(State::Malformed,
             QStringLiteral("expected a list of bounces, got %1").arg(describeBody(m_kept)));
}

BounceStreamParser::State XmlBounceParser::finish() {
    if (state() != State::InProgress)
        return state();
    if (!m_sniffed && sniffBody(m_kept) != BodySyntax::Empty)
        startReading(); // a short body: judged now that it is complete
    // The engine's last word; when the scanner hands over at the end, the reader has its own.
    for (int round = 0;
         round < 2 && m_engine && m_root != Root::NotXml && state() == State::InProgress; ++round) {
        const Engine finishing = m_engineUsed;
        m_engine->finish();
        takeEngineNews();
        if (m_engineUsed == finishing)
            break;
    }
    if (state() != State::InProgress)
        return state();
    const bool rootClosed = m_engine && m_engine->rootClosed();
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
