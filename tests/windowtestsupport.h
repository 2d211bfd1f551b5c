#pragma once

// Shared by the window tests (tst_mainwindow, tst_deletecontroller, ...): an emulator with
// small known customers, a main window connected to it, and helpers to pick a customer and
// select rows the way a person does (type the name into the picker, press Enter; Ctrl+click).

#include "apitestsupport.h"

#include "bouncetableview.h"
#include "customerpicker.h"
#include "loadcontroller.h"
#include "mainwindow.h"

#include "api/suppressionclient.h"
#include "core/bouncetablemodel.h"
#include "sandbox/sandboxserver.h"

#include <QAbstractItemView>
#include <QComboBox>
#include <QCompleter>
#include <QLineEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QTest>
#include <QTextDocument>

#include <memory>

namespace WindowTest {

inline Bounce bounce(const char *email, const char *status, const char *reason,
                     const char *created) {
    return Bounce{QString::fromUtf8(email), QString::fromUtf8(status), QString::fromUtf8(reason),
                  QString::fromUtf8(created)};
}

// Five rows with every sort key distinct, a plus-address, a formula, markup and a row
// without a created time.
inline QList<Bounce> acmeBounces() {
    return {
        bounce("alice@acme.test", "5.1.1", "550 5.1.1 User unknown", "2024-03-01 10:00:00"),
        bounce("bob+tag@acme.test", "4.2.2", "452 Mailbox full", "2024-03-05 08:30:00"),
        bounce("carol@other.test", "550", "=cmd|' /C calc'!A0", "2024-02-10 12:00:00"),
        bounce("dave@acme.test", "5.7.1", "<img src=x> <b>blocked</b>", "2024-03-10 23:59:59"),
        bounce("Erin@Example.org", "4.0.0", "Greylisted, try again", ""),
    };
}

// `count` rows on one domain, so rows of two customers are told apart by their domain.
inline QList<Bounce> generatedBounces(const QString &domain, int count) {
    QList<Bounce> rows;
    for (int i = 0; i < count; ++i) {
        const QDateTime created =
            QDateTime(QDate(2024, 1, 1), QTime(0, 0), Qt::UTC).addSecs(qint64(i) * 61);
        rows.append(Bounce{QStringLiteral("user%1@%2").arg(i).arg(domain),
                           i % 3 ? QStringLiteral("5.1.1") : QStringLiteral("4.2.2"),
                           QStringLiteral("Mailbox %1 unavailable").arg(i),
                           created.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))});
    }
    return rows;
}

inline std::unique_ptr<SandboxServer> startServer() {
    auto server = std::make_unique<SandboxServer>();
    if (!server->listen())
        return nullptr;
    server->setCredentials(ApiTest::user(), ApiTest::secretKey());
    server->data().setBounces(QStringLiteral("acme"), acmeBounces());
    server->data().setBounces(QStringLiteral("globex"),
                              generatedBounces(QStringLiteral("globex.test"), 40));
    return server;
}

inline std::unique_ptr<MainWindow> openWindow(const ApiSettings &settings) {
    QSettings().clear(); // test mode: never the user's real settings
    auto window = std::make_unique<MainWindow>();
    window->setConnection(settings, false);
    window->show();
    return window;
}

inline std::unique_ptr<MainWindow> openWindow(const SandboxServer &server) {
    return openWindow(ApiTest::settingsFor(server));
}

