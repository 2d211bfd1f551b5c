#include "xmltagreader.h"

#include <algorithm>

using namespace XmlScanText;

namespace {

QString unexpected(unsigned char c) {
    return QStringLiteral("Unexpected %1 in a tag.").arg(describeByte(c));
}

} // namespace

void XmlTagReader::beginStartTag() {
    m_state = State::Name;
    m_endTag = false;
    m_emptyElement = false;
    m_name.clear();
    m_attributes.clear();
}

void XmlTagReader::beginEndTag() {
    beginStartTag();
    m_endTag = true;
}

const char *XmlTagReader::fail(const char *at, Step *step, QString problem) {
    m_problem = std::move(problem);
    *step = Step::Failed;
    return at;
}

// Appends `c` to a name being read, or returns false when `c` ends it. As in QXmlStreamReader,
// a name runs to the first delimiter, and a second colon ends it too.
bool XmlTagReader::takeNameByte(std::string *name, unsigned char c) {
    if (isNameDelimiter(c))
        return false;
    if (c == ':' && name->find(':') != std::string::npos)
        return false;
    name->push_back(char(c));
    return true;
}

bool XmlTagReader::elementNameIsValid() {
    if (isTooLongName(m_name, m_encoding))
        return false;
    const bool ascii = std::all_of(m_name.begin(), m_name.end(),
                                   [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    if (!ascii && std::find(m_validNames.begin(), m_validNames.end(), m_name) != m_validNames.end())
        return true;
    const std::size_t colon = m_name.find(':');
    const std::string_view name(m_name);
    const bool valid = colon == std::string::npos
                           ? isNcName(name, m_encoding)
                           : isNcName(name.substr(0, colon), m_encoding) &&
                                 isNcName(name.substr(colon + 1), m_encoding);
    if (valid && !ascii) {
        if (m_validNames.size() >= 16)
            m_validNames.erase(m_validNames.begin());
        m_validNames.push_back(m_name);
    }
    return valid;
}

// One byte of an attribute value, other than the quote, '&' and '<'. False for a character that
// XML does not allow.
bool XmlTagReader::takeValueByte(unsigned char c) {
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
        return false;
    if (m_encoding == Encoding::Utf8 && c >= 0x80) {
        // U+FFFE and U+FFFF are the only well-formed UTF-8 that XML refuses here; ill-formed
        // bytes become U+FFFD, which it accepts.
        if (m_recent[0] == 0xEF && m_recent[1] == 0xBF && (c == 0xBE || c == 0xBF))
            return false;
    }
    m_recent[0] = m_recent[1];
    m_recent[1] = c;
    if (m_keepValue) {
        std::string &value = m_attributes.back().value;
        if (c < 0x80 || m_encoding == Encoding::Utf8)
            value.push_back(char(c)); // compared as bytes: repair does not change equality
        else
            appendUtf8(&value, m_encoding == Encoding::Latin1 ? char32_t(c) : char32_t(0xFFFD));
    }
    return true;
}

const char *XmlTagReader::read(const char *p, const char *end, Step *step) {
    *step = Step::More;
    while (p < end) {
        const unsigned char c = static_cast<unsigned char>(*p);
        switch (m_state) {
        case State::Name:
            // As in QXmlStreamReader, a name that cannot start with `c` fails at once; the rest
            // of the name is judged when it ends.
            if (m_name.empty() && !isAsciiNameStart(c) && c < 0x80)
                return fail(p, step, unexpected(c));
            if (takeNameByte(&m_name, c)) {
                if (m_name.size() > maxNameBytes)
                    return fail(p, step, QStringLiteral("Element name too long."));
                ++p;
                continue;
            }
            // An end tag's name only has to match its start tag's, checked at its '>'.
            if (!m_endTag && !elementNameIsValid())
                return fail(p, step, QStringLiteral("Invalid XML name."));
            m_state = State::AfterName;
            continue; // `c` is read again in the new state
        case State::AfterName:
        case State::AfterValue:
            if (isSpace(c)) {
                m_state = State::Space;
            } else if (c == '>') {
                *step = Step::Done;
                return p + 1;
            } else if (c == '/' && !m_endTag) {
                m_state = State::Slash;
            } else {
                return fail(p, step, unexpected(c));
            }
            ++p;
            continue;
        case State::Space:
            if (isSpace(c) || c == '>' || (c == '/' && !m_endTag)) {
                m_state = State::AfterName;
                continue;
            }
            if (m_endTag || !isLaxNameStart(c))
                return fail(p, step, unexpected(c));
            m_attributes.emplace_back();
            m_state = State::AttributeName;
            continue;
        case State::AttributeName: {
            std::string &name = m_attributes.back().name;
            if (takeNameByte(&name, c)) {
                if (name.size() > maxNameBytes)
                    return fail(p, step, QStringLiteral("Attribute name too long."));
                ++p;
                continue;
            }
            if (isTooLongName(name, m_encoding))
                return fail(p, step, QStringLiteral("Attribute name too long."));
            if (name.back() == ':')
                return fail(p, step, unexpected(':'));
            if (startsWithNonCharacter(name, m_encoding))
                return fail(p, step, QStringLiteral("Invalid XML character."));
            m_keepValue = name == "xmlns" || std::string_view(name).substr(0, 6) == "xmlns:";
            m_state = State::BeforeEquals;
            continue;
        }
        case State::BeforeEquals:
            if (c == '=')
                m_state = State::BeforeValue;
            else if (!isSpace(c))
                return fail(p, step,
                            QStringLiteral("Expected '=', but got %1.").arg(describeByte(c)));
            ++p;
            continue;
        case State::BeforeValue:
            if (c == '"' || c == '\'') {
                m_quote = c;
                m_recent[0] = m_recent[1] = 0;
                m_state = State::Value;
            } else if (!isSpace(c)) {
                return fail(p, step,
                            QStringLiteral("Expected a quote, but got %1.").arg(describeByte(c)));
            }
            ++p;
            continue;
        case State::Value:
            if (c == m_quote) {
                m_state = State::AfterValue;
            } else if (c == '<') {
                return fail(p, step, QStringLiteral("Unexpected '<' in an attribute value."));
            } else if (c == '&') {
                m_reference.reset();
                m_recent[1] = 0;
                m_state = State::ValueReference;
            } else if (!takeValueByte(c)) {
                return fail(p, step, QStringLiteral("Invalid XML character."));
            }
            ++p;
            continue;
        case State::ValueReference:
            switch (m_reference.push(c)) {
            case Reference::Step::More:
                break;
            case Reference::Step::Done:
                if (m_keepValue)
                    appendUtf8(&m_attributes.back().value, m_reference.codePoint());
                m_state = State::Value;
                break;
            case Reference::Step::Failed:
                return fail(p, step, m_reference.problem());
            }
            ++p;
            continue;
        case State::Slash:
            if (c != '>')
                return fail(p, step,
                            QStringLiteral("Expected '>', but got %1.").arg(describeByte(c)));
            m_emptyElement = true;
            *step = Step::Done;
            return p + 1;
        }
    }
    return end;
}
