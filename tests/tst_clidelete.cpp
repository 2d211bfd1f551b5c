// `bouncedesk delete` end to end: exactly the addresses asked for go (plus-addresses too), one
// line per address, and nothing is sent unless someone confirmed (--yes or a terminal answer).
#include "clitestsupport.h"

#include <QtTest>

#include <QProcess>

#include <pty.h>
#include <unistd.h>

class TestCliDelete final : public CliTestCase {
    Q_OBJECT

private Q_SLOTS:
    void deleteRemovesExactlyTheAddresses();
    void deleteUnknownAddress();
    void deleteFailureIsReported_data();
    void deleteFailureIsReported();
    void deleteRefusesWithoutTerminal();
    void deleteAsksOnTerminal_data();
    void deleteAsksOnTerminal();
};

void TestCliDelete::deleteRemovesExactlyTheAddresses() {
    const QString customer = QStringLiteral("cli-delete");
    const Bounce plus{QStringLiteral("anna+news@example.com"), QStringLiteral("5.1.1"),
                      QStringLiteral("no such user"), QStringLiteral("2024-02-01 10:00:00")};
    // What a '+' decoded as a space would hit instead.
    const Bounce spaced{QStringLiteral("anna news@example.com"), QStringLiteral("5.1.1"),
                        QStringLiteral("no such user"), QStringLiteral("2024-02-01 10:00:01")};
    const Bounce other{QStringLiteral("bob@example.com"), QStringLiteral("4.2.2"),
                       QStringLiteral("mailbox full"), QStringLiteral("2024-02-01 10:00:02")};
    const Bounce kept{QStringLiteral("carol@example.com"), QStringLiteral("5.0.0"),
                      QStringLiteral("rejected"), QStringLiteral("2024-02-01 10:00:03")};
    m_server.data().setBounces(customer, {plus, spaced, other, kept});

    const CliTest::Run result =
        run({QStringLiteral("delete"), QStringLiteral("--customer"), customer,
             QStringLiteral("--yes"), plus.email, other.email, plus.email});
    QVERIFY(result.finished);
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QCOMPARE(result.out, QStringLiteral("deleted: %1\ndeleted: %2\n").arg(plus.email, other.email));
    QCOMPARE(m_server.data().bounces(customer), (QList<Bounce>{spaced, kept}));
    QCOMPARE(deleteRequests(), 2);
}

void TestCliDelete::deleteUnknownAddress() {
    const QString customer = QStringLiteral("cli-delete-unknown");
    m_server.data().setBounces(customer, CliTest::hostileBounces());
    const QString unknown = QStringLiteral("nobody+x@example.com");
    const CliTest::Run result = run({QStringLiteral("delete"), QStringLiteral("--customer"),
                                     customer, QStringLiteral("--yes"), unknown});
    QVERIFY(result.finished);
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QCOMPARE(result.out, QStringLiteral("was not on the list: %1\n").arg(unknown));
    QCOMPARE(m_server.data().bounces(customer), CliTest::hostileBounces());
}

void TestCliDelete::deleteFailureIsReported_data() {
    QTest::addColumn<int>("fault");
    QTest::addColumn<bool>("unconfirmed");
    // The server answered "no": the address is still there, and the line says why.
    QTest::newRow("error body with 200") << int(SandboxFault::Type::ErrorWith200) << false;
    // No answer at all: the delete may have happened, and the line must say so.
    QTest::newRow("connection reset") << int(SandboxFault::Type::Reset) << true;
}

