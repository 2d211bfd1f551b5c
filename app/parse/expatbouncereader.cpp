#include "expatbouncereader.h"

#include "core/quantitytext.h"
#include "expatguards.h"
#include "parsertext.h"

#include <expat.h>

#include <limits>

namespace {

using ExpatGuards::localName; // elements are matched on it, whatever their namespace

bool equalsIgnoringCase(std::string_view a, std::string_view b) {
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (QChar::toLower(char16_t(uchar(a[i]))) != QChar::toLower(char16_t(uchar(b[i]))))
            return false;
    }
    return true;
}

QString utf8Text(std::string_view text) {
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

// Expat ends a body it was given whole with these only when the body stops too soon: what a
// cut connection leaves, for XmlBounceParser to judge by how far the list got.
bool meansCutShort(XML_Error error) {
    return error == XML_ERROR_NO_ELEMENTS || error == XML_ERROR_UNCLOSED_TOKEN ||
           error == XML_ERROR_PARTIAL_CHAR || error == XML_ERROR_UNCLOSED_CDATA_SECTION;
}

// Past this, a chunk ending inside a token makes Expat wait for as many new bytes as it holds.
constexpr qint64 deferAbove = 64 * 1024;

} // namespace

// Expat's handlers: C functions with the reader as their user data.
struct ExpatCallbacks {
    static void XMLCALL onStartElement(void *self, const XML_Char *name, const XML_Char **attrs);
    static void XMLCALL onEndElement(void *self, const XML_Char *name);
    static void XMLCALL onCharacters(void *self, const XML_Char *text, int length);
    static void XMLCALL onStartDoctype(void *self, const XML_Char *name, const XML_Char *sysid,
                                       const XML_Char *pubid, int hasInternalSubset);
    static int XMLCALL onExternalEntity(XML_Parser parser, const XML_Char *context,
                                        const XML_Char *base, const XML_Char *systemId,
                                        const XML_Char *publicId);
};

void ExpatBounceReader::ParserDeleter::operator()(XML_ParserStruct *parser) const {
    XML_ParserFree(parser);
}

ExpatBounceReader::ExpatBounceReader(BounceStreamParser::RowSink sink)
    : m_parser(ExpatGuards::createParser())
    , m_sink(std::move(sink)) {
    XML_Parser parser = m_parser.get();
    Q_ASSERT(parser); // only fails without memory
    XML_SetUserData(parser, this);
    XML_SetElementHandler(parser, &ExpatCallbacks::onStartElement, &ExpatCallbacks::onEndElement);
    XML_SetCharacterDataHandler(parser, &ExpatCallbacks::onCharacters);
    XML_SetStartDoctypeDeclHandler(parser, &ExpatCallbacks::onStartDoctype);
    // Refused as the guards refuse it, but named in the message.
    XML_SetExternalEntityRefHandler(parser, &ExpatCallbacks::onExternalEntity);
}

ExpatBounceReader::~ExpatBounceReader() = default;

void ExpatBounceReader::feed(QByteArrayView utf8) {
    if (m_stopped || utf8.isEmpty())
        return;
    if (m_deferred.isEmpty() && utf8.size() >= m_waitFor) {
        readNow(utf8); // the usual case: no copy
        return;
    }
    m_deferred.append(utf8);
    if (m_deferred.size() >= m_waitFor)
        flush();
}

void ExpatBounceReader::flush() {
    if (!m_stopped && !m_deferred.isEmpty())
        readNow(std::exchange(m_deferred, QByteArray()));
}

void ExpatBounceReader::readNow(QByteArrayView bytes) {
    parse(bytes, false);
    if (m_stopped)
        return;
    // What Expat holds unfinished: the token the chunk ended in, read again from its start.
    const XML_Index at = XML_GetCurrentByteIndex(m_parser.get());
    const qint64 held = at < 0 ? 0 : m_given - qint64(at);
    m_waitFor = held > deferAbove ? held : 0;
}

void ExpatBounceReader::finish() {
    if (m_stopped)
        return;
    const QByteArray bytes = std::exchange(m_deferred, QByteArray());
    parse(bytes, true);
}

void ExpatBounceReader::parse(QByteArrayView bytes, bool final) {
    // XML_Parse takes an int: a body handed over whole may be larger.
    constexpr qsizetype maxPiece = std::numeric_limits<int>::max() / 2;
    do {
        const QByteArrayView piece = bytes.first(qMin(bytes.size(), maxPiece));
        bytes = bytes.sliced(piece.size());
        m_given += piece.size();
        const bool last = final && bytes.isEmpty();
        if (XML_Parse(m_parser.get(), piece.data(), int(piece.size()), last) == XML_STATUS_OK)
            continue;
        if (m_stopped)
            return; // a handler stopped it and said why
        m_stopped = true;
        const XML_Error error = XML_GetErrorCode(m_parser.get());
        if (last && meansCutShort(error))
            return; // XmlBounceParser says how far the list got
        if (error == XML_ERROR_AMPLIFICATION_LIMIT_BREACH) {
            m_problem = QStringLiteral("%1 expands its entities far beyond its own size (%2), as "
                                       "an entity-expansion attack does: not read")
                            .arg(listText(), position());
            return;
        }
        if (m_rootClosed) {
            // After the root, Expat's error and its position depend on where the chunks were
            // cut ("junk after document element" at one byte, "invalid token" at the next), so
            // the verdict names what is wrong in words that do not.
            m_problem = QStringLiteral("%1 is not valid XML (something other than white space "
                                       "or a comment follows its closing tag on line %2)")
                            .arg(listText(), countText(m_rootEndLine));
            return;
        }
        m_problem = QStringLiteral("%1 is not valid XML (%2: %3)")
                        .arg(listText(), position(), QString::fromUtf8(XML_ErrorString(error)));
        return;
    } while (!bytes.isEmpty());
}

