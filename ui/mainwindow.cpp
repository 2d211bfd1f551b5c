#include "mainwindow.h"

#include "bouncetableview.h"
#include "customerpicker.h"
#include "deletecontroller.h"
#include "deletionhistorydialog.h"
#include "errorbanner.h"
#include "exportcontroller.h"
#include "filterbar.h"
#include "findaddressdialog.h"
#include "listtabs.h"
#include "loadcontroller.h"
#include "statuspanel.h"
#include "timelineview.h"

#include "api/suppressionclient.h"
#include "api/suppressionclientfactory.h"
#include "core/bouncetablemodel.h"
#include "core/deletionrecord.h"

#include <QAbstractItemView>
#include <QAction>
#include <QCloseEvent>
#include <QComboBox>
#include <QCompleter>
#include <QCoreApplication>
#include <QDir>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>
#include <QStyle>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

namespace {
const QString geometryKey = QStringLiteral("window/geometry");
const QString stateKey = QStringLiteral("window/state");
const QString lastCustomerKey = QStringLiteral("customers/last");
} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_model(new BounceTableModel(this))
    , m_table(new BounceTableView(this))
    , m_filter(new FilterBar(this))
    , m_tabs(new ListTabs(this))
    , m_banner(new ErrorBanner(this))
    , m_picker(new CustomerPicker(this))
    , m_loads(new LoadController(nullptr, m_model, this))
    , m_deletes(new DeleteController(nullptr, m_model, m_table, this, this))
    , m_exports(new ExportController(m_model, m_table, this, this))
    , m_timeline(new TimelineView(m_model, this)) {
    setObjectName(QStringLiteral("mainWindow"));
    m_table->setBounceModel(m_model);
    m_picker->setAccessibleName(tr("Customer"));
    // Which account a name in the picker is (the parent under v3, an EU subuser's host).
    const auto tenantOf = [this](const QString &customer) { return m_picker->tenantFor(customer); };
    m_loads->setTenantResolver(tenantOf);
    m_deletes->setTenantResolver(tenantOf);

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(6, 6, 6, 0);
    layout->addWidget(m_banner);
    layout->addWidget(m_tabs);
    layout->addWidget(m_filter);
    layout->addWidget(m_timeline);
    layout->addWidget(m_table, 1);
    setCentralWidget(central);

    createActions();
    createMenus();
    createToolBar();
    m_status = new StatusPanel(m_cancelAction, this);
    statusBar()->addPermanentWidget(m_status);
    connectParts();
    // Narrow windows: below this the filter bar would squeeze its fields to a letter (German
    // labels are the longest); the toolbar folds what does not fit into its extension menu.
    setMinimumSize(qMax(640, central->minimumSizeHint().width()), 420);
    restoreWindowState();
    updateTitle();
    updateActions();
    updateStatus();
}

// The children go after this body, in an order of their own: the picker, cancelling its
// listing as it goes, would otherwise call back into a window whose model is already gone.
MainWindow::~MainWindow() {
    disconnect(m_picker, nullptr, this, nullptr);
}

