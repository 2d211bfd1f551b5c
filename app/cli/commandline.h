#pragma once

#include <QStringList>

// The headless command line over the core: customers, export, delete, sandbox.
// True when the arguments name a subcommand or --help / --version, i.e. no window is wanted.
bool wantsCommandLine(const QStringList &arguments);
// Runs the command (a QCoreApplication must exist) and returns the process exit code:
// 0 success, 1 API / network / parse / file failure, 2 usage error.
int runCommandLine(const QStringList &arguments);
