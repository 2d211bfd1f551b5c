// `bouncedesk export` end to end: what the emulator serves, in JSON and XML, plain or
// gzip-compressed, is what the CSV holds; formulas are neutralised unless asked; a file is
// written atomically or not at all.
#include "clitestsupport.h"

#include "cli/outputfile.h"
#include "core/filewriteback.h"

#include <QtTest>

#include <cerrno>
#include <csignal>
#include <sys/stat.h>
#include <thread>

class TestCliExport final : public CliTestCase {
    Q_OBJECT

private Q_SLOTS:
    void exportMatchesServer_data();
    void exportMatchesServer();
    void exportNeutralisesFormulas_data();
    void exportNeutralisesFormulas();
    void exportToFile_data();
    void exportToFile();
    void failedExportLeavesFileUntouched_data();
    void failedExportLeavesFileUntouched();
    void failedExportToStdoutPrintsNothing();
    void exportSurvivesRateLimit();
    void exportIntoFifoKeepsTheFifo();
    void fullDeviceSaysNoSpace();
    void directoryIsRefused();
    void outputFileWhoseSyncFailedIsNotCommitted();
    void interruptWhileParsingEndsTheProcess();
};

void TestCliExport::exportMatchesServer_data() {
    QTest::addColumn<QString>("format");
    QTest::addColumn<bool>("sanitised");
    QTest::addColumn<bool>("compressed"); // the body gzipped, as SendGrid may send it
    QTest::newRow("json raw") << QStringLiteral("json") << false << false;
    QTest::newRow("xml raw") << QStringLiteral("xml") << false << false;
    QTest::newRow("json sanitised") << QStringLiteral("json") << true << false;
    QTest::newRow("xml sanitised") << QStringLiteral("xml") << true << false;
    QTest::newRow("json gzip") << QStringLiteral("json") << true << true;
    QTest::newRow("xml gzip") << QStringLiteral("xml") << true << true;
}

void TestCliExport::exportMatchesServer() {
    QFETCH(QString, format);
    QFETCH(bool, sanitised);
    QFETCH(bool, compressed);
    m_server.setCompressesBodies(compressed);
    const int compressedBefore = m_server.compressedAnswers();
    const QString customer = largestCustomer();
    QStringList arguments = {QStringLiteral("export"), QStringLiteral("--customer"), customer,
                             QStringLiteral("--response-format"), format};
    if (!sanitised)
        arguments << QStringLiteral("--no-sanitize");
    const CliTest::Run result = run(arguments);
    QVERIFY(result.finished);
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QList<Bounce> expected = m_server.data().bounces(customer);
    if (format == QLatin1String("xml"))
        expected = CliTest::asServedInXml(expected);
    QVERIFY(expected.size() > 4096); // more than one batch
    QCOMPARE(CliTest::parseCsv(result.rawOut), CliTest::csvRecordsOf(expected, sanitised));
    QVERIFY(!m_server.requests().isEmpty());
    QVERIFY(m_server.requests().constLast().path.endsWith(QLatin1String(".") + format));
    QCOMPARE(m_server.compressedAnswers() > compressedBefore, compressed);
}

void TestCliExport::exportNeutralisesFormulas_data() {
    QTest::addColumn<bool>("sanitised");
    QTest::newRow("default") << true;
    QTest::newRow("--no-sanitize") << false;
}

void TestCliExport::exportNeutralisesFormulas() {
    QFETCH(bool, sanitised);
    const QString customer = QStringLiteral("cli-hostile");
    m_server.data().setBounces(customer, CliTest::hostileBounces());
    QStringList arguments = {QStringLiteral("export"), QStringLiteral("--customer"), customer};
    if (!sanitised)
        arguments << QStringLiteral("--no-sanitize");
    const CliTest::Run result = run(arguments);
    QVERIFY(result.finished);
    QCOMPARE(result.exitCode, 0);
    const QList<QStringList> records = CliTest::parseCsv(result.rawOut);
    QCOMPARE(records, CliTest::csvRecordsOf(CliTest::hostileBounces(), sanitised));
    QCOMPARE(records.at(1).at(0).startsWith(QLatin1Char('\'')), sanitised);
    QCOMPARE(records.at(3).at(2).startsWith(QLatin1Char('\'')), sanitised);
}

