#pragma once

#include <QFrame>
#include <QPalette>
#include <QString>

#include <functional>

class QLabel;
class QPushButton;
class QToolButton;

// A non-modal strip above the table that says what went wrong in the server's own words and
// offers one way forward (Retry, Settings…). The message is untrusted text from a remote
// server, so it is always shown as plain text, never as rich text.
class ErrorBanner final : public QFrame {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ErrorBanner)
public:
    explicit ErrorBanner(QWidget *parent = nullptr);
    ~ErrorBanner() override;

    // Shows `message`. When `action` is set, a button labelled `actionText` (default "Retry")
    // runs it and hides the banner; otherwise only Dismiss is offered.
    void showError(const QString &message, std::function<void()> action = {},
                   const QString &actionText = {});
    // The same strip for what is not an error ("Not connected yet"): neutral, with an
    // information icon.
    void showNotice(const QString &message, std::function<void()> action = {},
                    const QString &actionText = {});
    bool isNotice() const { return m_notice; }
    void dismiss();
    QString message() const;
    QPushButton *actionButton() const { return m_action; }

Q_SIGNALS:
    void dismissed();

private:
    void present(const QString &message, std::function<void()> action, const QString &actionText,
                 bool notice);
    void runAction();

    QLabel *m_icon;
    QLabel *m_text;
    QPushButton *m_action;
    QToolButton *m_close;
    std::function<void()> m_callback;
    QPalette m_alertPalette;
    QPalette m_noticePalette;
    bool m_notice = false;
};
