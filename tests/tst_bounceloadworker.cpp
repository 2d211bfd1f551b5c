// The parser thread's worker and its batch builder together, on real threads: rows read by the
// worker reach the job as batches whole, in body order, with the end last; an error ends the
// list without the rows after the last batch; a cancelled load does nothing more; the builder
// goes when the worker goes. Asked for CSV, the builder encodes the rows as CsvWriter writes
// them, in blocks, and still hands a row with a field too long on as a batch. Every test runs
// twice: with the builder on the rows thread (rows staged and queued to it) and with the
// builder on the parser thread (each row handed to it as it is read), as ResellerClient places
// it for XML and for JSON; either way the builder goes with the worker, even as the parser
// thread finishes.

#include "api/bouncebatchbuilder.h"
#include "api/bounceloadworker.h"
#include "api/stagedrows.h"
#include "bounceparsertestsupport.h"
#include "core/csvwriter.h"

#include <QBuffer>
#include <QPointer>
#include <QThread>
#include <QtTest>

#include <memory>
#include <utility>

Q_DECLARE_METATYPE(ResponseFormat)

using namespace BounceParserTest;

namespace {

// What the job would hear, in the order it heard it.
struct Heard {
    QList<qsizetype> batchSizes;
    QList<Bounce> rows;
    QList<QByteArray> csvBlocks;
    QList<qsizetype> csvRows; // the rows of each block
    QString oversizedField;   // the first batch's firstOversizedField(), if any
    qint64 deliveredBytes = 0;
    bool ended = false;
    bool batchAfterEnd = false;
    int state = -1;
    QString errorText;
    qsizetype endRows = -1;
};

} // namespace

class TestBounceLoadWorker final : public QObject {
    Q_OBJECT

    QThread m_parserThread;
    QThread m_rowsThread;
    std::shared_ptr<BounceLoadWorker::Flow> m_flow;
    BounceLoadWorker *m_worker = nullptr;
    QPointer<BounceBatchBuilder> m_builder;
    Heard m_heard;
    static constexpr qsizetype batchRows = 4096;

    // A worker and its builder on their threads, heard by this object, as ResellerClient
    // sets them up for a BounceLoadJob.
    void start(ResponseFormat format) {
        QFETCH_GLOBAL(bool, builderOnParserThread);
        m_flow = std::make_shared<BounceLoadWorker::Flow>();
        m_heard = Heard();
        auto *builder = new BounceBatchBuilder(batchRows, m_flow);
        builder->moveToThread(builderOnParserThread ? &m_parserThread : &m_rowsThread);
        m_builder = builder;
        m_worker = new BounceLoadWorker(format, builder, m_flow);
        m_worker->moveToThread(&m_parserThread);
        connect(builder, &BounceBatchBuilder::batchReady, this,
                [this](const std::shared_ptr<BounceStore> &batch) {
                    m_heard.batchAfterEnd = m_heard.batchAfterEnd || m_heard.ended;
                    m_heard.batchSizes << batch->size();
                    if (const auto &cut = batch->firstOversizedField())
                        m_heard.oversizedField = cut->field;
                    for (BounceStore::Row row = 0; row < batch->size(); ++row)
                        m_heard.rows << batch->bounce(row);
                    m_heard.deliveredBytes += batch->textBytes();
                    m_flow->undeliveredBytes -= batch->textBytes();
                });
        connect(builder, &BounceBatchBuilder::csvReady, this,
                [this](const QByteArray &records, qsizetype rows) {
                    m_heard.batchAfterEnd = m_heard.batchAfterEnd || m_heard.ended;
                    m_heard.csvBlocks << records;
                    m_heard.csvRows << rows;
                    m_heard.deliveredBytes += records.size();
                    m_flow->undeliveredBytes -= records.size();
                });
        connect(builder, &BounceBatchBuilder::ended, this,
                [this](int state, const QString &errorText, qsizetype rows) {
                    m_heard.ended = true;
                    m_heard.state = state;
                    m_heard.errorText = errorText;
                    m_heard.endRows = rows;
                });
    }