void MainWindow::createActions() {
    const auto make = [this](const QString &text, const QKeySequence &key,
                             QStyle::StandardPixmap icon = QStyle::SP_CustomBase) {
        auto *action = new QAction(text, this);
        action->setShortcut(key);
        if (icon != QStyle::SP_CustomBase)
            action->setIcon(style()->standardIcon(icon));
        addAction(action); // shortcuts work even when the menu bar is hidden
        return action;
    };
    m_settingsAction = make(tr("Connection Se&ttings…"), QKeySequence(tr("Ctrl+,")));
    // "Refresh Bounces" beside the picker's "Reload Customers": each names what it reloads
    // (the list shown: updateListWords()).
    m_refreshAction = make(QString(), QKeySequence(Qt::Key_F5), QStyle::SP_BrowserReload);
    m_refreshAction->setObjectName(QStringLiteral("refreshBounces"));
    m_exportAction = make(tr("&Export…"), QKeySequence(tr("Ctrl+E")), QStyle::SP_DialogSaveButton);
    m_exportSelectionAction = make(tr("Export &Selection…"), QKeySequence(tr("Ctrl+Shift+E")));
    m_quitAction = make(tr("&Quit"), QKeySequence::Quit);
    m_deleteAction = make(tr("&Delete…"), QKeySequence::Delete, QStyle::SP_TrashIcon);
    m_deleteAction->setObjectName(QStringLiteral("deleteRows"));
    m_retryDeletesAction = make(tr("&Retry Failed Deletes"), QKeySequence());
    m_findAction = make(tr("&Filter…"), QKeySequence::Find);
    m_customerAction = make(tr("Choose &Customer…"), QKeySequence(tr("Ctrl+L")));
    m_cancelAction = make(tr("Ca&ncel"), QKeySequence(Qt::Key_Escape), QStyle::SP_BrowserStop);
    m_aboutAction = make(tr("&About BounceDesk"), QKeySequence::HelpContents);
    m_historyAction = make(tr("Deletion &History…"), QKeySequence());
    m_findAddressAction = make(tr("Find &Address…"), QKeySequence(tr("Ctrl+Shift+F")));
    m_findAddressAction->setToolTip(tr("Find an address on every list of every customer "
                                       "(Ctrl+Shift+F)"));
    m_retryLoadAction = new QAction(tr("Try A&gain"), this);
    m_retryLoadAction->setObjectName(QStringLiteral("retryLoad"));
    m_clearFilterAction = new QAction(tr("&Clear the Filter"), this);
    m_clearFilterAction->setObjectName(QStringLiteral("clearFilter"));

    updateListWords();
    m_exportAction->setToolTip(tr("Save the rows shown as CSV (Ctrl+E)"));
    m_cancelAction->setToolTip(tr("Stop loading, deleting or exporting (Esc)"));
    m_table->setDeleteAction(m_deleteAction);

    connect(m_settingsAction, &QAction::triggered, this, &MainWindow::settingsRequested);
    connect(m_refreshAction, &QAction::triggered, m_loads, &LoadController::refresh);
    connect(m_exportAction, &QAction::triggered, this, [this] { m_exports->exportWithDialog(); });
    connect(m_exportSelectionAction, &QAction::triggered, this,
            [this] { m_exports->exportWithDialog(true); });
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);
    connect(m_deleteAction, &QAction::triggered, m_deletes, &DeleteController::deleteSelected);
    connect(m_retryDeletesAction, &QAction::triggered, m_deletes, &DeleteController::retryFailed);
    connect(m_findAction, &QAction::triggered, m_filter, &FilterBar::focusSearch);
    connect(m_customerAction, &QAction::triggered, this, [this] {
        m_picker->comboBox()->setFocus(Qt::ShortcutFocusReason);
        if (QLineEdit *edit = m_picker->comboBox()->lineEdit())
            edit->selectAll();
    });
    connect(m_cancelAction, &QAction::triggered, this, [this] {
        if (m_exports->isExporting())
            m_exports->cancelExport();
        else if (m_loads->isLoading())
            m_loads->cancel();
        else
            m_deletes->cancel();
    });
    connect(m_aboutAction, &QAction::triggered, this, &MainWindow::showAbout);
    connect(m_historyAction, &QAction::triggered, this, &MainWindow::showDeletionHistory);
    connect(m_findAddressAction, &QAction::triggered, this, [this] { showFindAddress(); });
    connect(m_retryLoadAction, &QAction::triggered, this,
            [this] { openCustomer(m_loads->customer()); });
    connect(m_clearFilterAction, &QAction::triggered, m_filter, &FilterBar::clear);
}

void MainWindow::createMenus() {
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addActions({m_customerAction, m_refreshAction});
    file->addSeparator();
    file->addActions({m_exportAction, m_exportSelectionAction});
    file->addSeparator();
    file->addAction(m_settingsAction);
    file->addSeparator();
    file->addAction(m_quitAction);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    edit->addActions({m_table->copyRowsAction(), m_table->copyAddressAction()});
    edit->addSeparator();
    edit->addActions({m_deleteAction, m_retryDeletesAction, m_cancelAction});
    edit->addSeparator();
    edit->addAction(m_findAction);

    menuBar()->addMenu(tr("&View"))->addAction(m_timeline->toggleAction());

    QMenu *tools = menuBar()->addMenu(tr("T&ools"));
    tools->addAction(m_findAddressAction);
    tools->addAction(m_historyAction);
    menuBar()->addMenu(tr("&Help"))->addAction(m_aboutAction);
}