void ExpatBounceReader::stop(QString problem) {
    m_stopped = true;
    m_problem = std::move(problem);
    XML_StopParser(m_parser.get(), XML_FALSE);
}

QString ExpatBounceReader::listText() const {
    return QStringLiteral("the list of bounces (after %1)")
        .arg(m_rows == 1 ? QStringLiteral("1 row")
                         : QStringLiteral("%1 rows").arg(countText(m_rows)));
}

QString ExpatBounceReader::position() const {
    // Expat counts columns in characters from 0; people, and editors, from 1.
    return QStringLiteral("line %1, column %2")
        .arg(countText(qint64(XML_GetCurrentLineNumber(m_parser.get()))),
             countText(qint64(XML_GetCurrentColumnNumber(m_parser.get())) + 1));
}

void XMLCALL ExpatCallbacks::onStartElement(void *self, const XML_Char *name,
                                            const XML_Char ** /*attrs*/) {
    static_cast<ExpatBounceReader *>(self)->startElement(name);
}

void XMLCALL ExpatCallbacks::onEndElement(void *self, const XML_Char * /*name*/) {
    static_cast<ExpatBounceReader *>(self)->endElement();
}

void XMLCALL ExpatCallbacks::onCharacters(void *self, const XML_Char *text, int length) {
    auto *reader = static_cast<ExpatBounceReader *>(self);
    if (reader->m_field >= 0)
        reader->m_fields[std::size_t(reader->m_field)].append(text, std::size_t(length));
}

void XMLCALL ExpatCallbacks::onStartDoctype(void *self, const XML_Char *name,
                                            const XML_Char * /*sysid*/, const XML_Char * /*pubid*/,
                                            int /*hasInternalSubset*/) {
    auto *reader = static_cast<ExpatBounceReader *>(self);
    if (equalsIgnoringCase(localName(name), "html")) {
        reader->m_root =
            ExpatBounceReader::Root::Html; // judged whole by XmlBounceParser, title included
        reader->stop({});
    }
}

int XMLCALL ExpatCallbacks::onExternalEntity(XML_Parser parser, const XML_Char * /*context*/,
                                             const XML_Char * /*base*/, const XML_Char *systemId,
                                             const XML_Char * /*publicId*/) {
    auto *reader = static_cast<ExpatBounceReader *>(XML_GetUserData(parser));
    reader->stop(QStringLiteral("%1 refers to an external entity (%2: %3), which BounceDesk never "
                                "loads")
                     .arg(reader->listText(), reader->position(),
                          ParserText::quoted(ParserText::excerpt(
                              systemId ? QByteArrayView(systemId) : QByteArrayView(), 60))));
    return XML_STATUS_ERROR;
}

void ExpatBounceReader::startElement(std::string_view qualifiedName) {
    ++m_depth;
    const std::string_view local = localName(qualifiedName);
    if (m_depth == 1) {
        if (local == "bounces") {
            m_root = Root::Bounces;
        } else if (local == "result" || local == "errors" || local == "error") {
            m_root = Root::Error; // XmlBounceParser keeps the body and judges it at the end
        } else if (equalsIgnoringCase(local, "html")) {
            m_root = Root::Html;
            stop({});
        } else {
            m_root = Root::Other;
            m_rootName = utf8Text(local);
            stop({});
        }
        return;
    }
    if (m_root != Root::Bounces)
        return;
    if (m_depth == 2) {
        m_inBounce = local == "bounce";
        if (m_inBounce) {
            for (std::string &field : m_fields)
                field.clear(); // keeps the capacity for the next row
        }
    } else if (m_depth == 3 && m_inBounce) {
        m_field = local == "email"     ? Email
                  : local == "status"  ? Status
                  : local == "reason"  ? Reason
                  : local == "created" ? Created
                                       : -1; // unknown elements are ignored
    }
}

void ExpatBounceReader::endElement() {
    if (m_depth == 3) {
        m_field = -1;
    } else if (m_depth == 2 && m_inBounce && m_root == Root::Bounces) {
        m_inBounce = false;
        endOfRow();
    } else if (m_depth == 1) {
        m_rootClosed = true;
        m_rootEndLine = qint64(XML_GetCurrentLineNumber(m_parser.get()));
    }
    --m_depth;
}

void ExpatBounceReader::endOfRow() {
    if (m_fields[Email].empty()) {
        // Without its address a row can be neither shown usefully nor deleted.
        stop(QStringLiteral("row %1 of the list (line %2) has no email address")
                 .arg(countText(m_rows + 1),
                      countText(qint64(XML_GetCurrentLineNumber(m_parser.get())))));
        return;
    }
    m_sink(BounceFields{m_fields[Email], m_fields[Status], m_fields[Reason], m_fields[Created]});
    ++m_rows;
    for (std::string &field : m_fields) {
        if (field.capacity() > (std::size_t(1) << 20))
            std::string().swap(field); // one huge row must not keep its buffer for the whole list
    }
}
