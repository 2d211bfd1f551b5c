#include "xmlreference.h"

#include "xmlscantext.h"

#include <algorithm>

namespace XmlScanText {

void Reference::reset() {
    m_kind = Kind::Start;
    m_problem = Problem::None;
    m_value = 0;
    m_tooLarge = false;
    m_name.clear();
}

Reference::Step Reference::failWith(Problem problem) {
    m_kind = Kind::Bad;
    m_problem = problem;
    return Step::Failed;
}

Reference::Step Reference::push(unsigned char c) {
    const auto digit = [c](int base) {
        if (c >= '0' && c <= '9')
            return int(c - '0');
        if (base == 16 && c >= 'a' && c <= 'f')
            return int(c - 'a' + 10);
        if (base == 16 && c >= 'A' && c <= 'F')
            return int(c - 'A' + 10);
        return -1;
    };
    switch (m_kind) {
    case Kind::Start:
        if (c == '#') {
            m_kind = Kind::Hash;
            return Step::More;
        }
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
            m_kind = Kind::Name;
            m_name.push_back(char(c));
            return Step::More;
        }
        return failWith(Problem::Syntax);
    case Kind::Hash:
        if (c == 'x') { // only lower case: &#X41; is not a reference
            m_kind = Kind::HexStart;
            return Step::More;
        }
        m_kind = Kind::Decimal;
        return digit(10) < 0 ? failWith(Problem::CharacterReference) : push(c);
    case Kind::Decimal:
    case Kind::HexStart:
    case Kind::Hex: {
        if (c == ';' && m_kind != Kind::HexStart) {
            if (m_tooLarge || !isXmlChar(m_value))
                return failWith(Problem::CharacterReference);
            return Step::Done;
        }
        const int base = m_kind == Kind::Decimal ? 10 : 16;
        const int value = digit(base);
        if (value < 0)
            return failWith(Problem::CharacterReference);
        m_kind = m_kind == Kind::HexStart ? Kind::Hex : m_kind;
        m_value = m_value * char32_t(base) + char32_t(value);
        if (m_value > 0x10FFFF) {
            m_tooLarge = true; // leading zeros are fine, large numbers are not
            m_value = 0x110000;
        }
        return Step::More;
    }
    case Kind::Name:
        if (c == ';') {
            static const struct {
                const char *name;
                char value;
            } predefined[] = {
                {"lt", '<'}, {"gt", '>'}, {"amp", '&'}, {"quot", '"'}, {"apos", '\''}};
            for (const auto &entity : predefined) {
                if (m_name == entity.name) {
                    m_value = char32_t(entity.value);
                    return Step::Done;
                }
            }
            return failWith(Problem::Undeclared);
        }
        if (isNameDelimiter(c) || c == ':' || qsizetype(m_name.size()) >= maxNameLength)
            return failWith(Problem::Syntax);
        m_name.push_back(char(c));
        return Step::More;
    case Kind::Bad:
        break;
    }
    return Step::Failed;
}

QString Reference::problem() const {
    switch (m_problem) {
    case Problem::Undeclared: {
        const std::size_t shown = std::min<std::size_t>(m_name.size(), 40);
        return QStringLiteral("Entity '%1%2' not declared.")
            .arg(QString::fromUtf8(m_name.data(), qsizetype(shown)),
                 shown < m_name.size() ? QString(QChar(0x2026)) : QString());
    }
    case Problem::CharacterReference:
        return QStringLiteral("Invalid character reference.");
    case Problem::Syntax:
    case Problem::None:
        break;
    }
    return QStringLiteral("Invalid entity reference.");
}

} // namespace XmlScanText
