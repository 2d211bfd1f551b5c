#include "exportcontroller.h"

#include "bouncetableview.h"

#include "core/bouncetablemodel.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QGroupBox>
#include <QLocale>
#include <QMessageBox>
#include <QRadioButton>
#include <QSettings>
#include <QStandardPaths>
#include <QThread>
#include <QTimer>
#include <QVBoxLayout>

namespace {

const QString bomKey = QStringLiteral("export/bom");
const QString directoryKey = QStringLiteral("export/directory");

// A customer name made safe as part of a file name (no separators, no leading dots).
QString fileNamePart(const QString &customer) {
    QString part;
    for (const QChar c : customer) {
        const bool safe =
            c.isLetterOrNumber() || c == u'-' || c == u'_' || c == u'.' || c == u'@' || c == u'+';
        part += safe ? c : QChar(u'_');
    }
    while (part.startsWith(u'.'))
        part.remove(0, 1);
    return part.isEmpty() ? QStringLiteral("customer") : part;
}

// The options row appended to the non-native file dialog.
struct OptionsWidgets {
    QWidget *box = nullptr;
    QRadioButton *shown = nullptr;
    QRadioButton *selected = nullptr;
    QCheckBox *bom = nullptr;
    QCheckBox *raw = nullptr;
};

OptionsWidgets buildOptions(QWidget *parent, qsizetype shownRows, qsizetype selectedRows,
                            bool selectionOnly) {
    OptionsWidgets w;
    auto *box = new QGroupBox(ExportController::tr("Export options"), parent);
    w.box = box;
    w.shown = new QRadioButton(ExportController::tr("All rows shown, in the order shown (%1)")
                                   .arg(ExportController::rowCountText(shownRows)),
                               box);
    w.selected = new QRadioButton(ExportController::tr("Only the selected rows (%1)")
                                      .arg(ExportController::rowCountText(selectedRows)),
                                  box);
    w.shown->setObjectName(QStringLiteral("exportShown"));
    w.selected->setObjectName(QStringLiteral("exportSelected"));
    w.selected->setEnabled(selectedRows > 0);
    (selectionOnly && selectedRows > 0 ? w.selected : w.shown)->setChecked(true);
    w.bom = new QCheckBox(ExportController::tr("Start with a byte-order mark (for Excel)"), box);
    w.bom->setChecked(QSettings().value(bomKey, false).toBool());
    // Deliberately not remembered: raw cells are a one-off choice, protection is the default.
    w.raw = new QCheckBox(
        ExportController::tr("Write cells raw, without protection against spreadsheet formulas"),
        box);
    auto *group = new QButtonGroup(box);
    group->addButton(w.shown);
    group->addButton(w.selected);
    auto *layout = new QVBoxLayout(box);
    layout->addWidget(w.shown);
    layout->addWidget(w.selected);
    layout->addWidget(w.bom);
    layout->addWidget(w.raw);
    return w;
}

} // namespace

ExportController::ExportController(BounceTableModel *model, BounceTableView *view,
                                   QWidget *dialogParent, QObject *parent)
    : QObject(parent)
    , m_model(model)
    , m_view(view)
    , m_dialogParent(dialogParent)
    , m_progressTimer(new QTimer(this)) {
    m_progressTimer->setInterval(100);
    connect(m_progressTimer, &QTimer::timeout, this,
            [this] { Q_EMIT progress(exportedRows(), m_total); });
}

// Closing the window mid-export: the file is not written (cancelled), and the worker is
// waited for, since it reads the snapshot and the path we hold.
ExportController::~ExportController() {
    if (!m_worker)
        return;
    m_progress->cancelRequested = true;
    m_worker->disconnect(this);
    m_worker->wait();
    delete m_worker;
}

bool ExportController::canExport() const {
    return !isExporting() && !m_model->customer().isEmpty() && m_model->shownRows() > 0;
}

qsizetype ExportController::exportedRows() const {
    return m_progress ? m_progress->rowsWritten.load(std::memory_order_relaxed) : 0;
}

QString ExportController::defaultFileName(const QDate &day) const {
    return fileNamePart(m_model->customer()) + u'-' + suppressionListCliName(m_model->list()) +
           u'-' + day.toString(Qt::ISODate) + QStringLiteral(".csv");
}

QString ExportController::rowCountText(qsizetype rows) {
    return rows == 1 ? tr("1 row") : tr("%1 rows").arg(QLocale().toString(rows));
}

