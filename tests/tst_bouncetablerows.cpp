// The table's row bookkeeping without a model: which rows are shown in what order, what a
// removal or a state change touches among them, and how sorts, filters and refreshes computed
// elsewhere are taken in. tst_bouncetablemodel shows the same through Qt's model signals.

#include "core/bounceorderwork.h"
#include "core/bouncerowmatcher.h"
#include "core/bouncetablerows.h"

#include <QtTest>

namespace {

using Range = BounceTableRows::ShownRange;

Bounce row(const char *email, const char *reason = "mailbox full") {
    return Bounce{QString::fromUtf8(email), QStringLiteral("5.1.1"), QString::fromUtf8(reason),
                  QStringLiteral("2021-03-04 10:00:00")};
}

// Rows "r0@x" .. "r<n-1>@x"; reasons "even" / "odd".
BounceStore numbered(int count, int from = 0) {
    BounceStore store;
    for (int i = from; i < from + count; ++i)
        store.append(Bounce{QStringLiteral("r%1@x").arg(i), QStringLiteral("5.1.1"),
                            i % 2 ? QStringLiteral("odd") : QStringLiteral("even"),
                            QStringLiteral("2021-03-04 10:00:00")});
    return store;
}

BounceFilter textFilter(const QString &text) {
    BounceFilter filter;
    filter.text = text;
    return filter;
}

QSet<QString> emails(std::initializer_list<int> numbers) {
    QSet<QString> set;
    for (const int n : numbers)
        set.insert(QStringLiteral("r%1@x").arg(n));
    return set;
}

std::vector<quint32> rowsOf(std::initializer_list<quint32> rows) {
    return std::vector<quint32>(rows);
}

// Rows 0..count-1 appended, shown in arrival order.
void load(BounceTableRows &rows, int count, const BounceFilter &filter = {}) {
    rows.clear(filter);
    rows.append(numbered(count), filter);
    rows.showAppended();
}

} // namespace

bool operator==(const Range &a, const Range &b) {
    return a.first == b.first && a.last == b.last;
}

namespace QTest {
template<>
char *toString(const Range &range) {
    const QByteArray text = QByteArray::number(range.first) + ".." + QByteArray::number(range.last);
    return qstrdup(text.constData());
}
} // namespace QTest

class TestBounceTableRows final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void appendedRowsWaitToBeShown();
    void appendedRowsAreJudgedByTheFilterAsked();
    void filterResultIsTakenIn();
    void orderDropsRemovedRowsAndKeepsNewOnes();
    void removalFindsEveryRowOfAnAddressExactly();
    void removalRunsAndWhereRowsGo();
    void manyRunsLeaveInOnePass();
    void removedRowsStayHiddenWhateverTheFilter();
    void statesAndTheShownRangesTheyChange();
    void manyChangedRangesBecomeOne();
    void failedRowsKeepTheirReason();
    void shownPositions();
    void replaceTakesAPreparedList();
    void storeRowsHoldUntilTheStoreIsReplaced();
    void indexBuiltElsewhereIsUsed();
    void clearForgetsEverything();
    void storedClassIsWhatTheRulesSay();
    void classFilterAndSlotsNarrowOnlyLikeForLike();
    void appendedRowsAreJudgedByClass();
};

void TestBounceTableRows::appendedRowsWaitToBeShown() {
    BounceTableRows rows;
    rows.clear({});
    QCOMPARE(rows.append(numbered(3), {}), 3);
    QCOMPARE(rows.appendedCount(), 3);
    QCOMPARE(rows.shownCount(), 0);
    QCOMPARE(rows.presentCount(), 3);
    rows.showAppended();
    QCOMPARE(rows.appendedCount(), 0);
    QCOMPARE(rows.shown(), rowsOf({0, 1, 2}));
    QCOMPARE(rows.append(BounceStore(), {}), 0);
    QCOMPARE(rows.append(numbered(2, 3), {}), 2);
    rows.showAppended();
    QCOMPARE(rows.shown(), rowsOf({0, 1, 2, 3, 4}));
    QCOMPARE(rows.store().email(4), QStringLiteral("r4@x"));
}

