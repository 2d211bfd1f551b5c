#include "xmlbouncereader.h"

XmlBounceReader::XmlBounceReader(RowSink sink, bool repairUtf8)
    : XmlBounceEngine(std::move(sink))
    // Stateless: a field never ends in half a surrogate pair that the next field completes.
    , m_toUtf8(QStringEncoder::Utf8, QStringEncoder::Flag::Stateless)
    , m_repairUtf8(repairUtf8) {}

bool XmlBounceReader::reading() const {
    return !failed() && root() != Root::Html && root() != Root::Other;
}

void XmlBounceReader::feed(QByteArrayView bytes) {
    if (!reading() || bytes.isEmpty())
        return;
    if (m_repairUtf8)
        passOn(m_repair.push(bytes));
    else
        passOn(bytes);
}

void XmlBounceReader::finish() {
    if (!reading())
        return;
    if (m_repairUtf8)
        m_block.append(m_repair.finish()); // a sequence the end of the body cut short
    if (!m_block.isEmpty())
        addBlock();
}

// Fills blocks of exactly blockSize bytes and reads each as soon as it is full.
void XmlBounceReader::passOn(QByteArrayView bytes) {
    while (!bytes.isEmpty() && reading()) {
        const qsizetype taken = qMin(blockSize - m_block.size(), bytes.size());
        m_block.append(bytes.first(taken));
        bytes = bytes.sliced(taken);
        if (m_block.size() == blockSize)
            addBlock();
    }
}

void XmlBounceReader::addBlock() {
    m_xml.addData(m_block);
    m_block.clear();
    readTokens();
}

void XmlBounceReader::readTokens() {
    while (reading() && !m_xml.atEnd()) {
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
            // QXmlStreamReader takes a DOCTYPE anywhere, even in the text of a row; XML (and
            // XmlBounceScanner) only before the root element. Taken for an HTML page there,
            // it made a list already under way be judged as a page from that point on.
            if (root() != Root::Unknown)
                m_xml.raiseError(QStringLiteral("Unexpected DOCTYPE declaration."));
            else if (m_xml.dtdName().compare(QLatin1String("html"), Qt::CaseInsensitive) == 0)
                setRoot(Root::Html); // judged whole at the end, title included
            break;
        default:
            break;
        }
    }
    // Running out of data is normal while the body arrives; XmlBounceParser judges the end.
    if (m_xml.hasError() && m_xml.error() != QXmlStreamReader::PrematureEndOfDocumentError &&
        reading())
        fail(ParserText::xmlErrorText(m_xml, listText()));
}

void XmlBounceReader::startElement() {
    ++m_depth;
    const QStringView name = m_xml.name();
    if (m_depth == 1) {
        if (name == QLatin1String("bounces"))
            setRoot(Root::Bounces);
        else if (name == QLatin1String("result") || name == QLatin1String("errors") ||
                 name == QLatin1String("error"))
            setRoot(Root::Error); // the whole body is kept and judged at the end
        else if (name.compare(QLatin1String("html"), Qt::CaseInsensitive) == 0)
            setRoot(Root::Html, name.toString());
        else
            setRoot(Root::Other, name.toString());
        return;
    }
    if (root() != Root::Bounces)
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

void XmlBounceReader::endElement() {
    if (m_depth == 3)
        m_field = -1;
    else if (m_depth == 2 && m_inBounce && root() == Root::Bounces) {
        m_inBounce = false;
        endOfRow();
    } else if (m_depth == 1)
        setRootClosed();
    --m_depth;
}

void XmlBounceReader::endOfRow() {
    if (m_text[Email].isEmpty()) {
        failWithoutAddress(m_xml.lineNumber());
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
    deliverRow(BounceFields{views[Email], views[Status], views[Reason], views[Created]});
    if (m_utf8.size() > (1 << 20))
        m_utf8 = QByteArray(); // one huge row must not keep its buffer for the whole list
}
