#pragma once

#include <QString>

class QIODevice;

// The process's standard streams for the command line. Text goes out as UTF-8.
namespace Console {

// Standard output as a buffered device (CSV is streamed through it); flushed by flushOutput().
QIODevice *standardOutput();
void flushOutput();

void printText(const QString &text); // to standard output, as is
void printLine(const QString &line); // to standard output, plus a newline
// To standard error, each line prefixed with "bouncedesk: ".
void printError(const QString &message);
void printUsageError(const QString &message); // printError plus a pointer to --help
void printNote(const QString &line);          // to standard error, no prefix (progress, summaries)

bool stdinIsTerminal();
bool stdoutIsTerminal();

// Asks a yes/no question on the terminal (prompt on standard error, answer from standard input).
// Only "y" / "yes" (any case) is a yes; end of input is a no.
bool confirm(const QString &question);

// Untrusted text (server messages, names) made safe for one terminal or TSV line: control
// characters, tabs and line breaks become spaces, so nobody can forge lines or send escapes.
QString plainLine(const QString &text);

} // namespace Console