void ExportController::exportWithDialog(bool selectionOnly) {
    if (!canExport())
        return;
    QString directory = QSettings().value(directoryKey).toString();
    if (directory.isEmpty() || !QDir(directory).exists())
        directory = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);

    auto *dialog = new QFileDialog(
        m_dialogParent, tr("Export %1").arg(suppressionListTitle(m_model->list())),
        QDir(directory).filePath(defaultFileName()), tr("CSV files (*.csv);;All files (*)"));
    dialog->setObjectName(QStringLiteral("exportDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setFileMode(QFileDialog::AnyFile);
    dialog->setDefaultSuffix(QStringLiteral("csv"));
    // Non-native so the options sit in the same dialog as the file name.
    dialog->setOption(QFileDialog::DontUseNativeDialog);
    dialog->setWindowModality(Qt::WindowModal);

    const OptionsWidgets options =
        buildOptions(dialog, m_model->shownRows(), m_view->selectedRowCount(), selectionOnly);
    if (auto *grid = qobject_cast<QGridLayout *>(dialog->layout()))
        grid->addWidget(options.box, grid->rowCount(), 0, 1, grid->columnCount());
    else if (dialog->layout())
        dialog->layout()->addWidget(options.box);

    const QString customer = m_model->customer();
    connect(dialog, &QFileDialog::accepted, this, [this, dialog, options, customer] {
        const QStringList files = dialog->selectedFiles();
        if (files.isEmpty() || m_model->customer() != customer)
            return;
        ExportChoice choice;
        choice.path = files.constFirst();
        choice.selectionOnly = options.selected->isChecked();
        choice.options.byteOrderMark = options.bom->isChecked();
        choice.options.neutraliseFormulas = !options.raw->isChecked();
        QSettings settings;
        settings.setValue(bomKey, choice.options.byteOrderMark);
        settings.setValue(directoryKey, QFileInfo(choice.path).absolutePath());
        startExport(choice);
    });
    dialog->open();
}

std::vector<BounceStore::Row> ExportController::rowsFor(const ExportChoice &choice) const {
    if (!choice.selectionOnly)
        return m_model->visibleStoreRows();
    std::vector<BounceStore::Row> rows;
    const std::vector<int> viewRows = m_view->selectedViewRows();
    rows.reserve(viewRows.size());
    for (int viewRow : viewRows)
        rows.push_back(m_model->storeRow(viewRow));
    return rows;
}

void ExportController::startExport(const ExportChoice &choice) {
    if (isExporting())
        return;
    // What the table shows now, in the order shown: the rows by number, the text through a
    // snapshot, so loads and deletes may go on meanwhile.
    auto rows = std::make_shared<const std::vector<BounceStore::Row>>(rowsFor(choice));
    std::shared_ptr<const BounceStore> store = m_model->store().snapshot();
    auto shared = std::make_shared<CsvExportProgress>();
    shared->onStep = m_stepHook;
    auto error = std::make_shared<QString>();
    m_progress = shared;
    m_total = qsizetype(rows->size());
    CsvOptions options = choice.options;
    options.list = m_model->list(); // the columns of the list shown, as issue 13 names them
    m_worker = QThread::create([path = choice.path, options, rows, store, shared, error] {
        *error = exportCsvFile(path, *store, *rows, options, shared.get());
    });
    m_worker->setObjectName(QStringLiteral("csvExport"));
    // Queued to this thread: `this` lives here.
    connect(m_worker, &QThread::finished, this,
            [this, choice, error] { onWorkerFinished(choice, *error); });
    m_worker->start();
    m_progressTimer->start();
    Q_EMIT exportingChanged(true);
    Q_EMIT progress(0, m_total);
}

void ExportController::cancelExport() {
    if (m_progress && isExporting())
        m_progress->cancelRequested = true;
}

void ExportController::onWorkerFinished(const ExportChoice &choice, const QString &error) {
    m_worker->wait();
    delete m_worker;
    m_worker = nullptr;
    m_progressTimer->stop();
    const bool cancelled = m_progress->cancelRequested.load();
    const qsizetype rows = m_total;
    Q_EMIT exportingChanged(false);
    if (cancelled && !error.isEmpty())
        Q_EMIT exportCancelled(choice.path);
    else if (!error.isEmpty())
        showError(error);
    else
        Q_EMIT exported(choice.path, rows);
}

qsizetype ExportController::exportTo(const ExportChoice &choice) {
    const std::vector<BounceStore::Row> rows = rowsFor(choice);
    CsvOptions options = choice.options;
    options.list = m_model->list(); // the columns of the list shown, as issue 13 names them
    const QString error = exportCsvFile(choice.path, m_model->store(), rows, options);
    if (!error.isEmpty()) {
        showError(error);
        return -1;
    }
    Q_EMIT exported(choice.path, qsizetype(rows.size()));
    return qsizetype(rows.size());
}

void ExportController::showError(const QString &message) {
    Q_EMIT exportFailed(message);
    auto *box = new QMessageBox(QMessageBox::Critical, tr("Export Failed"), message,
                                QMessageBox::Ok, m_dialogParent);
    box->setObjectName(QStringLiteral("exportError"));
    box->setTextFormat(Qt::PlainText); // the path and the reason may hold anything
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}