void TestCliExport::exportToFile_data() {
    QTest::addColumn<bool>("bom");
    QTest::addColumn<bool>("existing");
    QTest::newRow("new file") << false << false;
    QTest::newRow("replaces a file, with BOM") << true << true;
}

void TestCliExport::exportToFile() {
    QFETCH(bool, bom);
    QFETCH(bool, existing);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("bounces.csv"));
    if (existing) {
        QFile old(path);
        QVERIFY(old.open(QIODevice::WriteOnly));
        old.write("old content that must be replaced\n");
    }
    const QString customer = QStringLiteral("cli-hostile");
    m_server.data().setBounces(customer, CliTest::hostileBounces());
    QStringList arguments = {QStringLiteral("export"), QStringLiteral("--customer"), customer,
                             QStringLiteral("-o"), path};
    if (bom)
        arguments << QStringLiteral("--bom");
    const CliTest::Run result = run(arguments);
    QVERIFY(result.finished);
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QCOMPARE(result.out, QString());
    QCOMPARE(result.err.trimmed(),
             QStringLiteral("Exported %1 bounces of %2 to %3").arg(4).arg(customer, path));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray content = file.readAll();
    QCOMPARE(content.startsWith("\xEF\xBB\xBF"), bom);
    QCOMPARE(CliTest::parseCsv(content), CliTest::csvRecordsOf(CliTest::hostileBounces(), true));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden),
             QStringList{QStringLiteral("bounces.csv")});
}

void TestCliExport::failedExportLeavesFileUntouched_data() {
    QTest::addColumn<int>("fault");
    QTest::addColumn<qint64>("afterBytes");
    QTest::addColumn<QString>("expected"); // in stderr, besides the file name
    QTest::addColumn<bool>("compressed");
    using F = SandboxFault::Type;
    QTest::newRow("reset mid-body") << int(F::Reset) << qint64(2000) << QString() << false;
    QTest::newRow("truncated body") << int(F::Truncate) << qint64(2000) << QString() << false;
    QTest::newRow("truncated gzip body") << int(F::Truncate) << qint64(2000) << QString() << true;
    QTest::newRow("gzip data cut short, framing whole")
        << int(F::CutCompressedData) << qint64(0) << QStringLiteral("cut short") << true;
    QTest::newRow("labelled br") << int(F::UnofferedCompression) << qint64(0)
                                 << QStringLiteral("\u201cbr\u201d") << false;
    QTest::newRow("502 HTML page")
        << int(F::Http502Html) << qint64(0) << QStringLiteral("502") << false;
    QTest::newRow("502 HTML page, gzip")
        << int(F::Http502Html) << qint64(0) << QStringLiteral("502") << true;
    QTest::newRow("error body with 200") << int(F::ErrorWith200) << qint64(0) << QString() << false;
    QTest::newRow("empty body") << int(F::EmptyBody) << qint64(0) << QString() << false;
}

void TestCliExport::failedExportLeavesFileUntouched() {
    QFETCH(int, fault);
    QFETCH(qint64, afterBytes);
    QFETCH(QString, expected);
    QFETCH(bool, compressed);
    m_server.setCompressesBodies(compressed);
    const int compressedBefore = m_server.compressedAnswers();
    SandboxFault sandboxFault;
    sandboxFault.type = SandboxFault::Type(fault);
    sandboxFault.call = QStringLiteral("bounces.get");
    sandboxFault.times = -1;
    sandboxFault.afterBytes = afterBytes;
    m_server.addFault(sandboxFault);

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("bounces.csv"));
    const QByteArray precious = "an earlier export that must survive\r\n";
    {
        QFile old(path);
        QVERIFY(old.open(QIODevice::WriteOnly));
        old.write(precious);
    }
    const CliTest::Run result = run({QStringLiteral("export"), QStringLiteral("--customer"),
                                     largestCustomer(), QStringLiteral("-o"), path});
    QVERIFY(result.finished);
    QCOMPARE(result.exitCode, 1);
    QCOMPARE(result.out, QString());
    QVERIFY2(result.err.startsWith(QLatin1String("bouncedesk: ")), qPrintable(result.err));
    QVERIFY2(result.err.contains(path), qPrintable(result.err));
    QVERIFY2(result.err.contains(expected), qPrintable(result.err));
    QVERIFY(result.err.count(QLatin1Char('\n')) <= 3);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), precious);
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden),
             QStringList{QStringLiteral("bounces.csv")});
    QCOMPARE(m_server.compressedAnswers() > compressedBefore, compressed);
}