void MainWindow::createToolBar() {
    QToolBar *bar = addToolBar(tr("Main"));
    bar->setObjectName(QStringLiteral("mainToolBar")); // saveState() needs it
    bar->setMovable(false);
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    auto *label = new QLabel(tr("C&ustomer:"), bar);
    label->setBuddy(m_picker->comboBox());
    label->setContentsMargins(4, 0, 4, 0);
    bar->addWidget(label);
    m_picker->setMinimumWidth(320);
    bar->addWidget(m_picker);
    bar->addSeparator();
    bar->addActions({m_refreshAction, m_deleteAction, m_exportAction});
    bar->addSeparator();
    m_findAddressField = new QLineEdit(bar);
    m_findAddressField->setObjectName(QStringLiteral("findAddressField"));
    m_findAddressField->setPlaceholderText(tr("Find address everywhere…"));
    m_findAddressField->setAccessibleName(tr("Find address everywhere"));
    m_findAddressField->setClearButtonEnabled(true);
    m_findAddressField->setMaximumWidth(260);
    bar->addWidget(m_findAddressField);
    connect(m_findAddressField, &QLineEdit::returnPressed, this,
            [this] { showFindAddress(m_findAddressField->text()); });
}

void MainWindow::connectParts() {
    // A customer picked: the keyboard goes to the rows (Del, Ctrl+A, Ctrl+C act on them).
    connect(m_picker, &CustomerPicker::customerChosen, this, [this](const QString &customer) {
        openCustomer(customer);
        // Once the picker is done with the key: its popup, closing, hands the focus back to
        // the field, and may have been the active window until then.
        m_focusRowsPending = true;
        QMetaObject::invokeMethod(this, &MainWindow::focusRows, Qt::QueuedConnection);
    });
    m_picker->comboBox()->lineEdit()->installEventFilter(this);
    m_picker->completer()->popup()->installEventFilter(this);
    m_filter->searchEdit()->installEventFilter(this);
    connect(m_picker, &CustomerPicker::loadFailed, this, [this](const ApiError &error) {
        if (!m_reopenWhenListed.isEmpty())
            openCustomer(m_reopenWhenListed); // by its name alone; the error shows after
        showCustomerListError(error);
    });
    // The demo's first look shows the tool at work: its first customer, not an empty table.
    connect(m_picker, &CustomerPicker::customersLoaded, this, [this] {
        if (!m_reopenWhenListed.isEmpty())
            openCustomer(m_reopenWhenListed);
        // A list that may lack customers says so until dismissed (the server's paging
        // failed; the command line exits 1 for the same).
        if (!m_picker->listWarning().isEmpty())
            m_banner->showError(tr("Customer list: %1.").arg(m_picker->listWarning()));
        if (m_demo && m_model->customer().isEmpty() && !m_picker->customers().isEmpty())
            openCustomer(m_picker->customers().constFirst().username);
    });
    // Keyboard first: while nothing is open, typing goes to the picker, from the moment the
    // customers are asked for (it keeps what is typed while they arrive).
    connect(m_picker, &CustomerPicker::loadingChanged, this, [this] {
        if (m_model->customer().isEmpty() && isActiveWindow())
            m_picker->comboBox()->setFocus(Qt::OtherFocusReason);
    });
    connect(m_filter, &FilterBar::filterChanged, m_model, &BounceTableModel::setFilter);
    connect(m_timeline, &TimelineView::daysChosen, m_filter, &FilterBar::setDateRange);
    connect(m_table, &BounceTableView::filterToDomainRequested, m_filter,
            &FilterBar::setFilterText);
    connect(m_table, &BounceTableView::selectionCountChanged, this, [this] {
        updateStatus();
        updateActions();
    });

    connect(m_tabs, &ListTabs::listChosen, this, &MainWindow::showList);
    connect(m_loads, &LoadController::started, this, [this](const QString &customer) {
        if (customer != m_tabsCustomer) {
            m_tabs->clearCounts(); // the counts were another customer's
            m_tabsCustomer = customer;
        }
        m_deletes->beginListLoad();
        updateTitle();
    });
    connect(m_loads, &LoadController::busyChanged, this, &MainWindow::updateBusy);
    connect(m_loads, &LoadController::progress, this, &MainWindow::updateBusy);
    connect(m_loads, &LoadController::loaded, this, [this](const QString &customer) {
        m_deletes->endListLoad();
        m_tabsCustomer = customer;
        m_tabs->setCount(m_loads->list(), m_model->totalRows());
        scheduleStatusUpdate();
        // Only a customer the server knows is offered again (recent) or reopened (last); the
        // demo's customers are not the user's.
        if (!m_demo) {
            m_picker->rememberCustomer(customer);
            QSettings().setValue(lastCustomerKey, customer);
        }
    });
    connect(m_loads, &LoadController::failed, this, &MainWindow::showLoadError);
    connect(m_loads, &LoadController::cancelled, this, [this](const QString &customer) {
        m_deletes->endListLoad();
        statusBar()->showMessage(m_loads->list() == SuppressionList::Bounces
                                     ? tr("Loading the bounces of %1 was cancelled.").arg(customer)
                                     : tr("Loading %1 of %2 was cancelled.")
                                           .arg(suppressionListTitle(m_loads->list()), customer),
                                 8000);
    });

    connect(m_deletes, &DeleteController::runningChanged, this, &MainWindow::updateBusy);
    connect(m_deletes, &DeleteController::progress, this, &MainWindow::updateBusy);
    connect(m_deletes, &DeleteController::finished, this, &MainWindow::onDeletesFinished);
    connect(m_exports, &ExportController::exportingChanged, this, &MainWindow::updateBusy);
    connect(m_exports, &ExportController::progress, this, &MainWindow::updateBusy);
    connect(m_exports, &ExportController::exportCancelled, this, [this](const QString &path) {
        statusBar()->showMessage(
            tr("Export cancelled: nothing was written to %1.").arg(QDir::toNativeSeparators(path)),
            10000);
    });
    connect(m_exports, &ExportController::exported, this,
            [this](const QString &path, qsizetype rows) {
                statusBar()->showMessage(
                    tr("Exported %1 to %2").arg(ExportController::rowCountText(rows), path), 10000);
            });
    // A notice about trying again means nothing once the load is over.
    connect(m_loads, &LoadController::busyChanged, this, [this](bool busy) {
        if (!busy && !m_deletes->isRunning())
            clearRetryNotice();
    });
    connect(m_deletes, &DeleteController::runningChanged, this, [this](bool running) {
        if (!running && !m_loads->isLoading())
            clearRetryNotice();
    });

    // Counts and actions follow the model; bursts (streamed batches) are coalesced.
    connect(m_model, &QAbstractItemModel::modelReset, this, &MainWindow::scheduleStatusUpdate);
    connect(m_model, &QAbstractItemModel::layoutChanged, this, &MainWindow::scheduleStatusUpdate);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &MainWindow::scheduleStatusUpdate);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &MainWindow::scheduleStatusUpdate);
}

