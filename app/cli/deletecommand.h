#pragma once

#include "apicommand.h"

#include "api/addressoutcome.h"
#include "api/suppressionclient.h"
#include "api/tenant.h"
#include "core/deletionrecord.h"

#include <QHash>
#include <QPointer>
#include <QStringList>

#include <optional>

// `bouncedesk delete`: deletes addresses from one list of one customer (or of the parent
// account) through the client's AddressDeleteJob and prints one line per address, in the
// order given, as soon as it and all before it are answered: "deleted: a@b.com",
// "was not on the list: x@y.com", "failed: c@d.com: why".
// Asks first when standard input is a terminal, unless --yes.
// Every outcome goes to the deletion record (DeletionRecord) before its line is printed; when
// it cannot be written, the command stops: nothing more is sent, the error says which outcomes
// went unrecorded (those that came with it, none of them printed as done), exit 1.
class DeleteCommand final : public ApiCommand {
    Q_OBJECT
public:
    DeleteCommand(Tenant tenant, SuppressionList list, QStringList emails, DeleteOptions options,
                  bool assumeYes, QObject *parent = nullptr);

    void setDeletionRecord(const DeletionRecord &record) { m_record = record; }

    void start(SuppressionClient *client) override;

    static QString confirmationQuestion(const QString &customer, qsizetype count,
                                        SuppressionList list = SuppressionList::Bounces);
    // The line printed for an address: "deleted: EMAIL", "was not on the list: EMAIL",
    // "failed: EMAIL: why".
    static QString outcomeLine(const QString &email, const AddressOutcome &outcome);

private:
    // The one place outcomes are handled: the ones that came together are recorded with one
    // write first, then printed in order.
    void record(const QList<AddressResult> &results);
    void printAnswered();
    void onQueueFinished();

    Tenant m_tenant;
    SuppressionList m_list;
    DeleteOptions m_options;
    QStringList m_emails;
    QHash<QString, qsizetype> m_indexOf;
    QList<std::optional<QString>> m_lines; // per address, once answered
    qsizetype m_printed = 0;
    int m_failed = 0;
    bool m_assumeYes;
    DeletionRecord m_record;
    ApiVersion m_api = ApiVersion::V2;
    QPointer<AddressDeleteJob> m_job;
    bool m_stopped = false; // the record could not be written
};