void TestBounceTableRows::appendedRowsAreJudgedByTheFilterAsked() {
    BounceTableRows rows;
    rows.clear(textFilter(QStringLiteral("odd")));
    QCOMPARE(rows.append(numbered(6), textFilter(QStringLiteral("odd"))), 3);
    rows.showAppended();
    QCOMPARE(rows.shown(), rowsOf({1, 3, 5}));
    QCOMPARE(rows.presentCount(), 6); // hidden rows are present all the same
    QVERIFY(rows.acceptedFilter().has_value());

    // Rows judged by another filter than the flags stand for: they no longer stand for one.
    QCOMPARE(rows.append(numbered(2, 6), textFilter(QStringLiteral("even"))), 1);
    QVERIFY(!rows.acceptedFilter().has_value());
}

void TestBounceTableRows::filterResultIsTakenIn() {
    BounceTableRows rows;
    load(rows, 6);
    const BounceFilter odd = textFilter(QStringLiteral("ODD"));
    // A filter computed over the first four rows; two more came meanwhile, judged on arrival.
    const std::vector<quint8> flags = BounceOrderWork::filteredFlags(
        *rows.store().snapshot(),
        std::vector<quint8>(rows.flags().begin(), rows.flags().begin() + 4), odd, nullptr);
    rows.setAccepted(flags, odd);
    QCOMPARE(rows.shown(), rowsOf({1, 3, 4, 5}));
    QCOMPARE(rows.acceptedFilter(), std::optional<BounceFilter>(odd));
}

void TestBounceTableRows::orderDropsRemovedRowsAndKeepsNewOnes() {
    BounceTableRows rows;
    load(rows, 5);
    std::vector<quint32> order = rowsOf({4, 2, 0, 3, 1}); // computed over the five rows
    rows.remove(emails({2}));
    rows.append(numbered(2, 5), {});
    rows.setOrder(order, 5);
    QCOMPARE(rows.shown(), rowsOf({4, 0, 3, 1, 5, 6}));
    QCOMPARE(rows.appendedCount(), 0); // shown by the order
}

void TestBounceTableRows::removalFindsEveryRowOfAnAddressExactly() {
    BounceTableRows rows;
    rows.clear({});
    BounceStore store;
    for (const char *email : {"a@x", "A@x", "b@x", "a@x", "a@x ", "c@x"})
        store.append(row(email));
    rows.append(store, {});
    rows.showAppended();

    const BounceTableRows::Removal removal = rows.remove({QStringLiteral("a@x")});
    QCOMPARE(removal.rows, 2);
    QCOMPARE(removal.runs.size(), std::size_t(2));
    QCOMPARE(removal.runs[0], (Range{0, 0}));
    QCOMPARE(removal.runs[1], (Range{3, 3}));
    QCOMPARE(rows.presentCount(), 4);
    QCOMPARE(rows.shownCount(), 6); // until erased
    rows.eraseShown(removal);
    QCOMPARE(rows.shown(), rowsOf({1, 2, 4, 5}));

    QCOMPARE(rows.remove({QStringLiteral("a@x")}).rows, 0); // gone already
    QCOMPARE(rows.remove({QStringLiteral("nobody@x")}).rows, 0);
    QCOMPARE(rows.remove({}).rows, 0);
}

void TestBounceTableRows::removalRunsAndWhereRowsGo() {
    BounceTableRows rows;
    load(rows, 10);
    const BounceTableRows::Removal removal = rows.remove(emails({2, 3, 7}));
    QCOMPARE(removal.rows, 3);
    QVERIFY(removal.oneByOne);
    QCOMPARE(removal.runs.size(), std::size_t(2));
    QCOMPARE(removal.runs[0], (Range{2, 3}));
    QCOMPARE(removal.runs[1], (Range{7, 7}));
    const QList<int> expected = {0, 1, -1, -1, 2, 3, 4, -1, 5, 6};
    for (int position = 0; position < 10; ++position)
        QCOMPARE(removal.positionAfter(position), expected[position]);

    // Run by run, the last first, ends where one pass does.
    BounceTableRows byRuns;
    load(byRuns, 10);
    const BounceTableRows::Removal same = byRuns.remove(emails({2, 3, 7}));
    for (auto run = same.runs.rbegin(); run != same.runs.rend(); ++run)
        byRuns.eraseShown(*run);
    rows.eraseShown(removal);
    QCOMPARE(byRuns.shown(), rows.shown());
    QCOMPARE(rows.shown(), rowsOf({0, 1, 4, 5, 6, 8, 9}));
}

