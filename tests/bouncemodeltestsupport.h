#pragma once

// Shared by the table model tests (tst_bouncetablemodel, tst_asyncmodel): sample lists with a
// row for every rule, random lists with long shared prefixes, and the model's promises
// (order, filter) written the slow and obvious way to compare against.

#include "core/bounceclass.h"
#include "core/bouncetablemodel.h"

#include <QList>
#include <QtTest>

#include <algorithm>
#include <random>

namespace ModelTest {

using Model = BounceTableModel;

// Twelve rows with ties, case twins, a duplicate address, missing and malformed dates,
// line breaks and markup: every rule of the model has a row that tests it.
inline QList<Bounce> sampleRows() {
    const auto b = [](const char *email, const char *status, const char *reason,
                      const char *created) {
        return Bounce{QString::fromUtf8(email), QString::fromUtf8(status),
                      QString::fromUtf8(reason), QString::fromUtf8(created)};
    };
    return {
        b("alice@example.com", "5.1.1", "host said: 550 5.1.1 user unknown", "2021-03-04 10:00:00"),
        b("Bob@Example.com", "4.2.2", "mailbox full", "2021-03-04 10:00:00"),
        b("carol+news@example.org", "550", "Rejected\r\nby policy", "2020-12-31 23:59:59"),
        b("dave@example.net", "", "no status", ""),
        b("<img src=x>@evil.test", "5.7.1", "<b>bold</b> & \"quoted\"\nline two",
          "2022-01-01 00:00:00"),
        b("alice@example.com", "4.0.0", "second row, same address", "2019-06-01 12:00:00"),
        b("ALICE@example.com", "5.1.1", "upper-case twin", "2021-03-05 00:00:00"),
        b("zoë@exämple.de", "5.0.0", "Postfach voll", "2021-03-04 23:59:59"),
        b("erin@example.com", "421", "try later", "bogus date"),
        b("frank@example.com", "5.1.1", "host said: 550 5.1.1 user unknown", "2021-03-04 00:00:00"),
        b("a@b.c", "2.0.0", "", "2021-03-03 23:59:59"),
        b("grace@example.com", "4.4.1", "host said: 550 5.1.1 user unknown but longer",
          "2021-01-01 00:00:00"),
    };
}

// Rows with long shared prefixes, prefixes of each other, case twins and many ties.
inline QList<Bounce> randomRows(int count, unsigned seed) {
    std::mt19937 random(seed);
    const QStringList statuses = {QStringLiteral("5.1.1"),
                                  QStringLiteral("550"),
                                  QStringLiteral("4.0.0"),
                                  QStringLiteral("421"),
                                  QString(),
                                  QStringLiteral("5.7.1"),
                                  QStringLiteral("x")};
    const QStringList names = {
        QStringLiteral("info"),    QStringLiteral("Info"), QStringLiteral("information.desk"),
        QStringLiteral("noreply"), QStringLiteral("a"),    QStringLiteral("user")};
    QList<Bounce> rows;
    for (int i = 0; i < count; ++i) {
        const QString name = names[int(random() % names.size())] +
                             (random() % 3 ? QString::number(random() % 50) : QString());
        const QString email = name + QStringLiteral("@example") + QString::number(random() % 4) +
                              QStringLiteral(".com");
        const QString reason = QStringLiteral("host [127.0.0.1] said: 550 5.1.1 unknown user: ") +
                               (random() % 2 ? email.toUpper() : email) +
                               QStringLiteral(" tail").repeated(int(random() % 3));
        const QString created = random() % 10 ? QStringLiteral("2021-0%1-1%2 0%3:00:00")
                                                    .arg(1 + random() % 9)
                                                    .arg(random() % 10)
                                                    .arg(random() % 3)
                                              : QString();
        rows.append({email, statuses[int(random() % statuses.size())], reason, created});
    }
    return rows;
}

inline BounceStore storeOf(const QList<Bounce> &rows, qsizetype from = 0, qsizetype count = -1) {
    BounceStore store;
    const qsizetype end = count < 0 ? rows.size() : std::min(rows.size(), from + count);
    for (qsizetype i = from; i < end; ++i)
        store.append(rows[i]);
    return store;
}

inline void load(Model &model, const QList<Bounce> &rows) {
    model.reset(QStringLiteral("customer"));
    model.appendRows(storeOf(rows));
    model.loadFinished();
}

inline QByteArray folded(const QString &text) {
    QByteArray bytes = text.toUtf8();
    for (char &c : bytes)
        c = c >= 'A' && c <= 'Z' ? char(c + 32) : c;
    return bytes;
}

// "YYYY-MM-DD HH:MM:SS" read through QDate/QTime, independent of the model's own parser.
// Seconds since 1970 of the naive time, or -1.
inline qint64 referenceCreated(const QString &text) {
    if (text.size() != 19 || text.at(10) != QLatin1Char(' '))
        return -1;
    const QDate date = QDate::fromString(text.left(10), QStringLiteral("yyyy-MM-dd"));
    const QTime time = QTime::fromString(text.mid(11), QStringLiteral("HH:mm:ss"));
    if (!date.isValid() || !time.isValid() || date.year() < 1970)
        return -1;
    return (date.toJulianDay() - QDate(1970, 1, 1).toJulianDay()) * 86400 +
           time.msecsSinceStartOfDay() / 1000;
}

inline int kindRank(BounceKind kind) {
    return kind == BounceKind::Hard ? 2 : kind == BounceKind::Soft ? 1 : 0;
}

// The class of a row as deriveBounce() says, and its place in allBounceClasses (the model's
// class order: Unclassified last).
inline BounceClass referenceClass(const Bounce &row) {
    return deriveBounce(row.status, row.reason).bounceClass;
}

inline int classRank(BounceClass bounceClass) {
    return int(std::find(std::begin(allBounceClasses), std::end(allBounceClasses), bounceClass) -
               std::begin(allBounceClasses));
}

// The order the model promises, written the slow and obvious way: a stable sort of arrival
// order, so ties keep arrival order in both directions.
struct Reference {
    QList<Bounce> rows;
    QList<QByteArray> emailKeys, reasonKeys;
    QList<qint64> createdKeys;
    QList<quint32> statusKeys;

