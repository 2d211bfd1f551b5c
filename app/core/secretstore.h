#pragma once

#include <QHash>
#include <QString>

#include <functional>
#include <memory>

// Where the API key lives. The real one is the system keychain (app/keychain); tests and the
// "no keychain works" case use MemorySecretStore, which forgets everything when the process ends.
// Calls are asynchronous: the callback runs later on the caller's thread, never inside the call.
class SecretStore {
public:
    enum class Status {
        Ok,
        NotFound,  // no entry for that account
        NoBackend, // no keychain service is reachable (headless, no D-Bus, locked without agent)
        Error,     // anything else; `error` says what
    };
    using ReadCallback = std::function<void(Status, const QString &secret, const QString &error)>;
    using WriteCallback = std::function<void(Status, const QString &error)>;

    virtual ~SecretStore() = default;
    // Whether secrets survive the process (false for the in-memory store).
    virtual bool isPersistent() const = 0;
    virtual void readSecret(const QString &account, ReadCallback done) = 0;
    virtual void writeSecret(const QString &account, const QString &secret, WriteCallback done) = 0;
    virtual void removeSecret(const QString &account, WriteCallback done) = 0;

    static QString serviceName() { return QStringLiteral("BounceDesk"); }
};

class MemorySecretStore final : public SecretStore {
public:
    bool isPersistent() const override { return false; }
    void readSecret(const QString &account, ReadCallback done) override;
    void writeSecret(const QString &account, const QString &secret, WriteCallback done) override;
    void removeSecret(const QString &account, WriteCallback done) override;

private:
    QHash<QString, QString> m_secrets;
};
