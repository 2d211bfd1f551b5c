// `bouncedesk export` end to end: what the emulator serves, in JSON and XML, is what the CSV
// holds; formulas are neutralised unless asked; a file is written atomically or not at all.
#include "clitestsupport.h"

#include <QtTest>

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
};

void TestCliExport::exportMatchesServer_data() {
    QTest::addColumn<QString>("format");
    QTest::addColumn<bool>("sanitised");
    QTest::newRow("json raw") << QStringLiteral("json") << false;
    QTest::newRow("xml raw") << QStringLiteral("xml") << false;
    QTest::newRow("json sanitised") << QStringLiteral("json") << true;
    QTest::newRow("xml sanitised") << QStringLiteral("xml") << true;
}

void TestCliExport::exportMatchesServer() {
    QFETCH(QString, format);
    QFETCH(bool, sanitised);
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
    using F = SandboxFault::Type;
    QTest::newRow("reset mid-body") << int(F::Reset) << qint64(2000) << QString();
    QTest::newRow("truncated body") << int(F::Truncate) << qint64(2000) << QString();
    QTest::newRow("502 HTML page") << int(F::Http502Html) << qint64(0) << QStringLiteral("502");
    QTest::newRow("error body with 200") << int(F::ErrorWith200) << qint64(0) << QString();
    QTest::newRow("empty body") << int(F::EmptyBody) << qint64(0) << QString();
}

void TestCliExport::failedExportLeavesFileUntouched() {
    QFETCH(int, fault);
    QFETCH(qint64, afterBytes);
    QFETCH(QString, expected);
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

QTEST_GUILESS_MAIN(TestCliExport)
#include "tst_cliexport.moc"
