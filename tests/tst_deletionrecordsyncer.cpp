// The deletion record synced beside the window: answers later, in the order asked, with the
// reason when a record cannot be synced; nothing answered once the syncer is gone.
#include "core/deletionrecord.h"
#include "core/deletionrecordreader.h"
#include "core/deletionrecordsyncer.h"

#include <QtTest>

class TestDeletionRecordSyncer final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void answersComeLaterInTheOrderAsked();
    void aRecordThatCannotBeSyncedSaysWhy();
    void answersStillDueWhenTheSyncerGoesAreNotGiven();

private:
    static DeletionEntry entry(const QString &email);
    QString pathOf(const QString &name) const {
        return m_dir->filePath(name + QStringLiteral("/deletions.jsonl"));
    }
    std::unique_ptr<QTemporaryDir> m_dir;
};

DeletionEntry TestDeletionRecordSyncer::entry(const QString &email) {
    DeletionEntry entry;
    entry.api = QStringLiteral("v2");
    entry.customer = QStringLiteral("acme");
    entry.list = QStringLiteral("bounces");
    entry.email = email;
    entry.outcome = DeletionOutcome::Deleted;
    return entry;
}

void TestDeletionRecordSyncer::init() {
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestDeletionRecordSyncer::answersComeLaterInTheOrderAsked() {
    DeletionRecord first(pathOf(QStringLiteral("first")));
    DeletionRecord second(pathOf(QStringLiteral("second")));
    QVERIFY(first.writeAll({entry(QStringLiteral("a@acme.test"))}));
    QVERIFY(second.writeAll({entry(QStringLiteral("b@acme.test"))}));

    DeletionRecordSyncer syncer;
    QStringList answers;
    const auto answer = [&answers](const QString &name) {
        return [&answers, name](bool synced, const QString &error) {
            QVERIFY2(synced, qPrintable(error));
            QCOMPARE(QThread::currentThread(), qApp->thread());
            answers << name;
        };
    };
    syncer.sync(first, answer(QStringLiteral("first")));
    syncer.sync(second, answer(QStringLiteral("second")));
    // Asked from within an answer, as the window asks when outcomes come while it shows some.
    syncer.sync(first, [&](bool synced, const QString &error) {
        answer(QStringLiteral("first again"))(synced, error);
        syncer.sync(second, answer(QStringLiteral("from an answer")));
    });
    QVERIFY(answers.isEmpty()); // never from within sync()
    QCOMPARE(syncer.pending(), 3);
    QTRY_COMPARE(answers.size(), 4);
    QCOMPARE(answers,
             (QStringList{QStringLiteral("first"), QStringLiteral("second"),
                          QStringLiteral("first again"), QStringLiteral("from an answer")}));
    QCOMPARE(syncer.pending(), 0);
    // Syncing changed nothing in the files.
    QCOMPARE(DeletionRecordReader::read(first.path()).entries.size(), 1);
    QCOMPARE(DeletionRecordReader::read(second.path()).entries.size(), 1);
}

void TestDeletionRecordSyncer::aRecordThatCannotBeSyncedSaysWhy() {
    DeletionRecord good(pathOf(QStringLiteral("good")));
    QVERIFY(good.writeAll({entry(QStringLiteral("a@acme.test"))}));
    const QString folderPath = pathOf(QStringLiteral("folder"));
    QVERIFY(QDir().mkpath(folderPath)); // a folder where the file should be
    DeletionRecord folder(folderPath);
    QVERIFY(!folder.writeAll({entry(QStringLiteral("b@acme.test"))}));
    QVERIFY(!folder.sync());

    DeletionRecordSyncer syncer;
    QList<std::pair<bool, QString>> answers;
    const auto keep = [&answers](bool synced, const QString &error) {
        answers.append({synced, error});
    };
    syncer.sync(good, keep);
    syncer.sync(folder, keep);
    syncer.sync(good, keep);
    QTRY_COMPARE(answers.size(), 3);
    QVERIFY2(answers[0].first, qPrintable(answers[0].second));
    QVERIFY(!answers[1].first);
    QVERIFY2(answers[1].second.contains(QStringLiteral("deletions.jsonl")),
             qPrintable(answers[1].second));
    QCOMPARE(answers[1].second, folder.errorString());
    QVERIFY2(answers[2].first, qPrintable(answers[2].second)); // each file judged on its own
}

void TestDeletionRecordSyncer::answersStillDueWhenTheSyncerGoesAreNotGiven() {
    DeletionRecord record(pathOf(QStringLiteral("record")));
    QVERIFY(record.writeAll({entry(QStringLiteral("a@acme.test"))}));
    int answered = 0;
    auto syncer = std::make_unique<DeletionRecordSyncer>();
    for (int i = 0; i < 20; ++i)
        syncer->sync(record, [&answered](bool, const QString &) { ++answered; });
    syncer.reset();
    QCoreApplication::sendPostedEvents();
    QCOMPARE(answered, 0);
    QCOMPARE(DeletionRecordReader::read(record.path()).entries.size(), 1);
}

QTEST_GUILESS_MAIN(TestDeletionRecordSyncer)
#include "tst_deletionrecordsyncer.moc"
