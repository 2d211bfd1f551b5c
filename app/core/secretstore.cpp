#include "secretstore.h"

#include <QAbstractEventDispatcher>
#include <QCoreApplication>
#include <QThread>

namespace {

// Runs `callback` from the event loop of the calling thread, never inside the call, so a
// caller can rely on the same order of events as with a real keychain.
template<typename Callback>
void later(Callback callback) {
    QObject *context = QAbstractEventDispatcher::instance(QThread::currentThread());
    if (!context)
        context = QCoreApplication::instance();
    Q_ASSERT_X(context, "MemorySecretStore", "needs an event loop to answer later");
    if (!context)
        return; // without any event loop nothing can run later; dropping is better than lying
    QMetaObject::invokeMethod(context, std::move(callback), Qt::QueuedConnection);
}

} // namespace

// Every call takes its snapshot or applies its change now; only the answer is delayed.
void MemorySecretStore::readSecret(const QString &account, ReadCallback done) {
    const auto found = m_secrets.constFind(account);
    const bool exists = found != m_secrets.constEnd();
    const QString secret = exists ? found.value() : QString();
    later([done = std::move(done), exists, secret] {
        if (done)
            done(exists ? Status::Ok : Status::NotFound, secret, QString());
    });
}

void MemorySecretStore::writeSecret(const QString &account, const QString &secret,
                                    WriteCallback done) {
    m_secrets.insert(account, secret);
    later([done = std::move(done)] {
        if (done)
            done(Status::Ok, QString());
    });
}

void MemorySecretStore::removeSecret(const QString &account, WriteCallback done) {
    const bool existed = m_secrets.remove(account) > 0;
    later([done = std::move(done), existed] {
        if (done)
            done(existed ? Status::Ok : Status::NotFound, QString());
    });
}