    explicit Reference(QList<Bounce> all)
        : rows(std::move(all)) {
        for (const Bounce &row : rows) {
            emailKeys.append(folded(row.email));
            reasonKeys.append(folded(row.reason));
            createdKeys.append(referenceCreated(row.created));
            const QByteArray status = row.status.toUtf8();
            statusKeys.append(statusSortKey({status.constData(), std::size_t(status.size())}));
        }
    }

    bool less(int a, int b, int column) const {
        const Bounce &x = rows[a];
        const Bounce &y = rows[b];
        switch (column) {
        case Model::EmailColumn:
            return emailKeys[a] < emailKeys[b];
        case Model::StatusColumn:
            return statusKeys[a] < statusKeys[b];
        case Model::TypeColumn:
            return kindRank(x.kind()) < kindRank(y.kind());
        case Model::ClassColumn:
            return classRank(referenceClass(x)) < classRank(referenceClass(y));
        case Model::ReasonColumn:
            return reasonKeys[a] < reasonKeys[b];
        case Model::CreatedColumn:
            return createdKeys[a] < createdKeys[b];
        }
        return false;
    }

    QList<qsizetype> order(int column, Qt::SortOrder sortOrder,
                           const QList<qsizetype> &among) const {
        QList<qsizetype> result = among;
        std::stable_sort(result.begin(), result.end(), [&](qsizetype a, qsizetype b) {
            return sortOrder == Qt::AscendingOrder ? less(int(a), int(b), column)
                                                   : less(int(b), int(a), column);
        });
        return result;
    }

    QList<qsizetype> all() const {
        QList<qsizetype> indexes;
        for (qsizetype i = 0; i < rows.size(); ++i)
            indexes.append(i);
        return indexes;
    }
};

inline QList<qsizetype> shownStoreRows(const Model &model) {
    QList<qsizetype> rows;
    for (int i = 0; i < model.rowCount(); ++i)
        rows.append(model.index(i, 0).data(Model::StoreRowRole).value<qsizetype>());
    return rows;
}

inline int viewRowOf(const Model &model, qsizetype storeRow) {
    for (int i = 0; i < model.rowCount(); ++i) {
        if (model.storeRow(i) == storeRow)
            return i;
    }
    return -1;
}

inline bool referenceAccepts(const Bounce &row, const Model::Filter &filter) {
    if (!filter.text.isEmpty() && !row.email.contains(filter.text, Qt::CaseInsensitive) &&
        !row.reason.contains(filter.text, Qt::CaseInsensitive) &&
        !row.status.contains(filter.text, Qt::CaseInsensitive))
        return false;
    if (filter.type == Model::TypeFilter::Hard && row.kind() != BounceKind::Hard)
        return false;
    if (filter.type == Model::TypeFilter::Soft && row.kind() != BounceKind::Soft)
        return false;
    if (filter.bounceClass && referenceClass(row) != *filter.bounceClass)
        return false;
    if (filter.from.isValid() || filter.to.isValid()) {
        const qint64 created = referenceCreated(row.created);
        if (created < 0)
            return false;
        const QDate date = QDate(1970, 1, 1).addDays(created / 86400);
        if (filter.from.isValid() && date < filter.from)
            return false;
        if (filter.to.isValid() && date > filter.to)
            return false;
    }
    return true;
}

inline QList<qsizetype> referenceShown(const Reference &reference, const Model &model) {
    QList<qsizetype> accepted;
    for (qsizetype i = 0; i < reference.rows.size(); ++i) {
        if (referenceAccepts(reference.rows[i], model.filter()))
            accepted.append(i);
    }
    return reference.order(model.sortColumn(), model.sortOrder(), accepted);
}

inline Model::Filter textFilter(const QString &text) {
    Model::Filter filter;
    filter.text = text;
    return filter;
}

} // namespace ModelTest
