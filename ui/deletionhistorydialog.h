#pragma once

#include "core/deletionrecordreader.h"

#include <QDialog>

class QCheckBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

// Tools → Deletion history: the deletion record (DeletionRecord) as a table, with the filters of
// `bouncedesk history` (since a UTC date, customer, address) and an export to the same CSV.
// Every cell is plain text: addresses and server words come from strangers.
class DeletionHistoryDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeletionHistoryDialog)
public:
    explicit DeletionHistoryDialog(QString recordPath, QWidget *parent = nullptr);

    DeletionRecordFilter filter() const;
    void setFilter(const DeletionRecordFilter &filter); // and shows what it accepts
    void reload();                                      // reads the record again

    const QList<DeletionEntry> &shownEntries() const { return m_shown; }
    QTableWidget *table() const { return m_table; }
    QString statusText() const;

    // Writes the entries shown as CSV (formulas neutralised) atomically; empty on success,
    // else one sentence naming the file and the reason.
    QString exportTo(const QString &path) const;

private:
    void exportWithDialog();
    void showEntries();

    QString m_recordPath;
    QCheckBox *m_sinceEnabled;
    QDateEdit *m_since;
    QLineEdit *m_customer;
    QLineEdit *m_email;
    QTableWidget *m_table;
    QLabel *m_status;
    QPushButton *m_exportButton;
    QList<DeletionEntry> m_shown;
    QStringList m_skipped;
    QString m_error;
};