void TestBounceTableRows::manyRunsLeaveInOnePass() {
    BounceTableRows rows;
    load(rows, 1000);
    QSet<QString> every10th;
    for (int i = 0; i < 1000; i += 10)
        every10th.insert(QStringLiteral("r%1@x").arg(i));
    const BounceTableRows::Removal removal = rows.remove(every10th);
    QCOMPARE(removal.rows, 100);
    QCOMPARE(removal.runs.size(), std::size_t(100));
    QVERIFY(!removal.oneByOne);
    rows.eraseShown(removal);
    QCOMPARE(rows.shownCount(), 900);
    QCOMPARE(rows.shownRow(0), 1u);
    QCOMPARE(rows.shownRow(9), 11u);
    QCOMPARE(removal.positionAfter(11), 9);
}

void TestBounceTableRows::removedRowsStayHiddenWhateverTheFilter() {
    BounceTableRows rows;
    load(rows, 4);
    rows.eraseShown(rows.remove(emails({1})));
    // A filter computed before the removal still accepted the row.
    rows.setAccepted(std::vector<quint8>(4, BounceRowFlags::Accepted), {});
    QCOMPARE(rows.shown(), rowsOf({0, 2, 3}));
    std::vector<quint32> order = rowsOf({3, 2, 1, 0});
    rows.setOrder(order, 4);
    QCOMPARE(rows.shown(), rowsOf({3, 2, 0}));
}

void TestBounceTableRows::statesAndTheShownRangesTheyChange() {
    BounceTableRows rows;
    rows.clear(textFilter(QStringLiteral("odd")));
    rows.append(numbered(8), textFilter(QStringLiteral("odd")));
    rows.showAppended(); // shows 1, 3, 5, 7

    std::vector<Range> ranges = rows.setState(emails({1, 2, 3, 7}), BounceRowState::Deleting);
    QCOMPARE(ranges.size(), std::size_t(2));
    QCOMPARE(ranges[0], (Range{0, 1}));
    QCOMPARE(ranges[1], (Range{3, 3}));
    QCOMPARE(rows.state(2), BounceRowState::Deleting); // hidden, marked all the same
    QCOMPARE(rows.state(5), BounceRowState::Normal);
    QCOMPARE(rows.state(-1), BounceRowState::Normal);
    QCOMPARE(rows.state(100), BounceRowState::Normal);

    QVERIFY(rows.setState(emails({1, 3}), BounceRowState::Deleting).empty()); // no change
    QVERIFY(rows.setState(emails({2}), BounceRowState::Failed).empty());      // not shown
    QCOMPARE(rows.state(2), BounceRowState::Failed);
    ranges = rows.setState(emails({3}), BounceRowState::Unconfirmed);
    QCOMPARE(ranges.size(), std::size_t(1));
    QCOMPARE(ranges[0], (Range{1, 1}));
    QCOMPARE(rows.state(3), BounceRowState::Unconfirmed);
}

void TestBounceTableRows::manyChangedRangesBecomeOne() {
    BounceTableRows rows;
    load(rows, 1000);
    QSet<QString> scattered;
    for (int i = 5; i < 1000; i += 3)
        scattered.insert(QStringLiteral("r%1@x").arg(i));
    const std::vector<Range> ranges = rows.setState(scattered, BounceRowState::Failed);
    QCOMPARE(ranges.size(), std::size_t(1));
    QCOMPARE(ranges[0], (Range{5, 998}));
}

void TestBounceTableRows::failedRowsKeepTheirReason() {
    BounceTableRows rows;
    load(rows, 4);
    const QString refused = QStringLiteral("not sent: connection refused");
    rows.setState(emails({0, 1}), BounceRowState::Failed, refused);
    rows.setState(emails({2}), BounceRowState::Deleting, refused); // only failures keep one
    QCOMPARE(rows.stateReason(0), refused);
    QCOMPARE(rows.stateReason(1), refused);
    QCOMPARE(rows.stateReason(2), QString());
    QCOMPARE(rows.stateReason(3), QString());

    rows.setState(emails({0}), BounceRowState::Deleting); // tried again: the reason goes
    QCOMPARE(rows.stateReason(0), QString());
    rows.setState(emails({0}), BounceRowState::Unconfirmed);
    QCOMPARE(rows.stateReason(0), QString());

    rows.eraseShown(rows.remove(emails({1})));
    rows.append(numbered(1, 1), {}); // the same address again, as a new row
    QCOMPARE(rows.state(4), BounceRowState::Normal);
    QCOMPARE(rows.stateReason(4), QString());
}

