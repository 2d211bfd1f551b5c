#include "xmlbouncescanner.h"
#include "core/quantitytext.h"

#include <algorithm>
#include <iterator>

using namespace XmlScanText;

namespace {

constexpr std::string_view byteOrderMark("\xEF\xBB\xBF", 3);
constexpr std::string_view declarationStart("<?xml");
constexpr std::size_t maxDeclaration = 1024; // longer: not one the scanner reads

} // namespace

XmlBounceScanner::XmlBounceScanner(RowSink sink)
    : XmlBounceEngine(std::move(sink)) {}

void XmlBounceScanner::feed(QByteArrayView bytes) {
    if (m_state == State::Stopped || bytes.isEmpty())
        return;
    const char *p = bytes.data();
    const char *const end = p + bytes.size();
    m_chunk = p;
    m_chunkEnd = end;
    while (p < end && m_state != State::Stopped) {
        switch (m_state) {
        case State::Start:
            p = scanStart(p, end);
            break;
        case State::Declaration:
            p = scanDeclaration(p, end);
            break;
        case State::Misc:
            p = scanMisc(p, end);
            break;
        case State::Text:
            p = scanText(p, end);
            break;
        case State::Markup:
            p = scanMarkup(p);
            break;
        case State::Bang:
            p = scanBang(p, end);
            break;
        case State::Tag:
            p = scanTag(p, end);
            break;
        case State::CData:
            p = scanCData(p, end);
            break;
        case State::Skipped:
            p = scanSkipped(p, end);
            break;
        case State::Stopped:
            break;
        }
    }
    // Where the next chunk starts, for messages; cheap next to the scan.
    m_linesBefore += countNewlines(m_chunk, end);
    const auto lastNewline =
        std::find(std::make_reverse_iterator(end), std::make_reverse_iterator(m_chunk), '\n');
    if (lastNewline.base() == m_chunk)
        m_columnBefore += countCharacters(m_chunk, end, m_encoding);
    else
        m_columnBefore = countCharacters(lastNewline.base(), end, m_encoding);
}

void XmlBounceScanner::finish() {
    if (m_state == State::Declaration)
        needReader(); // an unfinished declaration: the reader says what is wrong with it
}

const char *XmlBounceScanner::scanStart(const char *p, const char *end) {
    for (; p < end; ++p) {
        const auto c = static_cast<unsigned char>(*p);
        if (m_matched == 0 && m_bomMatched < 3 && (m_bomMatched > 0 || c == 0xEF)) {
            if (c != static_cast<unsigned char>(byteOrderMark[std::size_t(m_bomMatched)]))
                return failAt(p, QStringLiteral("The body starts with bytes that are not text."));
            m_hasBom = ++m_bomMatched == 3;
            continue;
        }
        if (m_matched < int(declarationStart.size())) {
            if (c != static_cast<unsigned char>(declarationStart[std::size_t(m_matched)]))
                return leaveStart(p);
            ++m_matched;
            continue;
        }
        if (!isSpace(c)) {
            // A PI such as <?xml-stylesheet ...?> first. XmlBounceParser guesses the encoding
            // from whatever starts with "<?xml", so such rare documents stay with the reader
            // that matches that guess.
            needReader();
            return end;
        }
        m_markup.assign(declarationStart);
        m_markup.push_back(char(c));
        m_state = State::Declaration;
        return p + 1;
    }
    return end;
}

// The start of the document is not an XML declaration: what was matched of "<?xml" is read
// as what it is, and `p` is read again.
const char *XmlBounceScanner::leaveStart(const char *p) {
    if (m_matched == 0) {
        m_state = State::Misc;
    } else if (m_matched == 1) {
        m_state = State::Markup;
    } else {
        m_skipped.beginProcessingInstruction(
            declarationStart.substr(2, std::size_t(m_matched - 2)));
        m_state = State::Skipped;
    }
    return p;
}

const char *XmlBounceScanner::scanDeclaration(const char *p, const char *end) {
    for (; p < end; ++p) {
        m_markup.push_back(*p);
        if (m_markup.size() > maxDeclaration)
            break;
        if (*p != '>' || m_markup[m_markup.size() - 2] != '?')
            continue;
        const std::optional<Encoding> encoding = declaredEncoding(m_markup);
        if (!encoding || (m_hasBom && *encoding != Encoding::Utf8))
            break;
        m_encoding = *encoding;
        m_tag.setEncoding(m_encoding);
        m_text.setEncoding(m_encoding);
        m_skipped.setEncoding(m_encoding);
        m_state = State::Misc;
        return p + 1;
    }
    if (p < end)
        needReader();
    return end;
}

