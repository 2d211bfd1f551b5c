#pragma once

#include <QString>

#include <cstdint>
#include <string>

namespace XmlScanText {

// A character or entity reference (&lt; &#233; &#x1F600;), fed one byte at a time after the
// '&'. Only the five predefined entities exist: there is no DTD.
class Reference final {
public:
    enum class Step { More, Done, Failed };

    void reset();
    Step push(unsigned char c);
    char32_t codePoint() const { return m_value; }
    QString problem() const; // after Failed

private:
    enum class Kind : std::uint8_t { Start, Hash, Decimal, HexStart, Hex, Name, Bad };
    enum class Problem : std::uint8_t { None, Syntax, CharacterReference, Undeclared };
    Step failWith(Problem problem);

    Kind m_kind = Kind::Start;
    Problem m_problem = Problem::None;
    char32_t m_value = 0;
    bool m_tooLarge = false;
    std::string m_name;
};

} // namespace XmlScanText