void TestBounceTableRows::shownPositions() {
    BounceTableRows rows;
    load(rows, 6);
    std::vector<quint32> order = rowsOf({5, 4, 3, 2, 1, 0});
    rows.setOrder(order, 6);
    rows.eraseShown(rows.remove(emails({2})));
    QCOMPARE(rows.shownPositions(rowsOf({0, 2, 5, 4})), (std::vector<int>{4, -1, 0, 1}));
    QVERIFY(rows.shownPositions({}).empty());
}

// A store row named before a clear() or a replace() names another row, or none, after it;
// appending and removing keep every number.
void TestBounceTableRows::storeRowsHoldUntilTheStoreIsReplaced() {
    BounceTableRows rows;
    load(rows, 3);
    const quint64 loaded = rows.storeGeneration();
    rows.append(numbered(2, 3), {});
    rows.showAppended();
    rows.eraseShown(rows.remove(emails({1})));
    rows.setState(emails({2}), BounceRowState::Failed);
    QCOMPARE(rows.storeGeneration(), loaded);
    QCOMPARE(rows.store().email(2), QStringLiteral("r2@x"));

    BounceStore incoming = numbered(2, 100);
    BounceOrderWork::Prepared prepared =
        BounceOrderWork::prepare(incoming, {}, BounceSortKey::StoreOrder, false);
    rows.replace(incoming, prepared, {});
    const quint64 replaced = rows.storeGeneration();
    QVERIFY(replaced != loaded);
    rows.clear({});
    QVERIFY(rows.storeGeneration() != replaced);
    QVERIFY(rows.storeGeneration() != loaded);
}

void TestBounceTableRows::replaceTakesAPreparedList() {
    BounceTableRows rows;
    load(rows, 3);
    rows.setState(emails({0}), BounceRowState::Failed);
    rows.append(numbered(1, 3), {}); // appended, not shown yet: goes with the old rows

    BounceStore incoming = numbered(6, 100);
    const BounceFilter odd = textFilter(QStringLiteral("odd"));
    BounceOrderWork::Prepared prepared =
        BounceOrderWork::prepare(incoming, odd, BounceSortKey::Email, true);
    rows.replace(incoming, prepared, odd);
    QVERIFY(incoming.isEmpty());
    QCOMPARE(rows.appendedCount(), 0);
    QCOMPARE(rows.presentCount(), 6);
    QCOMPARE(rows.shown(), rowsOf({5, 3, 1})); // r105, r103, r101: descending by email
    QCOMPARE(rows.state(0), BounceRowState::Normal);
    QCOMPARE(rows.acceptedFilter(), std::optional<BounceFilter>(odd));
    QCOMPARE(rows.remove({QStringLiteral("r103@x")}).rows, 1); // found through the new hashes
    QCOMPARE(rows.remove({QStringLiteral("r0@x")}).rows, 0);   // the old rows are gone
}

void TestBounceTableRows::indexBuiltElsewhereIsUsed() {
    BounceTableRows rows;
    load(rows, 100);
    const std::shared_ptr<const std::vector<quint32>> hashes = rows.emailHashes();
    rows.append(numbered(10, 100), {});         // while the index is built from the hashes
    QCOMPARE(hashes->size(), std::size_t(100)); // the copy being read did not change
    BounceEmailIndex index;
    index.update(*hashes);
    rows.setEmailIndex(std::move(index));
    // Rows indexed elsewhere and rows appended since are both found.
    QCOMPARE(rows.remove(emails({50, 105})).rows, 2);
    QCOMPARE(rows.presentCount(), 108);
}

void TestBounceTableRows::clearForgetsEverything() {
    BounceTableRows rows;
    load(rows, 5);
    rows.remove(emails({1}));
    rows.append(numbered(1, 5), textFilter(QStringLiteral("zzz")));
    rows.clear(textFilter(QStringLiteral("odd")));
    QCOMPARE(rows.presentCount(), 0);
    QCOMPARE(rows.shownCount(), 0);
    QCOMPARE(rows.appendedCount(), 0);
    QVERIFY(rows.flags().empty());
    QCOMPARE(rows.acceptedFilter(), std::optional<BounceFilter>(textFilter(QStringLiteral("odd"))));
    QCOMPARE(rows.remove(emails({0})).rows, 0);
}

