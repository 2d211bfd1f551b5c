// The v3 bodies into rows and customers (api-v3-notes.md §2): created as ISO 8601 UTC, each
// list's fields in the store's slots, error bodies recognised in any of them.

#include "parse/v3responseparser.h"

#include <QDateTime>
#include <QJsonValue>
#include <QTimeZone>
#include <QtTest>

#include <vector>

class TestV3ResponseParser final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void createdIsIsoUtc() {
        QCOMPARE(V3Response::createdText(QJsonValue(1443651125)),
                 QByteArray("2015-09-30T22:12:05Z"));
        QCOMPARE(V3Response::createdText(QJsonValue(QStringLiteral("1443651125"))),
                 QByteArray("2015-09-30T22:12:05Z"));
        QCOMPARE(V3Response::createdText(QJsonValue(0)), QByteArray("1970-01-01T00:00:00Z"));
        QCOMPARE(V3Response::createdText(QJsonValue()), QByteArray());
        QCOMPARE(V3Response::createdText(QJsonValue(QStringLiteral("yesterday"))),
                 QByteArray("yesterday"));
    }

    // Written out by hand for speed: it must match Qt's calendar on every day, leap days and
    // century years included, up to the last second of year 9999 and past it.
    void createdMatchesQtCalendar() {
        std::vector<qint64> samples{0,          59,           86399,        86400,
                                    951782399,  951782400,    951868800,    4107542399,
                                    4107542400, 253402300799, 253402300800, 253402300800 + 86400};
        for (qint64 seconds = 0; seconds < 253402300799; seconds += 7776013) // ~90 days, odd
            samples.push_back(seconds);
        for (const qint64 seconds : samples) {
            const QByteArray expected = QDateTime::fromSecsSinceEpoch(seconds, QTimeZone::utc())
                                            .toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss"))
                                            .toUtf8() +
                                        'Z';
            QCOMPARE(V3Response::createdText(QJsonValue(double(seconds))), expected);
        }
    }

    void bouncePage() {
        BounceStore rows;
        qsizetype count = 0;
        const QByteArray body = R"([{"created":1443651125,"email":"a@x.com","reason":"550 5.1.1 no",
            "status":"5.1.1"},{"created":1443651126,"email":"","status":"4.0.0"},
            {"email":"b+tag@y.com","status":"4.2.2","reason":"full","created":1443651127}])";
        const ParseResult parsed =
            V3Response::parseListPage(body, SuppressionList::Bounces, &rows, &count);
        QVERIFY(parsed.ok);
        QCOMPARE(count, 3); // the page's length tells a short page, rows without an address too
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rows.bounce(0),
                 (Bounce{QStringLiteral("a@x.com"), QStringLiteral("5.1.1"),
                         QStringLiteral("550 5.1.1 no"), QStringLiteral("2015-09-30T22:12:05Z")}));
        QCOMPARE(rows.kind(1), BounceKind::Soft);
        // The ISO text sorts by its time, as v2's did.
        QCOMPARE(rows.createdKey(0), qint64(1443651125));
    }

    // Pages are read through simdjson, and through QJsonDocument when simdjson's reading could
    // differ from Qt's: both give the same rows for every shape of value.
    void valueShapesReadAsQtReadsThem() {
        BounceStore rows;
        qsizetype count = 0;
        const QByteArray body =
            R"([{"email":"e\u00e9\u0022q@x.com","status":550,"reason":null,"created":"1443651125"},)"
            R"({"email":"b@x.com","status":true,"reason":"r\n\t","created":null,"extra":[1,{}]},)"
            R"({"email":"c@x.com","status":"5.0.0","reason":"x","created":-5},)"
            R"({"email":"d@x.com","status":"5.0.0","reason":"y","created":" 7 "},)"
            R"({"email":"n\u0000ul@x.com","created":"soon"}])";
        QVERIFY(V3Response::parseListPage(body, SuppressionList::Bounces, &rows, &count).ok);
        QCOMPARE(count, 5);
        QCOMPARE(rows.bounce(0),
                 (Bounce{QString::fromUtf8("e\xc3\xa9\"q@x.com"), QStringLiteral("550"), QString(),
                         QStringLiteral("2015-09-30T22:12:05Z")}));
        QCOMPARE(rows.bounce(1), (Bounce{QStringLiteral("b@x.com"), QStringLiteral("true"),
                                         QStringLiteral("r\n\t"), QString()}));
        QCOMPARE(rows.created(2), QStringLiteral("-5"));
        QCOMPARE(rows.created(3), QStringLiteral("1970-01-01T00:00:07Z"));
        QCOMPARE(rows.email(4), QStringLiteral("n") + QChar(0) + QStringLiteral("ul@x.com"));
        QCOMPARE(rows.created(4), QStringLiteral("soon"));

        // Left to Qt: a fraction, a repeated key, an entry that is not an object, a lone
        // surrogate, a number past 9e15.
        rows.clear();
        QVERIFY(
            V3Response::parseListPage(R"([{"email":"f@x.com","created":1443651125.5,"status":2.5},)"
                                      R"({"email":"r@x.com","email":"s@x.com"},7,)"
                                      R"({"email":"u@x.com","reason":"\ud800!"},)"
                                      R"({"email":"big@x.com","status":12345678901234567}])",
                                      SuppressionList::Bounces, &rows, &count)
                .ok);
        QCOMPARE(count, 5);
        QCOMPARE(rows.size(), 4);
        QCOMPARE(rows.created(0), QStringLiteral("2015-09-30T22:12:05Z"));
        QCOMPARE(rows.status(0), QStringLiteral("2.5"));
        QCOMPARE(rows.email(2), QStringLiteral("u@x.com"));
        QCOMPARE(rows.status(3), QStringLiteral("12345678901234568"));
    }

    // The page's fast path writes the usual dates itself: every shape of `created` reads as
    // createdText() reads it, the years past 9999 and before 1970 included.
    void createdOnAPageIsCreatedText() {
        const QList<QJsonValue> shapes{QJsonValue(0),
                                       QJsonValue(1443651125),
                                       QJsonValue(-5),
                                       QJsonValue(253402300799.0),
                                       QJsonValue(253402300800.0),
                                       QJsonValue(9e15),
                                       QJsonValue(QStringLiteral(" 7 ")),
                                       QJsonValue(QStringLiteral("soon")),
                                       QJsonValue(true),
                                       QJsonValue(QJsonValue::Null)};
        QByteArray body("[");
        for (qsizetype i = 0; i < shapes.size(); ++i) {
            const QJsonValue &shape = shapes[i];
            const QByteArray created = shape.isDouble()
                                           ? QByteArray::number(qint64(shape.toDouble()))
                                       : shape.isString() ? '"' + shape.toString().toUtf8() + '"'
                                       : shape.isBool()   ? QByteArray("true")
                                                          : QByteArray("null");
            body += (i ? "," : "") + QByteArray("{\"email\":\"a") + QByteArray::number(i) +
                    "@x.com\",\"created\":" + created + '}';
        }
        body += ']';
        BounceStore rows;
        qsizetype count = 0;
        QVERIFY(V3Response::parseListPage(body, SuppressionList::Bounces, &rows, &count).ok);
        QCOMPARE(rows.size(), shapes.size());
        for (qsizetype i = 0; i < shapes.size(); ++i)
            QCOMPARE(rows.created(i), QString::fromUtf8(V3Response::createdText(shapes[i])));
        QCOMPARE(rows.created(4), QStringLiteral("10000-01-01T00:00:00Z"));
    }

    void otherListsUseTheSlots() {
        BounceStore rows;
        qsizetype count = 0;
        QVERIFY(V3Response::parseListPage(R"([{"created":1,"email":"s@x.com","ip":"10.1.2.3"}])",
                                          SuppressionList::SpamReports, &rows, &count)
                    .ok);
        QCOMPARE(rows.status(0), QStringLiteral("10.1.2.3"));
        QVERIFY(V3Response::parseListPage(
                    R"([{"email":"g@x.com","group_id":42,"group_name":"News","created_at":2}])",
                    SuppressionList::GroupUnsubscribes, &rows, &count)
                    .ok);
        QCOMPARE(rows.status(1), QStringLiteral("42"));
        QCOMPARE(rows.reason(1), QStringLiteral("News"));
        QCOMPARE(rows.created(1), QStringLiteral("1970-01-01T00:00:02Z"));
        QVERIFY(V3Response::parseListPage(R"([{"email":"i@x.com","reason":"bad","created":3}])",
                                          SuppressionList::InvalidEmails, &rows, &count)
                    .ok);
        QCOMPARE(rows.status(2), QString());
        QCOMPARE(rows.reason(2), QStringLiteral("bad"));
    }

    void errorBodies() {
        BounceStore rows;
        qsizetype count = 0;
        const ParseResult parsed =
            V3Response::parseListPage(R"({"errors":[{"field":null,"message":"access forbidden"}]})",
                                      SuppressionList::Bounces, &rows, &count);
        QVERIFY(!parsed.ok);
        QVERIFY(parsed.serverError);
        QVERIFY(parsed.error.contains(QStringLiteral("access forbidden")));
        QVERIFY(!V3Response::parseListPage("<html>", SuppressionList::Bounces, &rows, &count).ok);
        QVERIFY(!V3Response::parseListPage("{}", SuppressionList::Bounces, &rows, &count).ok);
    }

    void subusers() {
        QList<Customer> customers;
        QVERIFY(
            V3Response::parseSubusers(
                R"([{"disabled":false,"email":"a@x.com","id":1,"username":"acme","region":"global"},
                        {"disabled":true,"email":"b@x.com","id":2,"username":"eu-co","region":"eu"},
                        {"email":"c@x.com","username":"old"}])",
                &customers)
                .ok);
        QCOMPARE(customers.size(), 3);
        QCOMPARE(customers.at(0).username, QStringLiteral("acme"));
        QVERIFY(customers.at(0).active);
        QVERIFY(!customers.at(1).active);
        QCOMPARE(customers.at(1).region, QStringLiteral("eu"));
        QCOMPARE(customers.at(2).region, QStringLiteral("global"));
    }

    void accountsAndState() {
        QList<Customer> customers;
        QString next;
        QVERIFY(
            V3Response::parseAccounts(
                R"({"accounts":[{"id":"sg1","email":"t@x.com","created_at":"2022-01-02T15:04:05Z"},
                                    {"id":"sg2","created_at":"2022-01-02T15:04:05Z"}],
                        "pages":{"last":"sg2"}})",
                &customers, &next)
                .ok);
        QCOMPARE(customers.size(), 2);
        QCOMPARE(customers.at(1).username, QStringLiteral("sg2"));
        QCOMPARE(customers.at(1).email, QString());
        QCOMPARE(next, QStringLiteral("sg2"));
        QString state;
        QVERIFY(V3Response::parseAccountState(R"({"state":"activated"})", &state).ok);
        QCOMPARE(state, QStringLiteral("activated"));
    }

    void lookUps() {
        bool present = true;
        QVERIFY(V3Response::parseGlobalUnsubscribe("{}", &present).ok);
        QVERIFY(!present);
        QVERIFY(
            V3Response::parseGlobalUnsubscribe(R"({"recipient_email":"a@x.com"})", &present).ok);
        QVERIFY(present);
        QList<V3Response::GroupMembership> groups;
        QVERIFY(V3Response::parseGroupMemberships(
                    R"({"suppressions":[{"id":1,"name":"News","suppressed":true},
                                        {"id":2,"name":"Tips","suppressed":false}]})",
                    &groups)
                    .ok);
        QCOMPARE(groups.size(), 1);
        QCOMPARE(groups.at(0).id, QStringLiteral("1"));
    }
};

QTEST_GUILESS_MAIN(TestV3ResponseParser)
#include "tst_v3responseparser.moc"
