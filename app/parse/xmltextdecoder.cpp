#include "xmltextdecoder.h"

namespace {

constexpr QByteArrayView utf8Bom("\xEF\xBB\xBF");
constexpr QByteArrayView utf16LeBom("\xFF\xFE");
constexpr QByteArrayView utf16BeBom("\xFE\xFF");
// "<?" in UTF-16 without a byte-order mark.
constexpr QByteArrayView utf16LeStart("<\0?\0", 4);
constexpr QByteArrayView utf16BeStart("\0<\0?", 4);
constexpr QByteArrayView declarationStart("<?xml");

bool isXmlSpace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// True when `bytes` is a proper start of `whole`: more bytes are needed to tell.
bool couldBecome(QByteArrayView bytes, QByteArrayView whole) {
    return bytes.size() < whole.size() && whole.startsWith(bytes);
}

// The value of the declaration's encoding pseudo-attribute ("" when there is none). Only the
// name is read here; Expat judges the declaration itself.
QByteArray encodingName(QByteArrayView declaration) {
    qsizetype at = declaration.indexOf("encoding");
    // The pseudo-attribute after white space, not the end of "xmlns:encoding".
    while (at > 0 && !isXmlSpace(declaration.at(at - 1)))
        at = declaration.indexOf("encoding", at + 1);
    if (at <= 0)
        return {};
    const QByteArray rest = declaration.sliced(at + 8).toByteArray().trimmed();
    if (!rest.startsWith('='))
        return {};
    const QByteArray value = rest.mid(1).trimmed();
    if (value.isEmpty() || (value.at(0) != '"' && value.at(0) != '\''))
        return {};
    const qsizetype end = value.indexOf(value.at(0), 1);
    return end > 0 ? value.mid(1, end - 1) : QByteArray();
}

} // namespace

QByteArray XmlTextDecoder::push(QByteArrayView bytes) {
    if (m_mode == Mode::Failed || bytes.isEmpty())
        return {};
    if (m_mode == Mode::Undecided) {
        m_head.append(bytes);
        if (!decide(false))
            return {};
        const QByteArray head = std::exchange(m_head, QByteArray());
        return decoded(head);
    }
    return decoded(bytes);
}

QByteArray XmlTextDecoder::finish() {
    QByteArray out;
    if (m_mode == Mode::Undecided) {
        decide(true);
        out = decoded(std::exchange(m_head, QByteArray()));
    }
    if (m_mode == Mode::Utf8) {
        out.append(m_repair.finish()); // a sequence the end of the body cut short
    } else if (m_mode == Mode::Decoder) {
        // A high surrogate never paired, or half a UTF-16 code unit, ends the body: U+FFFD.
        if (!m_heldSurrogate.isEmpty() || (m_utf16 && m_decodedBytes % 2 != 0))
            out.append(QString(QChar::ReplacementCharacter).toUtf8());
        m_heldSurrogate.clear();
    }
    return out;
}

bool XmlTextDecoder::decide(bool atEnd) {
    const QByteArrayView head = m_head;
    const auto waitOr = [this, atEnd](bool needMore) {
        if (needMore && !atEnd)
            return false;
        m_mode = Mode::Utf8;
        return true;
    };
    if (head.startsWith(utf16LeBom) || head.startsWith(utf16LeStart)) {
        m_decoder.emplace(QStringDecoder::Utf16LE);
        m_mode = Mode::Decoder;
        m_utf16 = true;
        if (head.startsWith(utf16LeBom))
            m_head.remove(0, utf16LeBom.size());
        return true;
    }
    if (head.startsWith(utf16BeBom) || head.startsWith(utf16BeStart)) {
        m_decoder.emplace(QStringDecoder::Utf16BE);
        m_mode = Mode::Decoder;
        m_utf16 = true;
        if (head.startsWith(utf16BeBom))
            m_head.remove(0, utf16BeBom.size());
        return true;
    }
    if (couldBecome(head, utf16LeBom) || couldBecome(head, utf16BeBom) ||
        couldBecome(head, utf16LeStart) || couldBecome(head, utf16BeStart) ||
        couldBecome(head, utf8Bom))
        return waitOr(true);
    if (head.startsWith(utf8Bom))
        return waitOr(false); // the mark decides; Expat judges a declaration that disagrees
    // An ASCII-compatible body: its XML declaration, if it has one, names the encoding.
    if (couldBecome(head, declarationStart) ||
        (head.size() == declarationStart.size() && head == declarationStart))
        return waitOr(true);
    if (!head.startsWith(declarationStart) || !isXmlSpace(head.at(declarationStart.size())))
        return waitOr(false); // no declaration ("<?xml-stylesheet" is a PI): UTF-8
    // Only the first declarationBytes count, however many have arrived: the decision is the
    // same whatever the chunks.
    const qsizetype end = head.first(qMin(head.size(), declarationBytes)).indexOf("?>");
    if (end < 0 && head.size() < declarationBytes)
        return waitOr(true);
    const QByteArrayView declaration = end < 0 ? head.first(declarationBytes) : head.first(end);
    useEncodingNamed(encodingName(declaration));
    return true;
}

void XmlTextDecoder::useEncodingNamed(const QByteArray &name) {
    m_mode = Mode::Utf8;
    if (name.isEmpty())
        return;
    QStringDecoder decoder(name.constData());
    if (!decoder.isValid()) {
        m_mode = Mode::Failed;
        m_problem = QStringLiteral("the XML declaration names an encoding BounceDesk cannot read "
                                   "(%1)")
                        .arg(ParserText::quoted(ParserText::excerpt(name, 40)));
        return;
    }
    const QByteArray canonical = QByteArray(decoder.name()).toUpper();
    // UTF-8, its subset US-ASCII, and UTF-16 or -32 named in bytes that are not: the bytes
    // are 8-bit text, read as UTF-8 with stray bytes repaired.
    if (canonical == "UTF-8" || canonical == "US-ASCII" || canonical.startsWith("UTF-16") ||
        canonical.startsWith("UTF-32"))
        return;
    m_decoder.emplace(std::move(decoder));
    m_mode = Mode::Decoder;
}

QByteArray XmlTextDecoder::decoded(QByteArrayView bytes) {
    if (bytes.isEmpty())
        return {};
    if (m_mode == Mode::Utf8)
        return m_repair.push(bytes);
    if (m_mode != Mode::Decoder)
        return {};
    m_decodedBytes += bytes.size();
    QString text = std::exchange(m_heldSurrogate, QString());
    text.append(m_decoder->decode(bytes));
    // A high surrogate at the end may be completed by the next chunk: held until then.
    if (!text.isEmpty() && text.back().isHighSurrogate()) {
        m_heldSurrogate = text.back();
        text.chop(1);
    }
    // Lone surrogates (which a UTF-16 decoder passes through) are no text: U+FFFD.
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c.isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate())
            ++i;
        else if (c.isSurrogate())
            text[i] = QChar::ReplacementCharacter;
    }
    return text.toUtf8();
}
