// DeleteQueue against the loopback emulator: bounded concurrency, dedupe, outcomes, cancel.

#include "apitestsupport.h"

#include "api/deletequeue.h"
#include "api/resellerclient.h"

#include <QSignalSpy>
#include <QtTest>

#include <memory>

using namespace ApiTest;
using Type = SandboxFault::Type;

namespace {

const QString kCustomer = QStringLiteral("queue-customer");

QStringList addresses(int count) {
    QStringList emails;
    for (int i = 0; i < count; ++i)
        emails.append(QStringLiteral("user+%1@example.com").arg(i));
    return emails;
}

// Watches a queue: how many requests the server holds at once, and what the queue reported.
struct QueueWatch {
    int received = 0;
    int answered = 0;
    int maxInFlight = 0;
    int maxReportedInFlight = 0;
    QStringList deleted;
    QList<DeleteOutcome> outcomes;
    QStringList failed;
    QList<bool> unconfirmed;
    QList<int> progress;
    int finishedCount = 0;
    QList<int> finishedWith;
};

} // namespace

class TestDeleteQueue final : public QObject {
    Q_OBJECT

private:
    void watch(DeleteQueue *queue, QueueWatch *w) {
        // The queue is the context: the watch ends with it.
        connect(m_server.get(), &SandboxServer::requestReceived, queue,
                [w, queue](const SandboxRequest &request) {
                    if (request.task != QStringLiteral("delete"))
                        return;
                    ++w->received;
                    w->maxInFlight = qMax(w->maxInFlight, w->received - w->answered);
                    w->maxReportedInFlight = qMax(w->maxReportedInFlight, queue->inFlight());
                });
        connect(queue, &DeleteQueue::deleted, this,
                [w](const QString &email, DeleteOutcome outcome) {
                    ++w->answered;
                    w->deleted.append(email);
                    w->outcomes.append(outcome);
                });
        connect(queue, &DeleteQueue::failed, this,
                [w](const QString &email, const ApiError &error, bool unconfirmed) {
                    ++w->answered;
                    w->failed.append(email);
                    w->unconfirmed.append(unconfirmed);
                    QVERIFY(!error.message().contains(secretKey()));
                });
        connect(queue, &DeleteQueue::progress, this, [w](int done, int total) {
            w->progress.append(done);
            QVERIFY(done <= total);
        });
        connect(queue, &DeleteQueue::finished, this,
                [w](int confirmed, int failedCount, int notSent) {
                    ++w->finishedCount;
                    w->finishedWith = {confirmed, failedCount, notSent};
                });
    }

