// The fault matrix of tst_faultmatrix_cli on SendGrid v3: `bouncedesk export -o FILE` of each of
// the six lists (issue 13's table) over a file that holds an earlier export, and `delete` (one
// address, and several in one bulk request) against every fault the emulator's v3 routes
// produce. A failed export says why in a line naming the list and the customer, leaves the
// earlier file byte for byte with nothing beside it; a fault that recovers replaces it with the
// whole list. A delete prints the exact outcome line per address and says "deleted" only when
// the server confirmed it. The key is never in anything printed (CliTestCase::cleanup, and
// checked here on stderr as well).
#include "clitestsupport.h"

#include <QtTest>

#include <QDir>

namespace {

using Type = SandboxFault::Type;
constexpr int noFault = -1;
const QByteArray kPrecious = "an earlier export that must survive\r\n";
const QString kCustomer = QStringLiteral("fm3-acme");
const QString kTimeout = QStringLiteral("0.4"); // seconds: only for the timeout rows

QList<SandboxSuppression> rowsOn(const QString &domain, int count) {
    QList<SandboxSuppression> rows;
    for (int i = 0; i < count; ++i) {
        SandboxSuppression row;
        row.email = QStringLiteral("user%1@%2").arg(i).arg(domain);
        row.created = 1'700'000'000 + i;
        row.status = QStringLiteral("5.1.1");
        row.reason = QStringLiteral("Mailbox %1 unavailable").arg(i);
        row.ip = QStringLiteral("192.0.2.%1").arg(i % 250 + 1);
        rows << row;
    }
    return rows;
}

// Serves `rows` on `list` of `tenant` (group unsubscribes: one group holding them).
void serve(SandboxData &data, const SandboxTenant &tenant, SuppressionList list,
           const QList<SandboxSuppression> &rows) {
    if (list == SuppressionList::GroupUnsubscribes) {
        SandboxGroup group;
        group.id = 77;
        group.name = QStringLiteral("Newsletter");
        data.setGroup(tenant, group, rows);
        return;
    }
    data.setSuppressions(tenant, list, rows);
}

QString callOf(SuppressionList list, const char *task) {
    return QStringLiteral("v3.%1.%2").arg(suppressionListCliName(list), QLatin1String(task));
}

} // namespace

class TestFaultMatrixCliV3 final : public CliTestCase {
    Q_OBJECT

private Q_SLOTS:
    void exportOverAnEarlierFile_data();
    void exportOverAnEarlierFile();
    void deleteUnderFaults_data();
    void deleteUnderFaults();

private:
    QProcessEnvironment v3Environment() const {
        QProcessEnvironment env = environment(false);
        env.insert(QStringLiteral("BOUNCEDESK_API_URL"), m_server.v3BaseUrl().toString());
        env.insert(QStringLiteral("SENDGRID_API_KEY"), CliTest::key());
        return env;
    }
    static QString earlierFile(const QTemporaryDir &dir);
    static void verifyEarlierFileAlone(const QTemporaryDir &dir, const QString &path);
};

QString TestFaultMatrixCliV3::earlierFile(const QTemporaryDir &dir) {
    const QString path = dir.filePath(QStringLiteral("list.csv"));
    QFile old(path);
    if (!old.open(QIODevice::WriteOnly) || old.write(kPrecious) != kPrecious.size())
        return {};
    return path;
}

void TestFaultMatrixCliV3::verifyEarlierFileAlone(const QTemporaryDir &dir, const QString &path) {
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), kPrecious);
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden),
             QStringList{QStringLiteral("list.csv")});
}

