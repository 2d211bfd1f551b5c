#include "xmlbounceparser.h"

#include "apierror.h"
#include "parsertext.h"
#include "responseparsers.h"

namespace {

// True when the XML declaration names an encoding other than UTF-8 (ISO-8859-1, say).
bool declaresOtherEncoding(QByteArrayView head) {
    head = head.sliced(ParserText::firstSignificantByte(head));
    if (!head.startsWith("<?xml"))
        return false;
    const QByteArray declaration = head.first(qMax<qsizetype>(0, head.indexOf("?>"))).toByteArray();
    const qsizetype at = declaration.indexOf("encoding");
    if (at < 0)
        return false;
    const QByteArray rest = declaration.mid(at + 8).trimmed();
    if (!rest.startsWith('=') || rest.size() < 3)
        return false;
    const QByteArray quoted = rest.mid(1).trimmed();
    const qsizetype end = quoted.indexOf(quoted.at(0), 1);
    const QByteArray name = quoted.mid(1, end - 1).toLower();
    return end > 0 && name != "utf-8" && name != "utf8";
}

QString rowsText(qsizetype rows) {
    return rows == 1 ? QStringLiteral("1 row")
                     : QStringLiteral("%1 rows").arg(ApiError::countText(rows));
}

} // namespace

XmlBounceParser::XmlBounceParser(RowSink sink)
    : m_sink(std::move(sink))
    // Stateless: a field never ends in half a surrogate pair that the next field completes.
    , m_toUtf8(QStringEncoder::Utf8, QStringEncoder::Flag::Stateless) {}

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
        if (m_kept.size() - ParserText::firstSignificantByte(m_kept) >= sniffBytes)
            startReading();
        if (m_root != Root::Bounces)
            keepBytes({}); // what is kept stays bounded
        return;
    }
    if (m_root != Root::Bounces && !keepBytes(chunk))
        return;
    addData(chunk);
    readTokens();
    if (m_root == Root::Bounces)
        m_kept = QByteArray(); // a list of bounces is never an error message: not kept
}

void XmlBounceParser::addData(QByteArrayView bytes) {
    m_xml.addData(m_repairUtf8 ? m_repair.push(bytes) : bytes.toByteArray());
}

void XmlBounceParser::startReading() {
    m_sniffed = true;
    if (sniffBody(m_kept) != BodySyntax::Xml) {
        // A JSON error body, an HTML page or text: nothing for the XML reader.
        m_root = Root::NotXml;
        return;
    }
    m_repairUtf8 = !declaresOtherEncoding(m_kept);
    addData(m_kept);
    readTokens();
    if (m_root == Root::Bounces)
        m_kept = QByteArray();
}

// Keeps the body while it may be an error message. False (and Malformed) once it is too
// large for one.
bool XmlBounceParser::keepBytes(QByteArrayView chunk) {
    if (state() != State::InProgress)
        return false;
    if (m_kept.size() + chunk.size() > maxNonListBody) {
        fail(State::Malformed, QStringLiteral("expected a list of bounces, got %1 of more than %2")
                                   .arg(describeBody(m_kept), ApiError::sizeText(maxNonListBody)));
        m_kept = QByteArray();
        return false;
    }
    m_kept.append(chunk);
    return true;
}

void XmlBounceParser::readTokens() {
    while (state() == State::InProgress && m_root != Root::NotXml && !m_xml.atEnd()) {
        switch (m_xml.readNext()) {
        case QXmlStreamReader::StartElement:
            startElement();
            break;
        case QXmlStreamReader::EndElement:
            endElement();
            break;
        case QXmlStreamReader::Characters:
            if (m_field >= 0)
                m_text[std::size_t(m_field)].append(m_xml.text());
            break;
        case QXmlStreamReader::DTD:
            if (m_xml.dtdName().compare(QLatin1String("html"), Qt::CaseInsensitive) == 0)
                m_root = Root::NotXml; // judged whole at finish(), title included
            break;
        default:
            break;
        }
    }
    // Running out of data is normal while the body arrives; finish() judges the end.
    if (m_xml.hasError() && m_xml.error() != QXmlStreamReader::PrematureEndOfDocumentError &&
        state() == State::InProgress && m_root != Root::NotXml) {
        fail(
            State::Malformed,
            ParserText::xmlErrorText(
                m_xml, QStringLiteral("the list of bounces (after %1)").arg(rowsText(rowCount()))));
    }
}