    // As BounceLoadJob::deliverAsCsv() asks it: queued before the first chunk.
    void encodeAsCsv(const CsvOptions &options) {
        BounceBatchBuilder *builder = m_builder.data();
        QMetaObject::invokeMethod(
            builder, [builder, options] { builder->encodeAsCsv(options); }, Qt::QueuedConnection);
    }
    void feed(const QByteArray &chunk) {
        m_flow->pendingBytes += chunk.size();
        BounceLoadWorker *worker = m_worker;
        QMetaObject::invokeMethod(
            worker, [worker, chunk] { worker->feed(chunk); }, Qt::QueuedConnection);
    }
    void finish() {
        BounceLoadWorker *worker = m_worker;
        QMetaObject::invokeMethod(
            worker, [worker] { worker->finish(); }, Qt::QueuedConnection);
    }
    // Everything queued to both threads so far has been done (the worker's first, as it
    // queues to the builder), and what they sent is heard.
    void settle() {
        QMetaObject::invokeMethod(
            m_worker, [] {}, Qt::BlockingQueuedConnection);
        QMetaObject::invokeMethod(
            m_builder.data(), [] {}, Qt::BlockingQueuedConnection);
        QCoreApplication::sendPostedEvents(this);
    }
    void feedInPieces(const QByteArray &body, qsizetype piece) {
        for (qsizetype at = 0; at < body.size(); at += piece)
            feed(body.mid(at, piece));
    }

private Q_SLOTS:
    void initTestCase_data() {
        QTest::addColumn<bool>("builderOnParserThread");
        QTest::newRow("builder on the rows thread") << false;
        QTest::newRow("builder on the parser thread") << true;
    }
    void initTestCase() {
        m_parserThread.start();
        m_rowsThread.start();
    }
    void cleanup() {
        if (m_worker) {
            m_worker->deleteLater();
            m_worker = nullptr;
        }
        QTRY_VERIFY_WITH_TIMEOUT(m_builder.isNull(), 60'000); // the worker took it along
    }
    void cleanupTestCase() {
        for (QThread *thread : {&m_parserThread, &m_rowsThread}) {
            thread->quit();
            thread->wait();
        }
    }

    void rowsArriveWholeInOrderWithTheEndLast_data() {
        QTest::addColumn<ResponseFormat>("format");
        QTest::addColumn<qsizetype>("piece");
        QTest::newRow("json, 997-byte pieces") << ResponseFormat::Json << qsizetype(997);
        QTest::newRow("json, whole") << ResponseFormat::Json << qsizetype(0);
        QTest::newRow("xml, 4093-byte pieces") << ResponseFormat::Xml << qsizetype(4093);
    }
    void rowsArriveWholeInOrderWithTheEndLast() {
        QFETCH(ResponseFormat, format);
        QFETCH(qsizetype, piece);
        QList<Bounce> expected;
        // More rows than several stages and batches, and not a multiple of either.
        const QByteArray body = generatedList(format, 10'001, &expected);
        start(format);
        feedInPieces(body, piece == 0 ? body.size() : piece);
        finish();
        QTRY_VERIFY_WITH_TIMEOUT(m_heard.ended, 60'000);
        settle();
        QCOMPARE(m_heard.state, int(BounceStreamParser::State::Done));
        QCOMPARE(m_heard.endRows, qsizetype(10'001));
        QVERIFY(!m_heard.batchAfterEnd);
        QCOMPARE(m_heard.rows.size(), expected.size());
        QCOMPARE(m_heard.rows, expected);
        // Exactly batchRows rows a batch, however the stages were cut, the last one the rest.
        QCOMPARE(m_heard.batchSizes.size(), qsizetype(10'001 / batchRows + 1));
        for (qsizetype i = 0; i + 1 < m_heard.batchSizes.size(); ++i)
            QCOMPARE(m_heard.batchSizes.at(i), batchRows);
        // Every byte counted on the way was taken off again: nothing is left in the backlog.
        QCOMPARE(m_flow->pendingBytes.load(), qint64(0));
        QCOMPARE(m_flow->undeliveredBytes.load(), qint64(0));
        QCOMPARE(m_flow->parsedRows.load(), qsizetype(10'001));
    }

    void csvRecordsAreThoseCsvWriterWrites_data() {
        QTest::addColumn<ResponseFormat>("format");
        QTest::addColumn<bool>("neutralise");
        QTest::addColumn<bool>("byteOrderMark");
        QTest::newRow("json") << ResponseFormat::Json << true << false;
        QTest::newRow("json, formulas raw, BOM asked") << ResponseFormat::Json << false << true;
        QTest::newRow("xml") << ResponseFormat::Xml << true << false;
    }
    // Encoded on the builder's thread, the records are byte for byte what CsvWriter writes for the
    // same rows read back as text (its own type and class derived from them), no header or BOM,
    // in blocks of about CsvRowEncoder::blockBytes, each with its row count, before the end.
    void csvRecordsAreThoseCsvWriterWrites() {
        QFETCH(ResponseFormat, format);
        QFETCH(bool, neutralise);
        QFETCH(bool, byteOrderMark);
        QList<Bounce> expected;
        QByteArray body = generatedList(format, 20'001, &expected);
        // Cells that start like formulas, and a NUL, the rows' own order kept.
        const Bounce hostile{QStringLiteral("=cmd@example.com"), QStringLiteral("5.1.1"),
                             QStringLiteral("+SUM(1) mailbox unavailable"), QStringLiteral("@x")};
        if (format == ResponseFormat::Json) {
            body.chop(3); // "\n]\n"
            body +=
                ",{\"email\":\"=cmd@example.com\",\"status\":\"5.1.1\",\"reason\":\"+SUM(1) "
                "mailbox unavailable\",\"created\":\"@x\"},{\"email\":\"nul@example.com\","
                "\"status\":\"-4.2.2\",\"reason\":\"quota\\u0000 exceeded, \\\"full\\\"\"}\n]\n";
            expected << hostile
                     << Bounce{QStringLiteral("nul@example.com"), QStringLiteral("-4.2.2"),
                               QStringLiteral("quota") + QChar(0) +
                                   QStringLiteral(" exceeded, \"full\""),
                               QString()};
        }
        QBuffer file;
        file.open(QIODevice::WriteOnly);
        CsvOptions options;
        options.neutraliseFormulas = neutralise;
        options.byteOrderMark = byteOrderMark;
        {
            CsvWriter writer(&file, options);
            for (const Bounce &row : std::as_const(expected))
                QVERIFY(writer.writeRow(row));
            QVERIFY(writer.flush());
        }

        start(format);
        encodeAsCsv(options);
        feedInPieces(body, 4093);
        finish();
        QTRY_VERIFY_WITH_TIMEOUT(m_heard.ended, 60'000);
        settle();
        QCOMPARE(m_heard.state, int(BounceStreamParser::State::Done));
        QCOMPARE(m_heard.endRows, qsizetype(expected.size()));
        QVERIFY(!m_heard.batchAfterEnd);
        QVERIFY(m_heard.batchSizes.isEmpty());
        QVERIFY(m_heard.csvBlocks.size() > 2); // several blocks, so their seams are checked
        qsizetype rows = 0;
        for (qsizetype i = 0; i < m_heard.csvBlocks.size(); ++i) {
            rows += m_heard.csvRows.at(i);
            if (i + 1 < m_heard.csvBlocks.size())
                QVERIFY(m_heard.csvBlocks.at(i).size() >= CsvRowEncoder::blockBytes);
            QVERIFY(m_heard.csvBlocks.at(i).endsWith("\r\n"));
        }
        QCOMPARE(rows, qsizetype(expected.size()));
        const QByteArray records = m_heard.csvBlocks.join();
        QCOMPARE(records.size(), file.data().size());
        QVERIFY(records == file.data());
        QCOMPARE(m_flow->undeliveredBytes.load(), qint64(0));
    }

    // A field longer than the store keeps fails the list whether it is stored or encoded: the
    // builder hands that row on as a batch of its own, cut and named, and nothing after it.
    void aFieldTooLongStillComesAsABatch() {
        QList<Bounce> rows;
        QByteArray body = generatedList(ResponseFormat::Json, 3'000, &rows);
        body.chop(3);
        body += ",{\"email\":\"long@example.com\",\"status\":\"5.1.1\",\"reason\":\"" +
                QByteArray(BounceStore::maxFieldBytes + 10, 'x') +
                "\"},{\"email\":\"after@example.com\",\"status\":\"5.1.1\"}\n]\n";
        start(ResponseFormat::Json);
        encodeAsCsv(CsvOptions());
        feedInPieces(body, 1 << 20);
        finish();
        QTRY_VERIFY_WITH_TIMEOUT(m_heard.ended, 60'000);
        settle();
        QCOMPARE(m_heard.batchSizes, QList<qsizetype>{1});
        QCOMPARE(m_heard.rows.size(), 1);
        QCOMPARE(m_heard.rows.first().email, QStringLiteral("long@example.com"));
        QCOMPARE(m_heard.rows.first().reason.size(), BounceStore::maxFieldBytes);
        QCOMPARE(m_heard.oversizedField, QStringLiteral("reason"));
        // The job reads the cut from the batch (BounceLoadJob::onBatch); nothing follows it.
        QVERIFY(m_heard.csvBlocks.isEmpty());
    }

    // The rows classify as they do when appended directly: the builder measures them.
    void stagedRowsBuildAsAppendedRows() {
        QList<Bounce> rows;
        generatedList(ResponseFormat::Json, 50, &rows);
        rows << Bounce{QString(), QString(), QString(), QString()}; // empty fields stay empty
        StagedRows staged;
        BounceStore direct;
        QList<QByteArray> keep; // the views must outlive the calls
        for (const Bounce &row : std::as_const(rows)) {
            keep << row.email.toUtf8() << row.status.toUtf8() << row.reason.toUtf8()
                 << row.created.toUtf8();
            const auto view = [&keep](int back) {
                const QByteArray &bytes = keep.at(keep.size() - back);
                return std::string_view(bytes.constData(), std::size_t(bytes.size()));
            };
            staged.append(BounceFields{view(4), view(3), view(2), view(1)});
            direct.append(row);
        }
        QCOMPARE(staged.rowCount(), qsizetype(rows.size()));
        BounceStore built;
        staged.forEachRow([&built](const BounceFields &row) {
            built.append(row.email, row.status, row.reason, row.created);
        });
        QCOMPARE(built.size(), direct.size());
        QCOMPARE(built.textBytes(), direct.textBytes());
        for (BounceStore::Row row = 0; row < built.size(); ++row) {
            QCOMPARE(built.bounce(row), direct.bounce(row));
            QCOMPARE(built.bounceClass(row), direct.bounceClass(row));
        }
    }

    // Garbage after some rows: the end names it, and no batch follows the end.
    void anErrorEndsTheListWithNoBatchAfterIt() {
        QList<Bounce> rows;
        QByteArray body = generatedList(ResponseFormat::Json, 6'000, &rows);
        body.chop(4); // "\n]\n" and the last '}'
        body += ",{\"email\": }]";
        start(ResponseFormat::Json);
        feedInPieces(body, 1500);
        finish();
        QTRY_VERIFY_WITH_TIMEOUT(m_heard.ended, 60'000);
        settle();
        QCOMPARE(m_heard.state, int(BounceStreamParser::State::Malformed));
        QVERIFY(!m_heard.errorText.isEmpty());
        QVERIFY(!m_heard.batchAfterEnd);
        // Only whole batches went out before the error; the rows after them were dropped.
        QVERIFY(m_heard.rows.size() < 6'000);
        for (const qsizetype size : std::as_const(m_heard.batchSizes))
            QCOMPARE(size, batchRows);
        QCOMPARE(m_heard.rows, rows.mid(0, m_heard.rows.size()));
    }

    // The client going away quits the parser thread, which deletes the workers its jobs left as
    // it finishes: their builders go too, wherever they live. (A deferred delete posted while a
    // thread finishes is never delivered.)
    void theBuilderGoesWhenTheParserThreadFinishes() {
        start(ResponseFormat::Json);
        encodeAsCsv(CsvOptions());
        BounceLoadWorker *worker = std::exchange(m_worker, nullptr);
        // The worker's deferred delete is posted inside the loop's last turn, so it is
        // delivered only as the thread finishes.
        QMetaObject::invokeMethod(
            worker,
            [worker] {
                QThread::currentThread()->quit();
                worker->deleteLater();
            },
            Qt::BlockingQueuedConnection);
        QVERIFY(m_parserThread.wait());
        QTRY_VERIFY_WITH_TIMEOUT(m_builder.isNull(), 60'000);
        m_parserThread.start();
    }

    // Cancelled before the body was read: neither thread does anything with it.
    void aCancelledLoadBuildsNothing() {
        QList<Bounce> rows;
        const QByteArray body = generatedList(ResponseFormat::Json, 5'000, &rows);
        start(ResponseFormat::Json);
        m_flow->cancelled = true;
        feed(body);
        finish();
        settle();
        QVERIFY(m_heard.batchSizes.isEmpty());
        QVERIFY(!m_heard.ended);
    }
};

QTEST_GUILESS_MAIN(TestBounceLoadWorker)
#include "tst_bounceloadworker.moc"
