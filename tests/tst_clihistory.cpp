// The deletion record through the command line: `delete` writes it before it prints, stops
// when it cannot, and `history` prints it as CSV with its filters.
#include "clitestsupport.h"

#include "core/deletionrecord.h"
#include "core/deletionrecordreader.h"

#include <QtTest>

#include <sys/stat.h>

namespace {

const QString kHeader = QStringLiteral("time,user,api,customer,list,email,outcome,detail");

QStringList strings(std::initializer_list<const char *> texts) {
    QStringList list;
    for (const char *text : texts)
        list << QString::fromUtf8(text);
    return list;
}

} // namespace

class TestCliHistory final : public CliTestCase {
    Q_OBJECT

private Q_SLOTS:
    void missingRecordIsJustTheHeader();
    void deleteRecordsEveryOutcomeBeforePrinting();
    void failedDeleteIsRecorded();
    void unwritableRecordStopsBeforeAnyRequest();
    void filters();
    void badSinceIsAUsageError_data();
    void badSinceIsAUsageError();
    void cellsAreNeutralisedUnlessAsked();
    void malformedLinesAreSkippedAndNamed();
    void readsTheRecordWhateverTheConnectionOptions();

private:
    // A data home of its own per test: the record starts empty. (CliTestCase's init() runs
    // as every test's init, so each test calls this first.)
    void freshDataHome() {
        m_data = std::make_unique<QTemporaryDir>();
        QVERIFY(m_data->isValid());
    }
    QProcessEnvironment env() const {
        QProcessEnvironment e = environment();
        e.insert(QStringLiteral("XDG_DATA_HOME"), m_data->path());
        return e;
    }
    QString recordPath() const {
        return m_data->filePath(QStringLiteral("BounceDesk/deletions.jsonl"));
    }
    CliTest::Run history(const QStringList &options = {}) {
        return run(QStringList{QStringLiteral("history")} + options, env());
    }
    static DeletionEntry entry(const char *time, const char *customer, const char *email,
                               DeletionOutcome outcome = DeletionOutcome::Deleted);

    std::unique_ptr<QTemporaryDir> m_data;
};

DeletionEntry TestCliHistory::entry(const char *time, const char *customer, const char *email,
                                    DeletionOutcome outcome) {
    DeletionEntry e;
    e.time = QDateTime::fromString(QString::fromLatin1(time), Qt::ISODateWithMs);
    e.user = QStringLiteral("agent");
    e.host = QStringLiteral("desk");
    e.api = QStringLiteral("v3");
    e.customer = QString::fromLatin1(customer);
    e.list = QStringLiteral("blocks");
    e.email = QString::fromUtf8(email);
    e.outcome = outcome;
    return e;
}

void TestCliHistory::missingRecordIsJustTheHeader() {
    freshDataHome();
    const CliTest::Run result = history();
    QVERIFY(result.finished);
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QCOMPARE(result.out, kHeader + QStringLiteral("\r\n"));
    QVERIFY(result.err.isEmpty());
    QVERIFY(!QFileInfo::exists(recordPath())); // reading creates nothing
}

void TestCliHistory::deleteRecordsEveryOutcomeBeforePrinting() {
    freshDataHome();
    const QString customer = QStringLiteral("cli-history");
    const Bounce gone{QStringLiteral("gone+tag@example.com"), QStringLiteral("5.1.1"),
                      QStringLiteral("no such user"), QStringLiteral("2024-02-01 10:00:00")};
    m_server.data().setBounces(customer, {gone});
    const QString absent = QStringLiteral("absent@example.com");
    const CliTest::Run deleted = run({QStringLiteral("delete"), QStringLiteral("--customer"),
                                      customer, QStringLiteral("--yes"), gone.email, absent},
                                     env());
    QVERIFY(deleted.finished);
    QVERIFY2(deleted.exitCode == 0, qPrintable(deleted.err));

    struct stat info {};
    QCOMPARE(::stat(QFile::encodeName(recordPath()).constData(), &info), 0);
    QCOMPARE(int(info.st_mode & 07777), 0600);

    const CliTest::Run result = history();
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    const QList<QStringList> records = CliTest::parseCsv(result.rawOut);
    QCOMPARE(records.size(), 3);
    QCOMPARE(records.at(0).join(QLatin1Char(',')), kHeader);
    const QRegularExpression utcMillis(
        QStringLiteral(R"(^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$)"));
    for (const QStringList &record : records.mid(1)) {
        QCOMPARE(record.size(), 8);
        QVERIFY2(utcMillis.match(record.at(0)).hasMatch(), qPrintable(record.at(0)));
        QCOMPARE(record.at(1), DeletionRecord::currentUser());
        QCOMPARE(record.at(2), QStringLiteral("v2"));
        QCOMPARE(record.at(3), customer);
        QCOMPARE(record.at(4), QStringLiteral("bounces"));
    }
    // In the order the answers came; either may come first.
    QMap<QString, QString> outcomes;
    for (const QStringList &record : records.mid(1))
        outcomes.insert(record.at(5), record.at(6));
    QCOMPARE(outcomes.value(gone.email), QStringLiteral("deleted"));
    QCOMPARE(outcomes.value(absent), QStringLiteral("not_on_list"));
    // The host is in the file, not in the CSV.
    const DeletionRecordReader::Result read = DeletionRecordReader::read(recordPath());
    QCOMPARE(read.entries.size(), 2);
    QCOMPARE(read.entries.at(0).host, DeletionRecord::currentHost());
}

