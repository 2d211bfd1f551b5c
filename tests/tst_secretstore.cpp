#include "core/secretstore.h"

#include <QtTest>

// MemorySecretStore keeps the API key for the session when no keychain works. Its contract
// is the keychain's: answers come later from the event loop, never inside the call.
class TestSecretStore final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void answersLaterNotInsideTheCall();
    void writeThenRead();
    void readMissing();
    void removeThenRead();
    void answersInCallOrder();
    void outlivesTheStore();
};

void TestSecretStore::answersLaterNotInsideTheCall() {
    MemorySecretStore store;
    QVERIFY(!store.isPersistent());
    bool answered = false;
    store.writeSecret(QStringLiteral("alice"), QStringLiteral("k1"),
                      [&answered](SecretStore::Status, const QString &) { answered = true; });
    QVERIFY(!answered);
    QTRY_VERIFY(answered);

    answered = false;
    store.readSecret(QStringLiteral("alice"), [&answered](SecretStore::Status, const QString &,
                                                          const QString &) { answered = true; });
    QVERIFY(!answered);
    QTRY_VERIFY(answered);
}

void TestSecretStore::writeThenRead() {
    MemorySecretStore store;
    SecretStore::Status writeStatus = SecretStore::Status::Error;
    store.writeSecret(QStringLiteral("alice"), QStringLiteral("SG.secret+/="),
                      [&](SecretStore::Status status, const QString &) { writeStatus = status; });
    // Written at once: a read issued right away sees it.
    SecretStore::Status readStatus = SecretStore::Status::Error;
    QString secret;
    QString error = QStringLiteral("unset");
    store.readSecret(QStringLiteral("alice"),
                     [&](SecretStore::Status status, const QString &value, const QString &why) {
                         readStatus = status;
                         secret = value;
                         error = why;
                     });
    QTRY_COMPARE(readStatus, SecretStore::Status::Ok);
    QCOMPARE(writeStatus, SecretStore::Status::Ok);
    QCOMPARE(secret, QStringLiteral("SG.secret+/="));
    QVERIFY(error.isEmpty());
}

void TestSecretStore::readMissing() {
    MemorySecretStore store;
    store.writeSecret(QStringLiteral("alice"), QStringLiteral("k"), nullptr);
    SecretStore::Status status = SecretStore::Status::Ok;
    QString secret = QStringLiteral("unset");
    bool answered = false;
    store.readSecret(QStringLiteral("bob"),
                     [&](SecretStore::Status s, const QString &value, const QString &) {
                         status = s;
                         secret = value;
                         answered = true;
                     });
    QTRY_VERIFY(answered);
    QCOMPARE(status, SecretStore::Status::NotFound);
    QVERIFY(secret.isEmpty());
}

void TestSecretStore::removeThenRead() {
    MemorySecretStore store;
    store.writeSecret(QStringLiteral("alice"), QStringLiteral("k"), nullptr);
    QList<SecretStore::Status> removals;
    store.removeSecret(QStringLiteral("alice"),
                       [&](SecretStore::Status s, const QString &) { removals.append(s); });
    store.removeSecret(QStringLiteral("alice"),
                       [&](SecretStore::Status s, const QString &) { removals.append(s); });
    SecretStore::Status readStatus = SecretStore::Status::Ok;
    bool read = false;
    store.readSecret(QStringLiteral("alice"),
                     [&](SecretStore::Status s, const QString &, const QString &) {
                         readStatus = s;
                         read = true;
                     });
    QTRY_VERIFY(read);
    QCOMPARE(removals,
             (QList<SecretStore::Status>{SecretStore::Status::Ok, SecretStore::Status::NotFound}));
    QCOMPARE(readStatus, SecretStore::Status::NotFound);
}

void TestSecretStore::answersInCallOrder() {
    MemorySecretStore store;
    QStringList order;
    store.writeSecret(QStringLiteral("a"), QStringLiteral("1"),
                      [&](SecretStore::Status, const QString &) { order << QStringLiteral("w"); });
    store.readSecret(QStringLiteral("a"),
                     [&](SecretStore::Status, const QString &value, const QString &) {
                         order << QStringLiteral("r") + value;
                     });
    store.writeSecret(QStringLiteral("a"), QStringLiteral("2"),
                      [&](SecretStore::Status, const QString &) { order << QStringLiteral("w"); });
    store.readSecret(QStringLiteral("a"),
                     [&](SecretStore::Status, const QString &value, const QString &) {
                         order << QStringLiteral("r") + value;
                     });
    QTRY_COMPARE(order.size(), 4);
    QCOMPARE(order, (QStringList{QStringLiteral("w"), QStringLiteral("r1"), QStringLiteral("w"),
                                 QStringLiteral("r2")}));
}

// The answer holds its own copy: deleting the store before the event loop runs is safe.
void TestSecretStore::outlivesTheStore() {
    QString secret;
    {
        MemorySecretStore store;
        store.writeSecret(QStringLiteral("a"), QStringLiteral("kept"), nullptr);
        store.readSecret(QStringLiteral("a"), [&](SecretStore::Status, const QString &value,
                                                  const QString &) { secret = value; });
    }
    QTRY_COMPARE(secret, QStringLiteral("kept"));
}

QTEST_GUILESS_MAIN(TestSecretStore)
#include "tst_secretstore.moc"
