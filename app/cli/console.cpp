#include "console.h"

#include <QFile>
#include <QStringList>

#include <cstdio>
#include <unistd.h>

namespace Console {
namespace {

QFile &outputFile() {
    static QFile file;
    if (!file.isOpen())
        file.open(STDOUT_FILENO, QIODevice::WriteOnly, QFileDevice::DontCloseHandle);
    return file;
}

// Unbuffered, so messages appear at once and in order with the child's other output.
void writeError(const QByteArray &bytes) {
    static QFile file;
    if (!file.isOpen())
        file.open(STDERR_FILENO, QIODevice::WriteOnly | QIODevice::Unbuffered,
                  QFileDevice::DontCloseHandle);
    file.write(bytes);
}

} // namespace

QIODevice *standardOutput() {
    return &outputFile();
}

void flushOutput() {
    outputFile().flush();
}

void printText(const QString &text) {
    outputFile().write(text.toUtf8());
}

void printLine(const QString &line) {
    outputFile().write(line.toUtf8() + '\n');
}

void printError(const QString &message) {
    QByteArray bytes;
    for (const QString &line : message.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
        bytes += "bouncedesk: " + line.toUtf8() + '\n';
    writeError(bytes);
}

void printUsageError(const QString &message) {
    printError(message + QStringLiteral("\nRun 'bouncedesk --help' for the commands and options."));
}

void printNote(const QString &line) {
    writeError(line.toUtf8() + '\n');
}

bool stdinIsTerminal() {
    return ::isatty(STDIN_FILENO) == 1;
}

bool stdoutIsTerminal() {
    return ::isatty(STDOUT_FILENO) == 1;
}

bool confirm(const QString &question) {
    flushOutput();
    writeError(question.toUtf8() + ' ');
    QFile input;
    // Unbuffered: byte by byte up to the newline, so nothing after it is taken from the input.
    if (!input.open(STDIN_FILENO, QIODevice::ReadOnly | QIODevice::Unbuffered,
                    QFileDevice::DontCloseHandle))
        return false;
    QByteArray answer;
    bool lineEnded = false;
    char c = 0;
    while (!lineEnded && input.getChar(&c)) {
        lineEnded = c == '\n';
        if (!lineEnded)
            answer += c;
    }
    if (!lineEnded)
        writeError("\n");
    answer = answer.trimmed().toLower();
    return answer == "y" || answer == "yes";
}

QString plainLine(const QString &text) {
    QString line = text;
    for (QChar &c : line) {
        const QChar::Category category = c.category();
        // Bidirectional overrides and isolates could make a line read differently than it is.
        const bool bidiControl = (c.unicode() >= 0x202A && c.unicode() <= 0x202E) ||
                                 (c.unicode() >= 0x2066 && c.unicode() <= 0x2069);
        if (category == QChar::Other_Control || category == QChar::Separator_Line ||
            category == QChar::Separator_Paragraph || bidiControl)
            c = QLatin1Char(' ');
    }
    return line;
}

} // namespace Console
