// Bugs the asan build (AddressSanitizer + UBSan, see tests/run.sh) found, each as the smallest
// test that shows it. Under the asan preset the sanitizer fails the test if the bug comes back;
// in the normal build the test checks what the user sees.
#include "connectiondialog.h"

#include "sandbox/sandboxserver.h"

#include <QLabel>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QtTest>

#include <memory>

class TestSanitizerFindings final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void dialogClosedRightAfterItsTest_data();
    void dialogClosedRightAfterItsTest();
};

// UBSan, "member access within address which does not point to an object of type
// 'ConnectionDialog'": the dialog was closed right after its connection test ended, while the
// ended job still waited for its deferred deletion. ~QWidget then deleted the job with the
// dialog's client, and the job's `destroyed` ran a lambda of the half-destroyed dialog.
void TestSanitizerFindings::dialogClosedRightAfterItsTest_data() {
    QTest::addColumn<QString>("key");
    QTest::addColumn<bool>("expectOk");
    QTest::addColumn<bool>("v3");
    QTest::newRow("connected") << SandboxServer::demoKey() << true << false;
    QTest::newRow("wrong_key") << QStringLiteral("not-the-demo-key") << false << false;
    // v3 ends with a second job (may the key read suppressions?), and each test has its own
    // client.
    QTest::newRow("v3_connected") << SandboxServer::demoKey() << true << true;
    QTest::newRow("v3_wrong_key") << QStringLiteral("not-the-demo-key") << false << true;
}

void TestSanitizerFindings::dialogClosedRightAfterItsTest() {
    QFETCH(QString, key);
    QFETCH(bool, expectOk);
    QFETCH(bool, v3);
    SandboxServer server;
    QVERIFY2(server.listen(), qPrintable(server.errorString()));
    ApiSettings settings;
    settings.api = v3 ? ApiVersion::V3 : ApiVersion::V2;
    settings.baseUrl = v3 ? server.v3BaseUrl() : server.baseUrl();
    settings.apiUser = SandboxServer::demoUser();
    settings.apiKey = key;
    settings.retryBaseDelayMs = 10;

    auto dialog = std::make_unique<ConnectionDialog>(settings);
    QSignalSpy finished(dialog.get(), &ConnectionDialog::testFinished);
    dialog->findChild<QPushButton *>(QStringLiteral("testButton"))->click();
    // wait() returns as soon as the signal comes, before the ended job is deleted.
    QVERIFY(finished.wait(20000));
    QCOMPARE(finished.at(0).at(0).toBool(), expectOk);
    QCOMPARE(dialog->findChild<QLabel *>(QStringLiteral("testResult"))->text(),
             finished.at(0).at(1).toString());

    QPointer<ConnectionDialog> watched = dialog.get();
    dialog.reset(); // the ended job goes with it and must not call back
    QVERIFY(watched.isNull());
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);

    // Closed while a test runs, and tested again while one runs (the first client goes).
    dialog = std::make_unique<ConnectionDialog>(settings);
    QSignalSpy again(dialog.get(), &ConnectionDialog::testFinished);
    auto *button = dialog->findChild<QPushButton *>(QStringLiteral("testButton"));
    button->click();
    dialog->testConnection();
    QVERIFY(again.wait(20000));
    QCOMPARE(again.at(0).at(0).toBool(), expectOk);
    button->click();
    QVERIFY(dialog->isTesting());
    dialog.reset();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
}

QTEST_MAIN(TestSanitizerFindings)
#include "tst_sanitizerfindings.moc"
