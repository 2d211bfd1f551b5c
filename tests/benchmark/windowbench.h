#pragma once

#include "api/apisettings.h"

#include <QString>

class BenchServer;
class GuiStallMeter;
class MainWindow;

// The window measurements. They run in a child process of the benchmark (one per format and
// repetition) so that each one's peak memory is its own. The child serves the list from an
// emulator thread, opens the real MainWindow offscreen, loads the customer as a person would,
// and prints one line per figure on standard output: "figure <key> <value>" (milliseconds,
// kilobytes or counts), or "error <text>" when something went wrong.
namespace WindowBench {

// Needs a QApplication. `withOperations`: after the load, also sort, filter and remove rows.
// `v3`: the window on SendGrid v3 (`format` unused), the list in pages of 500.
int runChild(ResponseFormat format, qsizetype rows, bool withOperations, bool v3 = false);

void putFigure(const QString &key, double value);
void putError(const QString &text);

// On the loaded window (windowoperations.cpp). Each prints its figures.
void measureSorts(MainWindow &window, GuiStallMeter &stall);
void measureFilter(MainWindow &window, GuiStallMeter &stall);
void measureScatteredSelection(MainWindow &window, GuiStallMeter &stall);
void measureRemovals(MainWindow &window, GuiStallMeter &stall, const BenchServer &server);
void measureRefresh(MainWindow &window, GuiStallMeter &stall, qsizetype serverRows);
void measureTimeline(MainWindow &window, GuiStallMeter &stall); // timelinebench.cpp

} // namespace WindowBench
