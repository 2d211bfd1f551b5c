// The transfer timeout's arithmetic, and that a watchdog left alone says it stalled. That
// progress keeps a transfer alive, through real replies, is tst_faultmatrix's drip-feed rows
// (a body longer in total than its transfer timeout) and tst_apicall's timeout tests.

#include "api/transferwatchdog.h"

#include <QSignalSpy>
#include <QtTest>

class TestTransferWatchdog : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void remainingCountsFromTheLastProgress_data() {
        QTest::addColumn<qint64>("now");
        QTest::addColumn<qint64>("lastProgress");
        QTest::addColumn<int>("timeout");
        QTest::addColumn<qint64>("remaining");
        QTest::newRow("just started") << qint64(5000) << qint64(5000) << 1000 << qint64(1000);
        QTest::newRow("part waited") << qint64(5900) << qint64(5000) << 1000 << qint64(100);
        QTest::newRow("exactly out") << qint64(6000) << qint64(5000) << 1000 << qint64(0);
        QTest::newRow("long out") << qint64(9000) << qint64(5000) << 1000 << qint64(0);
        // The timer set at the start fires at 6000; progress at 5800 leaves 800 from then.
        QTest::newRow("progress since") << qint64(6000) << qint64(5800) << 1000 << qint64(800);
    }

    void remainingCountsFromTheLastProgress() {
        QFETCH(qint64, now);
        QFETCH(qint64, lastProgress);
        QFETCH(int, timeout);
        QFETCH(qint64, remaining);
        QCOMPARE(TransferWatchdog::remainingMs(now, lastProgress, timeout), remaining);
    }

    void stallsWithoutProgress() {
        TransferWatchdog watchdog;
        QSignalSpy stalled(&watchdog, &TransferWatchdog::stalled);
        watchdog.start(10);
        QVERIFY(watchdog.isActive());
        QTRY_COMPARE_WITH_TIMEOUT(stalled.count(), 1, 20000);
        QVERIFY(!watchdog.isActive()); // once per start()
    }

    void stoppedIsInactive() {
        TransferWatchdog watchdog;
        watchdog.start(60'000);
        watchdog.stop();
        QVERIFY(!watchdog.isActive());
    }
};

QTEST_GUILESS_MAIN(TestTransferWatchdog)
#include "tst_transferwatchdog.moc"
