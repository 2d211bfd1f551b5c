#include "v3addressdelete.h"

#include "v3listload.h"
#include "v3listreread.h"
#include "v3lookup.h"
#include "v3suppressionclient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>
#include <QUrlQuery>

namespace {

const QString notConfirmed = QStringLiteral("not confirmed");

QString readBackFailed(const ApiError &error) {
    return QStringLiteral("not confirmed (reading it back failed: %1)").arg(error.message());
}

} // namespace

V3AddressDelete::V3AddressDelete(V3SuppressionClient *client, Tenant tenant, SuppressionList list,
                                 QStringList emails, DeleteOptions options, QObject *parent)
    : AddressDeleteJob(parent)
    , m_client(client)
    , m_tenant(std::move(tenant))
    , m_list(list)
    , m_emails(std::move(emails))
    , m_options(std::move(options)) {
    m_emails.removeDuplicates();
}

bool V3AddressDelete::hasBulkDelete(SuppressionList list) {
    return list == SuppressionList::Bounces || list == SuppressionList::Blocks ||
           list == SuppressionList::InvalidEmails || list == SuppressionList::SpamReports;
}

bool V3AddressDelete::rereadIsCheaper(qsizetype addresses, qsizetype listSizeHint) {
    if (listSizeHint < 0)
        return false; // unknown: the list may be far longer than the addresses
    const qsizetype left = qMax<qsizetype>(0, listSizeHint - addresses);
    const qsizetype pages = left / V3SuppressionClient::pageSize + 1; // a short page ends it
    return pages < addresses;
}

void V3AddressDelete::start() {
    if (hasBulkDelete(m_list)) {
        if (m_emails.size() == 1) {
            deleteOne(m_emails.first());
        } else {
            for (qsizetype at = 0; at < m_emails.size(); at += V3SuppressionClient::deleteChunkSize)
                ++m_chunksLeft;
            for (qsizetype at = 0; at < m_emails.size(); at += V3SuppressionClient::deleteChunkSize)
                deleteChunk(m_emails.mid(at, V3SuppressionClient::deleteChunkSize));
        }
    } else {
        for (const QString &email : std::as_const(m_emails))
            readFirst(email);
    }
    QTimer::singleShot(0, this, &V3AddressDelete::finishIfDone); // nothing to do at all
}

void V3AddressDelete::cancel() {
    m_cancelled = true; // the queued requests are not sent; those in flight are answered
    // Not inside cancel(): a re-read that ends reports its addresses, and a caller that cancels
    // from its own outcomes() slot (the command line, when the history cannot be written) must
    // not be called back into.
    QTimer::singleShot(0, this, [this] {
        if (m_reread)
            m_reread->cancel(); // its addresses are then read back: unconfirmed
        finishIfDone();
    });
}

void V3AddressDelete::request(const QByteArray &method, const QString &path, const QByteArray &body,
                              V3SuppressionClient::Purpose purpose, Succeeded succeeded,
                              Failed failed) {
    ApiRequest request;
    request.method = method;
    request.url = m_client->url(m_tenant, path, QUrlQuery());
    request.jsonBody = body;
    ++m_outstanding;
    V3SuppressionClient::Callbacks callbacks;
    callbacks.wanted = [this] {
        if (!m_cancelled)
            return true;
        --m_outstanding;
        QTimer::singleShot(0, this, &V3AddressDelete::finishIfDone);
        return false;
    };
    callbacks.succeeded = [this, succeeded](const QByteArray &answer) {
        --m_outstanding;
        succeeded(answer);
        finishIfDone();
    };
    callbacks.failed = [this, failed](const ApiError &error, bool mayHaveArrived) {
        --m_outstanding;
        failed(error, mayHaveArrived);
        finishIfDone();
    };
    m_client->send(this, m_tenant, request, purpose, m_list, callbacks);
}

void V3AddressDelete::deleteOne(const QString &email) {
    request(
        "DELETE", V3LookUp::readPath(m_list, email), {}, V3SuppressionClient::Purpose::Delete,
        [this, email](const QByteArray &) { report(email, AddressOutcome::deleted()); },
        [this, email](const ApiError &error, bool mayHaveArrived) {
            if (error.httpStatus == 404) {
                report(email, AddressOutcome::notOnList());
            } else if (mayHaveArrived) {
                m_whyIfThere.insert(email, error.message());
                readBack(email);
            } else {
                report(email, AddressOutcome::failed(error.message()));
            }
        });
}

void V3AddressDelete::deleteChunk(const QStringList &chunk) {
    const QByteArray body =
        QJsonDocument(QJsonObject{{QStringLiteral("emails"), QJsonArray::fromStringList(chunk)}})
            .toJson(QJsonDocument::Compact);
    request(
        "DELETE", QStringLiteral("suppression/") + suppressionListCliName(m_list), body,
        V3SuppressionClient::Purpose::Delete,
        [this, chunk](const QByteArray &) {
            // 204 says nothing per address: what is gone is seen by reading back.
            m_toConfirm += chunk;
            chunkEnded();
        },
        [this, chunk](const ApiError &error, bool mayHaveArrived) {
            for (const QString &email : chunk) {
                if (mayHaveArrived) {
                    m_whyIfThere.insert(email, error.message());
                    m_toConfirm += email;
                } else {
                    report(email, AddressOutcome::failed(error.message()));
                }
            }
            chunkEnded();
        });
}

