// The fault matrix on the command line: `bouncedesk export -o FILE` over a file that already
// holds an earlier export, against every fault the emulator produces (plus a disk that fills
// up and an interrupt). A failure says why in one or two lines and leaves the earlier file
// byte for byte, with no temporary file beside it; a fault that recovers replaces the file
// with the complete list. Also the delete whose answer never came: reported as unknown, and
// deleting again is safe.
#include "clitestsupport.h"

#include <QtTest>

#include <QDir>
#include <QProcess>

#include <csignal>
#include <sys/resource.h>

namespace {

using Type = SandboxFault::Type;
constexpr int noFault = -1;
const QByteArray kPrecious = "an earlier export that must survive\r\n";
const QString kTimeout = QStringLiteral("0.4"); // seconds, for --timeout

QList<Bounce> rowsOn(const QString &domain, int count) {
    QList<Bounce> rows;
    for (int i = 0; i < count; ++i)
        rows.append(Bounce{QStringLiteral("user%1@%2").arg(i).arg(domain), QStringLiteral("5.1.1"),
                           QStringLiteral("Mailbox %1 unavailable").arg(i),
                           QStringLiteral("2024-01-01 00:00:00")});
    return rows;
}

} // namespace

class TestFaultMatrixCli final : public CliTestCase {
    Q_OBJECT

private Q_SLOTS:
    void exportOverAnEarlierFile_data();
    void exportOverAnEarlierFile();
    void exportFailingToWriteLeavesTheEarlierFile();
    void interruptedExportLeavesNoFile_data();
    void interruptedExportLeavesNoFile();
    void deleteWithoutAnswerIsReportedAndSafeToRepeat_data();
    void deleteWithoutAnswerIsReportedAndSafeToRepeat();
    void retryAfterALostAnswerReportsTheDelete_data();
    void retryAfterALostAnswerReportsTheDelete();

private:
    QString earlierFile(const QTemporaryDir &dir) const;
    static void verifyEarlierFileAlone(const QTemporaryDir &dir, const QString &path);
    // Serves `rows` for `customer` and loses the answers of the first `times` deletes (-1: all)
    // to `fault` (a 2 s delay, past --timeout, or a reset). Returns the command line that
    // deletes the first row.
    QStringList deleteWithLostAnswers(const QString &customer, const QList<Bounce> &rows,
                                      Type fault, int times);
    QStringList exportArguments(const QString &customer, const QString &path) const {
        return {QStringLiteral("export"),
                QStringLiteral("--customer"),
                customer,
                QStringLiteral("-o"),
                path,
                QStringLiteral("--timeout"),
                kTimeout};
    }
};

QString TestFaultMatrixCli::earlierFile(const QTemporaryDir &dir) const {
    const QString path = dir.filePath(QStringLiteral("bounces.csv"));
    QFile old(path);
    if (!old.open(QIODevice::WriteOnly) || old.write(kPrecious) != kPrecious.size())
        return {};
    return path;
}

void TestFaultMatrixCli::verifyEarlierFileAlone(const QTemporaryDir &dir, const QString &path) {
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), kPrecious);
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden),
             QStringList{QStringLiteral("bounces.csv")});
}

