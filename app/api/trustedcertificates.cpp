#include "trustedcertificates.h"

#include "core/readfilestart.h"

#include <QtNetwork/qtnetworkglobal.h> // QT_CONFIG(ssl)

#if QT_CONFIG(ssl)
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslSocket>
#endif

QList<QSslCertificate> TrustedCertificates::readFile(const QString &path, QString *error) {
#if QT_CONFIG(ssl)
    if (!QSslSocket::supportsSsl()) {
        *error = QStringLiteral("cannot use the certificate file '%1': no TLS backend (OpenSSL) "
                                "could be loaded; install libssl3.")
                     .arg(path);
        return {};
    }
    // A certificate file is a few KB; a bundle of every public root about 200 KB.
    constexpr qint64 kLargest = 16 * 1024 * 1024;
    QString why;
    const std::optional<QByteArray> read = readFileStart(path, kLargest + 1, &why);
    if (!read) {
        *error = QStringLiteral("cannot read the certificate file '%1': %2.").arg(path, why);
        return {};
    }
    const QByteArray &pem = *read;
    QList<QSslCertificate> certificates;
    if (pem.size() <= kLargest) {
        for (const QSslCertificate &certificate : QSslCertificate::fromData(pem, QSsl::Pem)) {
            if (!certificate.isNull())
                certificates << certificate;
        }
    }
    if (certificates.isEmpty())
        *error = QStringLiteral("the file '%1' holds no PEM certificate (-----BEGIN "
                                "CERTIFICATE-----).")
                     .arg(path);
    return certificates;
#else
    *error =
        QStringLiteral("cannot use the certificate file '%1': this build has no TLS.").arg(path);
    return {};
#endif
}

void TrustedCertificates::trust(const QList<QSslCertificate> &authorities) {
#if QT_CONFIG(ssl)
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    // Qt finds the system's roots on demand only while a configuration names no authorities of
    // its own; once it does, only those named count. So the system's are named too, in full.
    QList<QSslCertificate> roots = tls.caCertificates();
    for (const QList<QSslCertificate> &more :
         {QSslConfiguration::systemCaCertificates(), authorities}) {
        for (const QSslCertificate &certificate : more) {
            if (!roots.contains(certificate))
                roots << certificate;
        }
    }
    tls.setCaCertificates(roots);
    QSslConfiguration::setDefaultConfiguration(tls);
#else
    Q_UNUSED(authorities)
#endif
}

bool TrustedCertificates::trustFile(const QString &path, QString *error) {
    const QList<QSslCertificate> authorities = readFile(path, error);
    if (authorities.isEmpty())
        return false;
    trust(authorities);
    return true;
}
