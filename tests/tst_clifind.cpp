// `bouncedesk find` and `bouncedesk clear` end to end against the in-process v3 emulator:
// every customer and list searched, a failing customer named (exit 1) while the rest are still
// searched, duplicates across lists and customers, a domain search through the server's
// `email` filter, and clear's consent and confirmation rules and its deletion record.
#include "clitestsupport.h"

#include "core/deletionentry.h"

#include <QtTest>

#include <QFile>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <pty.h>
#include <sys/wait.h>
#include <unistd.h>

#include <vector>

namespace {

const QString kHeader = QStringLiteral("customer,list,email,status,reason,created");

SandboxSuppression row(const QString &email, qint64 created = 1735689600,
                       const QString &status = {}, const QString &reason = {}) {
    SandboxSuppression suppression;
    suppression.email = email;
    suppression.created = created;
    suppression.status = status;
    suppression.reason = reason;
    return suppression;
}

} // namespace

class TestCliFind final : public CliTestCase {
    Q_OBJECT

private Q_SLOTS:
    void findSearchesEveryCustomerAndNamesTheFailingOne();
    void findNamedCustomers();
    void findDomainUsesTheServerFilter();
    void findPlusAddress();
    void findUsageErrors();
    void findV2ReadsEveryBounceList();
    void clearRefusesBeforeSendingAnything();
    void clearDeletesWhereFound();
    void clearConsentListsAndFailures();
    void clearAsksOnATerminal();

private:
    // The executable on a pseudo-terminal (its stdin, stdout and stderr), as a person runs it:
    // answers `answer` once the question ending in "[y/N]" is shown. The emulator keeps
    // serving meanwhile (the waits run this thread's event loop).
    struct TerminalRun {
        bool asked = false;
        bool exited = false;
        int exitCode = -1;
        QString output;
        int deletesWhenAsked = -1; // DELETE requests the emulator had received at the question
    };
    TerminalRun runOnTerminal(const QStringList &arguments, const QByteArray &answer);

    QStringList v3(QStringList arguments) const {
        return arguments << QStringLiteral("--api") << QStringLiteral("v3")
                         << QStringLiteral("--api-url") << m_server.v3BaseUrl().toString();
    }
    // The CSV records after the header (which must be exact).
    QList<QStringList> records(const CliTest::Run &result) {
        QList<QStringList> all = CliTest::parseCsv(result.rawOut);
        if (all.isEmpty() || all.first().join(QLatin1Char(',')) != kHeader) {
            qWarning() << "bad header in" << result.out;
            return {{QStringLiteral("(no header)")}};
        }
        all.removeFirst();
        return all;
    }
    QList<DeletionEntry> recordedEntries() const {
        QFile file(m_home.filePath(QStringLiteral("data/BounceDesk/deletions.jsonl")));
        QList<DeletionEntry> entries;
        if (!file.open(QIODevice::ReadOnly))
            return entries;
        for (const QByteArray &line : file.readAll().split('\n')) {
            if (const auto entry = DeletionEntry::fromJsonLine(line))
                entries << *entry;
        }
        return entries;
    }
    int requestsMatching(const QString &method, const QString &onBehalfOf = QString(),
                         bool anyTenant = true) const {
        int count = 0;
        for (const SandboxRequest &request : m_server.requests()) {
            if (request.api == QLatin1String("v3") && request.httpMethod == method &&
                (anyTenant || request.onBehalfOf == onBehalfOf))
                ++count;
        }
        return count;
    }
};