void MainWindow::setConnection(const ApiSettings &settings, bool demo) {
    m_loads->cancel();
    m_model->reset(QString());
    m_model->loadFinished();
    useClient(makeSuppressionClient(settings, settings.tenantSource, this));
    m_demo = demo;
    m_connected = true;
    m_banner->dismiss();
    m_picker->setClient(m_client);
    m_picker->reload();
    updateTitle();
    updateActions();
    // The demo's customers are not the user's: do not reopen a real customer's name there.
    const QString last = demo ? QString() : QSettings().value(lastCustomerKey).toString();
    m_reopenWhenListed.clear();
    if (!last.isEmpty()) {
        m_picker->setCurrentCustomer(last);
        // v3: an EU-pinned subuser is asked on the EU host, which only the list tells.
        if (m_client->api() == ApiVersion::V3 && last != CustomerPicker::parentAccountName())
            m_reopenWhenListed = last;
        else
            openCustomer(last);
    }
}

// The parts move to the new client before the old one goes (with its jobs: a delete run on it
// ends, its unanswered rows Unconfirmed).
void MainWindow::useClient(SuppressionClient *client) {
    SuppressionClient *old = std::exchange(m_client, client);
    m_picker->setClient(client);
    m_loads->setClient(client);
    m_deletes->setClient(client);
    // v2's reseller call serves bounces only: no tabs there.
    const bool v3 = client->api() == ApiVersion::V3;
    m_tabs->setLists(v3 ? allSuppressionLists() : QList<SuppressionList>{SuppressionList::Bounces});
    m_tabs->setVisible(v3);
    m_tabs->clearCounts();
    m_tabsCustomer.clear();
    m_tabs->setCurrentList(SuppressionList::Bounces);
    showList(SuppressionList::Bounces);
    if (m_findDialog)
        m_findDialog->setClient(client); // stops what ran through the old one
    connect(client, &SuppressionClient::serverAskedToWait, this,
            [this](int delayMs, int attempt, int attempts) {
                const int seconds = (delayMs + 999) / 1000;
                // Attempt 0: nothing failed, v3's rate limit is spent until it resets.
                showRetryNotice(attempt > 0 ? tr("The server asked to wait: trying again in %1 s "
                                                 "(attempt %2 of %3).")
                                                  .arg(seconds)
                                                  .arg(attempt)
                                                  .arg(attempts)
                                            : tr("The server's rate limit is spent: waiting %1 s "
                                                 "for it to reset.")
                                                  .arg(seconds),
                                delayMs + 1000);
            });
    connect(client, &SuppressionClient::retryingAfterFailure, this,
            [this](int attempt, int attempts, const QString &why) {
                showRetryNotice(
                    tr("%1 Trying again (attempt %2 of %3).").arg(why).arg(attempt).arg(attempts),
                    10000);
            });
    if (old) {
        old->disconnect(this);
        old->deleteLater();
    }
}