// Types `customer` into the picker and chooses it, as a person would: when the completion
// popup offers it, arrow down to it and press Enter; otherwise Enter on the typed name.
inline void typeCustomer(MainWindow &window, const QString &customer) {
    CustomerPicker *picker = window.customerPicker();
    // Typing while the customers load is kept, but only a loaded list offers the completion.
    if (!QTest::qWaitFor([picker] { return !picker->isLoading(); }, 10000))
        qWarning("the customer list did not finish loading");
    QLineEdit *edit = picker->comboBox()->lineEdit();
    edit->clear();
    QTest::keyClicks(edit, customer);
    QAbstractItemView *popup = picker->completer()->popup();
    if (popup->isVisible()) {
        for (int row = 0; row < popup->model()->rowCount(); ++row) {
            if (popup->model()->index(row, 0).data(CustomerPicker::UsernameRole) == customer) {
                popup->setCurrentIndex(popup->model()->index(row, 0));
                QTest::keyClick(popup, Qt::Key_Return);
                break;
            }
        }
        if (popup->isVisible())
            QTest::keyClick(popup, Qt::Key_Escape);
    }
    if (picker->currentCustomer() != customer)
        QTest::keyClick(edit, Qt::Key_Return);
    // The offscreen platform leaves the closed popup "active"; a window manager would not.
    window.activateWindow();
    if (!QTest::qWaitForWindowActive(&window))
        qWarning("the main window did not become active again");
}

inline bool waitLoaded(MainWindow &window, const QString &customer, int timeoutMs = 10000) {
    return QTest::qWaitFor(
        [&] {
            return !window.loadController()->isLoading() &&
                   window.model()->customer() == customer &&
                   window.loadController()->loadedAt().isValid();
        },
        timeoutMs);
}

inline QStringList shownEmails(const BounceTableModel &model) {
    QStringList emails;
    for (int row = 0; row < model.rowCount(); ++row)
        emails << model.index(row, BounceTableModel::EmailColumn).data().toString();
    return emails;
}

// What a person reads in a widget that renders `text` with Qt's rich-text auto-detection
// (tooltips, labels in AutoText): the rendered plain text.
inline QString renderedAsAutoText(const QString &text) {
    QTextDocument document;
    if (Qt::mightBeRichText(text))
        document.setHtml(text);
    else
        document.setPlainText(text);
    return document.toPlainText();
}

inline int rowOf(const BounceTableModel &model, const QString &email) {
    return int(shownEmails(model).indexOf(email));
}

// Selects the rows of these addresses with Ctrl+click, as a person selects several rows.
// False (with a warning naming it) when an address is not shown.
inline bool ctrlClickRows(MainWindow &window, const QStringList &emails) {
    BounceTableView *table = window.tableView();
    table->clearSelection();
    for (const QString &email : emails) {
        const int row = rowOf(*window.model(), email);
        if (row < 0) {
            qWarning("not shown: %s", qPrintable(email));
            return false;
        }
        QTest::mouseClick(table->viewport(), Qt::LeftButton, Qt::ControlModifier,
                          table->visualRect(window.model()->index(row, 0)).center());
    }
    return table->selectedRowCount() == emails.size();
}

// The barrier for "nothing more was sent": a delete of an address no customer has, sent through
// `client` (the window's) after whatever is under test and answered (v2 "Email does not exist",
// v3 404). The emulator logs requests in the order they arrive, so a delete sent before the
// barrier is in the log by the time its answer is back. Returns the addresses of the deletes
// logged before the barrier (or a line saying the barrier got no answer, which no test expects).
inline QStringList deletesBeforeBarrier(SuppressionClient &client, const SandboxServer &server,
                                        const QString &customer) {
    const QString barrier = QStringLiteral("barrier@nowhere.invalid");
    AddressDeleteJob *job =
        client.deleteAddresses(Tenant::subuser(customer), SuppressionList::Bounces, {barrier});
    QSignalSpy outcomes(job, &AddressDeleteJob::outcomes);
    if (!QTest::qWaitFor([&] { return outcomes.size() > 0; }, 20000))
        return {QStringLiteral("(the barrier delete got no answer)")};
    QStringList before;
    const QList<SandboxRequest> requests = server.requests();
    for (const SandboxRequest &request : requests) {
        if (request.task != QLatin1String("delete"))
            continue;
        if (request.email == barrier)
            return before;
        before.append(request.email);
    }
    return {QStringLiteral("(the barrier delete is not in the log)")};
}

} // namespace WindowTest
