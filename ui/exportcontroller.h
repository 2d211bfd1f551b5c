#pragma once

#include "core/csvwriter.h"

#include <QDate>
#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>
#include <memory>
#include <vector>

class BounceTableModel;
class BounceTableView;
class QThread;
class QTimer;
class QWidget;

// What one export writes: where, which rows, and how.
struct ExportChoice {
    QString path;
    bool selectionOnly = false; // the selected rows instead of all rows shown
    CsvOptions options;         // formula protection on and no BOM unless asked; its list is
                                // always the model's (the columns of the list shown)
};

// Ctrl+E: a save dialog (non-native, so it can carry the options: which rows, BOM, raw cells)
// proposing `<customer>-<list>-YYYY-MM-DD.csv` (the list's command-line name, e.g. bounces);
// then the rows shown, with the list's columns (issue 13's exact CSV header), in the order shown,
// or only the selection, written atomically by exportCsvFile() on a worker thread over a snapshot
// of the rows (a million rows take about half a second: the window stays usable), with
// progress and cancel (Esc); a cancelled or failed export leaves nothing behind and an earlier
// file untouched. Errors appear in a plain-text message box; success is reported through
// exported() for the status bar. One export at a time.
class ExportController final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ExportController)
public:
    ExportController(BounceTableModel *model, BounceTableView *view, QWidget *dialogParent,
                     QObject *parent = nullptr);
    ~ExportController() override;

    bool canExport() const; // a customer with rows shown, and no export running

    // Opens the save dialog without blocking; the export starts when the user accepts.
    void exportWithDialog(bool selectionOnly = false);
    // Starts writing on a worker thread and returns at once; exported(), exportFailed() or
    // exportCancelled() follows.
    void startExport(const ExportChoice &choice);
    void cancelExport(); // nothing is written; an earlier file stays
    bool isExporting() const { return m_worker != nullptr; }
    qsizetype exportedRows() const; // so far, of the running export
    qsizetype exportTotal() const { return m_total; }
    // Writes now, on this thread. Returns the number of rows written, or -1 after reporting
    // the error.
    qsizetype exportTo(const ExportChoice &choice);
    // Called on the worker thread every few thousand rows with the rows written so far (tests
    // hold the worker there to cancel it at a known point).
    void setWorkerStepHook(std::function<void(qsizetype)> hook) { m_stepHook = std::move(hook); }

    QString defaultFileName(const QDate &day = QDate::currentDate()) const;
    static QString rowCountText(qsizetype rows); // "1 row", "1,234 rows"

Q_SIGNALS:
    void exported(const QString &path, qsizetype rows);
    void exportFailed(const QString &message);
    void exportCancelled(const QString &path);
    void exportingChanged(bool exporting);
    void progress(qsizetype rowsWritten, qsizetype total);

private:
    std::vector<BounceStore::Row> rowsFor(const ExportChoice &choice) const;
    void onWorkerFinished(const ExportChoice &choice, const QString &error);
    void showError(const QString &message);

    BounceTableModel *m_model;
    BounceTableView *m_view;
    QPointer<QWidget> m_dialogParent;
    QThread *m_worker = nullptr;
    std::shared_ptr<CsvExportProgress> m_progress;
    qsizetype m_total = 0;
    QTimer *m_progressTimer;
    std::function<void(qsizetype)> m_stepHook;
};
