#include "csvwriter.h"

#include "filewriteback.h"
#include "suppressionrow.h"

#include <QCoreApplication>
#include <QDir>
#include <QIODevice>
#include <QSaveFile>

#include <string_view>

namespace {

QString failure(const QString &path, QString reason) {
    while (reason.endsWith(QLatin1Char('.')))
        reason.chop(1);
    if (reason.isEmpty())
        reason = QStringLiteral("unknown reason");
    return QCoreApplication::translate("CsvWriter", "Could not export to \"%1\": %2.")
        .arg(QDir::toNativeSeparators(path), reason);
}

std::string_view view(const QByteArray &bytes) {
    return std::string_view(bytes.constData(), std::size_t(bytes.size()));
}

} // namespace

CsvWriter::CsvWriter(QIODevice *device, CsvOptions options)
    : m_device(device)
    , m_encoder(options) {}

CsvWriter::~CsvWriter() {
    flush();
}

bool CsvWriter::writeHeader() {
    if (m_failed || !flush())
        return false;
    m_encoder.appendHeader();
    return true;
}

bool CsvWriter::writeRow(const SuppressionRow &row) {
    if (m_failed)
        return false;
    m_encoder.appendRow(row);
    return !m_encoder.isFull() || flush();
}

bool CsvWriter::writeRow(const BounceStore &store, BounceStore::Row row) {
    return writeRow(SuppressionRow::fromStore(store, row));
}

bool CsvWriter::writeRow(const Bounce &bounce) {
    const QByteArray email = bounce.email.toUtf8();
    const QByteArray status = bounce.status.toUtf8();
    const QByteArray reason = bounce.reason.toUtf8();
    const QByteArray created = bounce.created.toUtf8();
    return writeRow(SuppressionRow{view(email), view(status), view(reason), view(created)});
}

bool CsvWriter::writeEncoded(const QByteArray &records) {
    // What this writer holds goes first, so the records follow it.
    return flush() && writeToDevice(records.constData(), records.size());
}

bool CsvWriter::flush() {
    const bool written = writeToDevice(m_encoder.data(), m_encoder.size());
    m_encoder.clear();
    return written;
}

bool CsvWriter::writeToDevice(const char *data, qint64 size) {
    // A device may take part of a block (a file reaching its size limit, a pipe): offer the
    // rest until it either takes everything or says why not.
    while (size > 0 && !m_failed) {
        const qint64 written = m_device ? m_device->write(data, size) : -1;
        if (written > 0) {
            data += written;
            size -= written;
            continue;
        }
        m_failed = true;
        if (!m_device)
            m_error = QStringLiteral("no output device");
        else if (written == 0 || m_device->errorString().isEmpty())
            m_error = QStringLiteral("the output device took no more data");
        else
            m_error = m_device->errorString();
    }
    return !m_failed;
}

QString CsvWriter::errorString() const {
    return m_error;
}

QString exportCsvFile(const QString &path, const BounceStore &store,
                      const std::vector<BounceStore::Row> &rows, const CsvOptions &options,
                      CsvExportProgress *progress) {
    // Often enough for a progress bar and a prompt cancel, rarely enough to cost nothing.
    constexpr std::size_t rowsPerStep = 4096;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return failure(path, file.errorString());
    FileWriteback writeback(&file); // after the file: it ends first
    bool ok = true;
    QString reason;
    {
        CsvWriter writer(&file, options);
        ok = writer.writeHeader();
        for (std::size_t i = 0; ok && i < rows.size(); ++i) {
            ok = writer.writeRow(store, rows[i]);
            if ((i + 1) % rowsPerStep != 0)
                continue;
            writeback.wrote();
            if (!progress)
                continue;
            progress->rowsWritten.store(qsizetype(i + 1), std::memory_order_relaxed);
            if (progress->onStep)
                progress->onStep(qsizetype(i + 1));
            if (progress->cancelRequested.load(std::memory_order_relaxed)) {
                file.cancelWriting(); // the temporary file goes, the old file stays
                return failure(path, QStringLiteral("cancelled"));
            }
        }
        ok = writer.flush() && ok;
        reason = writer.errorString();
    }
    if (progress) {
        progress->rowsWritten.store(qsizetype(rows.size()), std::memory_order_relaxed);
        if (ok && progress->cancelRequested.load(std::memory_order_relaxed)) {
            file.cancelWriting();
            return failure(path, QStringLiteral("cancelled"));
        }
    }
    if (!ok) {
        file.cancelWriting(); // the temporary file goes, the old file stays
        return failure(path, reason);
    }
    if (!writeback.finish()) {
        file.cancelWriting();
        return failure(path, writeback.errorString());
    }
    if (!file.commit())
        return failure(path, file.errorString());
    return QString();
}