void TestFaultMatrixCli::exportOverAnEarlierFile_data() {
    QTest::addColumn<int>("fault"); // SandboxFault::Type, or noFault
    QTest::addColumn<int>("times");
    QTest::addColumn<qint64>("afterBytes");
    QTest::addColumn<QString>("customer");  // "duplicates" and "no-such-customer" are special
    QTest::addColumn<QStringList>("words"); // empty: the export must succeed
    const QString big = QStringLiteral("cli-big");
    const QString small = QStringLiteral("cli-small");
    const QStringList none;
    QTest::newRow("timeout") << int(Type::Hold) << -1 << qint64(0) << small
                             << QStringList{QStringLiteral("timed out")};
    QTest::newRow("reset mid-body") << int(Type::Reset) << -1 << qint64(600'000) << big
                                    << QStringList{QStringLiteral("ended early")};
    QTest::newRow("truncated body") << int(Type::Truncate) << -1 << qint64(600'000) << big
                                    << QStringList{QStringLiteral("ended early")};
    QTest::newRow("500") << int(Type::Http500) << -1 << qint64(0) << small
                         << QStringList{QStringLiteral("HTTP 500"),
                                        QStringLiteral("Internal server error")};
    QTest::newRow("502 HTML") << int(Type::Http502Html) << -1 << qint64(0) << small
                              << QStringList{QStringLiteral("HTTP 502")};
    QTest::newRow("429 recovers") << int(Type::RateLimit) << 1 << qint64(0) << small << none;
    QTest::newRow("wrong credentials")
        << int(Type::WrongCredentials) << -1 << qint64(0) << small
        << QStringList{QStringLiteral("HTTP 401"), QStringLiteral("wrong credentials")};
    QTest::newRow("error with 200")
        << int(Type::ErrorWith200) << -1 << qint64(0) << small
        << QStringList{QStringLiteral("Database temporarily unavailable")};
    QTest::newRow("wrong content type") << int(Type::WrongContentType) << -1 << qint64(0) << small
                                        << QStringList{QStringLiteral("text/html")};
    QTest::newRow("invalid UTF-8 repaired")
        << int(Type::InvalidUtf8) << 1 << qint64(0) << small << none;
    QTest::newRow("10 MB field") << int(Type::HugeField) << 1 << qint64(0) << small << none;
    // Longer than a field may hold (16 MiB): refused by name and size, never cut silently.
    QTest::newRow("17 MiB field") << int(Type::HugeField) << 1 << qint64(17) * 1024 * 1024 << small
                                  << QStringList{QStringLiteral("the reason of"),
                                                 QStringLiteral("a field may hold")};
    QTest::newRow("empty body") << int(Type::EmptyBody) << -1 << qint64(0) << small
                                << QStringList{QStringLiteral("empty body")};
    QTest::newRow("labelled gzip, sent plain")
        << int(Type::MislabelledCompression) << -1 << qint64(0) << big
        << QStringList{QStringLiteral("(gzip) and did not decompress")};
    QTest::newRow("drip feed") << int(Type::DripFeed) << 1 << qint64(0) << small << none;
    QTest::newRow("duplicate addresses")
        << noFault << 0 << qint64(0) << QStringLiteral("duplicates") << none;
    QTest::newRow("customer unknown to the server")
        << noFault << 0 << qint64(0) << QStringLiteral("no-such-customer")
        << QStringList{QStringLiteral("HTTP 400"), QStringLiteral("User does not exist")};
}

void TestFaultMatrixCli::exportOverAnEarlierFile() {
    QFETCH(int, fault);
    QFETCH(int, times);
    QFETCH(qint64, afterBytes);
    QFETCH(QString, customer);
    QFETCH(QStringList, words);
    QList<Bounce> served = rowsOn(QStringLiteral("small.test"), 30);
    if (customer == QLatin1String("cli-big"))
        served = rowsOn(QStringLiteral("big.test"), 8000);
    if (customer == QLatin1String("duplicates"))
        served.append(Bounce{served.constFirst().email, QStringLiteral("4.2.2"),
                             QStringLiteral("again"), QStringLiteral("2024-02-01 00:00:00")});
    if (customer != QLatin1String("no-such-customer"))
        m_server.data().setBounces(customer, served);
    if (fault != noFault) {
        SandboxFault f;
        f.type = Type(fault);
        f.call = QStringLiteral("bounces.get");
        f.times = times;
        f.afterBytes = afterBytes;
        f.delayMs = 40; // a steady drip (a Hold is never released: only the timeout ends it)
        f.chunkBytes = 256;
        m_server.addFault(f);
    }
    QTemporaryDir dir;
    const QString path = earlierFile(dir);
    QVERIFY(!path.isEmpty());
    QStringList arguments = exportArguments(customer, path);
    // Only the hold is about the transfer timeout: for every other fault a short one would
    // let a busy machine turn slowness into a timeout and a retry without the fault.
    if (fault != int(Type::Hold))
        arguments.last() = QStringLiteral("60");
    const CliTest::Run result = run(arguments);
    QVERIFY(result.finished);
    QCOMPARE(result.out, QString()); // the CSV goes to the file, never to stdout

    if (words.isEmpty()) {
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QStringList> records = CliTest::parseCsv(file.readAll());
        QCOMPARE(records.size(), m_server.data().bounceCount(customer) + 1);
        QCOMPARE(records.size(), served.size() + 1); // duplicates included: nothing merged away
        if (fault == int(Type::HugeField))
            QVERIFY(file.size() > 10'000'000);
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden),
                 QStringList{QStringLiteral("bounces.csv")});
        return;
    }
    QVERIFY2(result.exitCode == 1, qPrintable(result.err));
    QVERIFY2(result.err.startsWith(
                 QStringLiteral("bouncedesk: could not export the bounces of %1: ").arg(customer)),
             qPrintable(result.err));
    for (const QString &word : std::as_const(words))
        QVERIFY2(result.err.contains(word, Qt::CaseInsensitive), qPrintable(result.err));
    QVERIFY2(result.err.contains(QStringLiteral("nothing was written to %1").arg(path)),
             qPrintable(result.err));
    QVERIFY2(!result.err.contains(QLatin1String("unknown error"), Qt::CaseInsensitive),
             qPrintable(result.err));
    QVERIFY(result.err.count(QLatin1Char('\n')) <= 3);
    verifyEarlierFileAlone(dir, path);
}