void XmlBounceParser::startElement() {
    ++m_depth;
    const QStringView name = m_xml.name();
    if (m_depth == 1) {
        if (name == QLatin1String("bounces")) {
            m_root = Root::Bounces;
        } else if (name == QLatin1String("result") || name == QLatin1String("errors") ||
                   name == QLatin1String("error")) {
            m_root = Root::Error; // the whole body is kept and judged at finish()
        } else if (name.compare(QLatin1String("html"), Qt::CaseInsensitive) == 0) {
            m_root = Root::NotXml; // judged whole at finish(), title included
        } else {
            fail(State::Malformed, QStringLiteral("expected a list of bounces, got an XML "
                                                  "document <%1>")
                                       .arg(ParserText::excerpt(name.toUtf8(), 40)));
        }
        return;
    }
    if (m_root != Root::Bounces)
        return;
    if (m_depth == 2) {
        m_inBounce = name == QLatin1String("bounce");
        if (m_inBounce) {
            for (QString &text : m_text)
                text.resize(0); // keeps the capacity for the next row
        }
    } else if (m_depth == 3 && m_inBounce) {
        m_field = name == QLatin1String("email")     ? Email
                  : name == QLatin1String("status")  ? Status
                  : name == QLatin1String("reason")  ? Reason
                  : name == QLatin1String("created") ? Created
                                                     : -1; // unknown elements are ignored
    }
}

void XmlBounceParser::endElement() {
    if (m_depth == 3)
        m_field = -1;
    else if (m_depth == 2 && m_inBounce && m_root == Root::Bounces) {
        m_inBounce = false;
        deliverRow();
    } else if (m_depth == 1)
        m_rootClosed = true;
    --m_depth;
}

void XmlBounceParser::deliverRow() {
    if (m_text[Email].isEmpty()) {
        // Without its address a row can be neither shown usefully nor deleted.
        fail(State::Malformed, QStringLiteral("row %1 of the list (line %2) has no email address")
                                   .arg(ApiError::countText(rowCount() + 1),
                                        ApiError::countText(m_xml.lineNumber())));
        return;
    }
    qsizetype needed = 0;
    for (const QString &text : m_text)
        needed += m_toUtf8.requiredSpace(text.size());
    if (m_utf8.size() < needed)
        m_utf8.resize(needed);
    std::array<std::string_view, FieldCount> views;
    char *out = m_utf8.data();
    for (std::size_t i = 0; i < FieldCount; ++i) {
        char *const start = out;
        out = m_toUtf8.appendToBuffer(out, m_text[i]);
        views[i] = std::string_view(start, std::size_t(out - start));
    }
    m_sink(BounceFields{views[Email], views[Status], views[Reason], views[Created]});
    countRow();
    if (m_utf8.size() > (1 << 20))
        m_utf8 = QByteArray(); // one huge row must not keep its buffer for the whole list
}

QString XmlBounceParser::whereText() const {
    return QStringLiteral("after %1 and %2")
        .arg(ApiError::sizeText(m_offset), rowsText(rowCount()));
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
    if (m_repairUtf8 && m_root != Root::NotXml && state() == State::InProgress) {
        m_xml.addData(m_repair.finish()); // a sequence the end of the body cut short
        readTokens();
    }
    if (state() != State::InProgress)
        return state();
    switch (m_root) {
    case Root::Unknown:
        if (sniffBody(m_kept) == BodySyntax::Empty)
            fail(State::Truncated, m_offset == 0
                                       ? QStringLiteral("the body was empty")
                                       : QStringLiteral("the body held nothing but white space"));
        else
            fail(State::Truncated, QStringLiteral("the body stopped after %1, before the list "
                                                  "of bounces began")
                                       .arg(ApiError::sizeText(m_offset)));
        break;
    case Root::NotXml:
        judgeKeptBody();
        break;
    case Root::Error:
        if (m_rootClosed)
            judgeKeptBody();
        else
            fail(State::Truncated, QStringLiteral("the body stopped after %1, in the middle of "
                                                  "an error message")
                                       .arg(ApiError::sizeText(m_offset)));
        break;
    case Root::Bounces:
        if (m_rootClosed)
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