// The tab's list: its columns and filter, its rows kept from before or loaded now.
void MainWindow::showList(SuppressionList list) {
    m_filter->setList(list);
    m_deletes->setList(list);
    m_loads->setList(list);
    if (m_tabs->currentList() != list)
        m_tabs->setCurrentList(list);
    updateListWords();
    scheduleStatusUpdate();
    updateActions();
}

// What the actions say names the list shown: on blocks, "Refresh Blocks", not "Bounces".
void MainWindow::updateListWords() {
    const QString title = suppressionListTitle(m_deletes->list());
    m_refreshAction->setText(tr("&Refresh %1").arg(title));
    m_refreshAction->setToolTip(tr("Load %1 of this customer again (F5)").arg(title));
    m_deleteAction->setToolTip(
        tr("Delete the selected rows from %1 so SendGrid delivers to them again (Del)").arg(title));
    m_table->setAccessibleName(title);
}

void MainWindow::openCustomer(const QString &username) {
    const QString customer = username.trimmed();
    if (customer.isEmpty() || !m_connected)
        return;
    m_reopenWhenListed.clear(); // opened now, or another customer was chosen first
    m_banner->dismiss();
    // A filter typed for one customer hides the next one's rows without saying so.
    if (customer != m_model->customer())
        m_filter->clear();
    if (m_picker->currentCustomer() != customer)
        m_picker->setCurrentCustomer(customer);
    m_loads->load(customer);
}

FindAddressDialog *MainWindow::findAddressDialog() const {
    return m_findDialog;
}

void MainWindow::showFindAddress(const QString &query) {
    if (!m_findDialog) {
        m_findDialog = new FindAddressDialog(this);
        m_findDialog->setClient(m_client);
        connect(m_findDialog, &FindAddressDialog::openRequested, this,
                &MainWindow::openFoundAddress);
        connect(m_loads, &LoadController::loaded, this, &MainWindow::selectFoundAddress);
    }
    m_findDialog->show();
    m_findDialog->raise();
    m_findDialog->activateWindow();
    if (!query.trimmed().isEmpty())
        m_findDialog->search(query);
}

