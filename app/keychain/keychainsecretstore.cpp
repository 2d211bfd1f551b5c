#include "keychainsecretstore.h"

#include <qt6keychain/keychain.h>

#include <QObject>

namespace {

// QtKeychain reports "nobody is there" in several ways: no backend at all, a D-Bus that does
// not answer (OtherError on a headless machine), or a service that refuses without asking the
// user. All of them mean the same to the caller: keep the key for this session only.
SecretStore::Status statusOf(QKeychain::Error error) {
    switch (error) {
    case QKeychain::NoError:
        return SecretStore::Status::Ok;
    case QKeychain::EntryNotFound:
        return SecretStore::Status::NotFound;
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
    case QKeychain::AccessDenied:
    case QKeychain::OtherError:
        return SecretStore::Status::NoBackend;
    case QKeychain::CouldNotDeleteEntry:
    case QKeychain::AccessDeniedByUser:
        break;
    }
    return SecretStore::Status::Error;
}

// The job's own words, or a sentence of ours when it gave none. Never holds the secret:
// QtKeychain's messages describe the service, not the data.
QString errorTextOf(const QKeychain::Job *job) {
    if (job->error() == QKeychain::NoError)
        return {};
    const QString text = job->errorString().trimmed();
    if (!text.isEmpty())
        return text;
    switch (job->error()) {
    case QKeychain::EntryNotFound:
        return QObject::tr("No key is saved in the system keychain for this user.");
    case QKeychain::AccessDeniedByUser:
        return QObject::tr("Access to the system keychain was denied.");
    case QKeychain::CouldNotDeleteEntry:
        return QObject::tr("The key could not be removed from the system keychain.");
    default:
        return QObject::tr("No system keychain service is available.");
    }
}

// Jobs delete themselves after finished(); the callback runs from that signal, i.e. always
// later than the call that started the job (QtKeychain queues its start).
template<typename JobType>
JobType *makeJob(const QString &account) {
    auto *job = new JobType(SecretStore::serviceName());
    job->setAutoDelete(true);
    job->setKey(account);
    return job;
}

} // namespace

void KeychainSecretStore::readSecret(const QString &account, ReadCallback done) {
    auto *job = makeJob<QKeychain::ReadPasswordJob>(account);
    QObject::connect(
        job, &QKeychain::Job::finished, job, [done = std::move(done)](QKeychain::Job *finishedJob) {
            const auto *readJob = static_cast<QKeychain::ReadPasswordJob *>(finishedJob);
            const Status status = statusOf(readJob->error());
            done(status, status == Status::Ok ? readJob->textData() : QString(),
                 errorTextOf(readJob));
        });
    job->start();
}

void KeychainSecretStore::writeSecret(const QString &account, const QString &secret,
                                      WriteCallback done) {
    auto *job = makeJob<QKeychain::WritePasswordJob>(account);
    job->setTextData(secret);
    QObject::connect(job, &QKeychain::Job::finished, job,
                     [done = std::move(done)](QKeychain::Job *finishedJob) {
                         done(statusOf(finishedJob->error()), errorTextOf(finishedJob));
                     });
    job->start();
}

void KeychainSecretStore::removeSecret(const QString &account, WriteCallback done) {
    auto *job = makeJob<QKeychain::DeletePasswordJob>(account);
    QObject::connect(job, &QKeychain::Job::finished, job,
                     [done = std::move(done)](QKeychain::Job *finishedJob) {
                         done(statusOf(finishedJob->error()), errorTextOf(finishedJob));
                     });
    job->start();
}