void TestCliFind::findSearchesEveryCustomerAndNamesTheFailingOne() {
    SandboxData &data = m_server.data();
    const QStringList generated = data.addGeneratedSubusers(12, 3, QStringLiteral("findgen"));
    QCOMPARE(generated.size(), 12);
    // A duplicate in another case on a generated customer, twice on one customer.
    data.addSuppressions(SandboxTenant::subuser(generated.at(2)), SuppressionList::Bounces,
                         {row(QStringLiteral("Jordan.Lee@Example.com"), 1735689600,
                              QStringLiteral("5.1.1"), QStringLiteral("=HYPERLINK(\"x\")"))});
    data.addSuppressions(SandboxTenant::subuser(generated.at(2)), SuppressionList::Blocks,
                         {row(QStringLiteral("jordan.lee@example.com"), 1735689600,
                              QStringLiteral("4.2.2"), QStringLiteral("busy"))});
    // One customer fails every request: it must be named, and the rest still searched.
    SandboxFault fault;
    fault.type = SandboxFault::Type::Http500;
    fault.tenant = generated.at(5);
    fault.times = -1;
    m_server.addFault(fault);

    const CliTest::Run result =
        run(v3({QStringLiteral("find"), QStringLiteral("jordan.lee@example.com")}));
    QVERIFY(result.finished);
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.err.contains(generated.at(5)), qPrintable(result.err));
    QVERIFY2(!result.err.contains(generated.at(4)), qPrintable(result.err));
    const QList<QStringList> hits = records(result);
    // The parent account (empty customer cell), as the demo has it.
    QVERIFY2(
        hits.contains(QStringList{QString(), QStringLiteral("bounces"),
                                  QStringLiteral("jordan.lee@example.com"), QStringLiteral("5.1.1"),
                                  QStringLiteral("550 5.1.1 The email account that you tried "
                                                 "to reach does not exist."),
                                  QStringLiteral("2025-01-01T00:00:00Z")}),
        qPrintable(result.out));
    QVERIFY2(hits.contains(QStringList{QString(), QStringLiteral("spam_reports"),
                                       QStringLiteral("jordan.lee@example.com"), QString(),
                                       QString(), QStringLiteral("2025-01-04T00:00:00Z")}),
             qPrintable(result.out));
    // Group unsubscribes name their group (the single-address call gives no date).
    QList<QStringList> withoutCreated;
    for (const QStringList &hit : std::as_const(hits))
        withoutCreated << hit.mid(0, 5);
    QVERIFY2(
        withoutCreated.contains(QStringList{QString(), QStringLiteral("group_unsubscribes"),
                                            QStringLiteral("jordan.lee@example.com"), QString(),
                                            QStringLiteral("group 101: Newsletter")}),
        qPrintable(result.out));
    QVERIFY2(
        withoutCreated.contains(QStringList{QString(), QStringLiteral("group_unsubscribes"),
                                            QStringLiteral("jordan.lee@example.com"), QString(),
                                            QStringLiteral("group 102: Product updates")}),
        qPrintable(result.out));
    QVERIFY2(withoutCreated.contains(
                 QStringList{QStringLiteral("hooli"), QStringLiteral("group_unsubscribes"),
                             QStringLiteral("jordan.lee@example.com"), QString(),
                             QStringLiteral("group 150: Weekly digest")}),
             qPrintable(result.out));
    // An EU-pinned subuser too.
    QVERIFY2(withoutCreated.contains(
                 QStringList{QStringLiteral("cafe-rene"), QStringLiteral("blocks"),
                             QStringLiteral("jordan.lee@example.com"), QStringLiteral("5.7.1"),
                             QStringLiteral("554 5.7.1 Message rejected as "
                                            "spam")}),
             qPrintable(result.out));
    // Subusers from the customer list, the generated ones included; the formula neutralised.
    QVERIFY2(
        hits.contains(QStringList{QStringLiteral("acme"), QStringLiteral("blocks"),
                                  QStringLiteral("jordan.lee@example.com"), QStringLiteral("4.2.2"),
                                  QStringLiteral("452 4.2.2 Mailbox full, try again later"),
                                  QStringLiteral("2024-12-24T00:26:40Z")}),
        qPrintable(result.out));
    QVERIFY2(hits.contains(QStringList{QStringLiteral("globex"), QStringLiteral("invalid_emails"),
                                       QStringLiteral("jordan.lee@example.com"), QString(),
                                       QStringLiteral("Invalid address"),
                                       QStringLiteral("2024-12-26T08:00:00Z")}),
             qPrintable(result.out));
    QVERIFY2(hits.contains(QStringList{
                 generated.at(2), QStringLiteral("bounces"),
                 QStringLiteral("Jordan.Lee@Example.com"), QStringLiteral("5.1.1"),
                 QStringLiteral("'=HYPERLINK(\"x\")"), QStringLiteral("2025-01-01T00:00:00Z")}),
             qPrintable(result.out));
    QVERIFY2(
        hits.contains(QStringList{generated.at(2), QStringLiteral("blocks"),
                                  QStringLiteral("jordan.lee@example.com"), QStringLiteral("4.2.2"),
                                  QStringLiteral("busy"), QStringLiteral("2025-01-01T00:00:00Z")}),
        qPrintable(result.out));
    // Exact matching: the demo's jordan.lee@exmaple.com is another address.
    QVERIFY(!result.out.contains(QStringLiteral("exmaple")));
    for (const QStringList &hit : hits)
        QVERIFY2(hit.value(0) != generated.at(5), qPrintable(result.out));
    // Every other customer was asked, on every list (the last generated one too).
    int lastAsked = 0;
    for (const SandboxRequest &request : m_server.requests()) {
        if (request.onBehalfOf == generated.last())
            ++lastAsked;
    }
    QCOMPARE(lastAsked, 6);
    QCOMPARE(requestsMatching(QStringLiteral("DELETE")), 0);
}