const char *XmlBounceScanner::scanMisc(const char *p, const char *end) {
    for (; p < end; ++p) {
        const auto c = static_cast<unsigned char>(*p);
        if (c == '<')
            return startMarkup(p, end);
        if (!isSpace(c))
            return failAt(p, root() == Root::Unknown
                                 ? QStringLiteral("Start tag expected.")
                                 : QStringLiteral("Extra content at end of document."));
    }
    return end;
}

const char *XmlBounceScanner::scanText(const char *p, const char *end) {
    XmlCharacterData::Step step = XmlCharacterData::Step::More;
    p = m_text.readText(p, end, &step);
    if (step == XmlCharacterData::Step::Failed)
        return failAt(p, m_text.problem());
    return step == XmlCharacterData::Step::End ? startMarkup(p, end) : p;
}

const char *XmlBounceScanner::scanCData(const char *p, const char *end) {
    XmlCharacterData::Step step = XmlCharacterData::Step::More;
    p = m_text.readCData(p, end, &step);
    if (step == XmlCharacterData::Step::Failed)
        return failAt(p, m_text.problem());
    if (step == XmlCharacterData::Step::End)
        afterMarkup();
    return p;
}

const char *XmlBounceScanner::scanSkipped(const char *p, const char *end) {
    XmlSkippedMarkup::Step step = XmlSkippedMarkup::Step::More;
    p = m_skipped.read(p, end, &step);
    if (step == XmlSkippedMarkup::Step::Failed)
        return failAt(p, m_skipped.problem());
    if (step == XmlSkippedMarkup::Step::Done)
        afterMarkup();
    return p;
}

const char *XmlBounceScanner::startMarkup(const char *lt, const char *end) {
    if (const char *after = simpleTag(lt, end))
        return after;
    m_state = State::Markup;
    return lt + 1;
}

// The common tags, <name>, </name> and <name/> with an ASCII name and no attributes, read in
// place when they are whole in the chunk. Returns nullptr for any other markup.
const char *XmlBounceScanner::simpleTag(const char *lt, const char *end) {
    const char *p = lt + 1;
    const bool endTag = p < end && *p == '/';
    if (endTag && m_elements.depth() == 0)
        return nullptr; // an error, for scanMarkup() to name
    p += endTag ? 1 : 0;
    const char *const name = p;
    if (p == end || !isAsciiNameStart(static_cast<unsigned char>(*p)))
        return nullptr;
    while (++p < end && isAsciiNameChar(static_cast<unsigned char>(*p))) {
    }
    if (p == end || p - name > maxNameLength)
        return nullptr;
    const std::string_view tagName(name, std::size_t(p - name));
    const bool emptyElement = !endTag && *p == '/' && p + 1 < end && p[1] == '>';
    if (*p != '>' && !emptyElement)
        return nullptr;
    p += emptyElement ? 1 : 0;
    if (endTag) {
        closeElement(tagName, p);
    } else {
        static const std::vector<XmlTagReader::Attribute> none;
        openElement(tagName, none, p);
        if (emptyElement && m_state != State::Stopped)
            closeElement(tagName, p);
    }
    if (m_state != State::Stopped)
        afterMarkup();
    return p + 1;
}

const char *XmlBounceScanner::scanMarkup(const char *p) {
    switch (*p) {
    case '/':
        if (m_elements.depth() == 0)
            return failAt(p, QStringLiteral("Unexpected end tag outside the root element."));
        m_tag.beginEndTag();
        m_state = State::Tag;
        return p + 1;
    case '?':
        m_skipped.beginProcessingInstruction();
        m_state = State::Skipped;
        return p + 1;
    case '!':
        m_markup.clear();
        m_state = State::Bang;
        return p + 1;
    default:
        m_tag.beginStartTag();
        m_state = State::Tag;
        return p;
    }
}

const char *XmlBounceScanner::scanTag(const char *p, const char *end) {
    XmlTagReader::Step step = XmlTagReader::Step::More;
    const char *const after = m_tag.read(p, end, &step);
    if (step == XmlTagReader::Step::Failed)
        return failAt(after, m_tag.problem());
    if (step == XmlTagReader::Step::More)
        return end;
    if (m_tag.isEndTag()) {
        closeElement(m_tag.name(), after - 1);
    } else {
        openElement(m_tag.name(), m_tag.attributes(), after - 1);
        if (m_tag.isEmptyElement() && m_state != State::Stopped)
            closeElement(m_tag.name(), after - 1);
    }
    if (m_state != State::Stopped)
        afterMarkup();
    return after;
}