// A result double-clicked: its customer (the parent account: "This account") opens, and the
// address is selected once loaded. The window shows bounces; other lists are the dialog's.
void MainWindow::openFoundAddress(const QString &found, SuppressionList list,
                                  const QString &email) {
    const QString customer = found.isEmpty() ? CustomerPicker::parentAccountName() : found;
    // The hit's list, where the window has a tab for it (v2: bounces only).
    const bool hasTab = m_tabs->indexOf(list) >= 0;
    m_selectAfterLoad = hasTab ? email : QString();
    activateWindow();
    if (hasTab && list != m_model->list() && m_tabs->isEnabled()) {
        if (customer != m_model->customer())
            openCustomer(customer);
        m_tabs->setCurrentList(list); // kept rows are selected at once, else once loaded
        return;
    }
    if (customer == m_model->customer() && !m_loads->isLoading())
        selectFoundAddress(customer);
    else
        openCustomer(customer);
}

void MainWindow::selectFoundAddress(const QString &customer) {
    const QString email = std::exchange(m_selectAfterLoad, QString());
    if (email.isEmpty() || customer != m_model->customer())
        return;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const QModelIndex index = m_model->index(row, BounceTableModel::EmailColumn);
        if (index.data().toString().compare(email, Qt::CaseInsensitive) != 0)
            continue;
        m_table->clearSelection();
        m_table->selectRow(row);
        m_table->scrollTo(index);
        m_table->setFocus(Qt::OtherFocusReason);
        return;
    }
}

void MainWindow::showRetryNotice(const QString &text, int timeoutMs) {
    m_retryNotice = text;
    statusBar()->showMessage(text, timeoutMs);
}

void MainWindow::clearRetryNotice() {
    if (!m_retryNotice.isEmpty() && statusBar()->currentMessage() == m_retryNotice)
        statusBar()->clearMessage();
    m_retryNotice.clear();
}

void MainWindow::showNotConnectedYet(const QString &what) {
    m_connected = false;
    m_banner->showNotice(
        what, [this] { Q_EMIT settingsRequested(); }, tr("&Settings…"));
    updateActions();
}

void MainWindow::showNotConnected(const QString &why) {
    m_connected = false;
    m_banner->showError(
        why, [this] { Q_EMIT settingsRequested(); }, tr("&Settings…"));
    updateActions();
}

void MainWindow::showLoadError(const QString &customer, const ApiError &error) {
    m_deletes->endListLoad();
    const QString text =
        m_loads->list() == SuppressionList::Bounces
            ? tr("Could not load the bounces of %1. %2").arg(customer, error.message())
            : tr("Could not load %1 of %2. %3")
                  .arg(suppressionListTitle(m_loads->list()), customer, error.message());
    if (error.kind == ApiError::Kind::Authentication ||
        error.kind == ApiError::Kind::InvalidSettings)
        m_banner->showError(
            text, [this] { Q_EMIT settingsRequested(); }, tr("&Settings…"));
    else
        m_banner->showError(text, [this, customer] { openCustomer(customer); });
}

void MainWindow::showCustomerListError(const ApiError &error) {
    const QString text = tr("Could not list the customers. %1").arg(error.message());
    if (error.kind == ApiError::Kind::Authentication ||
        error.kind == ApiError::Kind::InvalidSettings)
        m_banner->showError(
            text, [this] { Q_EMIT settingsRequested(); }, tr("&Settings…"));
    else
        m_banner->showError(text, [this] { m_picker->reload(); });
}

void MainWindow::onDeletesFinished(const QString &summary, bool hadFailures) {
    updateActions();
    if (hadFailures)
        m_banner->showError(
            summary, [this] { m_deletes->retryFailed(); }, tr("&Retry Failed Deletes"));
    else
        statusBar()->showMessage(summary, 10000);
}

void MainWindow::updateActions() {
    const bool hasCustomer = m_connected && !m_model->customer().isEmpty();
    m_refreshAction->setEnabled(hasCustomer);
    m_deleteAction->setEnabled(m_deletes->canDelete());
    m_retryDeletesAction->setEnabled(m_deletes->failedCount() > 0 && !m_deletes->isRunning());
    m_exportAction->setEnabled(m_exports->canExport());
    m_exportSelectionAction->setEnabled(m_exports->canExport() && m_table->selectedRowCount() > 0);
    m_table->copyRowsAction()->setEnabled(m_table->selectedRowCount() > 0);
    m_table->copyAddressAction()->setEnabled(m_table->currentIndex().isValid());
    m_cancelAction->setEnabled(m_loads->isLoading() || m_deletes->isRunning() ||
                               m_exports->isExporting());
    m_customerAction->setEnabled(m_connected);
    // A delete run or an export works on the list shown: it stays shown until they end.
    m_tabs->setEnabled(!m_deletes->isRunning() && !m_exports->isExporting());
}