void TestCliFind::findNamedCustomers() {
    // --customers: only those, the parent account only with --parent.
    CliTest::Run result = run(v3({QStringLiteral("find"), QStringLiteral("JORDAN.LEE@example.com"),
                                  QStringLiteral("--customers"), QStringLiteral("acme,globex")}));
    QVERIFY(result.finished);
    QCOMPARE(result.exitCode, 0);
    QVERIFY2(result.err.isEmpty(), qPrintable(result.err));
    QList<QStringList> hits = records(result);
    QCOMPARE(hits.size(), 3);
    QCOMPARE(hits.at(0).mid(0, 3), (QStringList{QStringLiteral("acme"), QStringLiteral("blocks"),
                                                QStringLiteral("jordan.lee@example.com")}));
    QCOMPARE(hits.at(1).mid(0, 2),
             (QStringList{QStringLiteral("acme"), QStringLiteral("unsubscribes")}));
    QCOMPARE(hits.at(2).mid(0, 2),
             (QStringList{QStringLiteral("globex"), QStringLiteral("invalid_emails")}));
    for (const SandboxRequest &request : m_server.requests())
        QVERIFY2(!request.onBehalfOf.isEmpty(), qPrintable(request.path));

    m_server.clearRequests();
    result =
        run(v3({QStringLiteral("find"), QStringLiteral("jordan.lee@example.com"),
                QStringLiteral("--customers"), QStringLiteral("acme"), QStringLiteral("--parent"),
                QStringLiteral("--lists"), QStringLiteral("unsubscribes,bounces")}));
    QCOMPARE(result.exitCode, 0);
    hits = records(result);
    QCOMPARE(hits.size(), 3); // parent bounces and unsubscribes, acme unsubscribes
    QCOMPARE(hits.at(0).mid(0, 2), (QStringList{QString(), QStringLiteral("bounces")}));
    QCOMPARE(hits.at(1).mid(0, 2), (QStringList{QString(), QStringLiteral("unsubscribes")}));
    QCOMPARE(hits.at(2).mid(0, 2),
             (QStringList{QStringLiteral("acme"), QStringLiteral("unsubscribes")}));
    QCOMPARE(m_server.requests().size(), 4); // 2 tenants x 2 lists, no customer list read

    // Nothing found is still a complete search.
    result = run(v3({QStringLiteral("find"), QStringLiteral("nobody@example.com"),
                     QStringLiteral("--customers"), QStringLiteral("acme")}));
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(result.out, kHeader + QStringLiteral("\r\n"));
}