// The header waits for the first rows, so a load that fails at once prints no CSV at all.
void TestCliExport::failedExportToStdoutPrintsNothing() {
    const QString customer = QStringLiteral("cli-no-such-customer");
    const CliTest::Run result =
        run({QStringLiteral("export"), QStringLiteral("--customer"), customer});
    QVERIFY(result.finished);
    QCOMPARE(result.exitCode, 1);
    QCOMPARE(result.out, QString());
    QVERIFY2(result.err.startsWith(QLatin1String("bouncedesk: ")), qPrintable(result.err));
    QVERIFY2(result.err.contains(customer), qPrintable(result.err));
    QVERIFY2(result.err.contains(QLatin1String("400")), qPrintable(result.err));
}

void TestCliExport::exportSurvivesRateLimit() {
    SandboxFault fault;
    fault.type = SandboxFault::Type::RateLimit;
    fault.call = QStringLiteral("bounces.get");
    fault.retryAfterSeconds = 1;
    m_server.addFault(fault);
    const QString customer = QStringLiteral("cli-hostile");
    m_server.data().setBounces(customer, CliTest::hostileBounces());
    const CliTest::Run result =
        run({QStringLiteral("export"), QStringLiteral("--customer"), customer});
    QVERIFY(result.finished);
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QCOMPARE(CliTest::parseCsv(result.rawOut),
             CliTest::csvRecordsOf(CliTest::hostileBounces(), true));
    QCOMPARE(m_server.requests().size(), 2);
    // The wait is told, so a long one does not look like a hang.
    QCOMPARE(result.err, QStringLiteral("bouncedesk: the server asked to wait: trying again in "
                                        "1 s (attempt 2 of 4).\n"));
}

namespace {

bool isFifo(const QString &path) {
    struct stat info = {};
    return ::lstat(QFile::encodeName(path).constData(), &info) == 0 && S_ISFIFO(info.st_mode);
}

} // namespace

// `-o` names a pipe someone reads from: the CSV goes into it, and the pipe is still a pipe
// afterwards (a temporary file renamed over it would have replaced it with a regular file).
void TestCliExport::exportIntoFifoKeepsTheFifo() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("pipe"));
    QVERIFY(::mkfifo(QFile::encodeName(path).constData(), 0600) == 0);
    const QString customer = QStringLiteral("cli-hostile");
    m_server.data().setBounces(customer, CliTest::hostileBounces());
    QByteArray received;
    // The reader opens the pipe (blocking until the export opens it) and reads to its end.
    std::thread reader([&received, path] {
        QFile pipe(path);
        if (pipe.open(QIODevice::ReadOnly))
            received = pipe.readAll();
    });
    const CliTest::Run result = run({QStringLiteral("export"), QStringLiteral("--customer"),
                                     customer, QStringLiteral("-o"), path});
    reader.join();
    QVERIFY(result.finished);
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QCOMPARE(CliTest::parseCsv(received), CliTest::csvRecordsOf(CliTest::hostileBounces(), true));
    QVERIFY(isFifo(path));
    QCOMPARE(QDir(dir.path())
                 .entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::System | QDir::Hidden),
             QStringList{QStringLiteral("pipe")});
}

