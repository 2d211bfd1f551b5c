#include "clitestsupport.h"

#include "core/bounceclass.h"
#include "sandbox/sandboxconnection.h"

#include <QtTest>

#include <QProcess>
#include <QTcpServer>

#include <poll.h>

namespace {
const QStringList kCsvHeader = {QStringLiteral("email"),  QStringLiteral("status"),
                                QStringLiteral("reason"), QStringLiteral("created"),
                                QStringLiteral("type"),   QStringLiteral("class")};

// The documented neutralisation rule (OWASP): a leading = + - @ TAB CR LF gets a ' prefix.
QString neutralised(const QString &cell) {
    static const QString triggers = QStringLiteral("=+-@\t\r\n");
    return !cell.isEmpty() && triggers.contains(cell.front()) ? QLatin1Char('\'') + cell : cell;
}

} // namespace

namespace CliTest {

QString user() {
    return QStringLiteral("cli-reseller");
}

QString key() {
    return QStringLiteral("Sup3r-S3cret-cli-key-8d1f");
}

QString wrongKey() {
    return QStringLiteral("Wr0ng-S3cret-cli-key-71aa");
}

QList<QStringList> parseCsv(QByteArray bytes) {
    if (bytes.startsWith("\xEF\xBB\xBF"))
        bytes.remove(0, 3);
    const QString text = QString::fromUtf8(bytes);
    QList<QStringList> records;
    QStringList record;
    QString field;
    bool quoted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == QLatin1Char('"') && i + 1 < text.size() &&
                text.at(i + 1) == QLatin1Char('"')) {
                field += c;
                ++i;
            } else if (c == QLatin1Char('"')) {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == QLatin1Char('"')) {
            quoted = true;
        } else if (c == QLatin1Char(',')) {
            record << field;
            field.clear();
        } else if (c == QLatin1Char('\r') && i + 1 < text.size() &&
                   text.at(i + 1) == QLatin1Char('\n')) {
            ++i;
            record << field;
            records << record;
            record.clear();
            field.clear();
        } else {
            field += c;
        }
    }
    if (!field.isEmpty() || !record.isEmpty())
        records << (record << field);
    return records;
}

QList<QStringList> csvRecordsOf(const QList<Bounce> &bounces, bool sanitised) {
    QList<QStringList> records{kCsvHeader};
    for (const Bounce &bounce : bounces) {
        QStringList record{bounce.email, bounce.status, bounce.reason, bounce.created};
        if (sanitised) {
            for (QString &cell : record)
                cell = neutralised(cell);
        }
        // Derived from the texts as served (the classifier's own tests check its answers).
        const BounceDerivation derived = deriveBounce(bounce.status, bounce.reason);
        record << bounceKindName(derived.kind) << bounceClassName(derived.bounceClass);
        records << record;
    }
    return records;
}

QList<Bounce> asServedInXml(QList<Bounce> bounces) {
    auto replaceControls = [](QString &text) {
        for (QChar &c : text) {
            if (c.unicode() < 0x20 && c != QLatin1Char('\t') && c != QLatin1Char('\n') &&
                c != QLatin1Char('\r'))
                c = QChar::ReplacementCharacter;
        }
    };
    for (Bounce &bounce : bounces) {
        replaceControls(bounce.email);
        replaceControls(bounce.status);
        replaceControls(bounce.reason);
        replaceControls(bounce.created);
    }
    return bounces;
}

QList<Bounce> hostileBounces() {
    return {
        {QStringLiteral("=cmd|' /C calc'!A0@evil.example"), QStringLiteral("5.1.1"),
         QStringLiteral("=HYPERLINK(\"http://evil.example\",\"click\")"),
         QStringLiteral("2024-01-02 03:04:05")},
        {QStringLiteral("+plus@example.com"), QStringLiteral("5.0.0"),
         QStringLiteral("-2+3 said, \"no\"\r\nsecond line"), QStringLiteral("2024-01-03 00:00:00")},
        {QStringLiteral("@at@example.com"), QStringLiteral("4.2.2"),
         QStringLiteral("\tmailbox full; Grüße, 满了"), QString()},
        {QStringLiteral("plain@example.com"), QStringLiteral("550"),
         QStringLiteral("ordinary reason"), QStringLiteral("2024-01-04 05:06:07")},
    };
}

} // namespace CliTest

void CliTestCase::initTestCase() {
    QVERIFY(QFileInfo(QStringLiteral(BOUNCEDESK_EXECUTABLE)).isExecutable());
    QVERIFY(m_home.isValid());
    m_server.setCredentials(CliTest::user(), CliTest::key());
    QVERIFY2(m_server.listen(), qPrintable(m_server.errorString()));
    // serveWhatIsLeft() looks at the emulator's listening socket and its connections.
    QVERIFY(m_server.findChild<QTcpServer *>(QString(), Qt::FindDirectChildrenOnly));
}

