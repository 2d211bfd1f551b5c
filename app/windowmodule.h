#pragma once

// The window lives in a module of its own (ui/windowentry.cpp), which the executable opens only
// to show the window: a command never loads QtWidgets, QtGui or Qt Charts (about 25 ms and 500
// page faults off every command, tests/benchmark/README.md).

// What the module exports, looked up by name: creates the QApplication over argc and argv
// (which must outlive it) and runs the window. Returns the exit code.
using WindowEntryPoint = int (*)(int *argc, char **argv);
inline constexpr char windowEntryPointName[] = "bouncedeskRunWindow";

// The file name of the module, as the build writes it and the package installs it.
inline constexpr char windowModuleFileName[] = "bouncedesk-window.so";

// Opens the module and runs the window through it. The module is looked for beside the
// executable (the build tree), then in its installed place relative to the executable
// (BOUNCEDESK_WINDOW_MODULE_DIR, ../lib/bouncedesk from /usr/bin), so an unpacked or relocated
// package finds its own module. If it cannot be opened, says so on stderr, naming every place
// tried, and returns 1.
int runWindowModule(int &argc, char **argv);