void TestCliFind::findDomainUsesTheServerFilter() {
    SandboxData &data = m_server.data();
    const SandboxTenant a = SandboxTenant::subuser(QStringLiteral("dom-a"));
    const SandboxTenant b = SandboxTenant::subuser(QStringLiteral("dom-b"));
    data.setSuppressions(a, SuppressionList::Bounces,
                         {row(QStringLiteral("ann@Example.COM"), 1735689600,
                              QStringLiteral("5.1.1"), QStringLiteral("gone")),
                          row(QStringLiteral("bob@example.com.evil.net")),
                          row(QStringLiteral("carl@other.org"))});
    data.setSuppressions(b, SuppressionList::Blocks,
                         {row(QStringLiteral("dee@example.com"), 1735689600,
                              QStringLiteral("4.0.0"), QStringLiteral("later"))});
    data.setGroup(b, {7, QStringLiteral("Promo"), QString(), false},
                  {row(QStringLiteral("eve@example.com")), row(QStringLiteral("fay@other.org"))});

    const CliTest::Run result =
        run(v3({QStringLiteral("find"), QStringLiteral("@example.com"),
                QStringLiteral("--customers"), QStringLiteral("dom-a,dom-b")}));
    QVERIFY(result.finished);
    QCOMPARE(result.exitCode, 0);
    QList<QStringList> hits = records(result);
    QCOMPARE(hits.size(), 3);
    // Group unsubscribes have no server filter: read whole, filtered here.
    QCOMPARE(hits.last().mid(0, 5),
             (QStringList{QStringLiteral("dom-b"), QStringLiteral("group_unsubscribes"),
                          QStringLiteral("eve@example.com"), QString(),
                          QStringLiteral("group 7: Promo")}));
    hits.removeLast();
    QCOMPARE(hits, (QList<QStringList>{
                       {QStringLiteral("dom-a"), QStringLiteral("bounces"),
                        QStringLiteral("ann@Example.COM"), QStringLiteral("5.1.1"),
                        QStringLiteral("gone"), QStringLiteral("2025-01-01T00:00:00Z")},
                       {QStringLiteral("dom-b"), QStringLiteral("blocks"),
                        QStringLiteral("dee@example.com"), QStringLiteral("4.0.0"),
                        QStringLiteral("later"), QStringLiteral("2025-01-01T00:00:00Z")},
                   }));
    // The flat lists were read through the server's filter, '%' and '@' percent-encoded.
    int filtered = 0;
    for (const SandboxRequest &request : m_server.requests()) {
        if (request.path.startsWith(QLatin1String("/v3/suppression/"))) {
            QVERIFY2(request.query.contains(QLatin1String("email=%25%40example.com")),
                     qPrintable(request.query));
            ++filtered;
        }
    }
    QVERIFY(filtered >= 10); // 2 customers x 5 flat lists (pages may be asked ahead)
}

void TestCliFind::findPlusAddress() {
    m_server.data().setSuppressions(SandboxTenant::subuser(QStringLiteral("plus-a")),
                                    SuppressionList::Bounces,
                                    {row(QStringLiteral("anna news@example.com")),
                                     row(QStringLiteral("anna+news@example.com"))});
    const CliTest::Run result =
        run(v3({QStringLiteral("find"), QStringLiteral("anna+news@example.com"),
                QStringLiteral("--customers"), QStringLiteral("plus-a"), QStringLiteral("--lists"),
                QStringLiteral("bounces")}));
    QCOMPARE(result.exitCode, 0);
    const QList<QStringList> hits = records(result);
    QCOMPARE(hits.size(), 1);
    QCOMPARE(hits.at(0).value(2), QStringLiteral("anna+news@example.com"));
}

void TestCliFind::findUsageErrors() {
    const QList<QStringList> wrong = {
        {QStringLiteral("find")},
        {QStringLiteral("find"), QStringLiteral("not-an-address")},
        {QStringLiteral("find"), QStringLiteral("a@example.com"), QStringLiteral("--lists"),
         QStringLiteral("bounces,nonsense")},
        {QStringLiteral("find"), QStringLiteral("a@example.com"), QStringLiteral("b@example.com")},
    };
    for (const QStringList &arguments : wrong) {
        const CliTest::Run result = run(v3(arguments));
        QCOMPARE(result.exitCode, 2);
    }
    // v2 serves bounces only: other lists name v3.
    const CliTest::Run v2 = run({QStringLiteral("find"), QStringLiteral("a@example.com"),
                                 QStringLiteral("--lists"), QStringLiteral("blocks")});
    QCOMPARE(v2.exitCode, 2);
    QVERIFY2(v2.err.contains(QLatin1String("v3")), qPrintable(v2.err));
    QVERIFY(m_server.requests().isEmpty());
}

