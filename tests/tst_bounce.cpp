#include "core/bounce.h"

#include <QtTest>

#include <algorithm>
#include <random>

namespace {

std::string_view utf8View(const QByteArray &bytes) {
    return std::string_view(bytes.constData(), std::size_t(bytes.size()));
}

// Seconds since 1970 computed through Qt's own calendar, independent of the parser.
qint64 naiveSeconds(int y, int mo, int d, int h, int mi, int s) {
    return (QDate(y, mo, d).toJulianDay() - QDate(1970, 1, 1).toJulianDay()) * 86400 + h * 3600 +
           mi * 60 + s;
}

} // namespace

class TestBounce final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void kindForStatus_data();
    void kindForStatus();
    void kindName();
    void createdSortKey_data();
    void createdSortKey();
    void createdSortKeyAgreesWithCalendar();
    void statusSortKey_data();
    void statusSortKey();
    void statusSortKeyOrdersClassesTogether();
    void createdTime_data();
    void createdTime();
    void statusMeaning_data();
    void statusMeaning();
    void bounceValue();
};

void TestBounce::kindForStatus_data() {
    QTest::addColumn<QString>("status");
    QTest::addColumn<BounceKind>("kind");
    QTest::newRow("enhanced_hard") << QStringLiteral("5.1.1") << BounceKind::Hard;
    QTest::newRow("enhanced_generic_hard") << QStringLiteral("5.0.0") << BounceKind::Hard;
    QTest::newRow("enhanced_soft") << QStringLiteral("4.0.0") << BounceKind::Soft;
    QTest::newRow("three_digit_detail") << QStringLiteral("5.7.123") << BounceKind::Hard;
    QTest::newRow("bare_550") << QStringLiteral("550") << BounceKind::Hard;
    QTest::newRow("bare_421") << QStringLiteral("421") << BounceKind::Soft;
    QTest::newRow("class_only_5") << QStringLiteral("5") << BounceKind::Hard;
    QTest::newRow("class_only_4") << QStringLiteral("4") << BounceKind::Soft;
    QTest::newRow("class_and_subject") << QStringLiteral("4.4") << BounceKind::Soft;
    QTest::newRow("surrounding_space") << QStringLiteral(" 5.1.1\r\n") << BounceKind::Hard;
    QTest::newRow("success_class") << QStringLiteral("2.0.0") << BounceKind::Unknown;
    QTest::newRow("empty") << QString() << BounceKind::Unknown;
    QTest::newRow("words") << QStringLiteral("bounce") << BounceKind::Unknown;
    QTest::newRow("four_parts") << QStringLiteral("5.1.1.1") << BounceKind::Unknown;
    QTest::newRow("two_digits") << QStringLiteral("55") << BounceKind::Unknown;
    QTest::newRow("four_digits") << QStringLiteral("5500") << BounceKind::Unknown;
    QTest::newRow("letter_detail") << QStringLiteral("5.1.x") << BounceKind::Unknown;
    QTest::newRow("trailing_dot") << QStringLiteral("5.1.") << BounceKind::Unknown;
    QTest::newRow("subject_too_long") << QStringLiteral("5.1234.1") << BounceKind::Unknown;
    QTest::newRow("smtp_then_enhanced") << QStringLiteral("550 5.1.1") << BounceKind::Unknown;
    QTest::newRow("class_zero") << QStringLiteral("0.0.0") << BounceKind::Unknown;
    QTest::newRow("fullwidth_digit") << QStringLiteral("\uFF15.1.1") << BounceKind::Unknown;
}

void TestBounce::kindForStatus() {
    QFETCH(QString, status);
    QFETCH(BounceKind, kind);
    QCOMPARE(bounceKindForStatus(QStringView(status)), kind);
    const QByteArray utf8 = status.toUtf8();
    QCOMPARE(bounceKindForStatus(utf8View(utf8)), kind);
    const Bounce bounce{QStringLiteral("a@b.c"), status, QString(), QString()};
    QCOMPARE(bounce.kind(), kind);
}

void TestBounce::kindName() {
    QCOMPARE(bounceKindName(BounceKind::Hard), QStringLiteral("hard"));
    QCOMPARE(bounceKindName(BounceKind::Soft), QStringLiteral("soft"));
    QVERIFY(bounceKindName(BounceKind::Unknown).isEmpty());
}

