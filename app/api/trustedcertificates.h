#pragma once

#include <QList>
#include <QString>

class QSslCertificate;

// Certificate authorities this process trusts besides the system's, for this run only: the
// command line's --ca-file, or BOUNCEDESK_CA_FILE (a company CA, a TLS-inspecting proxy's, the
// emulator's test certificate), as curl's --cacert. They are added to the default TLS
// configuration, which every connection made afterwards starts from; the system's roots stay
// trusted, and no TLS error is ever ignored because of them.
class TrustedCertificates final {
public:
    static QString environmentVariable() { return QStringLiteral("BOUNCEDESK_CA_FILE"); }

    // The PEM certificates in `path` (one or more; anything else in the file is skipped). Empty,
    // with *error, when it cannot be read or holds none. The message names the path, never the
    // file's contents (it may be a private key given by mistake).
    static QList<QSslCertificate> readFile(const QString &path, QString *error);

    // Adds `authorities` to the roots of the default configuration, with the system's.
    static void trust(const QList<QSslCertificate> &authorities);

    // readFile(), then trust(); false with *error, nothing changed, when the file is unusable.
    static bool trustFile(const QString &path, QString *error);
};
