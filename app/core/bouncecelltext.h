#pragma once

#include <QString>

#include <string_view>

// Turning untrusted stored text into what a cell or tooltip shows. Reasons come from remote
// mail servers: they can be megabytes long, span lines and contain markup.

// At most `maxChars` characters of `utf8`, decoding no more than needed, cut marked with "…".
QString cellText(std::string_view utf8, qsizetype maxChars);

// Each line break (CRLF, CR, LF, U+2028, U+2029) replaced by one space.
QString singleLine(const QString &text);

// Tooltips auto-detect rich text, so plain text goes out escaped inside <qt>…</qt> with line
// breaks as <br>: an address like `<img src=x>` shows literally. Qt lays a rich tooltip out
// about 160 px wide, breaking even short sentences, so lines are broken here, at a space
// before toolTipLineChars characters where there is one, and kept as they are
// (white-space: pre).
constexpr qsizetype toolTipLineChars = 80;
QString escapedToolTip(const QString &plain);
