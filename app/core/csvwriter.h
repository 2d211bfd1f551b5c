#pragma once

#include "bouncestore.h"
#include "csvrowencoder.h"

#include <QByteArray>
#include <QString>

#include <atomic>
#include <functional>
#include <vector>

class QIODevice;

// One suppression list's CSV (CsvRowEncoder says how it is encoded), written to a device:
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
    // Records a CsvRowEncoder with this writer's options encoded elsewhere, after what was
    // written so far.
    bool writeEncoded(const QByteArray &records);
    bool flush();
    QString errorString() const;

private:
    bool writeRow(const SuppressionRow &row);
    bool writeToDevice(const char *data, qint64 size);

    QIODevice *m_device;
    CsvRowEncoder m_encoder;
    QString m_error;
    bool m_failed = false;
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
