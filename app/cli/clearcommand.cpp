#include "clearcommand.h"

#include "console.h"

#include "api/outcomeentry.h"
#include "api/suppressionclient.h"

#include <QSet>

ClearCommand::ClearCommand(QString address, AddressSearchScope scope, bool assumeYes,
                           QObject *parent)
    : ApiCommand(parent)
    , m_address(std::move(address))
    , m_search(new AddressSearch(m_address, std::move(scope), this))
    , m_assumeYes(assumeYes) {}

QString ClearCommand::placeText(const AddressHit &place) {
    const QString customer = place.tenant.kind == Tenant::Kind::Parent
                                 ? QStringLiteral("(parent)")
                                 : Console::plainLine(place.tenant.id);
    return QStringLiteral("%1 %2 %3")
        .arg(customer, suppressionListCliName(place.list), Console::plainLine(place.email));
}

void ClearCommand::start(SuppressionClient *client) {
    m_client = client;
    connect(m_search, &AddressSearch::placeDone, this, [this](const QList<AddressHit> &hits) {
        // Group unsubscribes give a row per group: one delete (without a group) covers them all.
        QSet<QString> seen;
        for (const AddressHit &hit : hits) {
            if (seen.contains(hit.email))
                continue;
            seen.insert(hit.email);
            m_places.append(hit);
        }
    });
    connect(m_search, &AddressSearch::finished, this, &ClearCommand::onSearched);
    m_search->start(client);
}

void ClearCommand::onSearched() {
    const QStringList notSearched = m_search->notSearched();
    for (const QString &why : notSearched)
        Console::printError(QStringLiteral("not searched: %1").arg(Console::plainLine(why)));
    if (m_places.isEmpty()) {
        Console::printNote(QStringLiteral("%1 is on none of the lists searched; nothing to "
                                          "delete.")
                               .arg(Console::plainLine(m_address)));
        Q_EMIT finished(notSearched.isEmpty() ? ExitSuccess : ExitFailure);
        return;
    }
    if (!m_assumeYes) {
        QString question = QStringLiteral("%1 is on %2 list(s):\n")
                               .arg(Console::plainLine(m_address))
                               .arg(m_places.size());
        for (const AddressHit &place : std::as_const(m_places))
            question += QStringLiteral("  %1\n").arg(placeText(place));
        question += QStringLiteral("Delete it from all of them? SendGrid will deliver to it "
                                   "again. [y/N]");
        if (!Console::confirm(question)) {
            Console::printError(QStringLiteral("nothing was deleted."));
            Q_EMIT finished(ExitFailure);
            return;
        }
    }
    if (!m_record.check()) {
        Console::printError(m_record.errorString() +
                            QStringLiteral("\nnothing was deleted: every delete is recorded "
                                           "there first."));
        Q_EMIT finished(ExitFailure);
        return;
    }
    deleteNext();
}

void ClearCommand::deleteNext() {
    if (m_next >= m_places.size()) {
        end();
        return;
    }
    const AddressHit &place = m_places.at(m_next);
    m_answered = false;
    AddressDeleteJob *job = m_client->deleteAddresses(place.tenant, place.list, {place.email});
    // One address per job: its batch holds just that one.
    connect(job, &AddressDeleteJob::outcomes, this, [this](const QList<AddressResult> &results) {
        if (m_answered || results.isEmpty())
            return;
        m_answered = true;
        record(m_places.at(m_next), results.first().outcome);
    });
    connect(job, &AddressDeleteJob::finished, this, [this] {
        if (m_next < 0)
            return;        // stopped: the record could not be written
        if (!m_answered) { // not cancelled, so this should not happen: never dropped silently
            m_answered = true;
            if (!record(m_places.at(m_next), AddressOutcome::noAnswerReported()))
                return;
        }
        ++m_next;
        deleteNext();
    });
}

bool ClearCommand::record(const AddressHit &place, const AddressOutcome &outcome) {
    QString line;
    switch (outcome.kind) {
    case AddressOutcome::Kind::Deleted:
        line = QStringLiteral("deleted: %1").arg(placeText(place));
        break;
    case AddressOutcome::Kind::NotOnList:
        line = QStringLiteral("was not on the list: %1").arg(placeText(place));
        break;
    case AddressOutcome::Kind::Failed:
    case AddressOutcome::Kind::Unconfirmed:
        line =
            QStringLiteral("failed: %1: %2").arg(placeText(place), Console::plainLine(outcome.why));
        break;
    }
    if (!m_record.append(
            outcomeEntry(m_client->api(), place.tenant, place.list, place.email, outcome))) {
        // Nobody could tell afterwards what happened: stop before anything else is sent.
        m_next = -1;
        Console::flushOutput();
        Console::printError(
            QStringLiteral("%1\nstopped deleting: no further request is sent. This outcome was "
                           "not recorded: %2")
                .arg(m_record.errorString(), line));
        Q_EMIT finished(ExitFailure);
        return false;
    }
    if (!outcome.isGone())
        ++m_failed;
    Console::printLine(line);
    Console::flushOutput();
    return true;
}

void ClearCommand::end() {
    const bool incomplete = !m_search->notSearched().isEmpty();
    if (m_failed > 0)
        Console::printError(
            QStringLiteral("%1 of %2 deletes failed.").arg(m_failed).arg(m_places.size()));
    if (incomplete)
        Console::printError(QStringLiteral("some customers or lists could not be searched (named "
                                           "above): the address may still be on them."));
    Q_EMIT finished(m_failed > 0 || incomplete ? ExitFailure : ExitSuccess);
}
