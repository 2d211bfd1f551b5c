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
bool startsLikeFormula(std::string_view utf8);
bool startsLikeFormula(QStringView text);

// `text` as a spreadsheet cell: NULs dropped, the apostrophe in front when it starts like a
// formula.
QString neutralised(QString text);

} // namespace FormulaNeutraliser
