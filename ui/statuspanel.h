#pragma once

#include <QDateTime>
#include <QWidget>

class QAction;
class QLabel;
class QProgressBar;
class QToolButton;

// The permanent right side of the status bar: what is running (with progress and Cancel),
// then total, shown and selected rows, and when the list was loaded.
class StatusPanel final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StatusPanel)
public:
    explicit StatusPanel(QAction *cancel, QWidget *parent = nullptr);
    ~StatusPanel() override;

    // `total` 0: how much is unknown (a busy bar); otherwise done of total.
    void showActivity(const QString &text, int done = 0, int total = 0);
    void hideActivity();
    bool isActive() const;
    void setCounts(qsizetype total, qsizetype shown, qsizetype selected);
    void setLoadedAt(const QDateTime &at); // invalid: not loaded
    QString text() const;                  // counts and loaded-at, as shown

private:
    QLabel *m_activity;
    QProgressBar *m_progress;
    QToolButton *m_cancel;
    QLabel *m_counts;
    QLabel *m_loaded;
};
