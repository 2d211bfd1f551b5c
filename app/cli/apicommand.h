#pragma once

#include <QObject>

class SuppressionClient;

// One command that talks to the API. start() runs inside the event loop once the client has
// usable settings; the command reports its outcome once with finished(exit code).
class ApiCommand : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;
    virtual void start(SuppressionClient *client) = 0;

Q_SIGNALS:
    void finished(int exitCode);
};

// Exit codes of the command line.
enum CliExit : int { ExitSuccess = 0, ExitFailure = 1, ExitUsage = 2 };