const char *XmlBounceScanner::scanBang(const char *p, const char *end) {
    constexpr std::string_view cdata("[CDATA[");
    constexpr std::string_view doctype("DOCTYPE");
    for (; p < end; ++p) {
        m_markup.push_back(*p);
        if (m_markup == "--") {
            m_skipped.beginComment();
            m_state = State::Skipped;
            return p + 1;
        }
        const bool isCData = cdata.substr(0, m_markup.size()) == m_markup;
        const bool isDoctype = doctype.substr(0, m_markup.size()) == m_markup;
        if (isCData && m_markup.size() == cdata.size()) {
            if (m_elements.depth() == 0)
                return failAt(p, QStringLiteral("CDATA section outside the root element."));
            m_text.beginCData();
            m_state = State::CData;
            return p + 1;
        }
        if (isDoctype && m_markup.size() == doctype.size()) {
            if (root() != Root::Unknown)
                return failAt(p, QStringLiteral("Unexpected DOCTYPE declaration."));
            needReader(); // a document type declaration: QXmlStreamReader reads those
            return end;
        }
        if (!isCData && !isDoctype && m_markup != "-")
            return failAt(p, QStringLiteral("Expected '--', '[CDATA[' or 'DOCTYPE' after '<!'."));
    }
    return end;
}

void XmlBounceScanner::openElement(std::string_view name,
                                   const std::vector<XmlTagReader::Attribute> &attributes,
                                   const char *last) {
    if (m_elements.depth() == 0 && root() != Root::Unknown) {
        failAt(last, QStringLiteral("Extra content at end of document."));
        return;
    }
    const QString problem = m_elements.open(name, attributes);
    if (!problem.isEmpty()) {
        failAt(last, problem);
        return;
    }
    const std::string_view local = XmlElementStack::localName(name);
    const int depth = m_elements.depth();
    if (depth == 1) {
        if (local == "bounces") {
            setRoot(Root::Bounces);
        } else if (local == "result" || local == "errors" || local == "error") {
            setRoot(Root::Error); // kept whole by XmlBounceParser and judged at the end
        } else {
            const std::string utf8 = toUtf8(local, m_encoding);
            setRoot(equalsIgnoringCase(local, "html") ? Root::Html : Root::Other,
                    QString::fromUtf8(utf8.data(), qsizetype(utf8.size())));
            m_state = State::Stopped;
        }
    } else if (depth == 2 && root() == Root::Bounces) {
        m_inBounce = local == "bounce";
        for (std::string &field : m_fields)
            field.clear(); // keeps the capacity for the next row
    } else if (depth == 3 && m_inBounce) {
        m_text.setCapture(local == "email"     ? &m_fields[Email]
                          : local == "status"  ? &m_fields[Status]
                          : local == "reason"  ? &m_fields[Reason]
                          : local == "created" ? &m_fields[Created]
                                               : nullptr); // unknown elements are ignored
    }
}

void XmlBounceScanner::closeElement(std::string_view name, const char *last) {
    const int depth = m_elements.depth();
    if (!m_elements.close(name)) {
        failAt(last, QStringLiteral("Opening and ending tag mismatch."));
        return;
    }
    if (depth == 3) {
        m_text.setCapture(nullptr);
    } else if (depth == 2 && m_inBounce) {
        m_inBounce = false;
        endOfRow(last);
    } else if (depth == 1) {
        setRootClosed();
    }
}

void XmlBounceScanner::endOfRow(const char *last) {
    if (m_fields[Email].empty()) {
        failWithoutAddress(m_linesBefore + countNewlines(m_chunk, last + 1) + 1);
        m_state = State::Stopped;
        return;
    }
    deliverRow(
        BounceFields{m_fields[Email], m_fields[Status], m_fields[Reason], m_fields[Created]});
    for (std::string &field : m_fields) {
        if (field.capacity() > (std::size_t(1) << 20))
            std::string().swap(field); // one huge row must not keep its buffer for the whole list
    }
}

void XmlBounceScanner::afterMarkup() {
    m_state = m_elements.depth() > 0 ? State::Text : State::Misc;
}

const char *XmlBounceScanner::failAt(const char *at, const QString &what) {
    // Line and column as QXmlStreamReader counts them: the offending character included.
    const char *const after = std::min(at + 1, m_chunkEnd);
    const auto lastNewline =
        std::find(std::make_reverse_iterator(after), std::make_reverse_iterator(m_chunk), '\n');
    const qint64 column = lastNewline.base() == m_chunk
                              ? m_columnBefore + countCharacters(m_chunk, after, m_encoding)
                              : countCharacters(lastNewline.base(), after, m_encoding);
    fail(QStringLiteral("%1 is not valid XML (line %2, column %3: %4)")
             .arg(listText(), countText(m_linesBefore + countNewlines(m_chunk, after) + 1),
                  countText(column), what));
    m_state = State::Stopped;
    return m_chunkEnd;
}

void XmlBounceScanner::needReader() {
    setNeedsReader();
    m_state = State::Stopped;
}