void TestFaultMatrixCliV3::exportOverAnEarlierFile_data() {
    QTest::addColumn<int>("list");  // SuppressionList
    QTest::addColumn<int>("fault"); // SandboxFault::Type, or noFault
    QTest::addColumn<int>("times");
    QTest::addColumn<qint64>("afterBytes");
    QTest::addColumn<int>("rows");          // served; 600 for two pages
    QTest::addColumn<QString>("customer");  // kCustomer, or one the server does not know
    QTest::addColumn<QStringList>("words"); // empty: the export must succeed
    const QStringList none;
    // Every fault on bounces; on the other lists those whose outcome depends on the list: its
    // pages and their shape (cuts, distorted fields). Error answers take the same path
    // whatever the list, and each costs the retries' waits (seconds), so they run once.
    // A fault meant for the list's rows hits every page (times -1): the export asks for pages
    // past the end at once, and which of them reaches the emulator first varies.
    for (int l = 0; l <= int(SuppressionList::GroupUnsubscribes); ++l) {
        const SuppressionList list = SuppressionList(l);
        const QByteArray name = suppressionListCliName(list).toLatin1();
        const bool everyFault = list == SuppressionList::Bounces;
        const auto row = [&](const char *fault, Type type, int times, qint64 afterBytes,
                             const QStringList &words, int rows = 30) {
            const bool ofTheList = type == Type::Reset || type == Type::Truncate ||
                                   type == Type::InvalidUtf8 || type == Type::HugeField;
            if (everyFault || ofTheList)
                QTest::addRow("%s × %s", name.constData(), fault)
                    << l << int(type) << times << afterBytes << rows << kCustomer << words;
        };
        row("timeout", Type::Hold, -1, 0, {QStringLiteral("timed out")});
        // Cut inside the second page (after the first page's rows arrived) or the one body.
        row("reset mid-body", Type::Reset, -1, 200, {QStringLiteral("ended early")}, 600);
        row("truncated body", Type::Truncate, -1, 200, {QStringLiteral("ended early")}, 600);
        row("500", Type::Http500, -1, 0, {QStringLiteral("HTTP 500")});
        row("502 HTML", Type::Http502Html, -1, 0,
            {QStringLiteral("HTTP 502"), QStringLiteral("HTML page")});
        row("429 recovers", Type::RateLimit, 1, 0, none);
        row("wrong credentials", Type::WrongCredentials, -1, 0,
            {QStringLiteral("HTTP 401"), QStringLiteral("API key")});
        row("error with 200", Type::ErrorWith200, -1, 0, {QStringLiteral("internal error")});
        row("wrong content type", Type::WrongContentType, -1, 0, {QStringLiteral("text/html")});
        row("invalid UTF-8 repaired", Type::InvalidUtf8, -1, 0, none);
        row("10 MB field", Type::HugeField, -1, 0, none);
        row("empty body", Type::EmptyBody, -1, 0, {QStringLiteral("empty body")});
        row("labelled gzip, sent plain", Type::MislabelledCompression, -1, 0,
            {QStringLiteral("(gzip) and did not decompress")}, 600);
        row("labelled br, sent plain", Type::UnofferedCompression, -1, 0,
            {QStringLiteral("(br) and did not decompress")}, 600);
        row("drip feed", Type::DripFeed, -1, 0, none);
        if (everyFault)
            QTest::addRow("%s × customer unknown to the server", name.constData())
                << l << noFault << 0 << qint64(0) << 30 << QStringLiteral("fm3-nobody")
                << QStringList{QStringLiteral("HTTP 403"), QStringLiteral("fm3-nobody")};
    }
}