void TestBounce::createdSortKey_data() {
    QTest::addColumn<QString>("created");
    QTest::addColumn<qint64>("key");
    QTest::newRow("epoch") << QStringLiteral("1970-01-01 00:00:00") << qint64(0);
    QTest::newRow("seed_example") << QStringLiteral("2009-06-01 19:41:39")
                                  << naiveSeconds(2009, 6, 1, 19, 41, 39);
    QTest::newRow("leap_day") << QStringLiteral("2024-02-29 12:00:00")
                              << naiveSeconds(2024, 2, 29, 12, 0, 0);
    QTest::newRow("century_leap_day")
        << QStringLiteral("2000-02-29 23:59:59") << naiveSeconds(2000, 2, 29, 23, 59, 59);
    QTest::newRow("last_second") << QStringLiteral("9999-12-31 23:59:59")
                                 << naiveSeconds(9999, 12, 31, 23, 59, 59);
    QTest::newRow("t_separator") << QStringLiteral("2009-06-01T19:41:39")
                                 << naiveSeconds(2009, 6, 1, 19, 41, 39);
    QTest::newRow("surrounding_space")
        << QStringLiteral(" 2009-06-01 19:41:39\n") << naiveSeconds(2009, 6, 1, 19, 41, 39);
    QTest::newRow("empty") << QString() << qint64(-1);
    QTest::newRow("date_only") << QStringLiteral("2009-06-01") << qint64(-1);
    QTest::newRow("no_leap_day") << QStringLiteral("2023-02-29 00:00:00") << qint64(-1);
    QTest::newRow("no_leap_century") << QStringLiteral("1900-02-29 00:00:00") << qint64(-1);
    QTest::newRow("april_31") << QStringLiteral("2009-04-31 00:00:00") << qint64(-1);
    QTest::newRow("month_13") << QStringLiteral("2009-13-01 00:00:00") << qint64(-1);
    QTest::newRow("hour_24") << QStringLiteral("2009-06-01 24:00:00") << qint64(-1);
    QTest::newRow("second_60") << QStringLiteral("2009-06-01 23:59:60") << qint64(-1);
    QTest::newRow("mysql_zero_date") << QStringLiteral("0000-00-00 00:00:00") << qint64(-1);
    QTest::newRow("before_1970") << QStringLiteral("1969-12-31 23:59:59") << qint64(-1);
    QTest::newRow("letter") << QStringLiteral("2009-06-01 19:41:3x") << qint64(-1);
    QTest::newRow("slashes") << QStringLiteral("2009/06/01 19:41:39") << qint64(-1);
    QTest::newRow("fraction") << QStringLiteral("2009-06-01 19:41:39.5") << qint64(-1);
    QTest::newRow("hostile") << QStringLiteral("<script>alert(1)</script>") << qint64(-1);
}

void TestBounce::createdSortKey() {
    QFETCH(QString, created);
    QFETCH(qint64, key);
    QCOMPARE(::createdSortKey(QStringView(created)), key);
    const QByteArray utf8 = created.toUtf8();
    QCOMPARE(::createdSortKey(utf8View(utf8)), key);
}

// Every 13th day from 1970 to 2200: the hand-written calendar agrees with QDate's.
void TestBounce::createdSortKeyAgreesWithCalendar() {
    const QDate first(1970, 1, 1);
    for (QDate day = first; day.year() < 2200; day = day.addDays(13)) {
        const QString text =
            day.toString(QStringLiteral("yyyy-MM-dd")) + QStringLiteral(" 13:14:15");
        const qint64 expected =
            (day.toJulianDay() - first.toJulianDay()) * 86400 + 13 * 3600 + 14 * 60 + 15;
        QCOMPARE(::createdSortKey(QStringView(text)), expected);
    }
}

void TestBounce::statusSortKey_data() {
    QTest::addColumn<QString>("status");
    QTest::addColumn<quint32>("key");
    QTest::newRow("enhanced") << QStringLiteral("5.1.1") << quint32(5'001'001);
    QTest::newRow("soft_generic") << QStringLiteral("4.0.0") << quint32(4'000'000);
    QTest::newRow("big_parts") << QStringLiteral("5.7.26") << quint32(5'007'026);
    QTest::newRow("bare_550") << QStringLiteral("550") << quint32(5'999'050);
    QTest::newRow("bare_421") << QStringLiteral("421") << quint32(4'999'021);
    QTest::newRow("class_only") << QStringLiteral("5") << quint32(5'000'000);
    QTest::newRow("empty") << QString() << quint32(0);
    QTest::newRow("garbage") << QStringLiteral("n/a") << quint32(0);
}

void TestBounce::statusSortKey() {
    QFETCH(QString, status);
    QFETCH(quint32, key);
    const QByteArray utf8 = status.toUtf8();
    QCOMPARE(::statusSortKey(utf8View(utf8)), key);
}