void MainWindow::scheduleStatusUpdate() {
    if (m_statusPending)
        return;
    m_statusPending = true;
    QTimer::singleShot(0, this, [this] {
        m_statusPending = false;
        updateStatus();
        updateActions();
        updateTitle();
    });
}

QString MainWindow::statusText() const {
    return m_status->text();
}

void MainWindow::updateStatus() {
    m_status->setCounts(m_model->totalRows(), m_model->shownRows(), m_table->selectedRowCount());
    const bool current = m_loads->customer() == m_model->customer() && !m_loads->isLoading();
    m_status->setLoadedAt(current ? m_loads->loadedAt() : QDateTime());

    const QString customer = m_model->customer();
    // An empty table after a failed or cancelled load is not an empty list: say which it is.
    const bool loadedWhole = current && m_loads->loadedAt().isValid();
    if (loadedWhole && m_loads->list() == m_model->list())
        m_tabs->setCount(m_model->list(), m_model->totalRows()); // deletes change it
    const LoadController::Outcome outcome = m_loads->lastOutcome();
    QString hint;
    QAction *action = nullptr;
    // The list shown, in words, where it is not bounces.
    const bool bounces = m_model->list() == SuppressionList::Bounces;
    const QString listTitle = suppressionListTitle(m_model->list());
    if (!m_connected) {
        hint = tr("Not connected. Open File › Connection Settings, or try the demo.");
    } else if (customer.isEmpty()) {
        hint = bounces ? tr("Choose a customer above (Ctrl+L) to see their bounces.")
                       : tr("Choose a customer above (Ctrl+L) to see their %1.").arg(listTitle);
    } else if (m_loads->isLoading()) {
        hint = bounces ? tr("Loading the bounces of %1…").arg(customer)
                       : tr("Loading %1 of %2…").arg(listTitle, customer);
    } else if (m_model->totalRows() == 0 && current && !loadedWhole &&
               outcome == LoadController::Outcome::Failed) {
        hint = bounces ? tr("Could not load the bounces of %1.\n%2")
                             .arg(customer, m_loads->lastError().message())
                       : tr("Could not load %1 of %2.\n%3")
                             .arg(listTitle, customer, m_loads->lastError().message());
        action = m_retryLoadAction;
    } else if (m_model->totalRows() == 0 && current && !loadedWhole &&
               outcome == LoadController::Outcome::Cancelled) {
        hint = bounces ? tr("Loading the bounces of %1 was cancelled.").arg(customer)
                       : tr("Loading %1 of %2 was cancelled.").arg(listTitle, customer);
        action = m_retryLoadAction;
    } else if (m_model->totalRows() == 0 && loadedWhole) {
        hint = bounces ? tr("%1 has no bounces.").arg(customer)
                       : tr("%1 of %2 is empty.").arg(listTitle, customer);
    } else if (m_model->totalRows() > 0) {
        hint = bounces ? tr("No bounces match the filter: 0 of %1 shown.")
                             .arg(QLocale().toString(m_model->totalRows()))
                       : tr("No rows match the filter: 0 of %1 shown.")
                             .arg(QLocale().toString(m_model->totalRows()));
        action = m_clearFilterAction;
    }
    m_table->setPlaceholder(hint, action);
}

void MainWindow::updateTitle() {
    const QString customer = m_model->customer();
    QString title = customer.isEmpty() ? tr("BounceDesk") : tr("%1 — BounceDesk").arg(customer);
    if (m_demo)
        title = tr("%1 (demo)").arg(title);
    setWindowTitle(title);
}

