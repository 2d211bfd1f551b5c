// The six lists' names and columns: what the command line and the CSV header promise exactly.
#include "core/suppressionlist.h"

#include <QtTest>

class TestSuppressionList final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void cliNamesRoundTrip();
    void unknownCliNamesAreRefused();
    void csvHeaders_data();
    void csvHeaders();
    void consentListsAreTheRecipientsWishes();
};

void TestSuppressionList::cliNamesRoundTrip() {
    QSet<QString> names;
    for (const SuppressionList list : allSuppressionLists()) {
        const QString name = suppressionListCliName(list);
        QVERIFY(!name.isEmpty());
        names.insert(name);
        QCOMPARE(suppressionListFromCliName(name), std::optional<SuppressionList>(list));
        QVERIFY(!suppressionListTitle(list).isEmpty());
    }
    QCOMPARE(names.size(), 6);
}

void TestSuppressionList::unknownCliNamesAreRefused() {
    QVERIFY(!suppressionListFromCliName(u"Bounces").has_value()); // exact, as scripts spell it
    QVERIFY(!suppressionListFromCliName(u"spam").has_value());
    QVERIFY(!suppressionListFromCliName(u"").has_value());
}

void TestSuppressionList::csvHeaders_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("header");
    QTest::newRow("bounces") << "bounces"
                             << "email,status,reason,created,type,class";
    QTest::newRow("blocks") << "blocks"
                            << "email,status,reason,created,type,class";
    QTest::newRow("invalid_emails") << "invalid_emails"
                                    << "email,reason,created";
    QTest::newRow("spam_reports") << "spam_reports"
                                  << "email,ip,created";
    QTest::newRow("unsubscribes") << "unsubscribes"
                                  << "email,created";
    QTest::newRow("group_unsubscribes") << "group_unsubscribes"
                                        << "email,group_id,group_name,created";
}

void TestSuppressionList::csvHeaders() {
    QFETCH(QString, name);
    QFETCH(QString, header);
    const std::optional<SuppressionList> list = suppressionListFromCliName(name);
    QVERIFY(list.has_value());
    QStringList names;
    for (const SuppressionColumn column : suppressionColumns(*list))
        names << suppressionColumnCsvName(column);
    QCOMPARE(names.join(QLatin1Char(',')), header);
}

void TestSuppressionList::consentListsAreTheRecipientsWishes() {
    QVERIFY(!isConsentList(SuppressionList::Bounces));
    QVERIFY(!isConsentList(SuppressionList::Blocks));
    QVERIFY(!isConsentList(SuppressionList::InvalidEmails));
    QVERIFY(isConsentList(SuppressionList::SpamReports));
    QVERIFY(isConsentList(SuppressionList::Unsubscribes));
    QVERIFY(isConsentList(SuppressionList::GroupUnsubscribes));
    QVERIFY(hasStatus(SuppressionList::Bounces) && hasStatus(SuppressionList::Blocks));
    QVERIFY(!hasStatus(SuppressionList::SpamReports));
}

QTEST_GUILESS_MAIN(TestSuppressionList)
#include "tst_suppressionlist.moc"
