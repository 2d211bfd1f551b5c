#pragma once

#include "apicommand.h"

#include "api/tenant.h"
#include "core/csvwriter.h"
#include "core/suppressionlist.h"

#include <QPointer>
#include <QString>

#include <memory>
#include <optional>

class ListLoadJob;
class OutputFile;
class BounceStore;
struct ApiError;

// `bouncedesk export`: one list of one customer (or of the parent account) as CSV with that
// list's columns, in the server's order. Rows are written as each batch arrives, so the list
// is never held whole. A file (OutputFile) is committed only after the load finished: a failed
// export leaves no file and never touches an existing one; a FIFO or device is written into,
// never replaced. To standard output it streams as it comes.
class ExportCommand final : public ApiCommand {
    Q_OBJECT
public:
    ExportCommand(Tenant tenant, SuppressionList list, QString outputPath, CsvOptions options,
                  QObject *parent = nullptr);
    ~ExportCommand() override;

    void start(SuppressionClient *client) override;

private:
    bool ensureHeader();
    void writeBatch(const BounceStore &batch);
    void writeRecords(const QByteArray &records, qsizetype rows);
    void countWritten(bool ok, qsizetype rows); // after a batch or records went to the writer
    void onLoaded(qsizetype rows);
    void onFailed(const ApiError &error);
    void fail(const QString &message);
    QString fileError() const;

    Tenant m_tenant;
    SuppressionList m_list;
    QString m_outputPath;
    CsvOptions m_options;
    std::unique_ptr<OutputFile> m_file;
    std::optional<CsvWriter> m_writer;
    QPointer<ListLoadJob> m_job;
    qsizetype m_written = 0;
    bool m_headerWritten = false;
    bool m_done = false;
};