// The class is derived once, when a row is stored, and travels with the row when stores merge.
void TestBounceTableRows::storedClassIsWhatTheRulesSay() {
    BounceStore store;
    store.append(row("a@x", "550 5.1.1 user unknown"));
    store.append(Bounce{QStringLiteral("b@x"), QStringLiteral("4.2.2"),
                        QStringLiteral("Mailbox full"), QString()});
    store.append(Bounce{QStringLiteral("c@x"), QStringLiteral("554"),
                        QStringLiteral("blocked using zen.spamhaus.org"), QString()});
    store.append(Bounce{QStringLiteral("d@x"), QString(), QString(), QString()});
    const BounceClass expected[] = {BounceClass::InvalidAddress, BounceClass::MailboxUnavailable,
                                    BounceClass::Reputation, BounceClass::Unclassified};
    for (int i = 0; i < 4; ++i) {
        QCOMPARE(store.bounceClass(i), expected[i]);
        QCOMPARE(store.bounceClass(i), deriveBounce(store.status(i), store.reason(i)).bounceClass);
    }
    QCOMPARE(store.kind(2), BounceKind::Hard); // the class's bits leave the kind's alone
    QCOMPARE(store.status(2), QStringLiteral("554"));
    BounceStore merged;
    merged.append(row("first@x"));
    merged.appendAll(store.tight());
    QCOMPARE(merged.bounceClass(3), BounceClass::Reputation);
    BounceStore copy(store);
    QCOMPARE(copy.bounceClass(1), BounceClass::MailboxUnavailable);
}

void TestBounceTableRows::classFilterAndSlotsNarrowOnlyLikeForLike() {
    BounceFilter all;
    BounceFilter invalid;
    invalid.bounceClass = BounceClass::InvalidAddress;
    BounceFilter content;
    content.bounceClass = BounceClass::Content;
    QVERIFY(!BounceRowMatcher(invalid).acceptsEverything());
    QVERIFY(!invalid.isEmpty());
    QVERIFY(BounceRowMatcher(invalid).narrows(BounceRowMatcher(all)));
    QVERIFY(!BounceRowMatcher(all).narrows(BounceRowMatcher(invalid)));
    QVERIFY(!BounceRowMatcher(content).narrows(BounceRowMatcher(invalid)));
    // The same text looked for in other slots finds other rows: never a narrowing.
    BounceFilter inEmail = textFilter(QStringLiteral("x"));
    inEmail.textInStatusSlot = inEmail.textInReasonSlot = false;
    const BounceFilter everywhere = textFilter(QStringLiteral("x"));
    QVERIFY(!BounceRowMatcher(everywhere).narrows(BounceRowMatcher(inEmail)));
    QVERIFY(!(inEmail == everywhere));
    QVERIFY(inEmail.isEmpty() == everywhere.isEmpty());

    BounceStore store;
    store.append(row("a@x", "user unknown"));
    QVERIFY(BounceRowMatcher(textFilter(QStringLiteral("unknown"))).matches(store, 0));
    BounceFilter emailOnly = textFilter(QStringLiteral("unknown"));
    emailOnly.textInReasonSlot = false;
    QVERIFY(!BounceRowMatcher(emailOnly).matches(store, 0));
    BounceFilter statusOnly = textFilter(QStringLiteral("5.1"));
    statusOnly.textInReasonSlot = false;
    QVERIFY(BounceRowMatcher(statusOnly).matches(store, 0));
    statusOnly.textInStatusSlot = false;
    QVERIFY(!BounceRowMatcher(statusOnly).matches(store, 0));
    QVERIFY(BounceRowMatcher(invalid).matches(store, 0));
    QVERIFY(!BounceRowMatcher(content).matches(store, 0));
}

void TestBounceTableRows::appendedRowsAreJudgedByClass() {
    BounceFilter invalid;
    invalid.bounceClass = BounceClass::InvalidAddress;
    BounceTableRows rows;
    rows.clear(invalid);
    BounceStore batch;
    batch.append(row("a@x", "user unknown"));
    batch.append(row("b@x", "mailbox full")); // keywords before the status: Mailbox Unavailable
    batch.append(row("c@x", "no words that tell")); // 5.1.1 alone: Invalid Address
    QCOMPARE(rows.append(batch, invalid), qsizetype(2));
    rows.showAppended();
    QCOMPARE(rows.shown(), rowsOf({0, 2}));
}

QTEST_GUILESS_MAIN(TestBounceTableRows)
#include "tst_bouncetablerows.moc"
