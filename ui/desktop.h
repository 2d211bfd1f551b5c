#pragma once

class QApplication;

// Opens the main window (with --demo: connected to an in-process emulator) and runs the
// event loop. Returns the exit code.
int runDesktop(QApplication &app);