void MainWindow::updateBusy() {
    if (m_exports->isExporting())
        m_status->showActivity(tr("Exporting… %1 of %2 rows")
                                   .arg(QLocale().toString(m_exports->exportedRows()),
                                        QLocale().toString(m_exports->exportTotal())),
                               int(m_exports->exportedRows()), int(m_exports->exportTotal()));
    else if (m_loads->isLoading())
        m_status->showActivity(
            tr("Loading %1… %2 rows")
                .arg(m_loads->loadingCustomer(), QLocale().toString(m_loads->rowsReceived())));
    else if (m_deletes->isRunning())
        m_status->showActivity(
            tr("Deleting… %1 of %2")
                .arg(QLocale().toString(m_deletes->done()), QLocale().toString(m_deletes->total())),
            m_deletes->done(), m_deletes->total());
    else
        m_status->hideActivity();
    updateActions(); // at once: Cancel must work the moment something runs
    scheduleStatusUpdate();
}

void MainWindow::showAbout() {
    auto *box = new QMessageBox(QMessageBox::Information, tr("About BounceDesk"),
                                tr("BounceDesk %1\nReview, delete and export the bounces of "
                                   "SendGrid reseller customers.")
                                    .arg(QCoreApplication::applicationVersion()),
                                QMessageBox::Ok, this);
    box->setTextFormat(Qt::PlainText);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

DeletionHistoryDialog *MainWindow::deletionHistoryDialog() const {
    return m_historyDialog;
}

void MainWindow::showDeletionHistory() {
    if (!m_historyDialog) {
        m_historyDialog = new DeletionHistoryDialog(DeletionRecord::defaultPath(), this);
        m_historyDialog->setAttribute(Qt::WA_DeleteOnClose);
    } else {
        m_historyDialog->reload(); // deletes since it opened
    }
    m_historyDialog->show();
    m_historyDialog->raise();
    m_historyDialog->activateWindow();
}

void MainWindow::focusRows() {
    // Not while the suggestions show (closing, they hand the focus back to the field) nor
    // while another window is active: when the popup hides or the window activates, then.
    if (!m_focusRowsPending || !isActiveWindow() || m_picker->completer()->popup()->isVisible())
        return;
    m_focusRowsPending = false;
    m_table->setFocus(Qt::OtherFocusReason);
}

void MainWindow::changeEvent(QEvent *event) {
    QMainWindow::changeEvent(event);
    if (event->type() == QEvent::ActivationChange)
        QMetaObject::invokeMethod(this, &MainWindow::focusRows, Qt::QueuedConnection);
}

bool MainWindow::eventFilter(QObject *watched, QEvent *event) {
    if (watched == m_picker->completer()->popup() && event->type() == QEvent::Hide)
        QMetaObject::invokeMethod(this, &MainWindow::focusRows, Qt::QueuedConnection);
    // QLineEdit claims Ctrl+E (end of line) before the window's shortcut sees it; the export
    // shortcuts must work wherever the focus is, so the text fields let them pass.
    if (event->type() == QEvent::ShortcutOverride) {
        const auto *key = static_cast<QKeyEvent *>(event);
        const QKeySequence pressed(key->keyCombination());
        for (const QAction *action : {m_exportAction, m_exportSelectionAction}) {
            if (action->isEnabled() && action->shortcut() == pressed) {
                event->ignore();
                return true;
            }
        }
    }
    return QMainWindow::eventFilter(watched, event);
}

void MainWindow::closeEvent(QCloseEvent *event) {
    if (m_deletes->isRunning() && !m_closeConfirmed) {
        // Ask without a nested event loop: ignore this close, close again on "Quit".
        event->ignore();
        m_deletes->confirmQuit([this] {
            m_closeConfirmed = true;
            close();
        });
        return;
    }
    saveWindowState();
    m_loads->cancel();
    QMainWindow::closeEvent(event);
}

void MainWindow::saveWindowState() {
    QSettings settings;
    settings.setValue(geometryKey, saveGeometry());
    settings.setValue(stateKey, saveState());
    m_table->saveHeaderState();
}

void MainWindow::restoreWindowState() {
    QSettings settings;
    if (!restoreGeometry(settings.value(geometryKey).toByteArray()))
        resize(1180, 720);
    restoreState(settings.value(stateKey).toByteArray());
}
