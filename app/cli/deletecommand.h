#pragma once

#include "apicommand.h"

#include "api/apierror.h"

#include <QHash>
#include <QStringList>

#include <optional>

// `bouncedesk delete`: deletes addresses from one customer's bounce list through DeleteQueue
// and prints one line per address, in the order given, as soon as it and all before it are
// answered: "deleted: a@b.com", "was not on the list: x@y.com", "failed: c@d.com: why".
// Asks first when standard input is a terminal, unless --yes.
class DeleteCommand final : public ApiCommand {
    Q_OBJECT
public:
    DeleteCommand(QString customer, QStringList emails, bool assumeYes, QObject *parent = nullptr);

    void start(ResellerClient *client) override;

    static QString confirmationQuestion(const QString &customer, qsizetype count);

private:
    void record(const QString &email, const QString &line, bool failedOne);
    void printAnswered();
    void onQueueFinished();

    QString m_customer;
    QStringList m_emails;
    QHash<QString, qsizetype> m_indexOf;
    QList<std::optional<QString>> m_lines; // per address, once answered
    qsizetype m_printed = 0;
    int m_failed = 0;
    bool m_assumeYes;
};