    void addDelay(int delayMs) {
        SandboxFault delay = fault(Type::Delay, QStringLiteral("bounces.delete"), -1);
        delay.delayMs = delayMs;
        m_server->addFault(delay);
    }

    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<ResellerClient> m_client;

private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<ApiError>(); }

    void init() {
        m_server = std::make_unique<SandboxServer>();
        QVERIFY2(m_server->listen(0), qPrintable(m_server->errorString()));
        m_server->setCredentials(user(), secretKey());
        QList<Bounce> rows;
        for (const QString &email : addresses(12))
            rows.append(Bounce{email, QStringLiteral("5.1.1"), QStringLiteral("User unknown"),
                               QStringLiteral("2024-01-02 03:04:05")});
        m_server->data().setBounces(kCustomer, rows);
        m_client = std::make_unique<ResellerClient>(settingsFor(*m_server));
    }

    void cleanup() {
        m_client.reset();
        m_server.reset();
    }

    void concurrencyIsBounded_data() {
        QTest::addColumn<int>("concurrency");
        QTest::newRow("one_at_a_time") << 1;
        QTest::newRow("two") << 2;
        QTest::newRow("default") << DeleteQueue::defaultConcurrency;
    }

    void concurrencyIsBounded() {
        QFETCH(int, concurrency);
        addDelay(150); // each answer takes a while, so requests pile up if nothing bounds them
        DeleteQueue queue(m_client.get(), kCustomer);
        queue.setConcurrency(concurrency);
        QueueWatch w;
        watch(&queue, &w);
        const QStringList emails = addresses(10);
        queue.enqueue(emails);
        QCOMPARE(queue.total(), 10);
        queue.start();
        QTRY_COMPARE_WITH_TIMEOUT(w.finishedCount, 1, 20000);
        QCOMPARE(w.finishedWith, (QList<int>{10, 0, 0}));
        // Never more at the server; and the bound is actually used: the queue had that many
        // running when the server took a request (how many the server held at once depends
        // on how fast they travel).
        QVERIFY(w.maxInFlight <= concurrency);
        QCOMPARE(w.maxReportedInFlight, concurrency);
        QCOMPARE(w.received, 10);
        QCOMPARE(w.progress, (QList<int>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}));
        for (const QString &email : emails)
            QVERIFY2(m_server->data().isDeleted(kCustomer, email), qPrintable(email));
        QVERIFY(!queue.isRunning());
    }

    void duplicatesAreSentOnce() {
        addDelay(100);
        DeleteQueue queue(m_client.get(), kCustomer);
        QueueWatch w;
        watch(&queue, &w);
        const QStringList emails = addresses(4);
        queue.enqueue({emails[0], emails[1], emails[0], emails[2], emails[1]});
        QCOMPARE(queue.total(), 3);
        queue.start();
        queue.enqueue({emails[2], emails[3]}); // while running: only the new one counts
        QCOMPARE(queue.total(), 4);
        QTRY_COMPARE(w.finishedCount, 1);
        QCOMPARE(w.received, 4);
        QCOMPARE(w.finishedWith, (QList<int>{4, 0, 0}));
        QStringList sorted = w.deleted;
        sorted.sort();
        QCOMPARE(sorted, emails);
    }

    void notOnListCountsAsConfirmed() {
        DeleteQueue queue(m_client.get(), kCustomer);
        QueueWatch w;
        watch(&queue, &w);
        const QString gone = QStringLiteral("never-bounced@example.com");
        queue.enqueue({addresses(1).first(), gone});
        queue.start();
        QTRY_COMPARE(w.finishedCount, 1);
        QCOMPARE(w.finishedWith, (QList<int>{2, 0, 0}));
        const qsizetype at = w.deleted.indexOf(gone);
        QVERIFY(at >= 0);
        QCOMPARE(w.outcomes.at(at), DeleteOutcome::NotOnList);
        QCOMPARE(w.outcomes.at(1 - at), DeleteOutcome::Deleted);
    }

    void resetLeavesDeletesUnconfirmed() {
        m_server->addFault(fault(Type::Reset, QStringLiteral("bounces.delete"), -1));
        ApiSettings settings = settingsFor(*m_server);
        settings.maxAttempts = 2;
        m_client->setSettings(settings);
        DeleteQueue queue(m_client.get(), kCustomer);
        QueueWatch w;
        watch(&queue, &w);
        queue.enqueue(addresses(3));
        queue.start();
        QTRY_COMPARE_WITH_TIMEOUT(w.finishedCount, 1, 20000);
        QCOMPARE(w.finishedWith, (QList<int>{0, 3, 0}));
        QCOMPARE(w.unconfirmed, (QList<bool>{true, true, true}));
        QVERIFY(w.deleted.isEmpty()); // never reported as deleted without the server's word
    }

    void errorAnswersAreFailuresNotDoubts() {
        m_server->addFault(fault(Type::WrongCredentials, QStringLiteral("bounces.delete"), -1));
        DeleteQueue queue(m_client.get(), kCustomer);
        QueueWatch w;
        watch(&queue, &w);
        queue.enqueue(addresses(2));
        queue.start();
        QTRY_COMPARE(w.finishedCount, 1);
        QCOMPARE(w.finishedWith, (QList<int>{0, 2, 0}));
        QCOMPARE(w.unconfirmed, (QList<bool>{false, false}));
        for (const QString &email : addresses(2))
            QVERIFY(!m_server->data().isDeleted(kCustomer, email));
    }

    // Cancelled the moment the server takes the second request, before either is answered (the
    // emulator holds both answers until the test releases them): the two in flight are
    // awaited, the rest never sent. A later delete through the same client, logged after
    // theirs, is the barrier after which no request of the queue can be on its way.
    void cancelAwaitsRequestsInFlight() {
        m_server->addFault(fault(Type::Hold, QStringLiteral("bounces.delete"), -1));
        m_client = std::make_unique<ResellerClient>(patientSettingsFor(*m_server));
        DeleteQueue queue(m_client.get(), kCustomer);
        queue.setConcurrency(2);
        QueueWatch w;
        watch(&queue, &w);
        int finishedWhenCancelled = -1;
        connect(m_server.get(), &SandboxServer::requestReceived, &queue, [&] {
            if (w.received == 2 && finishedWhenCancelled < 0) {
                queue.cancel();
                finishedWhenCancelled = w.finishedCount;
            }
        });
        const QStringList emails = addresses(6);
        queue.enqueue(emails);
        queue.start();
        QTRY_VERIFY(finishedWhenCancelled >= 0);
        QCOMPARE(finishedWhenCancelled, 0); // two answers are still to come
        QCOMPARE(w.answered, 0);
        QCOMPARE(queue.notSent(), emails.mid(2));
        QTRY_COMPARE(m_server->answersHeld(), 2);
        QCOMPARE(w.finishedCount, 0); // the two in flight are awaited
        m_server->clearFaults();
        m_server->releaseHeldAnswers();
        QTRY_COMPARE(w.finishedCount, 1);
        QCOMPARE(w.finishedWith, (QList<int>{2, 0, 4}));

        const QString later = addresses(12).last();
        QSignalSpy laterDeleted(m_client->deleteBounce(kCustomer, later), &DeleteJob::deleted);
        QTRY_COMPARE(laterDeleted.size(), 1);
        QStringList sent;
        const QList<SandboxRequest> requests = m_server->requests();
        for (const SandboxRequest &request : requests)
            sent.append(request.email);
        QCOMPARE(sent.size(), 3); // nothing more was sent
        QCOMPARE(sent.last(), later);
        QVERIFY(emails.mid(0, 2).contains(sent.at(0)) && emails.mid(0, 2).contains(sent.at(1)));
        QCOMPARE(w.finishedCount, 1);
        queue.enqueue(addresses(8)); // ignored once cancelled
        QCOMPARE(queue.total(), 6);
    }

    void cancelBeforeStartSendsNothing() {
        DeleteQueue queue(m_client.get(), kCustomer);
        QueueWatch w;
        watch(&queue, &w);
        queue.enqueue(addresses(3));
        queue.cancel();
        QCOMPARE(w.finishedCount, 0); // not from inside cancel()
        QTRY_COMPARE(w.finishedCount, 1);
        QCOMPARE(w.finishedWith, (QList<int>{0, 0, 3}));
        QCOMPARE(w.received, 0);
    }

    void emptyQueueFinishesLater() {
        DeleteQueue queue(m_client.get(), kCustomer);
        QueueWatch w;
        watch(&queue, &w);
        queue.start();
        QCOMPARE(w.finishedCount, 0); // not from inside start()
        QTRY_COMPARE(w.finishedCount, 1);
        QCOMPARE(w.finishedWith, (QList<int>{0, 0, 0}));
    }

    void destroyingARunningQueueIsSafe() {
        addDelay(200);
        QueueWatch w;
        {
            DeleteQueue queue(m_client.get(), kCustomer);
            watch(&queue, &w);
            queue.enqueue(addresses(4));
            queue.start();
            QTRY_VERIFY(w.received > 0);
        }
        // A later delete, delayed like the others, is answered after them (the emulator's
        // timers fire in the order due): once it is back, theirs came for nobody.
        QSignalSpy laterDeleted(m_client->deleteBounce(kCustomer, addresses(12).last()),
                                &DeleteJob::deleted);
        QTRY_COMPARE(laterDeleted.size(), 1);
        QCOMPARE(w.answered, 0);
        QCOMPARE(w.finishedCount, 0);
    }
};

QTEST_GUILESS_MAIN(TestDeleteQueue)
#include "tst_deletequeue.moc"
