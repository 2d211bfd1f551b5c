#pragma once

// Shared by the fault-matrix and security tests: settings that make faults fail fast, a
// capture of every message the process logs, and the one question asked of every text the
// user or a log can see: does it hold the API key, in any spelling a program would use?

#include "apitestsupport.h"
#include "scriptedhttpserver.h"

#include "core/secretstore.h"

#include <QAction>
#include <QByteArray>
#include <QCoreApplication>
#include <QHash>
#include <QLoggingCategory>
#include <QMutex>
#include <QMutexLocker>
#include <QString>
#include <QStringList>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>
#include <QUrl>
#include <QWidget>

#include <functional>

namespace FaultTest {

constexpr int transferTimeoutMs = 400;

// Small timeouts and retry delays, so a whole matrix of faults runs in well under a minute.
// maxRetryDelayMs stays above the emulator's Retry-After of 1 s, so a 429 is waited out.
inline ApiSettings fastSettings(const SandboxServer &server,
                                ResponseFormat format = ResponseFormat::Json) {
    ApiSettings settings = ApiTest::settingsFor(server, format);
    settings.transferTimeoutMs = transferTimeoutMs;
    settings.maxAttempts = 2;
    settings.retryBaseDelayMs = 10;
    settings.maxRetryDelayMs = 2000;
    return settings;
}

// The key as it could leak: as is, form- or percent-encoded (as it travels in the body), and
// the URL-query spelling.
inline QStringList keySpellings(const QString &key) {
    const QString percent = QString::fromLatin1(QUrl::toPercentEncoding(key));
    QString formEncoded = percent;
    formEncoded.replace(QStringLiteral("%20"), QStringLiteral("+"));
    return {key, percent, formEncoded, QStringLiteral("api_key=") + percent};
}

// Also catches a part of the test key: a message that quotes an excerpt of an echoed body
// could cut the key short and still leak most of it.
inline bool holdsKey(const QString &text, const QString &key = ApiTest::secretKey()) {
    for (const QString &spelling : keySpellings(key)) {
        if (text.contains(spelling))
            return true;
    }
    return key == ApiTest::secretKey() && text.contains(QLatin1String("t0p-Secret"));
}

inline bool holdsKey(const QByteArray &bytes, const QString &key = ApiTest::secretKey()) {
    return holdsKey(QString::fromUtf8(bytes), key) || bytes.contains(key.toUtf8().toBase64());
}

// Collects every message logged in this process (any thread) while it is installed, and
// passes warnings and worse on to the handler before it (QtTest's), so test output keeps them.
// `debugRules` switches debug output on (QLoggingCategory rules) for the capture's lifetime.
class LogCapture final {
public:
    explicit LogCapture(const QString &debugRules = {}) {
        instance() = this;
        m_previous = qInstallMessageHandler(&LogCapture::handle);
        if (!debugRules.isEmpty())
            QLoggingCategory::setFilterRules(debugRules);
    }
    ~LogCapture() {
        QLoggingCategory::setFilterRules(QString());
        qInstallMessageHandler(m_previous);
        instance() = nullptr;
    }
    Q_DISABLE_COPY_MOVE(LogCapture)

    QStringList lines() const {
        const QMutexLocker locker(&m_mutex);
        return m_lines;
    }
    // The first captured line that holds the key, or an empty string.
    QString lineWithKey(const QString &key = ApiTest::secretKey()) const {
        for (const QString &line : lines()) {
            if (holdsKey(line, key))
                return line;
        }
        return {};
    }

private:
    static LogCapture *&instance() {
        static LogCapture *current = nullptr;
        return current;
    }
    static void handle(QtMsgType type, const QMessageLogContext &context, const QString &text) {
        LogCapture *self = instance();
        if (!self)
            return;
        {
            const QMutexLocker locker(&self->m_mutex);
            self->m_lines << QString::fromLatin1(context.category ? context.category : "") +
                                 QStringLiteral(": ") + text;
        }
        if (type != QtDebugMsg && type != QtInfoMsg && self->m_previous)
            self->m_previous(type, context, text);
    }

    mutable QMutex m_mutex;
    QStringList m_lines;
    QtMessageHandler m_previous = nullptr;
};

// Waits until the window's Delete action is enabled: it follows the selection one event-loop
// turn later, before any person could press Del.
inline bool waitForDeleteAction(const QWidget &window) {
    return QTest::qWaitFor(
        [&window] {
            const QList<QAction *> actions = window.actions();
            for (const QAction *action : actions) {
                if (action->shortcut() == QKeySequence(QKeySequence::Delete))
                    return action->isEnabled();
            }
            return false;
        },
        5000);
}

// A keychain that is not there (headless, no D-Bus): the store falls back to the session and
// logs why — a log line of our own that the capture must see.
class MissingKeychain final : public SecretStore {
public:
    bool isPersistent() const override { return true; }
    void readSecret(const QString &, ReadCallback done) override {
        QTimer::singleShot(0, QCoreApplication::instance(),
                           [done] { done(Status::NoBackend, {}, QStringLiteral("no bus")); });
    }
    void writeSecret(const QString &, const QString &, WriteCallback done) override {
        QTimer::singleShot(0, QCoreApplication::instance(),
                           [done] { done(Status::NoBackend, QStringLiteral("no bus")); });
    }
    void removeSecret(const QString &, WriteCallback done) override {
        QTimer::singleShot(0, QCoreApplication::instance(),
                           [done] { done(Status::NoBackend, QStringLiteral("no bus")); });
    }
};

using ScriptedHttpServer = ::ScriptedHttpServer;

} // namespace FaultTest
