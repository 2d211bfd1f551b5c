#pragma once

#include "api/apisettings.h"
#include "core/suppressionlist.h"

#include <QMainWindow>
#include <QPointer>

class BounceTableModel;
class BounceTableView;
class CustomerPicker;
class DeleteController;
class DeletionHistoryDialog;
class ErrorBanner;
class ExportController;
class FilterBar;
class FindAddressDialog;
class ListTabs;
class LoadController;
class QAction;
class QLineEdit;
class StatusPanel;
class SuppressionClient;
class TimelineView;
struct ApiError;

// The window a support engineer lives in. It only wires parts together: the customer picker,
// the filter bar, the error banner and the table, and the controllers that load, delete and
// export. Connection settings and the demo server live in desktop.cpp.
class MainWindow final : public QMainWindow {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Uses this account from now on, through the API `settings.api` names (a client made for
    // it, which the window owns): lists its customers and reopens the last customer (the demo
    // opens its first customer).
    void setConnection(const ApiSettings &settings, bool demo);
    void openCustomer(const QString &username);
    // No usable connection: says so above the table, with a way to the settings.
    void showNotConnected(const QString &why);
    // Nothing set up yet (the first start): the same, as a notice rather than an error.
    void showNotConnectedYet(const QString &what);

    // The parts, for tests.
    SuppressionClient *client() const { return m_client; } // null before setConnection()
    BounceTableModel *model() const { return m_model; }
    BounceTableView *tableView() const { return m_table; }
    FilterBar *filterBar() const { return m_filter; }
    ListTabs *listTabs() const { return m_tabs; }
    ErrorBanner *banner() const { return m_banner; }
    CustomerPicker *customerPicker() const { return m_picker; }
    LoadController *loadController() const { return m_loads; }
    DeleteController *deleteController() const { return m_deletes; }
    ExportController *exportController() const { return m_exports; }
    TimelineView *timelineView() const { return m_timeline; }
    QString statusText() const; // total, shown, selected, loaded-at, as the status bar shows
    QAction *deletionHistoryAction() const { return m_historyAction; }
    // Tools → Deletion history (one at a time; the record of DeletionRecord::defaultPath()).
    void showDeletionHistory();
    DeletionHistoryDialog *deletionHistoryDialog() const;

    // The client of the current connection that Find Address searches and deletes through
    // (null before setConnection()). Until the window's own parts speak SuppressionClient it
    // is one of its own, made from the same settings; then it is the window's.
    // Tools → Find Address (Ctrl+Shift+F), or Enter in the toolbar's search field: one
    // dialog per window, searching `query` when it is not empty.
    void showFindAddress(const QString &query = QString());
    FindAddressDialog *findAddressDialog() const;
    QAction *findAddressAction() const { return m_findAddressAction; }
    QLineEdit *findAddressField() const { return m_findAddressField; }

Q_SIGNALS:
    void settingsRequested();

protected:
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;
    // Lets the window's export shortcuts through the text fields (QLineEdit takes Ctrl+E).
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void createActions();
    void createMenus();
    void createToolBar();
    void connectParts();
    void useClient(SuppressionClient *client);
    void updateActions();
    void scheduleStatusUpdate();
    void updateStatus();
    void updateTitle();
    void updateBusy();
    void showLoadError(const QString &customer, const ApiError &error);
    void showCustomerListError(const ApiError &error);
    void onDeletesFinished(const QString &summary, bool hadFailures);
    void showAbout();
    void focusRows(); // after a customer was picked, once the window is active
    void showRetryNotice(const QString &text, int timeoutMs);
    void clearRetryNotice();
    void saveWindowState();
    void restoreWindowState();
    void openFoundAddress(const QString &customer, SuppressionList list, const QString &email);
    void selectFoundAddress(const QString &customer);
    void showList(SuppressionList list);
    void updateListWords(); // the actions' words name the list shown

    SuppressionClient *m_client = nullptr;
    BounceTableModel *m_model;
    BounceTableView *m_table;
    FilterBar *m_filter;
    ListTabs *m_tabs;
    ErrorBanner *m_banner;
    CustomerPicker *m_picker;
    LoadController *m_loads;
    DeleteController *m_deletes;
    ExportController *m_exports;
    TimelineView *m_timeline;

    QAction *m_settingsAction = nullptr;
    QAction *m_refreshAction = nullptr;
    QAction *m_exportAction = nullptr;
    QAction *m_exportSelectionAction = nullptr;
    QAction *m_quitAction = nullptr;
    QAction *m_deleteAction = nullptr;
    QAction *m_retryDeletesAction = nullptr;
    QAction *m_findAction = nullptr;
    QAction *m_customerAction = nullptr;
    QAction *m_cancelAction = nullptr;
    QAction *m_aboutAction = nullptr;
    QAction *m_historyAction = nullptr;
    QPointer<DeletionHistoryDialog> m_historyDialog;
    QAction *m_findAddressAction = nullptr;
    QLineEdit *m_findAddressField = nullptr;
    QPointer<FindAddressDialog> m_findDialog;
    QString m_selectAfterLoad; // an address Find Address asked to show, until its list loaded
    QAction *m_retryLoadAction = nullptr;   // under the table's placeholder after a failed load
    QAction *m_clearFilterAction = nullptr; // under it while the filter hides every row

    StatusPanel *m_status = nullptr;

    QString m_tabsCustomer;     // whose counts the tabs show
    QString m_reopenWhenListed; // v3: the last customer, opened once the list says its region
    QString m_retryNotice;      // the status bar's "trying again" message, while it may be shown
    bool m_focusRowsPending = false;
    bool m_demo = false;
    bool m_connected = false;
    bool m_statusPending = false;
    bool m_closeConfirmed = false;
};