void V3AddressDelete::chunkEnded() {
    if (--m_chunksLeft > 0 || m_toConfirm.isEmpty())
        return;
    const QStringList emails = std::exchange(m_toConfirm, {});
    if (m_cancelled) {
        for (const QString &email : emails)
            readBack(email); // reads nothing more: says it is unconfirmed
        return;
    }
    confirm(emails);
}

void V3AddressDelete::confirm(const QStringList &emails) {
    if (rereadIsCheaper(emails.size(), m_options.listSizeHint)) {
        confirmByRereading(emails);
        return;
    }
    if (m_options.listSizeHint < 0 && emails.size() > 1) {
        confirmWithoutListSize(emails);
        return;
    }
    for (const QString &email : emails)
        readBack(email);
}

// The list's size unknown (the command line): V3ListReread reads pages while that stays the
// cheaper way, and what it could not settle is read back per address.
void V3AddressDelete::confirmWithoutListSize(const QStringList &emails) {
    auto *reread = new V3ListReread(m_client, m_tenant, m_list, emails, this);
    m_reread = reread;
    ++m_outstanding;
    connect(reread, &V3ListReread::found, this, [this](const QString &email) {
        report(email, stillThereOutcome(email));
        emitReported();
    });
    connect(reread, &V3ListReread::ended, this,
            [this, reread](bool whole, const QStringList &notSeen) {
                --m_outstanding;
                reread->deleteLater();
                for (const QString &email : notSeen) {
                    if (whole)
                        report(email, AddressOutcome::deleted());
                    else
                        readBack(email); // one by one (cancelled: unconfirmed)
                }
                finishIfDone();
            });
    connect(reread, &V3ListReread::failed, this,
            [this, reread](const ApiError &error, const QStringList &notSeen) {
                --m_outstanding;
                reread->deleteLater();
                for (const QString &email : notSeen)
                    report(email, AddressOutcome::unconfirmed(readBackFailed(error)));
                finishIfDone();
            });
    reread->start();
}

// One read of the whole list (end_time pinned, as every load) instead of one GET per address.
// SendGrid matches addresses without regard to ASCII case, so the comparison does too.
void V3AddressDelete::confirmByRereading(const QStringList &emails) {
    auto *load = new V3ListLoad(m_client, m_tenant, m_list, this);
    load->setExpectedRows(qMax<qsizetype>(0, m_options.listSizeHint - emails.size()));
    auto present = std::make_shared<QSet<QString>>();
    QSet<QString> wanted;
    for (const QString &email : emails)
        wanted.insert(email.toLower());
    ++m_outstanding;
    connect(load, &ListLoadJob::rowsArrived, this, [present, wanted](const BounceStore &rows) {
        for (BounceStore::Row row = 0; row < rows.size(); ++row) {
            const QString email = rows.email(row).toLower();
            if (wanted.contains(email))
                present->insert(email);
        }
    });
    connect(load, &ListLoadJob::finished, this, [this, emails, present] {
        --m_outstanding;
        for (const QString &email : emails) {
            report(email, present->contains(email.toLower()) ? stillThereOutcome(email)
                                                             : AddressOutcome::deleted());
        }
        finishIfDone();
    });
    // A page that cannot be read leaves every address of this read-back open: never "deleted".
    connect(load, &ListLoadJob::failed, this, [this, emails](const ApiError &error) {
        --m_outstanding;
        for (const QString &email : emails)
            report(email, AddressOutcome::unconfirmed(readBackFailed(error)));
        finishIfDone();
    });
    load->start();
}

// Still on the list after its delete. A refused or failed delete request failed; one the
// server accepted (204) is not confirmed: SendGrid may carry it out later, or not at all, so
// the row stays Unconfirmed and deleting again is safe.
AddressOutcome V3AddressDelete::stillThereOutcome(const QString &email) const {
    if (m_whyIfThere.contains(email))
        return AddressOutcome::failed(m_whyIfThere.value(email));
    return AddressOutcome::unconfirmed(notConfirmed);
}

bool V3AddressDelete::stillThere(const QString &email, const BounceStore &rows) const {
    if (m_list != SuppressionList::GroupUnsubscribes)
        return !rows.isEmpty();
    const QStringList groups = m_groupsOf.value(email);
    for (BounceStore::Row row = 0; row < rows.size(); ++row) {
        if (groups.contains(rows.status(row)))
            return true;
    }
    return false;
}

