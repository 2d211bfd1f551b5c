#pragma once

#include "apicommand.h"

#include "core/csvwriter.h"

#include <QPointer>
#include <QString>

#include <memory>
#include <optional>

class BounceLoadJob;
class OutputFile;
class BounceStore;
struct ApiError;

// `bouncedesk export`: one customer's bounces as CSV, in the server's order. Rows are written
// as each batch arrives, so the list is never held whole. A file (OutputFile) is committed only
// after the load finished: a failed export leaves no file and never touches an existing one; a
// FIFO or device is written into, never replaced. To standard output it streams as it comes.
class ExportCommand final : public ApiCommand {
    Q_OBJECT
public:
    ExportCommand(QString customer, QString outputPath, CsvOptions options,
                  QObject *parent = nullptr);
    ~ExportCommand() override;

    void start(ResellerClient *client) override;

private:
    bool ensureHeader();
    void writeBatch(const BounceStore &batch);
    void onLoaded(qsizetype rows);
    void onFailed(const ApiError &error);
    void fail(const QString &message);
    QString fileError() const;

    QString m_customer;
    QString m_outputPath;
    CsvOptions m_options;
    std::unique_ptr<OutputFile> m_file;
    std::optional<CsvWriter> m_writer;
    QPointer<BounceLoadJob> m_job;
    qsizetype m_written = 0;
    qint64 m_writebackStarted = 0; // bytes of the file the kernel was asked to write out
    bool m_headerWritten = false;
    bool m_done = false;
};