void TestCliFind::findV2ReadsEveryBounceList() {
    const Bounce hit{QStringLiteral("Rita@Example.org"), QStringLiteral("5.1.1"),
                     QStringLiteral("no such user"), QStringLiteral("2024-02-01 10:00:00")};
    const Bounce other{QStringLiteral("rita@example.org.evil"), QStringLiteral("5.1.1"),
                       QStringLiteral("no such user"), QStringLiteral("2024-02-01 10:00:01")};
    m_server.data().setBounces(QStringLiteral("v2-find-a"), {other, hit});
    m_server.data().setBounces(QStringLiteral("v2-find-b"), {hit});
    // Every customer, one bounce list after another (no --api: the URL says v2).
    const CliTest::Run result = run({QStringLiteral("find"), QStringLiteral("rita@example.org")});
    QVERIFY(result.finished);
    QCOMPARE(result.exitCode, 0);
    const QList<QStringList> hits = records(result);
    QCOMPARE(hits, (QList<QStringList>{{QStringLiteral("v2-find-a"), QStringLiteral("bounces"),
                                        hit.email, hit.status, hit.reason, hit.created},
                                       {QStringLiteral("v2-find-b"), QStringLiteral("bounces"),
                                        hit.email, hit.status, hit.reason, hit.created}}));
}

void TestCliFind::clearRefusesBeforeSendingAnything() {
    const QList<QStringList> refused = {
        // Not on a terminal and no --yes.
        {QStringLiteral("clear"), QStringLiteral("jordan.lee@example.com")},
        // A domain.
        {QStringLiteral("clear"), QStringLiteral("@example.com"), QStringLiteral("--yes")},
        // A consent list without --recipient-consented.
        {QStringLiteral("clear"), QStringLiteral("jordan.lee@example.com"), QStringLiteral("--yes"),
         QStringLiteral("--lists"), QStringLiteral("bounces,unsubscribes")},
    };
    for (const QStringList &arguments : refused) {
        const CliTest::Run result = run(v3(arguments));
        QVERIFY(result.finished);
        QCOMPARE(result.exitCode, 2);
        QVERIFY(!result.err.isEmpty());
    }
    QVERIFY(m_server.requests().isEmpty());
}

void TestCliFind::clearDeletesWhereFound() {
    SandboxData &data = m_server.data();
    const QString address = QStringLiteral("pat@example.com");
    const SandboxTenant a = SandboxTenant::subuser(QStringLiteral("clr-a"));
    const SandboxTenant b = SandboxTenant::subuser(QStringLiteral("clr-b"));
    data.setSuppressions(a, SuppressionList::Bounces, {row(address), row(QStringLiteral("x@y.z"))});
    data.setSuppressions(a, SuppressionList::Blocks, {row(QStringLiteral("Pat@Example.com"))});
    data.setSuppressions(b, SuppressionList::InvalidEmails, {row(address)});
    data.setSuppressions(b, SuppressionList::Unsubscribes, {row(address)});
    data.addSuppressions(SandboxTenant::parent(), SuppressionList::Bounces, {row(address)});
    const qsizetype recordedBefore = recordedEntries().size();

    const CliTest::Run result = run(
        v3({QStringLiteral("clear"), address, QStringLiteral("--customers"),
            QStringLiteral("clr-a,clr-b"), QStringLiteral("--parent"), QStringLiteral("--yes")}));
    QVERIFY(result.finished);
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(result.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts),
             (QStringList{QStringLiteral("deleted: (parent) bounces pat@example.com"),
                          QStringLiteral("deleted: clr-a bounces pat@example.com"),
                          QStringLiteral("deleted: clr-a blocks Pat@Example.com"),
                          QStringLiteral("deleted: clr-b invalid_emails pat@example.com")}));
    // Gone from those lists; the unsubscribe (a consent list) and other rows stay.
    QCOMPARE(data.suppressionCount(a, SuppressionList::Bounces), 1);
    QCOMPARE(data.suppressionCount(a, SuppressionList::Blocks), 0);
    QCOMPARE(data.suppressionCount(b, SuppressionList::InvalidEmails), 0);
    QCOMPARE(data.suppressionCount(b, SuppressionList::Unsubscribes), 1);

    const QList<DeletionEntry> entries = recordedEntries().mid(recordedBefore);
    QCOMPARE(entries.size(), 4);
    QCOMPARE(entries.at(0).customer, QString());
    QCOMPARE(entries.at(1).customer, QStringLiteral("clr-a"));
    QCOMPARE(entries.at(2).list, QStringLiteral("blocks"));
    QCOMPARE(entries.at(3).list, QStringLiteral("invalid_emails"));
    for (const DeletionEntry &entry : entries) {
        QCOMPARE(entry.api, QStringLiteral("v3"));
        QCOMPARE(entry.outcome, DeletionOutcome::Deleted);
    }

    // Nothing left on those lists: nothing to delete, nothing sent.
    m_server.clearRequests();
    const CliTest::Run again =
        run(v3({QStringLiteral("clear"), address, QStringLiteral("--customers"),
                QStringLiteral("clr-a,clr-b"), QStringLiteral("--yes")}));
    QCOMPARE(again.exitCode, 0);
    QVERIFY(again.out.isEmpty());
    QCOMPARE(requestsMatching(QStringLiteral("DELETE")), 0);
}