void TestCliDelete::deleteFailureIsReported() {
    QFETCH(int, fault);
    QFETCH(bool, unconfirmed);
    const QString customer = QStringLiteral("cli-delete-failing");
    m_server.data().setBounces(customer, CliTest::hostileBounces());
    SandboxFault sandboxFault;
    sandboxFault.type = SandboxFault::Type(fault);
    sandboxFault.call = QStringLiteral("bounces.delete");
    sandboxFault.times = -1;
    m_server.addFault(sandboxFault);
    const QString email = QStringLiteral("plain@example.com");
    const QString other = QStringLiteral("@at@example.com");
    const CliTest::Run result = run({QStringLiteral("delete"), QStringLiteral("--customer"),
                                     customer, QStringLiteral("--yes"), email, other});
    QVERIFY(result.finished);
    QCOMPARE(result.exitCode, 1);
    const QStringList lines = result.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 2);
    QVERIFY2(lines.at(0).startsWith(QStringLiteral("failed: %1: ").arg(email)),
             qPrintable(lines.at(0)));
    QVERIFY2(lines.at(1).startsWith(QStringLiteral("failed: %1: ").arg(other)),
             qPrintable(lines.at(1)));
    for (const QString &line : lines) {
        QCOMPARE(line.contains(QLatin1String("outcome is unknown")), unconfirmed);
        QCOMPARE(line.contains(QLatin1String("deleting again is safe")), unconfirmed);
    }
    QVERIFY2(result.err.startsWith(QLatin1String("bouncedesk: 2 of 2 deletes failed")),
             qPrintable(result.err));
    // After a reset the server may well have deleted them: that is why the line says unknown.
    if (!unconfirmed)
        QCOMPARE(m_server.data().bounces(customer), CliTest::hostileBounces());
}

void TestCliDelete::deleteRefusesWithoutTerminal() {
    const QString customer = QStringLiteral("cli-delete-refused");
    m_server.data().setBounces(customer, CliTest::hostileBounces());
    const CliTest::Run result = run({QStringLiteral("delete"), QStringLiteral("--customer"),
                                     customer, QStringLiteral("plain@example.com")},
                                    environment(), "y\n");
    QVERIFY(result.finished);
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.err.contains(QLatin1String("--yes")), qPrintable(result.err));
    QVERIFY(m_server.requests().isEmpty());
    QCOMPARE(m_server.data().bounces(customer), CliTest::hostileBounces());
}

void TestCliDelete::deleteAsksOnTerminal_data() {
    QTest::addColumn<QByteArray>("answer");
    QTest::addColumn<bool>("deletes");
    QTest::newRow("yes") << QByteArray("y\n") << true;
    QTest::newRow("no") << QByteArray("n\n") << false;
    QTest::newRow("just enter") << QByteArray("\n") << false;
}

// Standard input is a pseudo-terminal here, so the command must ask.
void TestCliDelete::deleteAsksOnTerminal() {
    QFETCH(QByteArray, answer);
    QFETCH(bool, deletes);
    int master = -1;
    int slave = -1;
    if (::openpty(&master, &slave, nullptr, nullptr, nullptr) != 0)
        QSKIP("no pseudo-terminal available");
    const QString slaveName = QString::fromLocal8Bit(::ttyname(slave));
    QVERIFY(::write(master, answer.constData(), size_t(answer.size())) == answer.size());

    const QString customer = QStringLiteral("cli-delete-asked");
    m_server.data().setBounces(customer, CliTest::hostileBounces());
    QProcess process;
    process.setProcessEnvironment(environment());
    process.setStandardInputFile(slaveName);
    QSignalSpy finished(&process, &QProcess::finished);
    process.start(QStringLiteral(BOUNCEDESK_EXECUTABLE),
                  {QStringLiteral("delete"), QStringLiteral("--customer"), customer,
                   QStringLiteral("plain@example.com")});
    const bool ended = finished.count() > 0 || finished.wait(30'000);
    ::close(slave);
    ::close(master);
    const QString out = QString::fromUtf8(process.readAllStandardOutput());
    const QString err = QString::fromUtf8(process.readAllStandardError());
    recordOutput(out, err);
    QVERIFY(ended);
    QVERIFY2(err.contains(QStringLiteral("Delete 1 bounce of %1? SendGrid will deliver to these "
                                         "addresses again. [y/N]")
                              .arg(customer)),
             qPrintable(err));
    QCOMPARE(process.exitCode(), deletes ? 0 : 1);
    QCOMPARE(out, deletes ? QStringLiteral("deleted: plain@example.com\n") : QString());
    QCOMPARE(deleteRequests(), deletes ? 1 : 0);
    QCOMPARE(m_server.data().bounces(customer).size(),
             CliTest::hostileBounces().size() - (deletes ? 1 : 0));
}

QTEST_GUILESS_MAIN(TestCliDelete)
#include "tst_clidelete.moc"
