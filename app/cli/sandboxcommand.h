#pragma once

#include <QtGlobal>

// `bouncedesk sandbox [--port N]`: serves the API emulator on 127.0.0.1, prints its URL and
// the demo credentials (as environment assignments a shell can source), and runs until
// SIGINT or SIGTERM, then exits 0. Returns the exit code.
int runSandbox(quint16 port);