void TestCliFind::clearConsentListsAndFailures() {
    SandboxData &data = m_server.data();
    const QString address = QStringLiteral("quinn@example.com");
    const SandboxTenant c = SandboxTenant::subuser(QStringLiteral("clr-c"));
    const SandboxTenant d = SandboxTenant::subuser(QStringLiteral("clr-d"));
    data.setSuppressions(c, SuppressionList::Blocks, {row(address)});
    data.setSuppressions(c, SuppressionList::Unsubscribes, {row(address)});
    data.setSuppressions(d, SuppressionList::Blocks, {row(address)});
    const qsizetype recordedBefore = recordedEntries().size();
    // Every delete of clr-c's blocks fails.
    SandboxFault fault;
    fault.type = SandboxFault::Type::Http500;
    fault.call = QStringLiteral("v3.blocks.delete");
    fault.tenant = QStringLiteral("clr-c");
    fault.times = -1;
    m_server.addFault(fault);

    const CliTest::Run result =
        run(v3({QStringLiteral("clear"), address, QStringLiteral("--customers"),
                QStringLiteral("clr-c,clr-d"), QStringLiteral("--lists"),
                QStringLiteral("blocks,unsubscribes"), QStringLiteral("--recipient-consented"),
                QStringLiteral("--yes")}));
    QVERIFY(result.finished);
    QCOMPARE(result.exitCode, 1);
    const QStringList lines = result.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 3);
    QVERIFY2(lines.at(0).startsWith(QStringLiteral("failed: clr-c blocks quinn@example.com: ")),
             qPrintable(lines.at(0)));
    QCOMPARE(lines.at(1), QStringLiteral("deleted: clr-c unsubscribes quinn@example.com"));
    QCOMPARE(lines.at(2), QStringLiteral("deleted: clr-d blocks quinn@example.com"));
    QCOMPARE(data.suppressionCount(c, SuppressionList::Blocks), 1);
    QCOMPARE(data.suppressionCount(c, SuppressionList::Unsubscribes), 0);

    const QList<DeletionEntry> entries = recordedEntries().mid(recordedBefore);
    QCOMPARE(entries.size(), 3);
    QCOMPARE(entries.at(0).outcome, DeletionOutcome::Failed);
    QCOMPARE(entries.at(0).customer, QStringLiteral("clr-c"));
    QCOMPARE(entries.at(1).outcome, DeletionOutcome::Deleted);
    QCOMPARE(entries.at(1).list, QStringLiteral("unsubscribes"));
}

