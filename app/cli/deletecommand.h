#pragma once

#include "apicommand.h"

#include "api/apierror.h"
#include "core/deletionrecord.h"

#include <QHash>
#include <QPointer>
#include <QStringList>

#include <optional>

class DeleteQueue;

// `bouncedesk delete`: deletes addresses from one customer's bounce list through DeleteQueue
// and prints one line per address, in the order given, as soon as it and all before it are
// answered: "deleted: a@b.com", "was not on the list: x@y.com", "failed: c@d.com: why".
// Asks first when standard input is a terminal, unless --yes.
// Every outcome goes to the deletion record (DeletionRecord) before its line is printed; when
// it cannot be written, the command stops: nothing more is sent, the error says which outcome
// went unrecorded, exit 1.
class DeleteCommand final : public ApiCommand {
    Q_OBJECT
public:
    DeleteCommand(QString customer, QStringList emails, bool assumeYes, QObject *parent = nullptr);

    // What the record says the deletes went through: api "v2" and list "bounces" unless set.
    void setRecordedAs(const QString &api, const QString &list);
    void setDeletionRecord(const DeletionRecord &record) { m_record = record; }

    void start(ResellerClient *client) override;

    static QString confirmationQuestion(const QString &customer, qsizetype count);

private:
    // The one place an outcome is handled: recorded first, then printed in order.
    void record(const QString &email, DeletionOutcome outcome, const QString &detail,
                const QString &line);
    void printAnswered();
    void onQueueFinished();

    QString m_customer;
    QStringList m_emails;
    QHash<QString, qsizetype> m_indexOf;
    QList<std::optional<QString>> m_lines; // per address, once answered
    qsizetype m_printed = 0;
    int m_failed = 0;
    bool m_assumeYes;
    DeletionRecord m_record;
    DeletionEntry m_recordBase; // api, customer, list: the same for every address
    QPointer<DeleteQueue> m_queue;
    bool m_stopped = false; // the record could not be written
};