void TestCliHistory::failedDeleteIsRecorded() {
    freshDataHome();
    const QString customer = QStringLiteral("cli-history-failing");
    m_server.data().setBounces(customer, CliTest::hostileBounces());
    SandboxFault fault;
    fault.type = SandboxFault::Type::ErrorWith200;
    fault.call = QStringLiteral("bounces.delete");
    fault.times = -1;
    m_server.addFault(fault);
    const QString email = QStringLiteral("plain@example.com");
    const CliTest::Run deleted = run({QStringLiteral("delete"), QStringLiteral("--customer"),
                                      customer, QStringLiteral("--yes"), email},
                                     env());
    QCOMPARE(deleted.exitCode, 1);
    const DeletionRecordReader::Result read = DeletionRecordReader::read(recordPath());
    QCOMPARE(read.entries.size(), 1);
    QCOMPARE(read.entries.at(0).email, email);
    QCOMPARE(read.entries.at(0).outcome, DeletionOutcome::Failed);
    QVERIFY(!read.entries.at(0).detail.isEmpty());
    // The printed line says the same as the record.
    QVERIFY2(deleted.out.contains(read.entries.at(0).detail), qPrintable(deleted.out));
}

void TestCliHistory::unwritableRecordStopsBeforeAnyRequest() {
    freshDataHome();
    const QString customer = QStringLiteral("cli-history-unwritable");
    m_server.data().setBounces(customer, CliTest::hostileBounces());
    { // a file where the record's folder should be: not even root can write there
        QFile blocker(m_data->filePath(QStringLiteral("BounceDesk")));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
    }
    const CliTest::Run result =
        run({QStringLiteral("delete"), QStringLiteral("--customer"), customer,
             QStringLiteral("--yes"), QStringLiteral("plain@example.com")},
            env());
    QVERIFY(result.finished);
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.err.contains(QStringLiteral("deletion record")), qPrintable(result.err));
    QVERIFY2(result.err.contains(QStringLiteral("nothing was deleted")), qPrintable(result.err));
    QVERIFY(result.out.isEmpty());
    QCOMPARE(deleteRequests(), 0);
    QCOMPARE(m_server.data().bounces(customer), CliTest::hostileBounces());
}

