#pragma once

#include <QStringList>

// The headless command line over the core: customers, export, delete, sandbox.
// True when the arguments (argv[0] first) ask for anything but the window: a subcommand,
// --help / --version, or an unknown word or option (which then fails as a usage error rather
// than silently opening a window). False for no arguments, --demo and Qt's GUI options.
bool wantsCommandLine(const QStringList &arguments);
// Whether the command line's event loops must be GLib's, Qt's default where GLib is present:
// only when the key may have to come from the system keychain (SENDGRID_API_KEY unset or
// empty), whose QtKeychain backend finishes its jobs through GLib's main loop. Otherwise Qt's
// own dispatcher serves: GLib's writes the thread's wake-up descriptor for every event
// posted, Qt's once until the loop wakes, and an export posts tens of thousands of events
// (tests/benchmark/README.md, "Fifteenth pass"). Asked before the QCoreApplication is made.
bool commandLineNeedsGlibEventLoop();
// Runs the command (a QCoreApplication must exist) and returns the process exit code:
// 0 success, 1 API / network / parse / file failure, 2 usage error.
int runCommandLine(const QStringList &arguments);