void TestBounce::statusSortKeyOrdersClassesTogether() {
    const QStringList expected = {
        QString(),
        QStringLiteral("2.0.0"),
        QStringLiteral("4.2.2"),
        QStringLiteral("4.7.0"),
        QStringLiteral("421"),
        QStringLiteral("450"),
        QStringLiteral("5.0.0"),
        QStringLiteral("5.1.1"),
        QStringLiteral("5.1.10"),
        QStringLiteral("5.7.1"),
        QStringLiteral("550"),
        QStringLiteral("554"),
    };
    QStringList shuffled = expected;
    std::mt19937 random(7);
    std::shuffle(shuffled.begin(), shuffled.end(), random);
    std::sort(shuffled.begin(), shuffled.end(), [](const QString &a, const QString &b) {
        const QByteArray ua = a.toUtf8(), ub = b.toUtf8();
        return ::statusSortKey(utf8View(ua)) < ::statusSortKey(utf8View(ub));
    });
    QCOMPARE(shuffled, expected);
}

void TestBounce::createdTime_data() {
    QTest::addColumn<QString>("created");
    QTest::addColumn<QDate>("date");
    QTest::addColumn<QTime>("time");
    QTest::newRow("seed") << QStringLiteral("2009-06-10 12:40:30") << QDate(2009, 6, 10)
                          << QTime(12, 40, 30);
    QTest::newRow("midnight") << QStringLiteral("2021-12-31 00:00:00") << QDate(2021, 12, 31)
                              << QTime(0, 0, 0);
    QTest::newRow("absent") << QString() << QDate() << QTime();
    QTest::newRow("malformed") << QStringLiteral("yesterday") << QDate() << QTime();
}

void TestBounce::createdTime() {
    QFETCH(QString, created);
    QFETCH(QDate, date);
    QFETCH(QTime, time);
    const Bounce bounce{QStringLiteral("a@b.c"), QStringLiteral("5.1.1"), QString(), created};
    const QDateTime parsed = bounce.createdTime();
    QCOMPARE(parsed.isValid(), date.isValid());
    if (!date.isValid())
        return;
    // The wall-clock time the server sent, not shifted into the local zone.
    QCOMPARE(parsed.date(), date);
    QCOMPARE(parsed.time(), time);
    QCOMPARE(parsed.timeSpec(), Qt::UTC);
    QCOMPARE(parsed.toSecsSinceEpoch(), ::createdSortKey(QStringView(created)));
}

void TestBounce::statusMeaning_data() {
    QTest::addColumn<QString>("status");
    QTest::addColumn<QString>("meaning");
    QTest::newRow("bad_mailbox") << QStringLiteral("5.1.1")
                                 << QStringLiteral("Permanent failure: bad destination mailbox");
    QTest::newRow("mailbox_full") << QStringLiteral("4.2.2")
                                  << QStringLiteral("Temporary failure: mailbox full");
    QTest::newRow("refused") << QStringLiteral("5.7.1")
                             << QStringLiteral("Permanent failure: delivery not authorised, "
                                               "message refused");
    QTest::newRow("generic_soft") << QStringLiteral("4.0.0")
                                  << QStringLiteral("Temporary failure: other or undefined status");
    QTest::newRow("unregistered_detail")
        << QStringLiteral("5.1.99") << QStringLiteral("Permanent failure: address problem");
    QTest::newRow("unknown_subject")
        << QStringLiteral("5.9.9") << QStringLiteral("Permanent failure");
    QTest::newRow("class_only") << QStringLiteral("4") << QStringLiteral("Temporary failure");
    QTest::newRow("bare_550") << QStringLiteral("550")
                              << QStringLiteral("Permanent failure: mailbox unavailable or "
                                                "rejected by policy");
    QTest::newRow("bare_421") << QStringLiteral("421")
                              << QStringLiteral("Temporary failure: service not available, "
                                                "closing connection");
    QTest::newRow("bare_unlisted") << QStringLiteral("599") << QStringLiteral("Permanent failure");
    QTest::newRow("success") << QStringLiteral("2.0.0")
                             << QStringLiteral("Success: other or undefined status");
    QTest::newRow("success_unregistered") << QStringLiteral("2.1.9") << QStringLiteral("Success");
    QTest::newRow("class_3") << QStringLiteral("3.0.0") << QString();
    QTest::newRow("empty") << QString() << QString();
    QTest::newRow("hostile") << QStringLiteral("<b>5.1.1</b>") << QString();
}

void TestBounce::statusMeaning() {
    QFETCH(QString, status);
    QFETCH(QString, meaning);
    QCOMPARE(::statusMeaning(status), meaning);
}

void TestBounce::bounceValue() {
    const Bounce a{QStringLiteral("a+tag@example.com"), QStringLiteral("550"), QStringLiteral("no"),
                   QStringLiteral("2009-06-01 19:41:39")};
    Bounce b = a;
    QCOMPARE(a, b);
    b.reason = QStringLiteral("No");
    QVERIFY(a != b);
    QVERIFY(QVariant::fromValue(a).value<Bounce>() == a);
}

QTEST_GUILESS_MAIN(TestBounce)
#include "tst_bounce.moc"
