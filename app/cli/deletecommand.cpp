#include "deletecommand.h"

#include "console.h"

#include "api/deletequeue.h"
#include "api/resellerclient.h"

DeleteCommand::DeleteCommand(QString customer, QStringList emails, bool assumeYes, QObject *parent)
    : ApiCommand(parent)
    , m_customer(std::move(customer))
    , m_emails(std::move(emails))
    , m_lines(m_emails.size())
    , m_assumeYes(assumeYes) {
    for (qsizetype i = 0; i < m_emails.size(); ++i)
        m_indexOf.insert(m_emails.at(i), i);
    m_recordBase.customer = m_customer;
    setRecordedAs(QStringLiteral("v2"), QStringLiteral("bounces"));
}

void DeleteCommand::setRecordedAs(const QString &api, const QString &list) {
    m_recordBase.api = api;
    m_recordBase.list = list;
}

QString DeleteCommand::confirmationQuestion(const QString &customer, qsizetype count) {
    const QString what =
        count == 1 ? QStringLiteral("1 bounce") : QStringLiteral("%1 bounces").arg(count);
    return QStringLiteral("Delete %1 of %2? SendGrid will deliver to these addresses again. [y/N]")
        .arg(what, Console::plainLine(customer));
}

namespace {

DeletionOutcome recordedOutcome(DeleteOutcome outcome) {
    return outcome == DeleteOutcome::NotOnList ? DeletionOutcome::NotOnList
                                               : DeletionOutcome::Deleted;
}

QString recordedDetail(DeleteOutcome outcome) {
    switch (outcome) {
    case DeleteOutcome::Deleted:
        break;
    case DeleteOutcome::NotOnList:
        return QStringLiteral("the server said the address was not on the list");
    case DeleteOutcome::NotOnListAfterLostAnswer:
        return QStringLiteral("the answer to the first attempt was lost; the retry found the "
                              "address gone");
    }
    return {};
}

QString outcomeLine(DeleteOutcome outcome) {
    switch (outcome) {
    case DeleteOutcome::Deleted:
        break;
    case DeleteOutcome::NotOnList:
        return QStringLiteral("was not on the list: %1");
    case DeleteOutcome::NotOnListAfterLostAnswer:
        return QStringLiteral("deleted: %1 (the answer to the first attempt was lost; the retry "
                              "found the address gone)");
    }
    return QStringLiteral("deleted: %1");
}

} // namespace

void DeleteCommand::start(ResellerClient *client) {
    // Asked only now, after the credentials were found, so a missing key fails before the
    // question. Reading the answer blocks, but nothing else is running yet.
    if (!m_assumeYes && !Console::confirm(confirmationQuestion(m_customer, m_emails.size()))) {
        Console::printError(QStringLiteral("nothing was deleted."));
        Q_EMIT finished(ExitFailure);
        return;
    }

    // An unwritable record stops the deleting before the first request, not after it.
    if (!m_record.check()) {
        Console::printError(m_record.errorString() +
                            QStringLiteral("\nnothing was deleted: every delete is recorded "
                                           "there first."));
        Q_EMIT finished(ExitFailure);
        return;
    }
    auto *queue = new DeleteQueue(client, m_customer, this);
    m_queue = queue;
    connect(queue, &DeleteQueue::deleted, this,
            [this](const QString &email, DeleteOutcome outcome) {
                record(email, recordedOutcome(outcome), recordedDetail(outcome),
                       outcomeLine(outcome).arg(Console::plainLine(email)));
            });
    connect(queue, &DeleteQueue::failed, this,
            [this](const QString &email, const ApiError &error, bool unconfirmed) {
                QString line =
                    QStringLiteral("failed: %1: %2")
                        .arg(Console::plainLine(email), Console::plainLine(error.message()));
                if (unconfirmed)
                    line += QStringLiteral(" (no answer confirmed it, so the outcome is unknown; "
                                           "deleting again is safe)");
                record(email, unconfirmed ? DeletionOutcome::Unconfirmed : DeletionOutcome::Failed,
                       error.message(), line);
            });
    connect(queue, &DeleteQueue::finished, this, &DeleteCommand::onQueueFinished);
    queue->enqueue(m_emails);
    queue->start();
}

void DeleteCommand::record(const QString &email, DeletionOutcome outcome, const QString &detail,
                           const QString &line) {
    if (m_stopped)
        return;
    const qsizetype index = m_indexOf.value(email, -1);
    if (index < 0 || m_lines.at(index))
        return; // not ours, or already answered: report each address once
    DeletionEntry entry = m_recordBase;
    entry.email = email;
    entry.outcome = outcome;
    entry.detail = detail;
    if (!m_record.append(entry)) {
        // Nobody could tell afterwards what happened: stop before anything else does.
        m_stopped = true;
        if (m_queue)
            m_queue->cancel();
        printAnswered();
        Console::printError(
            QStringLiteral("%1\nstopped deleting: no further request is sent. This outcome was "
                           "not recorded: %2")
                .arg(m_record.errorString(), line));
        Q_EMIT finished(ExitFailure);
        return;
    }
    m_lines[index] = line;
    if (outcome == DeletionOutcome::Failed || outcome == DeletionOutcome::Unconfirmed)
        ++m_failed;
    printAnswered();
}

void DeleteCommand::printAnswered() {
    while (m_printed < m_lines.size() && m_lines.at(m_printed)) {
        Console::printLine(*m_lines.at(m_printed));
        ++m_printed;
    }
    Console::flushOutput();
}

void DeleteCommand::onQueueFinished() {
    if (m_stopped)
        return; // finished() already went out
    // Addresses the queue never answered for (it was not cancelled, so this should not
    // happen) are reported as failed rather than silently dropped.
    for (qsizetype i = 0; i < m_lines.size() && !m_stopped; ++i) {
        if (!m_lines.at(i)) {
            record(m_emails.at(i), DeletionOutcome::Unconfirmed,
                   QStringLiteral("no answer was reported"),
                   QStringLiteral("failed: %1: no answer was reported; the outcome is "
                                  "unknown, deleting again is safe")
                       .arg(Console::plainLine(m_emails.at(i))));
        }
    }
    if (m_stopped)
        return;
    printAnswered();
    if (m_failed > 0) {
        Console::printError(
            QStringLiteral("%1 of %2 deletes failed.").arg(m_failed).arg(m_emails.size()));
        Q_EMIT finished(ExitFailure);
        return;
    }
    Q_EMIT finished(ExitSuccess);
}
