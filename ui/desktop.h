#pragma once

#include "api/apisettings.h"

#include <QList>

class QApplication;
class SandboxServer;
class QCoreApplication;
class QLocale;
class QTranslator;

// Opens the main window (with --demo: connected to an in-process emulator) and runs the
// event loop. Returns the exit code.
int runDesktop(QApplication &app);

// What --demo (and the connection dialog's demo) connects to: v3 on the in-process emulator,
// with its demo key.
ApiSettings demoConnection(const SandboxServer &server);

// Installs BounceDesk's translation for `locale` (compiled in under :/i18n) and, when there is
// one, Qt's own for the same language if installed. runDesktop() calls it with QLocale(), so
// LANG=de_DE.UTF-8 gives a German window; a locale without a translation stays English.
// Returns the installed translators (children of `app`), for tests to remove them again.
QList<QTranslator *> installTranslators(QCoreApplication &app, const QLocale &locale);