// /dev/full takes nothing: the export fails naming the real reason, and the device node is
// left as it was (it is never replaced by a regular file).
void TestCliExport::fullDeviceSaysNoSpace() {
    const QString path = QStringLiteral("/dev/full");
    struct stat before = {};
    if (::stat(QFile::encodeName(path).constData(), &before) != 0 || !S_ISCHR(before.st_mode))
        QSKIP("this system has no /dev/full");
    const CliTest::Run result = run({QStringLiteral("export"), QStringLiteral("--customer"),
                                     largestCustomer(), QStringLiteral("-o"), path});
    QVERIFY(result.finished);
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.err.contains(QLatin1String("no space left on device")), qPrintable(result.err));
    QVERIFY2(!result.err.contains(QLatin1String("ermission")), qPrintable(result.err));
    struct stat after = {};
    QVERIFY(::stat(QFile::encodeName(path).constData(), &after) == 0);
    QVERIFY(S_ISCHR(after.st_mode));
    QCOMPARE(after.st_rdev, before.st_rdev);
}

void TestCliExport::directoryIsRefused() {
    QTemporaryDir dir;
    const CliTest::Run result = run({QStringLiteral("export"), QStringLiteral("--customer"),
                                     largestCustomer(), QStringLiteral("-o"), dir.path()});
    QVERIFY(result.finished);
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.err.contains(QLatin1String("is a directory")), qPrintable(result.err));
    QVERIFY(m_server.requests().isEmpty()); // refused before anything was sent
    QVERIFY(QFileInfo(dir.path()).isDir());
}

// An export's file is synced while it is written (FileWriteback; OutputFile in-process here,
// with small steps): a sync that lost data keeps the old file, and the error says why.
void TestCliExport::outputFileWhoseSyncFailedIsNotCommitted() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("bounces.csv"));
    {
        QFile old(path);
        QVERIFY(old.open(QIODevice::WriteOnly));
        old.write("the old export\n");
    }
    FileWriteback::setDefaultsForTests({4 << 10, 16 << 10}, [](int) {
        errno = EIO;
        return -1;
    });
    bool opened = false;
    bool committed = true;
    QString error;
    {
        OutputFile file(path);
        opened = file.open();
        if (opened) {
            const QByteArray piece(1024, 'x');
            for (int i = 0; i < 64 && file.device()->write(piece) == piece.size(); ++i)
                file.wrote();
            committed = file.commit();
            error = file.errorString();
        }
    }
    FileWriteback::setDefaultsForTests({}, nullptr);
    QVERIFY(opened);
    QVERIFY(!committed);
    QCOMPARE(error, qt_error_string(EIO));
    QFile kept(path);
    QVERIFY(kept.open(QIODevice::ReadOnly));
    QCOMPARE(kept.readAll(), QByteArray("the old export\n"));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden),
             QStringList{QStringLiteral("bounces.csv")});
}

// Ctrl+C while a large body is still being read and parsed: the process ends at once with the
// signal's exit code, instead of waiting for the parser thread to finish the body, and leaves no
// temporary file. (The bound below is a hang guard, far above the promised few seconds.)
void TestCliExport::interruptWhileParsingEndsTheProcess() {
    const QString customer = QStringLiteral("cli-huge");
    m_server.data().addGeneratedCustomer(customer, 2'000'000);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("bounces.csv"));
    QProcess process;
    process.setProcessEnvironment(environment());
    QSignalSpy finished(&process, &QProcess::finished);
    process.start(QStringLiteral(BOUNCEDESK_EXECUTABLE),
                  {QStringLiteral("export"), QStringLiteral("--customer"), customer,
                   QStringLiteral("--response-format"), QStringLiteral("xml"), QStringLiteral("-o"),
                   path});
    QTRY_VERIFY_WITH_TIMEOUT(!m_server.requests().isEmpty(), 20'000);
    ::kill(pid_t(process.processId()), SIGINT);
    QVERIFY(finished.count() > 0 || finished.wait(20'000));
    const QString err = QString::fromUtf8(process.readAllStandardError());
    recordOutput(QString::fromUtf8(process.readAllStandardOutput()), err);
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 128 + SIGINT);
    QVERIFY2(err.endsWith(QLatin1String("bouncedesk: interrupted.\n")), qPrintable(err));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList());
}

QTEST_GUILESS_MAIN(TestCliExport)
#include "tst_cliexport.moc"