// A disk that fills up half way (a file size limit on the child, which root obeys too):
// the write fails, the earlier file stays, the temporary file goes.
void TestFaultMatrixCli::exportFailingToWriteLeavesTheEarlierFile() {
    const QString customer = QStringLiteral("cli-big");
    m_server.data().setBounces(customer, rowsOn(QStringLiteral("big.test"), 8000));
    QTemporaryDir dir;
    const QString path = earlierFile(dir);
    QVERIFY(!path.isEmpty());
    QProcess process;
    process.setProcessEnvironment(environment());
    process.setChildProcessModifier([] {
        ::signal(SIGXFSZ, SIG_IGN); // a write past the limit then fails with EFBIG
        const rlimit limit{64 * 1024, 64 * 1024};
        ::setrlimit(RLIMIT_FSIZE, &limit);
    });
    QSignalSpy finished(&process, &QProcess::finished);
    process.start(QStringLiteral(BOUNCEDESK_EXECUTABLE), exportArguments(customer, path));
    QVERIFY(finished.wait(30'000));
    const QString err = QString::fromUtf8(process.readAllStandardError());
    recordOutput(QString::fromUtf8(process.readAllStandardOutput()), err);
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 1);
    QVERIFY2(err.startsWith(QStringLiteral("bouncedesk: cannot write %1").arg(path)),
             qPrintable(err));
    verifyEarlierFileAlone(dir, path);
}

void TestFaultMatrixCli::interruptedExportLeavesNoFile_data() {
    QTest::addColumn<int>("signalNumber");
    QTest::addColumn<bool>("namedTemporaryFile"); // as on NFS: no O_TMPFILE
    QTest::newRow("Ctrl+C (SIGINT)") << int(SIGINT) << false;
    QTest::newRow("Ctrl+C (SIGINT), no unnamed temporary files") << int(SIGINT) << true;
    QTest::newRow("SIGTERM, no unnamed temporary files") << int(SIGTERM) << true;
}

// Stopped while the list arrives: the earlier file stays, and no partial temporary file is
// left beside it. Where the file system has unnamed temporary files (O_TMPFILE) the kernel
// sees to that; elsewhere QSaveFile's named temporary file must be removed on the way out.
void TestFaultMatrixCli::interruptedExportLeavesNoFile() {
    QFETCH(int, signalNumber);
    QFETCH(bool, namedTemporaryFile);
    const QString customer = QStringLiteral("cli-slow");
    m_server.data().setBounces(customer, rowsOn(QStringLiteral("slow.test"), 5000));
    SandboxFault drip;
    drip.type = Type::DripFeed;
    drip.call = QStringLiteral("bounces.get");
    drip.chunkBytes = 8192;
    drip.delayMs = 10 * 60'000; // the first rows, then nothing until the signal has come
    m_server.addFault(drip);
    QTemporaryDir dir;
    const QString path = earlierFile(dir);
    QVERIFY(!path.isEmpty());
    QProcessEnvironment env = environment();
    if (namedTemporaryFile) {
        env.insert(QStringLiteral("LD_PRELOAD"), QStringLiteral(BOUNCEDESK_NO_TMPFILE_SHIM));
        // A sanitizer build checks that its runtime comes first; the shim only wraps open().
        env.insert(QStringLiteral("ASAN_OPTIONS"), env.value(QStringLiteral("ASAN_OPTIONS")) +
                                                       QStringLiteral(":verify_asan_link_order=0"));
    }
    QProcess process;
    process.setProcessEnvironment(env);
    QSignalSpy finished(&process, &QProcess::finished);
    QStringList arguments = exportArguments(customer, path);
    arguments.last() = QStringLiteral("600"); // --timeout: only the signal ends this export
    process.start(QStringLiteral(BOUNCEDESK_EXECUTABLE), arguments);
    // Logged as the emulator takes the request, which it answers with the headers and the
    // first rows at once: the export is under way.
    QTRY_VERIFY_WITH_TIMEOUT(!m_server.requests().isEmpty(), 10'000);
    if (namedTemporaryFile) // the shim works: the temporary file has a name beside the target
        QTRY_COMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 2);
    QCOMPARE(finished.count(), 0);
    ::kill(pid_t(process.processId()), signalNumber);
    QVERIFY(finished.count() > 0 || finished.wait(10'000));
    const QString err = QString::fromUtf8(process.readAllStandardError());
    recordOutput(QString::fromUtf8(process.readAllStandardOutput()), err);
    verifyEarlierFileAlone(dir, path);
    QCOMPARE(process.exitStatus(), QProcess::NormalExit); // it stopped itself, tidily
    QCOMPARE(process.exitCode(), 128 + signalNumber);
    QVERIFY2(err.endsWith(QLatin1String("bouncedesk: interrupted.\n")), qPrintable(err));
}

QStringList TestFaultMatrixCli::deleteWithLostAnswers(const QString &customer,
                                                      const QList<Bounce> &rows, Type fault,
                                                      int times) {
    m_server.data().setBounces(customer, rows);
    SandboxFault f;
    f.type = fault;
    f.call = QStringLiteral("bounces.delete");
    f.times = times;
    m_server.addFault(f);
    return {QStringLiteral("delete"), QStringLiteral("--customer"), customer,
            QStringLiteral("--yes"),  QStringLiteral("--timeout"),  kTimeout,
            rows.constFirst().email};
}

void TestFaultMatrixCli::deleteWithoutAnswerIsReportedAndSafeToRepeat_data() {
    QTest::addColumn<int>("fault");
    QTest::newRow("timeout") << int(Type::Hold);
    QTest::newRow("connection reset before the answer") << int(Type::Reset);
}

void TestFaultMatrixCli::deleteWithoutAnswerIsReportedAndSafeToRepeat() {
    QFETCH(int, fault);
    const QString customer = QStringLiteral("cli-doubt");
    const QList<Bounce> rows = rowsOn(QStringLiteral("doubt.test"), 3);
    const QStringList arguments = deleteWithLostAnswers(customer, rows, Type(fault), -1);
    const QString victim = rows.constFirst().email;
    const CliTest::Run doubtful = run(arguments);
    QVERIFY(doubtful.finished);
    QCOMPARE(doubtful.exitCode, 1);
    QVERIFY2(doubtful.out.startsWith(QStringLiteral("failed: %1: ").arg(victim)),
             qPrintable(doubtful.out));
    QVERIFY2(doubtful.out.contains(QLatin1String("the outcome is unknown; deleting again is safe")),
             qPrintable(doubtful.out));
    QVERIFY2(doubtful.out.contains(fault == int(Type::Hold) ? QLatin1String("timed out")
                                                            : QLatin1String("closed before"),
                                   Qt::CaseInsensitive),
             qPrintable(doubtful.out));

    // The server did act; deleting again says so, and touches nothing else.
    m_server.clearFaults();
    const CliTest::Run again = run(arguments);
    QVERIFY(again.finished);
    QVERIFY2(again.exitCode == 0, qPrintable(again.err));
    QCOMPARE(again.out, QStringLiteral("was not on the list: %1\n").arg(victim));
    QCOMPARE(m_server.data().bounces(customer), rows.mid(1));
}

// Only a timeout: when a connection is reset before any answer, Qt 6.4 itself sends the request
// once more on a new connection without telling (it takes the connection for a stale
// keep-alive one), so the call sees one attempt and "not on the list" is all it can know.
void TestFaultMatrixCli::retryAfterALostAnswerReportsTheDelete_data() {
    QTest::addColumn<int>("fault");
    QTest::newRow("timeout") << int(Type::Hold);
}

// The first attempt's answer is lost (the server did delete), the automatic retry hears "Email
// does not exist": this command deleted the address, and must not say it was not on the list.
void TestFaultMatrixCli::retryAfterALostAnswerReportsTheDelete() {
    QFETCH(int, fault);
    const QString customer = QStringLiteral("cli-lost-answer");
    const QList<Bounce> rows = rowsOn(QStringLiteral("lost.test"), 3);
    const CliTest::Run run1 = run(deleteWithLostAnswers(customer, rows, Type(fault), 1));
    const QString victim = rows.constFirst().email;
    m_server.clearFaults();
    QVERIFY(run1.finished);
    QVERIFY2(run1.exitCode == 0, qPrintable(run1.out + run1.err));
    QCOMPARE(run1.out, QStringLiteral("deleted: %1 (the answer to the first attempt was lost; the "
                                      "retry found the address gone)\n")
                           .arg(victim));
    QCOMPARE(m_server.data().bounces(customer), rows.mid(1));
}

QTEST_GUILESS_MAIN(TestFaultMatrixCli)
#include "tst_faultmatrix_cli.moc"
