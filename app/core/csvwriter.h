#pragma once

#include "bouncestore.h"
#include "suppressionlist.h"

#include <QByteArray>
#include <QString>

#include <atomic>
#include <functional>
#include <string_view>
#include <vector>

class QIODevice;
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

// RFC 4180 CSV of one suppression list: CRLF records, fields quoted when they hold a comma,
// quote, CR or LF, inner quotes doubled; the header is the list's columns
// (suppressionCsvHeader(): `email,status,reason,created,type,class` for bounces and blocks);
// rows in the order given.
// Output is collected and handed to the device in blocks of about 1 MiB: call flush() (or
// let the destructor do it) and check its result before trusting the file.
class CsvWriter final {
public:
    explicit CsvWriter(QIODevice *device, CsvOptions options = {});
    ~CsvWriter(); // flushes what is left; errors then go unreported, so call flush() first
    Q_DISABLE_COPY_MOVE(CsvWriter)

    bool writeHeader(); // the BOM (when asked for) and the header record
    bool writeRow(const BounceStore &store, BounceStore::Row row);
    bool writeRow(const Bounce &bounce);
    bool flush();
    QString errorString() const;

    // One field as it goes into the file (quoted/neutralised as the options say).
    static QByteArray encodeField(std::string_view utf8, bool neutraliseFormulas);

private:
    static char *appendField(char *out, std::string_view utf8, bool neutraliseFormulas);
    static qsizetype worstCaseBytes(std::string_view utf8) {
        return qsizetype(2 * utf8.size() + 3);
    }
    bool appendRow(const SuppressionRow &row);

    QIODevice *m_device;
    CsvOptions m_options;
    QByteArray m_buffer; // sized once; m_used bytes of it are pending
    qsizetype m_used = 0;
    QString m_error;
    bool m_failed = false;
    QList<SuppressionColumn> m_columns;
};

// Shared between an export running on a worker thread and the thread that watches it.
struct CsvExportProgress {
    std::atomic<qsizetype> rowsWritten{0}; // raised every few thousand rows
    std::atomic<bool> cancelRequested{false};
    // Called on the writing thread after each step, with the rows written (tests hold the
    // writer there to cancel it at a known point).
    std::function<void(qsizetype)> onStep;
};

// Writes `rows` of `store` to `path` atomically (QSaveFile): on any failure, and when
// `progress` asks for a cancel, nothing is left at `path` and an existing file there is
// untouched. Returns an empty string on success, otherwise one sentence naming the file and
// the reason ("cancelled" when cancelled). Reads nothing but its arguments: it may run on a
// worker thread over a BounceStore::snapshot().
// Permissions: a new file gets 0666 minus the umask (QSaveFile creates its temporary file
// with 0666 and lets the umask apply); replacing a file keeps that file's permissions.
QString exportCsvFile(const QString &path, const BounceStore &store,
                      const std::vector<BounceStore::Row> &rows, const CsvOptions &options = {},
                      CsvExportProgress *progress = nullptr);
