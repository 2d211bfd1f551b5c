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
}

QString DeleteCommand::confirmationQuestion(const QString &customer, qsizetype count) {
    const QString what =
        count == 1 ? QStringLiteral("1 bounce") : QStringLiteral("%1 bounces").arg(count);
    return QStringLiteral("Delete %1 of %2? SendGrid will deliver to these addresses again. [y/N]")
        .arg(what, Console::plainLine(customer));
}

namespace {

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

    auto *queue = new DeleteQueue(client, m_customer, this);
    connect(queue, &DeleteQueue::deleted, this,
            [this](const QString &email, DeleteOutcome outcome) {
                record(email, outcomeLine(outcome).arg(Console::plainLine(email)), false);
            });
    connect(queue, &DeleteQueue::failed, this,
            [this](const QString &email, const ApiError &error, bool unconfirmed) {
                QString line =
                    QStringLiteral("failed: %1: %2")
                        .arg(Console::plainLine(email), Console::plainLine(error.message()));
                if (unconfirmed)
                    line += QStringLiteral(" (no answer confirmed it, so the outcome is unknown; "
                                           "deleting again is safe)");
                record(email, line, true);
            });
    connect(queue, &DeleteQueue::finished, this, &DeleteCommand::onQueueFinished);
    queue->enqueue(m_emails);
    queue->start();
}

void DeleteCommand::record(const QString &email, const QString &line, bool failedOne) {
    const qsizetype index = m_indexOf.value(email, -1);
    if (index < 0 || m_lines.at(index))
        return; // not ours, or already answered: report each address once
    m_lines[index] = line;
    if (failedOne)
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
    // Addresses the queue never answered for (it was not cancelled, so this should not
    // happen) are reported as failed rather than silently dropped.
    for (qsizetype i = 0; i < m_lines.size(); ++i) {
        if (!m_lines.at(i)) {
            m_lines[i] = QStringLiteral("failed: %1: no answer was reported; the outcome is "
                                        "unknown, deleting again is safe")
                             .arg(Console::plainLine(m_emails.at(i)));
            ++m_failed;
        }
    }
    printAnswered();
    if (m_failed > 0) {
        Console::printError(
            QStringLiteral("%1 of %2 deletes failed.").arg(m_failed).arg(m_emails.size()));
        Q_EMIT finished(ExitFailure);
        return;
    }
    Q_EMIT finished(ExitSuccess);
}
