#include "xmldocument.h"

#include "core/quantitytext.h"
#include "expatguards.h"
#include "xmltextdecoder.h"

#include <expat.h>

#include <limits>
#include <memory>
#include <vector>

namespace {

struct ParserDeleter {
    void operator()(XML_ParserStruct *parser) const { XML_ParserFree(parser); }
};
using ExpatParser = std::unique_ptr<XML_ParserStruct, ParserDeleter>;

QString utf8Text(std::string_view text) {
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

// Expat ends a body it was given whole with these only when the body stops too soon.
bool meansCutShort(XML_Error error) {
    return error == XML_ERROR_NO_ELEMENTS || error == XML_ERROR_UNCLOSED_TOKEN ||
           error == XML_ERROR_PARTIAL_CHAR || error == XML_ERROR_UNCLOSED_CDATA_SECTION;
}

QString position(XML_Parser parser) {
    // Expat counts columns in characters from 0; people, and editors, from 1.
    return QStringLiteral("line %1, column %2")
        .arg(countText(qint64(XML_GetCurrentLineNumber(parser))),
             countText(qint64(XML_GetCurrentColumnNumber(parser)) + 1));
}

// Feeds `utf8` to Expat in pieces its int lengths can take; false on the first error.
bool parseAll(XML_Parser parser, QByteArrayView utf8, bool final) {
    constexpr qsizetype maxPiece = std::numeric_limits<int>::max() / 2;
    do {
        const QByteArrayView piece = utf8.first(qMin(utf8.size(), maxPiece));
        utf8 = utf8.sliced(piece.size());
        const bool last = final && utf8.isEmpty();
        if (XML_Parse(parser, piece.data(), int(piece.size()), last) != XML_STATUS_OK)
            return false;
    } while (!utf8.isEmpty());
    return true;
}

QByteArray decodedWhole(QByteArrayView body, QString *problem) {
    XmlTextDecoder decoder;
    QByteArray utf8 = decoder.push(body);
    utf8 += decoder.finish();
    if (decoder.failed())
        *problem = decoder.problem();
    return utf8;
}

} // namespace

const XmlElement *XmlElement::firstChild(QLatin1StringView childName) const {
    for (const XmlElement &child : children) {
        if (child.name == childName)
            return &child;
    }
    return nullptr;
}

// Expat's handlers build the tree: open elements on a stack, all character data in one buffer
// that each element slices from where it started, so an element's text (descendants included)
// costs its own length, not its length times its depth.
struct XmlDocumentBuilder {
    struct Open {
        XmlElement element;
        qsizetype textStart = 0;
    };

    std::vector<Open> open;
    int depth = 0; // open elements, those past maxDepth included
    QByteArray text;
    XmlElement root;
    bool haveRoot = false;

    static void XMLCALL onStart(void *self, const XML_Char *name, const XML_Char **) {
        auto *builder = static_cast<XmlDocumentBuilder *>(self);
        if (++builder->depth > XmlDocument::maxDepth)
            return;
        Open element;
        element.element.name = utf8Text(ExpatGuards::localName(name));
        element.textStart = builder->text.size();
        builder->open.push_back(std::move(element));
    }

    static void XMLCALL onEnd(void *self, const XML_Char *) {
        auto *builder = static_cast<XmlDocumentBuilder *>(self);
        if (builder->depth-- > XmlDocument::maxDepth)
            return;
        Open closed = std::move(builder->open.back());
        builder->open.pop_back();
        closed.element.text = QString::fromUtf8(builder->text.sliced(closed.textStart));
        if (builder->open.empty()) {
            builder->root = std::move(closed.element);
            builder->haveRoot = true;
        } else {
            builder->open.back().element.children.append(std::move(closed.element));
        }
    }

    static void XMLCALL onCharacters(void *self, const XML_Char *characters, int length) {
        auto *builder = static_cast<XmlDocumentBuilder *>(self);
        if (!builder->open.empty()) // text outside the root is white space
            builder->text.append(characters, length);
    }
};

XmlDocument XmlDocument::read(QByteArrayView body) {
    XmlDocument document;
    const QByteArray utf8 = decodedWhole(body, &document.m_problem);
    if (!document.ok())
        return document;
    const ExpatParser parser(ExpatGuards::createParser());
    Q_ASSERT(parser); // only fails without memory
    XmlDocumentBuilder builder;
    XML_SetUserData(parser.get(), &builder);
    XML_SetElementHandler(parser.get(), &XmlDocumentBuilder::onStart, &XmlDocumentBuilder::onEnd);
    XML_SetCharacterDataHandler(parser.get(), &XmlDocumentBuilder::onCharacters);
    if (!parseAll(parser.get(), utf8, true)) {
        const XML_Error error = XML_GetErrorCode(parser.get());
        document.m_cutShort = meansCutShort(error);
        document.m_problem = QStringLiteral("%1: %2").arg(
            position(parser.get()), QString::fromUtf8(XML_ErrorString(error)));
        return document;
    }
    Q_ASSERT(builder.haveRoot); // Expat accepts no document without one
    document.m_root = std::move(builder.root);
    return document;
}

QString XmlDocument::rootName(QByteArrayView head) {
    QString ignored;
    const QByteArray utf8 = decodedWhole(head, &ignored);
    const ExpatParser parser(ExpatGuards::createParser());
    Q_ASSERT(parser);
    struct Found {
        XML_Parser parser;
        QString name;
    } found{parser.get(), {}};
    XML_SetUserData(parser.get(), &found);
    XML_SetStartElementHandler(
        parser.get(), [](void *self, const XML_Char *name, const XML_Char **) {
            auto *seen = static_cast<Found *>(self);
            seen->name = utf8Text(ExpatGuards::localName(name));
            XML_StopParser(seen->parser, XML_FALSE); // the first element is all that is asked
        });
    parseAll(parser.get(), utf8, false);
    return found.name;
}