void TestCliHistory::filters() {
    freshDataHome();
    DeletionRecord record(recordPath());
    const QList<DeletionEntry> all = {
        entry("2026-03-03T23:59:59.999Z", "acme", "a@x.com"),
        entry("2026-03-04T00:00:00.000Z", "acme", "B@x.com", DeletionOutcome::NotOnList),
        entry("2026-03-05T12:00:00.000Z", "", "b@x.com", DeletionOutcome::Unconfirmed),
        entry("2026-03-06T12:00:00.000Z", "globex", "c@x.com", DeletionOutcome::Failed),
    };
    for (const DeletionEntry &e : all)
        QVERIFY(record.append(e));
    const auto emailsOf = [](const CliTest::Run &result) {
        QStringList emails;
        const QList<QStringList> records = CliTest::parseCsv(result.rawOut);
        for (const QStringList &r : records.mid(1))
            emails << r.at(5);
        return emails;
    };
    CliTest::Run result = history();
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QCOMPARE(emailsOf(result), strings({"a@x.com", "B@x.com", "b@x.com", "c@x.com"}));
    QCOMPARE(result.out.split(QStringLiteral("\r\n")).at(2),
             QStringLiteral("2026-03-04T00:00:00.000Z,agent,v3,acme,blocks,B@x.com,not_on_list,"));
    result = history({QStringLiteral("--since"), QStringLiteral("2026-03-04")});
    QCOMPARE(emailsOf(result), strings({"B@x.com", "b@x.com", "c@x.com"}));
    result = history({QStringLiteral("--customer"), QStringLiteral("acme")});
    QCOMPARE(emailsOf(result), strings({"a@x.com", "B@x.com"}));
    result = history(
        {QStringLiteral("--customer="), QStringLiteral("--email"), QStringLiteral("B@X.COM")});
    QCOMPARE(emailsOf(result), strings({"b@x.com"}));
    result = history({QStringLiteral("--email"), QStringLiteral("b@x.com"),
                      QStringLiteral("--since=2026-03-05")});
    QCOMPARE(emailsOf(result), strings({"b@x.com"}));
    result = history({QStringLiteral("--customer"), QStringLiteral("nobody")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QCOMPARE(result.out, kHeader + QStringLiteral("\r\n"));
}

void TestCliHistory::badSinceIsAUsageError_data() {
    QTest::addColumn<QString>("since");
    QTest::newRow("words") << "yesterday";
    QTest::newRow("month 13") << "2026-13-01";
    QTest::newRow("day 30 in february") << "2026-02-30";
    QTest::newRow("no dashes") << "20260301";
    QTest::newRow("with time") << "2026-03-01T00:00:00Z";
    QTest::newRow("empty") << "";
}

void TestCliHistory::badSinceIsAUsageError() {
    freshDataHome();
    QFETCH(QString, since);
    QVERIFY(DeletionRecord(recordPath()).append(entry("2026-03-03T00:00:00.000Z", "a", "a@x")));
    const CliTest::Run result = history({QStringLiteral("--since"), since});
    QVERIFY(result.finished);
    QCOMPARE(result.exitCode, 2);
    QVERIFY(result.out.isEmpty());
    QVERIFY2(result.err.contains(QStringLiteral("--since")), qPrintable(result.err));
    QVERIFY2(result.err.contains(QStringLiteral("YYYY-MM-DD")), qPrintable(result.err));
}

void TestCliHistory::cellsAreNeutralisedUnlessAsked() {
    freshDataHome();
    DeletionEntry hostile = entry("2026-03-03T00:00:00.000Z", "=HYPERLINK(\"x\")",
                                  "=cmd|' /C calc'!A0@evil.test", DeletionOutcome::Failed);
    hostile.detail = QStringLiteral("+1, \"quoted\"\r\nsecond line\t@end");
    hostile.user = QStringLiteral("-agent");
    QVERIFY(DeletionRecord(recordPath()).append(hostile));

    CliTest::Run result = history();
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QList<QStringList> records = CliTest::parseCsv(result.rawOut);
    QCOMPARE(records.size(), 2);
    QCOMPARE(records.at(1),
             strings({"2026-03-03T00:00:00.000Z", "'-agent", "v3", "'=HYPERLINK(\"x\")", "blocks",
                      "'=cmd|' /C calc'!A0@evil.test", "failed",
                      "'+1, \"quoted\"\r\nsecond line\t@end"}));

    result = history({QStringLiteral("--no-sanitize")});
    records = CliTest::parseCsv(result.rawOut);
    QCOMPARE(records.size(), 2);
    QCOMPARE(records.at(1), strings({"2026-03-03T00:00:00.000Z", "-agent", "v3",
                                     "=HYPERLINK(\"x\")", "blocks", "=cmd|' /C calc'!A0@evil.test",
                                     "failed", "+1, \"quoted\"\r\nsecond line\t@end"}));
}

void TestCliHistory::malformedLinesAreSkippedAndNamed() {
    freshDataHome();
    QVERIFY(DeletionRecord(recordPath()).append(entry("2026-03-03T00:00:00.000Z", "a", "a@x")));
    {
        QFile file(recordPath());
        QVERIFY(file.open(QIODevice::Append));
        file.write("{\"time\":\"\x1b[31mred\"}\n");
        file.write(QByteArray(300000, '['));
        file.write("\n");
    }
    QVERIFY(DeletionRecord(recordPath()).append(entry("2026-03-04T00:00:00.000Z", "b", "b@x")));
    const CliTest::Run result = history();
    QVERIFY(result.finished);
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QCOMPARE(CliTest::parseCsv(result.rawOut).size(), 3);
    QVERIFY2(result.err.contains(QStringLiteral("line 2")), qPrintable(result.err));
    QVERIFY2(result.err.contains(QStringLiteral("line 3")), qPrintable(result.err));
    QVERIFY(!result.err.contains(QChar(0x1b))); // no escapes reach the terminal
}

void TestCliHistory::readsTheRecordWhateverTheConnectionOptions() {
    freshDataHome();
    QVERIFY(DeletionRecord(recordPath()).append(entry("2026-03-03T00:00:00.000Z", "a", "a@x")));
    QProcessEnvironment noCredentials = environment(false);
    noCredentials.insert(QStringLiteral("XDG_DATA_HOME"), m_data->path());
    noCredentials.insert(QStringLiteral("BOUNCEDESK_API_URL"), QStringLiteral("not a url"));
    const CliTest::Run result =
        run({QStringLiteral("history"), QStringLiteral("--response-format"), QStringLiteral("xml"),
             QStringLiteral("--api-url"), QStringLiteral("https://api.example.invalid/v3/")},
            noCredentials);
    QVERIFY(result.finished);
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QCOMPARE(CliTest::parseCsv(result.rawOut).size(), 2);
    QCOMPARE(m_server.requests().size(), 0); // nothing is sent
}

QTEST_GUILESS_MAIN(TestCliHistory)
#include "tst_clihistory.moc"
