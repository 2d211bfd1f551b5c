#include "deletionhistorydialog.h"

#include "core/deletionhistorycsv.h"

#include <QCheckBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QTableWidget>
#include <QVBoxLayout>

DeletionHistoryDialog::DeletionHistoryDialog(QString recordPath, QWidget *parent)
    : QDialog(parent)
    , m_recordPath(std::move(recordPath))
    , m_sinceEnabled(new QCheckBox(tr("&Since (UTC):"), this))
    , m_since(new QDateEdit(this))
    , m_customer(new QLineEdit(this))
    , m_email(new QLineEdit(this))
    , m_table(new QTableWidget(this))
    , m_status(new QLabel(this))
    , m_exportButton(new QPushButton(tr("&Export…"), this)) {
    setWindowTitle(tr("Deletion History"));
    m_since->setCalendarPopup(true);
    m_since->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    m_since->setDate(QDateTime::currentDateTimeUtc().date().addDays(-30));
    m_since->setEnabled(false);
    m_customer->setPlaceholderText(tr("any customer"));
    m_customer->setClearButtonEnabled(true);
    m_email->setPlaceholderText(tr("any address"));
    m_email->setClearButtonEnabled(true);
    m_sinceEnabled->setObjectName(QStringLiteral("sinceEnabled"));
    m_since->setObjectName(QStringLiteral("since"));
    m_customer->setObjectName(QStringLiteral("customer"));
    m_email->setObjectName(QStringLiteral("email"));
    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);

    auto *filters = new QFormLayout;
    auto *sinceRow = new QHBoxLayout;
    sinceRow->addWidget(m_since);
    sinceRow->addStretch();
    filters->addRow(m_sinceEnabled, sinceRow);
    filters->addRow(tr("&Customer:"), m_customer);
    filters->addRow(tr("E&mail:"), m_email);

    const QStringList headers = {tr("Time (UTC)"), tr("User"),  tr("API"),     tr("Customer"),
                                 tr("List"),       tr("Email"), tr("Outcome"), tr("Detail")};
    m_table->setColumnCount(int(headers.size()));
    m_table->setHorizontalHeaderLabels(headers);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->setVisible(false);
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setWordWrap(false);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_exportButton, QDialogButtonBox::ActionRole);
    auto *reloadButton = buttons->addButton(tr("&Reload"), QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_exportButton, &QPushButton::clicked, this, &DeletionHistoryDialog::exportWithDialog);
    connect(reloadButton, &QPushButton::clicked, this, &DeletionHistoryDialog::reload);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(filters);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_status);
    layout->addWidget(buttons);
    resize(900, 500);

    connect(m_sinceEnabled, &QCheckBox::toggled, m_since, &QWidget::setEnabled);
    connect(m_sinceEnabled, &QCheckBox::toggled, this, &DeletionHistoryDialog::reload);
    connect(m_since, &QDateEdit::dateChanged, this, &DeletionHistoryDialog::reload);
    connect(m_customer, &QLineEdit::textChanged, this, &DeletionHistoryDialog::reload);
    connect(m_email, &QLineEdit::textChanged, this, &DeletionHistoryDialog::reload);
    reload();
}

DeletionRecordFilter DeletionHistoryDialog::filter() const {
    DeletionRecordFilter filter;
    if (m_sinceEnabled->isChecked())
        filter.since = m_since->date();
    // The window filters by a customer when one is typed; an empty field means any.
    const QString customer = m_customer->text().trimmed();
    if (!customer.isEmpty())
        filter.customer = customer;
    filter.email = m_email->text().trimmed();
    return filter;
}

void DeletionHistoryDialog::setFilter(const DeletionRecordFilter &filter) {
    const QSignalBlocker blockSince(m_sinceEnabled), blockDate(m_since), blockCustomer(m_customer),
        blockEmail(m_email);
    m_sinceEnabled->setChecked(filter.since.isValid());
    m_since->setEnabled(filter.since.isValid());
    if (filter.since.isValid())
        m_since->setDate(filter.since);
    m_customer->setText(filter.customer.value_or(QString()));
    m_email->setText(filter.email);
    reload();
}

void DeletionHistoryDialog::reload() {
    const DeletionRecordReader::Result read = DeletionRecordReader::read(m_recordPath, filter());
    m_shown = read.entries;
    m_skipped = read.skipped;
    m_error = read.error;
    showEntries();
}

void DeletionHistoryDialog::showEntries() {
    m_table->setRowCount(0);
    m_table->setRowCount(int(m_shown.size()));
    for (int row = 0; row < m_shown.size(); ++row) {
        const DeletionEntry &entry = m_shown.at(row);
        const QStringList cells = DeletionHistoryCsv::cells(entry);
        for (int column = 0; column < int(cells.size()); ++column) {
            // Plain text in one line: items never interpret markup.
            QString text = cells.at(column);
            text.replace(QLatin1Char('\r'), QLatin1Char(' '));
            text.replace(QLatin1Char('\n'), QLatin1Char(' '));
            m_table->setItem(row, column, new QTableWidgetItem(text));
        }
    }
    m_exportButton->setEnabled(!m_shown.isEmpty());
    m_status->setText(statusText());
}

QString DeletionHistoryDialog::statusText() const {
    if (!m_error.isEmpty())
        return m_error;
    QString text = m_shown.size() == 1 ? tr("1 delete shown.")
                                       : tr("%Ln deletes shown.", nullptr, int(m_shown.size()));
    if (!m_skipped.isEmpty())
        text += QLatin1Char(' ') +
                tr("%Ln lines of the record are not deletion entries and were skipped.", nullptr,
                   int(m_skipped.size()));
    text += QLatin1Char(' ') + tr("Record: %1").arg(QDir::toNativeSeparators(m_recordPath));
    return text;
}

QString DeletionHistoryDialog::exportTo(const QString &path) const {
    QSaveFile file(path);
    const auto failure = [&path](const QString &reason) {
        return tr("Could not export to \"%1\": %2.").arg(QDir::toNativeSeparators(path), reason);
    };
    if (!file.open(QIODevice::WriteOnly))
        return failure(file.errorString());
    bool ok = file.write(DeletionHistoryCsv::header()) >= 0;
    for (const DeletionEntry &entry : m_shown) {
        if (!ok)
            break;
        ok = file.write(DeletionHistoryCsv::record(entry, true)) >= 0;
    }
    if (!ok) {
        const QString reason = file.errorString();
        file.cancelWriting();
        return failure(reason);
    }
    if (!file.commit())
        return failure(file.errorString());
    return {};
}

void DeletionHistoryDialog::exportWithDialog() {
    auto *dialog = new QFileDialog(this, tr("Export Deletion History"), QDir::homePath(),
                                   tr("CSV files (*.csv)"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setDefaultSuffix(QStringLiteral("csv"));
    dialog->selectFile(
        QStringLiteral("deletion-history-%1.csv")
            .arg(QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyy-MM-dd"))));
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString &path) {
        const QString error = exportTo(path);
        if (error.isEmpty()) {
            m_status->setText(tr("Exported %Ln deletes to %1.", nullptr, int(m_shown.size()))
                                  .arg(QDir::toNativeSeparators(path)));
            return;
        }
        auto *box = new QMessageBox(QMessageBox::Warning, tr("Export Failed"), error,
                                    QMessageBox::Ok, this);
        box->setTextFormat(Qt::PlainText);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    });
    dialog->open();
}
