#pragma once

// Shared by the command-line tests (tst_cli, tst_cliexport, tst_clidelete): the real
// `bouncedesk` executable spawned with QProcess against a SandboxServer in the test process.
// The child gets a fresh HOME / XDG dirs (no real settings), no display and no D-Bus session,
// so every test also proves the command line needs none of them.

#include "core/bounce.h"
#include "sandbox/sandboxserver.h"

#include <QObject>
#include <QProcessEnvironment>
#include <QStringList>
#include <QTemporaryDir>

namespace CliTest {

// The credentials the test server accepts, and a wrong key; neither may ever be printed.
QString user();
QString key();
QString wrongKey();

struct Run {
    bool finished = false; // false: it hung and was killed
    int exitCode = -1;     // -1 after a crash
    QString out;
    QString err;
    QByteArray rawOut;
};

// RFC 4180 as a reader sees it: CRLF ends a record; quotes may hold commas, quotes and breaks.
QList<QStringList> parseCsv(QByteArray bytes);
// The CSV records (header first) an export of `bounces` must hold; `sanitised` applies the
// documented rule: a cell starting with = + - @ TAB CR LF gets a ' prefix.
QList<QStringList> csvRecordsOf(const QList<Bounce> &bounces, bool sanitised);
// XML 1.0 cannot carry C0 controls other than TAB, LF and CR, not even as references, so the
// emulator serves them as U+FFFD in XML; that is what an XML export must hold.
QList<Bounce> asServedInXml(QList<Bounce> bounces);
// Formula-looking cells, quotes, commas, a CRLF, a TAB, non-ASCII text and a missing created.
QList<Bounce> hostileBounces();

} // namespace CliTest

// Base of the command-line test classes. Its private slots run as every test's
// initTestCase / init / cleanup; cleanup() fails the test when any output held a key.
class CliTestCase : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

protected:
    // The child's environment; with credentials: SENDGRID_API_USER / _KEY of the test server.
    QProcessEnvironment environment(bool withCredentials = true) const;
    // Runs the executable to its end, serving its requests meanwhile (never waitForFinished(),
    // which would block this thread's server). `input` goes to its standard input. Returns once
    // the server has also taken every request the process sent (see serveWhatIsLeft()), so the
    // request log holds all of them, and none reaches the next test's.
    CliTest::Run run(const QStringList &arguments, const QProcessEnvironment &env,
                     const QByteArray &input = {}, int timeoutMs = 30'000);
    CliTest::Run run(const QStringList &arguments) { return run(arguments, environment()); }
    // Remembers output of a process started by hand, for the key check.
    void recordOutput(const QString &out, const QString &err) { m_outputs << out << err; }

    // The emulator has taken everything sent to it: no connection waits to be accepted, and none
    // is open (a connection goes only after reading up to its peer's close). True once run()
    // returns, as nothing else connects to it.
    bool everyRequestTaken() const;

    QString largestCustomer() const;
    int deleteRequests() const;

    SandboxServer m_server;
    QTemporaryDir m_home;

private:
    bool serveWhatIsLeft(int timeoutMs);

    QStringList m_outputs;
    QString m_notServed; // a run whose requests were not all taken: cleanup() fails the test
};
