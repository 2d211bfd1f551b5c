#pragma once

#include "bounce.h"
#include "bounceclass.h"
#include "suppressionlist.h"

#include <QByteArray>
#include <QList>

#include <array>
#include <string_view>

struct SuppressionRow;

struct CsvOptions {
    // Prefix cells that start like a formula with ' (FormulaNeutraliser says which; OWASP
    // "CSV injection"). NUL bytes are dropped either way.
    bool neutraliseFormulas = true;
    bool byteOrderMark = false; // UTF-8 BOM, for Excel
    // Whose columns the rows are written with (suppressionColumns()); the rows' store slots
    // are read as SuppressionRow says.
    SuppressionList list = SuppressionList::Bounces;
};

// Encodes the records of one suppression list's CSV into a block of memory, for whoever writes
// them out: CsvWriter hands its block to a device and starts again; a load that encodes the rows
// on its own thread hands each full block on whole (takeBlock(), BounceBatchBuilder).
// RFC 4180: CRLF records, fields quoted when they hold a comma, quote, CR or LF, inner quotes
// doubled, NULs dropped; the header is the list's columns (suppressionCsvHeader()).
class CsvRowEncoder final {
public:
    // A block is full (isFull()) from about this many bytes on.
    static constexpr qsizetype blockBytes = qsizetype(1) << 20;

    explicit CsvRowEncoder(CsvOptions options = {});

    void appendHeader(); // the BOM (when asked for) and the header record
    void appendRow(const SuppressionRow &row);

    qsizetype size() const { return m_used; } // bytes encoded since the last clear or take
    bool isEmpty() const { return m_used == 0; }
    bool isFull() const { return m_used >= blockBytes; }
    const char *data() const { return m_block.constData(); }
    void clear(); // forgets what was encoded; the memory stays for the next rows
    // What was encoded, as a block of its own; the encoder starts a new one.
    QByteArray takeBlock();

    // One field as it goes into the file (quoted/neutralised as asked).
    static QByteArray encodeField(std::string_view utf8, bool neutraliseFormulas);

private:
    static char *appendField(char *out, std::string_view utf8, bool neutraliseFormulas);
    static char *appendCarefulField(char *out, std::string_view utf8, bool neutraliseFormulas);
    static qsizetype worstCaseBytes(std::string_view utf8) {
        return qsizetype(2 * utf8.size() + 3);
    }
    char *reserve(qsizetype bytes); // room for `bytes` more at the end; returns the end

    CsvOptions m_options;
    QList<SuppressionColumn> m_columns;
    // The type and class cells, encoded once: a row derived when read (SuppressionRow::stored)
    // takes them from here.
    std::array<QByteArray, 3> m_kindCells;
    std::array<QByteArray, std::size(allBounceClasses)> m_classCells;
    QByteArray m_block; // m_used bytes of it hold records
    qsizetype m_used = 0;
};
