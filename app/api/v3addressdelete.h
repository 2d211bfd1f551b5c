#pragma once

#include "v3suppressionclient.h"

#include <QHash>
#include <QPointer>
#include <QSet>
#include <QStringList>

#include <functional>

// Deletes addresses from one v3 list, reporting an address gone only when the server said so:
// - bounces, blocks, invalid emails, spam reports: one address by DELETE …/<list>/{email}
//   (204 deleted, 404 not on the list); several by DELETE …/<list> {"emails":[…]} in chunks
//   of at most 500, each confirmed by reading back (GET …/{email} per address, or re-reading
//   the list when its known size makes that fewer requests; its size unknown, V3ListReread
//   re-reads it while that stays cheaper and the rest is read per address);
// - global unsubscribes and groups, whose deletes answer 204 even for an absent address: read
//   first (absent: not on the list), delete, then read back.
// An address still there after an accepted delete is Unconfirmed ("not confirmed"); after a
// failed delete request, Failed with that request's reason.
// The outcomes one answer settles (a read-back's end, a failed chunk, a page of the re-read,
// the leftovers at the end) leave in one outcomes(), so they are recorded with one write.
class V3ListReread;

class V3AddressDelete final : public AddressDeleteJob {
    Q_OBJECT
public:
    V3AddressDelete(V3SuppressionClient *client, Tenant tenant, SuppressionList list,
                    QStringList emails, DeleteOptions options, QObject *parent);
    void start();
    void cancel() override;

    // Lists whose rows can be deleted in bulk and whose single delete answers 404 when absent.
    static bool hasBulkDelete(SuppressionList list);
    // The read-back costs: GET per address, or the pages of the list left after the delete.
    static bool rereadIsCheaper(qsizetype addresses, qsizetype listSizeHint);

private:
    using Succeeded = std::function<void(const QByteArray &)>;
    using Failed = std::function<void(const ApiError &, bool mayHaveArrived)>;
    void request(const QByteArray &method, const QString &path, const QByteArray &body,
                 V3SuppressionClient::Purpose purpose, Succeeded succeeded, Failed failed);
    void deleteOne(const QString &email);
    void deleteChunk(const QStringList &chunk);
    void chunkEnded();
    void confirm(const QStringList &emails);
    void confirmByRereading(const QStringList &emails);
    void confirmWithoutListSize(const QStringList &emails);
    void readBack(const QString &email);
    void readFirst(const QString &email);
    void deleteGroups(const QString &email, const QStringList &groups);
    bool stillThere(const QString &email, const BounceStore &rows) const;
    AddressOutcome stillThereOutcome(const QString &email) const;
    void report(const QString &email, const AddressOutcome &outcome); // kept for emitReported()
    void emitReported(); // what this answer settled, in one outcomes()
    void finishIfDone(); // every answer's handling ends here: emitReported() first

    V3SuppressionClient *m_client;
    Tenant m_tenant;
    SuppressionList m_list;
    QStringList m_emails;
    DeleteOptions m_options;
    QSet<QString> m_reported;
    QList<AddressResult> m_unsent;          // reported, not yet emitted
    QHash<QString, QString> m_whyIfThere;   // a failure that left open whether it acted
    QHash<QString, QStringList> m_groupsOf; // group unsubscribes: the groups deleted from
    QStringList m_toConfirm;
    QPointer<V3ListReread> m_reread; // reading the list back, its size unknown
    int m_chunksLeft = 0;
    int m_outstanding = 0; // requests queued or in flight
    bool m_cancelled = false;
    bool m_finished = false;
};