void TestFaultMatrixCliV3::exportOverAnEarlierFile() {
    QFETCH(int, list);
    QFETCH(int, fault);
    QFETCH(int, times);
    QFETCH(qint64, afterBytes);
    QFETCH(int, rows);
    QFETCH(QString, customer);
    QFETCH(QStringList, words);
    const SuppressionList which = SuppressionList(list);
    const SandboxTenant tenant = SandboxTenant::subuser(kCustomer);
    serve(m_server.data(), tenant, which, rowsOn(QStringLiteral("fm3.test"), rows));
    if (fault != noFault) {
        SandboxFault f;
        f.type = Type(fault);
        f.call = callOf(which, "get");
        f.times = times;
        f.afterBytes = afterBytes;
        f.delayMs = 40; // a steady drip (a Hold is never released: only the timeout ends it)
        f.chunkBytes = 256;
        m_server.addFault(f);
    }
    QTemporaryDir dir;
    const QString path = earlierFile(dir);
    QVERIFY(!path.isEmpty());
    // Only the hold is about the transfer timeout: for every other fault a short one would
    // let a busy machine turn slowness into a timeout and a retry without the fault.
    const QStringList arguments{QStringLiteral("export"),
                                QStringLiteral("--customer"),
                                customer,
                                QStringLiteral("--list"),
                                suppressionListCliName(which),
                                QStringLiteral("-o"),
                                path,
                                QStringLiteral("--timeout"),
                                fault == int(Type::Hold) ? kTimeout : QStringLiteral("60")};
    const CliTest::Run result = run(arguments, v3Environment());
    QVERIFY(result.finished);
    QCOMPARE(result.out, QString()); // the CSV goes to the file, never to stdout
    QVERIFY(!result.err.contains(CliTest::key()));

    if (words.isEmpty()) {
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QStringList> records = CliTest::parseCsv(file.readAll());
        QCOMPARE(records.size(), rows + 1);
        QCOMPARE(records.constFirst().size(), suppressionColumns(which).size());
        if (fault == int(Type::HugeField))
            QVERIFY(file.size() > 10'000'000);
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden),
                 QStringList{QStringLiteral("list.csv")});
        return;
    }
    QVERIFY2(result.exitCode == 1, qPrintable(result.err));
    const QString listWords =
        suppressionListCliName(which).replace(QLatin1Char('_'), QLatin1Char(' '));
    QVERIFY2(
        result.err.startsWith(
            QStringLiteral("bouncedesk: could not export the %1 of %2: ").arg(listWords, customer)),
        qPrintable(result.err));
    for (const QString &word : std::as_const(words))
        QVERIFY2(result.err.contains(word, Qt::CaseInsensitive), qPrintable(result.err));
    QVERIFY2(result.err.contains(QStringLiteral("nothing was written to %1.\n").arg(path)),
             qPrintable(result.err));
    QVERIFY2(!result.err.contains(QLatin1String("unknown error"), Qt::CaseInsensitive),
             qPrintable(result.err));
    verifyEarlierFileAlone(dir, path);
}

// Each row: a fault on the list's delete call (v3.<list>.delete), the addresses deleted (the
// first one, or the first two: one bulk request), and the exact lines printed, where "*" stands
// for the rest of a failure's line, checked to hold `words`.
void TestFaultMatrixCliV3::deleteUnderFaults_data() {
    QTest::addColumn<int>("list");
    QTest::addColumn<int>("fault");
    QTest::addColumn<int>("times");
    QTest::addColumn<int>("addresses");     // 1: a single delete; 2: one bulk request
    QTest::addColumn<QStringList>("lines"); // "deleted: …", "failed: …: *"
    QTest::addColumn<QStringList>("words"); // what each failure line holds
    QTest::addColumn<int>("left");          // rows of the three still on the list
    const auto deleted = [](int n) {
        QStringList lines;
        for (int i = 0; i < n; ++i)
            lines << QStringLiteral("deleted: user%1@fm3.test").arg(i);
        return lines;
    };
    const auto failed = [](int n) {
        QStringList lines;
        for (int i = 0; i < n; ++i)
            lines << QStringLiteral("failed: user%1@fm3.test: *").arg(i);
        return lines;
    };
    const QStringList none;
    for (const int n : {1, 2}) {
        const char *how = n == 1 ? "single" : "bulk";
        const int bounces = int(SuppressionList::Bounces);
        const auto row = [&](const char *fault, Type type, int times, const QStringList &lines,
                             const QStringList &words, int left) {
            QTest::addRow("%s × delete %s", fault, how)
                << bounces << int(type) << times << n << lines << words << left;
        };
        // The server acted; the answer never came: read back, and found gone.
        row("timeout", Type::Hold, -1, deleted(n), none, 3 - n);
        row("reset before the answer", Type::Reset, -1, deleted(n), none, 3 - n);
        row("500", Type::Http500, -1, failed(n), {QStringLiteral("HTTP 500")}, 3);
        // A gateway's page: the API behind it may have acted; the read-back finds it was not.
        row("502 HTML", Type::Http502Html, -1, failed(n), {QStringLiteral("HTTP 502")}, 3);
        row("429 recovers", Type::RateLimit, 1, deleted(n), none, 3 - n);
        row("wrong credentials", Type::WrongCredentials, -1, failed(n),
            {QStringLiteral("HTTP 401"), QStringLiteral("API key")}, 3);
        row("error with 200", Type::ErrorWith200, -1, failed(n), {QStringLiteral("internal error")},
            3);
        row("empty body", Type::EmptyBody, -1, failed(n), none, 3);
    }
    // A bulk 204 that did nothing: only the read-back tells.
    QTest::newRow("accepted, not done × delete bulk")
        << int(SuppressionList::Bounces) << int(Type::AcceptedNotDone) << -1 << 2 << failed(2)
        << QStringList{QStringLiteral("not confirmed")} << 3;
    // The other lists: an answer lost (the server acted: the read-back finds the address
    // gone), and for the consent lists, read first and then deleted one by one, a 500.
    for (const SuppressionList list :
         {SuppressionList::Blocks, SuppressionList::InvalidEmails, SuppressionList::SpamReports,
          SuppressionList::Unsubscribes, SuppressionList::GroupUnsubscribes}) {
        const QByteArray name = suppressionListCliName(list).toLatin1();
        QTest::addRow("%s × timeout × delete two", name.constData())
            << int(list) << int(Type::Hold) << -1 << 2 << deleted(2) << none << 1;
        if (list == SuppressionList::Unsubscribes || list == SuppressionList::GroupUnsubscribes)
            QTest::addRow("%s × 500 × delete two", name.constData())
                << int(list) << int(Type::Http500) << -1 << 2 << failed(2)
                << QStringList{QStringLiteral("HTTP 500")} << 3;
    }
}

