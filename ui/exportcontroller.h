#pragma once

#include "core/csvwriter.h"

#include <QDate>
#include <QObject>
#include <QPointer>
#include <QString>

class BounceTableModel;
class BounceTableView;
class QWidget;

// What one export writes: where, which rows, and how.
struct ExportChoice {
    QString path;
    bool selectionOnly = false; // the selected rows instead of all rows shown
    CsvOptions options;         // formula protection on and no BOM unless asked
};

// Ctrl+E: a save dialog (non-native, so it can carry the options: which rows, BOM, raw cells)
// proposing `<customer>-bounces-YYYY-MM-DD.csv`; then the rows shown, in the order shown, or
// only the selection, written atomically by exportCsvFile(). Errors appear in a plain-text
// message box; success is reported through exported() for the status bar.
class ExportController final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ExportController)
public:
    ExportController(BounceTableModel *model, BounceTableView *view, QWidget *dialogParent,
                     QObject *parent = nullptr);
    ~ExportController() override;

    bool canExport() const; // a customer with rows shown

    // Opens the save dialog without blocking; the export runs when the user accepts.
    void exportWithDialog(bool selectionOnly = false);
    // Writes now. Returns the number of rows written, or -1 after reporting the error.
    qsizetype exportTo(const ExportChoice &choice);

    QString defaultFileName(const QDate &day = QDate::currentDate()) const;
    static QString rowCountText(qsizetype rows); // "1 row", "1,234 rows"

Q_SIGNALS:
    void exported(const QString &path, qsizetype rows);
    void exportFailed(const QString &message);

private:
    void showError(const QString &message);

    BounceTableModel *m_model;
    BounceTableView *m_view;
    QPointer<QWidget> m_dialogParent;
};
