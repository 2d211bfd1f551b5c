#pragma once

#include "apierror.h"
#include "tenant.h"

#include "core/suppressionlist.h"

#include <QHash>
#include <QObject>
#include <QStringList>

#include <map>

class V3SuppressionClient;

// A bulk delete's read-back when the list's size is not known (the command line): which of
// `emails` are still on the list. Reading the whole list costs one request per 500 rows left,
// looking each address up one request per address, and which is fewer is known only once the
// list was read. So it reads the list page by page (limit 500, end_time pinned) while the pages
// asked for stay within the addresses not yet seen on them, and stops there: the rest is then
// looked up one by one (by the caller). The pages in flight grow as full pages come (1, 2, 4, …,
// at most pagesAhead ahead), so a short list is not asked for many pages past its end. Either
// way the read-back costs at most about twice the cheaper choice, which it could make only
// knowing the size. (A list read is case-insensitive on the address, as SendGrid matches.)
class V3ListReread final : public QObject {
    Q_OBJECT
public:
    V3ListReread(V3SuppressionClient *client, Tenant tenant, SuppressionList list,
                 const QStringList &emails, QObject *parent);
    void start();
    // Nothing more is read: ended() comes at once with every address not seen yet.
    void cancel();

    static constexpr int pagesAhead = 16;

Q_SIGNALS:
    // `email` (as given) is still on the list.
    void found(const QString &email);
    // Reading ended. `whole`: every page was read, so the addresses in `notSeen` are gone;
    // otherwise they are still to be looked up.
    void ended(bool whole, const QStringList &notSeen);
    // A page could not be read (after the call's retries): `notSeen` are not confirmed.
    void failed(const ApiError &error, const QStringList &notSeen);

private:
    void requestMore();
    void requestPage(int index);
    void onPage(int index, const QByteArray &body);
    bool stop(); // ends the reading, its pages unanswered; false when it had ended
    void end(bool whole);
    void fail(const ApiError &error);
    QStringList notSeen() const;

    V3SuppressionClient *m_client;
    Tenant m_tenant;
    SuppressionList m_list;
    QHash<QString, QString> m_unseen;     // lowercase address -> as given
    std::map<int, QObject *> m_pageOwner; // requested, not answered: deleting one cancels it
    qint64 m_endTime = 0;
    int m_requested = 0; // pages 0 .. m_requested - 1 were asked for
    int m_fullPages = 0; // pages that came full
    int m_lastPage = -1; // the first short page, once known
    bool m_ended = false;
};
