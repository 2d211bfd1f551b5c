#pragma once

#include "bouncestore.h"

#include <QString>

#include <functional>
#include <vector>

class QIODevice;

struct CsvOptions {
    // Prefix cells that start with = + - @ TAB CR LF with ' (OWASP "CSV injection").
    bool neutraliseFormulas = true;
    bool byteOrderMark = false; // UTF-8 BOM, for Excel
};

// RFC 4180 CSV of bounces: CRLF records, fields quoted when they hold a comma, quote, CR or LF,
// inner quotes doubled; header `email,status,reason,created`; rows in the order given.
class CsvWriter final {
public:
    explicit CsvWriter(QIODevice *device, CsvOptions options = {});

    bool writeHeader();
    bool writeRow(const BounceStore &store, BounceStore::Row row);
    bool writeRow(const Bounce &bounce);
    QString errorString() const;

    // One field as it goes into the file (quoted/neutralised as the options say).
    static QByteArray encodeField(std::string_view utf8, bool neutraliseFormulas);

private:
    bool write(const QByteArray &bytes);
    QIODevice *m_device;
    CsvOptions m_options;
    QByteArray m_line;
    bool m_failed = false;
};

// Writes `rows` of `store` to `path` atomically (QSaveFile): on any failure nothing is left
// at `path` and an existing file there is untouched. Returns an empty string on success,
// otherwise one sentence naming the file and the reason.
QString exportCsvFile(const QString &path, const BounceStore &store,
                      const std::vector<BounceStore::Row> &rows, const CsvOptions &options = {});
