#include "xmlskippedmarkup.h"

using namespace XmlScanText;

void XmlSkippedMarkup::beginComment() {
    m_state = State::Comment;
    m_dashes = 0;
    m_recent[0] = m_recent[1] = 0;
}

void XmlSkippedMarkup::beginProcessingInstruction(std::string_view targetStart) {
    m_state = State::Target;
    m_target.assign(targetStart);
}

const char *XmlSkippedMarkup::fail(const char *at, Step *step, QString problem) {
    m_problem = std::move(problem);
    *step = Step::Failed;
    return at;
}

const char *XmlSkippedMarkup::read(const char *p, const char *end, Step *step) {
    *step = Step::More;
    if (m_state == State::Comment)
        return readComment(p, end, step);
    if (m_state == State::Target)
        p = readTarget(p, end, step);
    return m_state == State::Content && *step == Step::More ? readContent(p, end, step) : p;
}

// XML allows tab, LF, CR and anything from space up, but for U+FFFE and U+FFFF (the only
// well-formed UTF-8 it refuses; bad UTF-8 reads as U+FFFD, which it takes).
bool XmlSkippedMarkup::isAllowed(unsigned char c) {
    bool allowed = c >= 0x20 || c == '\t' || c == '\n' || c == '\r';
    if (c >= 0x80 && m_encoding == Encoding::Utf8 && m_recent[0] == 0xEF && m_recent[1] == 0xBF)
        allowed = c != 0xBE && c != 0xBF;
    m_recent[0] = m_recent[1];
    m_recent[1] = c;
    return allowed;
}

const char *XmlSkippedMarkup::readComment(const char *p, const char *end, Step *step) {
    for (; p < end; ++p) {
        const auto c = static_cast<unsigned char>(*p);
        if (c == '-') {
            if (m_dashes == 2)
                return fail(p, step, QStringLiteral("Expected '>', but got '-'."));
            ++m_dashes;
            continue;
        }
        if (m_dashes == 2) {
            if (c != '>')
                return fail(p, step, QStringLiteral("'--' is not allowed in a comment."));
            *step = Step::Done;
            return p + 1;
        }
        m_dashes = 0;
        if (!isAllowed(c))
            return fail(p, step, QStringLiteral("Invalid XML character."));
    }
    return end;
}

const char *XmlSkippedMarkup::readTarget(const char *p, const char *end, Step *step) {
    for (; p < end; ++p) {
        const auto c = static_cast<unsigned char>(*p);
        if (m_target.empty() ? isLaxNameStart(c) : !isNameDelimiter(c) && c != ':') {
            m_target.push_back(char(c));
            if (m_target.size() > maxNameBytes)
                return fail(p, step, QStringLiteral("Processing instruction name too long."));
            continue;
        }
        if (isTooLongName(m_target, m_encoding))
            return fail(p, step, QStringLiteral("Processing instruction name too long."));
        if (m_target.empty() || startsWithNonCharacter(m_target, m_encoding))
            return fail(p, step, QStringLiteral("Invalid processing instruction name."));
        if (c != '?' && !isSpace(c))
            return fail(p, step,
                        QStringLiteral("Expected ' ' or '?', but got %1.").arg(describeByte(c)));
        // <?target?> or <?target content?>: the target is judged at the end, as
        // QXmlStreamReader does, so a body cut inside is truncated, not malformed.
        m_hasContent = c != '?';
        m_question = !m_hasContent;
        m_recent[0] = m_recent[1] = 0;
        m_state = State::Content;
        return p + 1;
    }
    return end;
}

const char *XmlSkippedMarkup::readContent(const char *p, const char *end, Step *step) {
    for (; p < end; ++p) {
        const auto c = static_cast<unsigned char>(*p);
        if (c == '>' && m_question) {
            if (equalsIgnoringCase(m_target, "xml"))
                return fail(p, step, QStringLiteral("XML declaration not at start of document."));
            if (m_hasContent && !isNcName(m_target, m_encoding))
                return fail(p, step, QStringLiteral("Invalid processing instruction name."));
            *step = Step::Done;
            return p + 1;
        }
        if (!m_hasContent)
            return fail(p, step, QStringLiteral("Expected '>', but got %1.").arg(describeByte(c)));
        m_question = c == '?';
        if (!isAllowed(c))
            return fail(p, step, QStringLiteral("Invalid XML character."));
    }
    return end;
}
