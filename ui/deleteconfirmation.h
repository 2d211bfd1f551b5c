#pragma once

#include <QCoreApplication>
#include <QString>

#include <functional>

class QMessageBox;
class QWidget;

// The one question asked before rows are deleted (the main table and Find Address): a
// window-modal box, opened with open() (never a nested event loop), Cancel by default. For the
// consent lists (spam reports, unsubscribes) Delete stays disabled until the tick "The
// recipient asked to receive mail again" is set: SendGrid asks that those be removed only then.
class DeleteConfirmation final {
    Q_DECLARE_TR_FUNCTIONS(DeleteConfirmation)
public:
    // Calls `answer(true)` when Delete was clicked (ticked, when `consent`), else answer(false).
    // `text` is shown as plain text (addresses are untrusted). The box deletes itself.
    static QMessageBox *open(QWidget *parent, const QString &title, const QString &text,
                             bool consent, std::function<void(bool accepted)> answer);
    static QString consentText(); // the tick's words
};
