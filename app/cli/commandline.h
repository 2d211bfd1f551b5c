#pragma once

#include <QStringList>

// The headless command line over the core: customers, export, delete, sandbox.
// True when the arguments (argv[0] first) ask for anything but the window: a subcommand,
// --help / --version, or an unknown word or option (which then fails as a usage error rather
// than silently opening a window). False for no arguments, --demo and Qt's GUI options.
bool wantsCommandLine(const QStringList &arguments);
// Runs the command (a QCoreApplication must exist) and returns the process exit code:
// 0 success, 1 API / network / parse / file failure, 2 usage error.
int runCommandLine(const QStringList &arguments);