TestCliFind::TerminalRun TestCliFind::runOnTerminal(const QStringList &arguments,
                                                    const QByteArray &answer) {
    TerminalRun result;
    // Everything the child needs is made before fork(): it only calls execve() after.
    const QByteArray program = QByteArrayLiteral(BOUNCEDESK_EXECUTABLE);
    std::vector<QByteArray> argBytes{program};
    for (const QString &argument : arguments)
        argBytes.push_back(argument.toLocal8Bit());
    std::vector<QByteArray> envBytes;
    for (const QString &entry : environment().toStringList())
        envBytes.push_back(entry.toLocal8Bit());
    std::vector<char *> argv;
    for (QByteArray &bytes : argBytes)
        argv.push_back(bytes.data());
    argv.push_back(nullptr);
    std::vector<char *> envp;
    for (QByteArray &bytes : envBytes)
        envp.push_back(bytes.data());
    envp.push_back(nullptr);

    int master = -1;
    const pid_t pid = ::forkpty(&master, nullptr, nullptr, nullptr);
    if (pid < 0) {
        qWarning("forkpty failed: %s", strerror(errno));
        return result;
    }
    if (pid == 0) {
        ::execve(argv[0], argv.data(), envp.data());
        ::_exit(127);
    }
    ::fcntl(master, F_SETFL, ::fcntl(master, F_GETFL) | O_NONBLOCK);
    QByteArray output;
    const auto drain = [&output, master] {
        char buffer[4096];
        for (;;) {
            const ssize_t got = ::read(master, buffer, sizeof buffer);
            if (got <= 0)
                return; // EAGAIN: nothing yet; EIO: the terminal's other side closed
            output.append(buffer, got);
        }
    };
    int status = 0;
    const auto reaped = [&] {
        drain();
        if (::waitpid(pid, &status, WNOHANG) != pid)
            return false;
        result.exited = true;
        return true;
    };
    result.asked = QTest::qWaitFor(
        [&] {
            drain();
            return output.contains("[y/N]") || reaped();
        },
        30'000);
    result.asked = result.asked && !result.exited;
    if (result.asked) {
        result.deletesWhenAsked = requestsMatching(QStringLiteral("DELETE"));
        if (::write(master, answer.constData(), size_t(answer.size())) != answer.size())
            qWarning("could not answer on the terminal");
    }
    if (!result.exited && !QTest::qWaitFor(reaped, 30'000)) {
        ::kill(pid, SIGKILL); // hung: this child only, by its id
        ::waitpid(pid, &status, 0);
    }
    drain();
    ::close(master);
    if (result.exited && WIFEXITED(status))
        result.exitCode = WEXITSTATUS(status);
    result.output = QString::fromUtf8(output);
    recordOutput(result.output, QString());
    return result;
}

void TestCliFind::clearAsksOnATerminal() {
    SandboxData &data = m_server.data();
    const QString address = QStringLiteral("tess@example.com");
    const SandboxTenant t = SandboxTenant::subuser(QStringLiteral("clr-tty"));
    data.setSuppressions(t, SuppressionList::Bounces, {row(address)});
    data.setSuppressions(t, SuppressionList::Blocks, {row(address)});
    const QStringList arguments = v3({QStringLiteral("clear"), address,
                                      QStringLiteral("--customers"), QStringLiteral("clr-tty")});
    const qsizetype recordedBefore = recordedEntries().size();

    // "n": the places are listed, nothing is sent.
    TerminalRun no = runOnTerminal(arguments, "n\n");
    QVERIFY2(no.asked, qPrintable(no.output));
    QVERIFY2(no.output.contains(QLatin1String("clr-tty bounces tess@example.com")),
             qPrintable(no.output));
    QVERIFY2(no.output.contains(QLatin1String("clr-tty blocks tess@example.com")),
             qPrintable(no.output));
    QCOMPARE(no.deletesWhenAsked, 0);
    QVERIFY(no.exited);
    QCOMPARE(no.exitCode, 1);
    QVERIFY2(no.output.contains(QLatin1String("nothing was deleted")), qPrintable(no.output));
    QCOMPARE(requestsMatching(QStringLiteral("DELETE")), 0);
    QCOMPARE(data.suppressionCount(t, SuppressionList::Bounces), 1);
    QCOMPARE(recordedEntries().size(), recordedBefore);

    // "y": deleted from both.
    m_server.clearRequests();
    TerminalRun yes = runOnTerminal(arguments, "y\n");
    QVERIFY2(yes.asked, qPrintable(yes.output));
    QCOMPARE(yes.deletesWhenAsked, 0);
    QVERIFY(yes.exited);
    QCOMPARE(yes.exitCode, 0);
    QVERIFY2(yes.output.contains(QLatin1String("deleted: clr-tty bounces tess@example.com")),
             qPrintable(yes.output));
    QVERIFY2(yes.output.contains(QLatin1String("deleted: clr-tty blocks tess@example.com")),
             qPrintable(yes.output));
    QVERIFY(requestsMatching(QStringLiteral("DELETE")) >= 2);
    QCOMPARE(data.suppressionCount(t, SuppressionList::Bounces), 0);
    QCOMPARE(data.suppressionCount(t, SuppressionList::Blocks), 0);
    QCOMPARE(recordedEntries().size(), recordedBefore + 2);
}

QTEST_GUILESS_MAIN(TestCliFind)
#include "tst_clifind.moc"
