// TrustedCertificates (--ca-file, BOUNCEDESK_CA_FILE): the authorities of a PEM file are added to
// the default TLS configuration beside the system's roots, never instead of them; a file that
// cannot be read or holds no certificate is refused with a message naming it, never quoting it.
// The command line's use of it, against the emulator over TLS, is in tst_security_cli.
#include "api/trustedcertificates.h"

#include <QtTest>

#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTemporaryDir>

class TestTrustedCertificates final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void unusableFilesAreRefused_data();
    void unusableFilesAreRefused();
    void addsToTheSystemsRoots();
};

void TestTrustedCertificates::initTestCase() {
    if (!QSslSocket::supportsSsl())
        QSKIP("No TLS backend (OpenSSL) could be loaded here.");
}

void TestTrustedCertificates::unusableFilesAreRefused_data() {
    QTest::addColumn<QString>("name");        // in a temporary directory; "." is the directory
    QTest::addColumn<QByteArray>("contents"); // empty: the file does not exist
    QTest::addColumn<QString>("said");
    QFile key(QFINDTESTDATA("data/selfsigned-localhost.key"));
    QVERIFY(key.open(QIODevice::ReadOnly));
    QTest::newRow("missing") << QStringLiteral("missing.pem") << QByteArray()
                             << QStringLiteral("cannot read");
    QTest::newRow("directory") << QStringLiteral(".") << QByteArray()
                               << QStringLiteral("it is a directory");
    QTest::newRow("empty") << QStringLiteral("empty.pem") << QByteArray("\n")
                           << QStringLiteral("holds no PEM certificate");
    QTest::newRow("private key") << QStringLiteral("key.pem") << key.readAll()
                                 << QStringLiteral("holds no PEM certificate");
    QTest::newRow("broken certificate")
        << QStringLiteral("broken.pem")
        << QByteArray("-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n")
        << QStringLiteral("holds no PEM certificate");
}

void TestTrustedCertificates::unusableFilesAreRefused() {
    QFETCH(QString, name);
    QFETCH(QByteArray, contents);
    QFETCH(QString, said);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(name);
    if (!contents.isEmpty()) {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QCOMPARE(file.write(contents), contents.size());
    }
    const QList<QSslCertificate> before =
        QSslConfiguration::defaultConfiguration().caCertificates();
    QString error;
    QVERIFY(!TrustedCertificates::trustFile(path, &error));
    QVERIFY2(error.contains(said), qPrintable(error));
    QVERIFY2(error.contains(path), qPrintable(error));
    for (const QByteArray &line : contents.split('\n')) {
        if (line.size() > 20 && !line.startsWith("-----")) // the armour lines are no secret
            QVERIFY2(!error.contains(QString::fromLatin1(line)), qPrintable(error));
    }
    QCOMPARE(QSslConfiguration::defaultConfiguration().caCertificates(), before); // untouched
}

// Last: it changes this process's default configuration.
void TestTrustedCertificates::addsToTheSystemsRoots() {
    QString error;
    const QList<QSslCertificate> extra =
        TrustedCertificates::readFile(QFINDTESTDATA("data/selfsigned-localhost.crt"), &error);
    QCOMPARE(extra.size(), 1);
    QVERIFY(TrustedCertificates::trustFile(QFINDTESTDATA("data/selfsigned-localhost.crt"), &error));
    const QList<QSslCertificate> roots = QSslConfiguration::defaultConfiguration().caCertificates();
    QVERIFY(roots.contains(extra.first()));
    const QList<QSslCertificate> system = QSslConfiguration::systemCaCertificates();
    for (const QSslCertificate &root : system)
        QVERIFY2(roots.contains(root), qPrintable(root.subjectDisplayName()));
}

QTEST_GUILESS_MAIN(TestTrustedCertificates)
#include "tst_trustedcertificates.moc"
