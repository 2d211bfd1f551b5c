#include "deletecommand.h"

#include "console.h"

#include "api/outcomeentry.h"

#include <QSet>

DeleteCommand::DeleteCommand(Tenant tenant, SuppressionList list, QStringList emails,
                             DeleteOptions options, bool assumeYes, QObject *parent)
    : ApiCommand(parent)
    , m_tenant(std::move(tenant))
    , m_list(list)
    , m_options(std::move(options))
    , m_emails(std::move(emails))
    , m_lines(m_emails.size())
    , m_assumeYes(assumeYes) {
    for (qsizetype i = 0; i < m_emails.size(); ++i)
        m_indexOf.insert(m_emails.at(i), i);
}

QString DeleteCommand::confirmationQuestion(const QString &customer, qsizetype count,
                                            SuppressionList list) {
    const QString what =
        list == SuppressionList::Bounces
            ? (count == 1 ? QStringLiteral("1 bounce") : QStringLiteral("%1 bounces").arg(count))
            : QStringLiteral("%1 %2 from %3")
                  .arg(count)
                  .arg(count == 1 ? QStringLiteral("address") : QStringLiteral("addresses"),
                       suppressionListCliName(list));
    return QStringLiteral("Delete %1 of %2? SendGrid will deliver to these addresses again. [y/N]")
        .arg(what, Console::plainLine(customer));
}

QString DeleteCommand::outcomeLine(const QString &email, const AddressOutcome &outcome) {
    const QString address = Console::plainLine(email);
    switch (outcome.kind) {
    case AddressOutcome::Kind::Deleted:
        return outcome.why.isEmpty() ? QStringLiteral("deleted: %1").arg(address)
                                     : QStringLiteral("deleted: %1 (%2)")
                                           .arg(address, Console::plainLine(outcome.why));
    case AddressOutcome::Kind::NotOnList:
        return QStringLiteral("was not on the list: %1").arg(address);
    case AddressOutcome::Kind::Failed:
    case AddressOutcome::Kind::Unconfirmed:
        break;
    }
    return QStringLiteral("failed: %1: %2").arg(address, Console::plainLine(outcome.why));
}

void DeleteCommand::start(SuppressionClient *client) {
    // Asked only now, after the credentials were found, so a missing key fails before the
    // question. Reading the answer blocks, but nothing else is running yet.
    if (!m_assumeYes &&
        !Console::confirm(confirmationQuestion(m_tenant.label(), m_emails.size(), m_list))) {
        Console::printError(QStringLiteral("nothing was deleted."));
        Q_EMIT finished(ExitFailure);
        return;
    }

    m_api = client->api();
    // An unwritable record stops the deleting before the first request, not after it.
    if (!m_record.check()) {
        Console::printError(m_record.errorString() +
                            QStringLiteral("\nnothing was deleted: every delete is recorded "
                                           "there first."));
        Q_EMIT finished(ExitFailure);
        return;
    }
    AddressDeleteJob *job = client->deleteAddresses(m_tenant, m_list, m_emails, m_options);
    m_job = job;
    connect(job, &AddressDeleteJob::outcomes, this, &DeleteCommand::record);
    connect(job, &AddressDeleteJob::finished, this, &DeleteCommand::onQueueFinished);
}

void DeleteCommand::record(const QList<AddressResult> &results) {
    if (m_stopped)
        return;
    // Ours and not answered yet: each address is reported once.
    QList<AddressResult> fresh;
    QList<qsizetype> indexes;
    QSet<qsizetype> taken;
    QList<DeletionEntry> entries;
    for (const AddressResult &result : results) {
        const qsizetype index = m_indexOf.value(result.email, -1);
        if (index < 0 || m_lines.at(index) || taken.contains(index))
            continue;
        fresh.append(result);
        indexes.append(index);
        taken.insert(index);
        entries.append(
            outcomeEntry(m_api, m_tenant, m_list, result.email, result.outcome, m_options.groupId));
    }
    if (fresh.isEmpty())
        return;
    if (!m_record.appendAll(entries)) {
        // Nobody could tell afterwards what happened: stop before anything else does. None of
        // these is printed as an outcome; the error names them all.
        m_stopped = true;
        if (m_job)
            m_job->cancel();
        printAnswered();
        QStringList lines;
        for (const AddressResult &result : std::as_const(fresh))
            lines.append(outcomeLine(result.email, result.outcome));
        Console::printError(
            lines.size() == 1
                ? QStringLiteral("%1\nstopped deleting: no further request is sent. This outcome "
                                 "was not recorded: %2")
                      .arg(m_record.errorString(), lines.first())
                : QStringLiteral("%1\nstopped deleting: no further request is sent. These %2 "
                                 "outcomes were not recorded:\n%3")
                      .arg(m_record.errorString())
                      .arg(lines.size())
                      .arg(lines.join(u'\n')));
        Q_EMIT finished(ExitFailure);
        return;
    }
    for (qsizetype i = 0; i < fresh.size(); ++i) {
        m_lines[indexes.at(i)] = outcomeLine(fresh.at(i).email, fresh.at(i).outcome);
        if (!fresh.at(i).outcome.isGone())
            ++m_failed;
    }
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
    // Addresses the job never answered for (it was not cancelled, so this should not happen)
    // are reported as unconfirmed rather than silently dropped.
    QList<AddressResult> unanswered;
    for (qsizetype i = 0; i < m_lines.size(); ++i) {
        if (!m_lines.at(i))
            unanswered.append({m_emails.at(i), AddressOutcome::noAnswerReported()});
    }
    record(unanswered);
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