void V3AddressDelete::readBack(const QString &email) {
    if (m_cancelled) {
        // Its delete was sent: it may be gone, which only a read could tell.
        report(email, AddressOutcome::unconfirmed(QStringLiteral(
                          "not confirmed (cancelled before reading it back; deleting again is "
                          "safe)")));
        return;
    }
    request(
        "GET", V3LookUp::readPath(m_list, email), {}, V3SuppressionClient::Purpose::Read,
        [this, email](const QByteArray &body) {
            BounceStore rows;
            const ParseResult parsed = V3LookUp::rowsOf(body, m_list, email, &rows);
            if (!parsed.ok)
                report(email,
                       AddressOutcome::unconfirmed(
                           QStringLiteral("not confirmed (the read-back could not be read: %1)")
                               .arg(parsed.error)));
            else if (stillThere(email, rows))
                report(email, stillThereOutcome(email));
            else
                report(email, AddressOutcome::deleted());
        },
        [this, email](const ApiError &error, bool) {
            if (error.httpStatus == 404)
                report(email, AddressOutcome::deleted());
            else
                report(email, AddressOutcome::unconfirmed(readBackFailed(error)));
        });
}

// Global unsubscribes and groups: their deletes answer 204 even when the address is absent,
// so only a read before tells "not on the list" apart.
void V3AddressDelete::readFirst(const QString &email) {
    request(
        "GET", V3LookUp::readPath(m_list, email), {}, V3SuppressionClient::Purpose::Read,
        [this, email](const QByteArray &body) {
            BounceStore rows;
            const ParseResult parsed = V3LookUp::rowsOf(body, m_list, email, &rows);
            if (!parsed.ok) {
                report(email,
                       AddressOutcome::failed(
                           QStringLiteral("the list could not be read: %1").arg(parsed.error)));
                return;
            }
            if (m_cancelled)
                return;
            if (m_list == SuppressionList::GroupUnsubscribes) {
                QStringList groups;
                for (BounceStore::Row row = 0; row < rows.size(); ++row) {
                    const QString id = rows.status(row);
                    if (m_options.groupId.isEmpty() || id == m_options.groupId)
                        groups << id;
                }
                if (groups.isEmpty())
                    report(email, AddressOutcome::notOnList());
                else
                    deleteGroups(email, groups);
                return;
            }
            if (rows.isEmpty()) {
                report(email, AddressOutcome::notOnList());
                return;
            }
            request(
                "DELETE", V3LookUp::readPath(m_list, email), {},
                V3SuppressionClient::Purpose::Delete,
                [this, email](const QByteArray &) { readBack(email); },
                [this, email](const ApiError &error, bool mayHaveArrived) {
                    if (mayHaveArrived) {
                        m_whyIfThere.insert(email, error.message());
                        readBack(email);
                    } else {
                        report(email, AddressOutcome::failed(error.message()));
                    }
                });
        },
        [this, email](const ApiError &error, bool) {
            if (error.httpStatus == 404 && m_list != SuppressionList::GroupUnsubscribes)
                report(email, AddressOutcome::notOnList());
            else
                report(email, AddressOutcome::failed(error.message()));
        });
}

void V3AddressDelete::deleteGroups(const QString &email, const QStringList &groups) {
    m_groupsOf.insert(email, groups);
    auto left = std::make_shared<int>(int(groups.size()));
    const QString segment = V3SuppressionClient::pathSegment(email);
    for (const QString &group : groups) {
        const auto ended = [this, email, left] {
            if (--*left == 0)
                readBack(email);
        };
        request(
            "DELETE",
            QStringLiteral("asm/groups/%1/suppressions/%2")
                .arg(V3SuppressionClient::pathSegment(group), segment),
            {}, V3SuppressionClient::Purpose::Delete, [ended](const QByteArray &) { ended(); },
            [this, email, ended](const ApiError &error, bool) {
                // Read back all the same: the other groups may be done, and this one too.
                if (!m_whyIfThere.contains(email))
                    m_whyIfThere.insert(email, error.message());
                ended();
            });
    }
}

void V3AddressDelete::report(const QString &email, const AddressOutcome &outcome) {
    if (m_reported.contains(email))
        return;
    m_reported.insert(email);
    m_unsent.append({email, outcome});
}

// The receivers record a batch with one write and one sync: 500 confirmations of one read-back
// cost one sync, not 500.
void V3AddressDelete::emitReported() {
    if (m_unsent.isEmpty())
        return;
    const QList<AddressResult> results = std::exchange(m_unsent, {});
    Q_EMIT outcomes(results);
    Q_EMIT progress(int(m_reported.size()), int(m_emails.size()));
}

void V3AddressDelete::finishIfDone() {
    emitReported();
    if (m_finished || m_outstanding > 0)
        return;
    if (!m_cancelled) {
        // Nothing is pending: an address without an outcome now would never get one.
        for (const QString &email : std::as_const(m_emails)) {
            if (!m_reported.contains(email))
                report(email, AddressOutcome::noAnswerReported());
        }
        emitReported();
    }
    m_finished = true;
    Q_EMIT finished();
    deleteLater();
}