void TestFaultMatrixCliV3::deleteUnderFaults() {
    QFETCH(int, list);
    QFETCH(int, fault);
    QFETCH(int, times);
    QFETCH(int, addresses);
    QFETCH(QStringList, lines);
    QFETCH(QStringList, words);
    QFETCH(int, left);
    const SuppressionList which = SuppressionList(list);
    const SandboxTenant tenant = SandboxTenant::subuser(kCustomer);
    const QList<SandboxSuppression> rows = rowsOn(QStringLiteral("fm3.test"), 3);
    serve(m_server.data(), tenant, which, rows);
    SandboxFault f;
    f.type = Type(fault);
    f.call = callOf(which, "delete");
    f.times = times;
    m_server.addFault(f);
    QStringList arguments{QStringLiteral("delete"),
                          QStringLiteral("--customer"),
                          kCustomer,
                          QStringLiteral("--list"),
                          suppressionListCliName(which),
                          QStringLiteral("--yes"),
                          QStringLiteral("--timeout"),
                          fault == int(Type::Hold) ? kTimeout : QStringLiteral("60")};
    if (isConsentList(which))
        arguments << QStringLiteral("--recipient-consented");
    for (int i = 0; i < addresses; ++i)
        arguments << rows.at(i).email;
    const CliTest::Run result = run(arguments, v3Environment());
    QVERIFY(result.finished);
    QVERIFY(!result.err.contains(CliTest::key()));
    const QStringList printed = result.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(printed.size(), lines.size());
    bool anyFailed = false;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString &expected = lines.at(i);
        if (!expected.endsWith(QLatin1Char('*'))) {
            QCOMPARE(printed.at(i), expected);
            continue;
        }
        anyFailed = true;
        QVERIFY2(printed.at(i).startsWith(expected.chopped(1)), qPrintable(result.out));
        QVERIFY2(printed.at(i).size() > expected.size(), qPrintable(result.out)); // says why
        for (const QString &word : std::as_const(words))
            QVERIFY2(printed.at(i).contains(word, Qt::CaseInsensitive), qPrintable(result.out));
    }
    QVERIFY2(result.exitCode == (anyFailed ? 1 : 0), qPrintable(result.out + result.err));
    if (anyFailed)
        QVERIFY2(result.err.contains(
                     QStringLiteral("%1 of %2 deletes failed.").arg(addresses).arg(addresses)),
                 qPrintable(result.err));
    m_server.clearFaults();
    QCOMPARE(m_server.data().suppressionCount(tenant, which), qsizetype(left));
}

QTEST_GUILESS_MAIN(TestFaultMatrixCliV3)
#include "tst_faultmatrix_cliv3.moc"
