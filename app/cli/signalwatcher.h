#pragma once

#include <QObject>

class QSocketNotifier;

// Turns SIGINT / SIGTERM into a Qt signal (the self-pipe pattern from Qt's "Calling Qt
// Functions From Unix Signal Handlers"): the handler only writes a byte to a socket pair,
// and the event loop reads it. One instance per process.
class TerminationSignalWatcher final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TerminationSignalWatcher)
public:
    explicit TerminationSignalWatcher(QObject *parent = nullptr);
    ~TerminationSignalWatcher() override;

Q_SIGNALS:
    void terminationRequested(int signalNumber);

private:
    void onReadable();
    QSocketNotifier *m_notifier = nullptr;
};
