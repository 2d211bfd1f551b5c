#pragma once

#include <QString>
#include <QtGlobal>

// `bouncedesk sandbox [--port N] [--tls-certificate FILE --tls-key FILE]`: serves the API
// emulator on 127.0.0.1 (https with a certificate and key: then BOUNCEDESK_CA_FILE is printed
// too), prints its URL and the demo credentials (as environment assignments a shell can
// source), and runs until SIGINT or SIGTERM, then exits 0. Returns the exit code; 2 when the
// certificate or key cannot be used.
int runSandbox(quint16 port, const QString &tlsCertificatePath = {},
               const QString &tlsKeyPath = {});
