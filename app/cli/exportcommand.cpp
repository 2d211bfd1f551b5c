#include "exportcommand.h"

#include "console.h"
#include "outputfile.h"

#include "api/suppressionclient.h"

#include <QDir>
#include <QFileDevice>

ExportCommand::ExportCommand(Tenant tenant, SuppressionList list, QString outputPath,
                             CsvOptions options, QObject *parent)
    : ApiCommand(parent)
    , m_tenant(std::move(tenant))
    , m_list(list)
    , m_outputPath(std::move(outputPath))
    , m_options(options) {}

// An uncommitted OutputFile discards its temporary file when destroyed.
ExportCommand::~ExportCommand() = default;

namespace {

// "bounces", "invalid emails", ... for messages.
QString listWords(SuppressionList list) {
    return suppressionListCliName(list).replace(QLatin1Char('_'), QLatin1Char(' '));
}

} // namespace

void ExportCommand::start(SuppressionClient *client) {
    QIODevice *device = Console::standardOutput();
    if (!m_outputPath.isEmpty()) {
        // Opened before anything is sent: a directory that cannot be written fails at once.
        m_file = std::make_unique<OutputFile>(m_outputPath);
        if (!m_file->open()) {
            fail(QStringLiteral("cannot write %1: %2")
                     .arg(QDir::toNativeSeparators(m_outputPath), m_file->errorString()));
            return;
        }
        device = m_file->device();
    }
    m_options.list = m_list; // the list's own columns (issue 13)
    m_writer.emplace(device, m_options);

    m_job = client->loadList(m_tenant, m_list);
    // The rows are only written out: where the client can, they are encoded beside the reading
    // and arrive as CSV records (v2), otherwise as batches to encode here.
    if (m_job->deliverAsCsv(m_options))
        connect(m_job, &ListLoadJob::csvArrived, this, &ExportCommand::writeRecords);
    connect(m_job, &ListLoadJob::rowsArrived, this, &ExportCommand::writeBatch);
    connect(m_job, &ListLoadJob::finished, this, &ExportCommand::onLoaded);
    connect(m_job, &ListLoadJob::failed, this, &ExportCommand::onFailed);
}

// The header goes out with the first rows (or at the end of an empty list), so a load that
// fails before any data leaves standard output empty.
bool ExportCommand::ensureHeader() {
    if (m_headerWritten)
        return true;
    m_headerWritten = true;
    return m_writer->writeHeader();
}

void ExportCommand::writeBatch(const BounceStore &batch) {
    if (m_done)
        return;
    bool ok = ensureHeader();
    for (BounceStore::Row row = 0; ok && row < batch.size(); ++row)
        ok = m_writer->writeRow(batch, row);
    countWritten(ok, batch.size());
}

void ExportCommand::writeRecords(const QByteArray &records, qsizetype rows) {
    if (m_done)
        return;
    countWritten(ensureHeader() && m_writer->writeEncoded(records), rows);
}

void ExportCommand::countWritten(bool ok, qsizetype rows) {
    if (!ok) {
        if (m_job)
            m_job->cancel();
        fail(fileError());
        return;
    }
    m_written += rows;
    if (m_file)
        m_file->wrote();
}

void ExportCommand::onLoaded(qsizetype rows) {
    if (m_done)
        return;
    Q_UNUSED(rows); // the rows written are what counts; both agree unless a batch was lost
    // The writer collects output in blocks: the last one must reach the device before the
    // file is committed, or the export would be silently short.
    if (!ensureHeader() || !m_writer->flush()) {
        fail(fileError());
        return;
    }
    if (m_file) {
        if (!m_file->commit()) {
            fail(fileError());
            return;
        }
        Console::printNote(QStringLiteral("Exported %1 %2 of %3 to %4")
                               .arg(m_written)
                               .arg(listWords(m_list), Console::plainLine(m_tenant.label()),
                                    QDir::toNativeSeparators(m_outputPath)));
    } else {
        Console::flushOutput();
    }
    m_done = true;
    Q_EMIT finished(ExitSuccess);
}

void ExportCommand::onFailed(const ApiError &error) {
    if (m_done)
        return;
    QString message = QStringLiteral("could not export the %1 of %2: %3")
                          .arg(listWords(m_list), Console::plainLine(m_tenant.label()),
                               Console::plainLine(error.message()));
    if (m_file && m_file->isReplacedAtomically()) {
        message += QStringLiteral("\nnothing was written to %1.")
                       .arg(QDir::toNativeSeparators(m_outputPath));
    } else if (m_file) {
        // A FIFO or device took what it was given; say how much of the CSV that was.
        m_writer->flush();
        m_file->commit();
        if (m_written > 0)
            message += QStringLiteral("\nthe CSV written to %1 is incomplete (%2 rows).")
                           .arg(QDir::toNativeSeparators(m_outputPath))
                           .arg(m_written);
    } else {
        // What arrived goes out, so the count below is what the reader got.
        m_writer->flush();
        if (m_written > 0)
            message += QStringLiteral("\nthe CSV on standard output is incomplete (%1 rows).")
                           .arg(m_written);
    }
    fail(message);
}

void ExportCommand::fail(const QString &message) {
    if (m_done)
        return;
    m_done = true;
    if (m_file)
        m_file->discard();
    Console::flushOutput();
    Console::printError(message);
    Q_EMIT finished(ExitFailure);
}

QString ExportCommand::fileError() const {
    if (m_file)
        return QStringLiteral("cannot write %1: %2")
            .arg(QDir::toNativeSeparators(m_outputPath), m_file->errorString());
    return QStringLiteral("cannot write standard output: %1").arg(m_writer->errorString());
}
