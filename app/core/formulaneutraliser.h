#pragma once

#include <QString>
#include <QStringView>

#include <string_view>

// The one rule for every cell headed for a spreadsheet: the CSV export (window and command
// line) and the rows copied to the clipboard. Spreadsheets run a cell that starts like a
// formula (OWASP "CSV injection"); such a cell gets a leading apostrophe, which they show as
// text. NUL bytes never reach such a cell: importers cut the cell or the file there.
namespace FormulaNeutraliser {

constexpr char prefix = '\'';

// A cell starts like a formula when its first character is = + - @ TAB CR or LF, or when
// = + - @ or their full-width forms (＝ ＋ － ＠) follow leading blanks (space, TAB, the
// no-break spaces U+00A0, U+2007, U+202F, the ideographic space U+3000, the byte-order mark
// U+FEFF): spreadsheets skip such blanks and some fold full-width signs to ASCII. Leading
// byte-order marks are not the first character: readers drop them. Call it on text without NULs.
inline bool startsLikeFormula(std::string_view utf8);
bool startsLikeFormula(QStringView text);

// `text` as a spreadsheet cell: NULs dropped, the apostrophe in front when it starts like a
// formula.
QString neutralised(QString text);

// The rule for a cell whose first byte may be a blank (startsLikeFormula() decides the others).
bool startsLikeFormulaAfterBlanks(std::string_view utf8);

// Inline: it runs for every cell of an export, and most are decided by their first byte.
bool startsLikeFormula(std::string_view utf8) {
    if (utf8.empty())
        return false;
    switch (utf8.front()) {
    case '=':
    case '+':
    case '-':
    case '@':
    case '\t':
    case '\r':
    case '\n':
        return true;
    case ' ':
    case '\xC2': // U+00A0
    case '\xE2': // U+2007, U+202F
    case '\xE3': // U+3000
    case '\xEF': // the full-width signs, U+FEFF
        return startsLikeFormulaAfterBlanks(utf8);
    default:
        return false;
    }
}

} // namespace FormulaNeutraliser