void CliTestCase::init() {
    m_server.clearFaults();
    m_server.clearRequests();
    m_server.setCompressesBodies(false);
}

void CliTestCase::cleanup() {
    for (const QString &output : std::as_const(m_outputs)) {
        QVERIFY2(!output.contains(CliTest::key()), qPrintable(output));
        QVERIFY2(!output.contains(CliTest::wrongKey()), qPrintable(output));
    }
    m_outputs.clear();
    QVERIFY2(m_notServed.isEmpty(), qPrintable(std::exchange(m_notServed, QString())));
}

QProcessEnvironment CliTestCase::environment(bool withCredentials) const {
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char *name :
         {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "SENDGRID_API_USER", "SENDGRID_API_KEY",
          "BOUNCEDESK_API_URL", "BOUNCEDESK_CA_FILE", "XDG_RUNTIME_DIR"})
        env.remove(QLatin1String(name));
    env.insert(QStringLiteral("HOME"), m_home.path());
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home.filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_home.filePath(QStringLiteral("data")));
    env.insert(QStringLiteral("XDG_CACHE_HOME"), m_home.filePath(QStringLiteral("cache")));
    // No session bus: the keychain must fail fast and clearly, never reach the real one.
    env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
               QStringLiteral("unix:path=") + m_home.filePath(QStringLiteral("no-bus")));
    env.insert(QStringLiteral("BOUNCEDESK_API_URL"), m_server.baseUrl().toString());
    if (withCredentials) {
        env.insert(QStringLiteral("SENDGRID_API_USER"), CliTest::user());
        env.insert(QStringLiteral("SENDGRID_API_KEY"), CliTest::key());
    }
    return env;
}

// Waits with QSignalSpy, not waitForFinished(): the server answering the child lives in this
// thread's event loop.
CliTest::Run CliTestCase::run(const QStringList &arguments, const QProcessEnvironment &env,
                              const QByteArray &input, int timeoutMs) {
    QProcess process;
    process.setProcessEnvironment(env);
    QSignalSpy finished(&process, &QProcess::finished);
    process.start(QStringLiteral(BOUNCEDESK_EXECUTABLE), arguments);
    if (process.waitForStarted()) {
        if (!input.isEmpty())
            process.write(input);
        process.closeWriteChannel();
    }
    CliTest::Run result;
    result.finished = finished.count() > 0 || finished.wait(timeoutMs);
    if (!result.finished) {
        process.kill();
        process.waitForFinished();
    }
    if (!serveWhatIsLeft(timeoutMs) && m_notServed.isEmpty())
        m_notServed = QStringLiteral("the emulator had not taken every request of `%1` %2 ms "
                                     "after it ended")
                          .arg(arguments.mid(0, 3).join(QLatin1Char(' ')))
                          .arg(timeoutMs);
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.rawOut = process.readAllStandardOutput();
    result.out = QString::fromUtf8(result.rawOut);
    result.err = QString::fromUtf8(process.readAllStandardError());
    m_outputs << result.out << result.err;
    return result;
}

bool CliTestCase::everyRequestTaken() const {
    const auto *listener = m_server.findChild<QTcpServer *>(QString(), Qt::FindDirectChildrenOnly);
    if (!listener)
        return false;
    // A listening socket is readable while a connection waits in its queue.
    pollfd listening{int(listener->socketDescriptor()), POLLIN, 0};
    if (::poll(&listening, 1, 0) != 0)
        return false;
    return m_server.findChildren<SandboxConnection *>(QString(), Qt::FindDirectChildrenOnly)
        .isEmpty();
}

// The process has ended, so everything it sent is at the server, but not necessarily taken
// yet: a request it sent and then no longer waited for (a page past the list's end, cancelled)
// can still sit in a connection not yet accepted, or accepted and not yet read, when its end is
// noticed, and would then be logged during the next run, in the next test's request log.
// Nothing connects any more, so this waits for a condition, not for time: `timeoutMs` only
// bounds a server that never gets there.
bool CliTestCase::serveWhatIsLeft(int timeoutMs) {
    return QTest::qWaitFor([this] { return everyRequestTaken(); }, timeoutMs);
}

QString CliTestCase::largestCustomer() const {
    QString largest;
    for (const Customer &customer : m_server.data().customers()) {
        if (largest.isEmpty() ||
            m_server.data().bounceCount(customer.username) > m_server.data().bounceCount(largest))
            largest = customer.username;
    }
    return largest;
}

int CliTestCase::deleteRequests() const {
    int count = 0;
    for (const SandboxRequest &request : m_server.requests())
        count += request.task == QLatin1String("delete") ? 1 : 0;
    return count;
}
