// What ApiCall inflates a compressed list with: gzip (one member or several) and zlib data
// ("deflate") come back byte for byte whatever the pieces they are fed and taken in; damaged
// or uncompressed data is refused, and data cut short is never called ended.
#include "api/bodyinflater.h"
#include "sandbox/sandboxgzip.h"

#include <QtTest>

namespace {

QByteArray sampleBody() {
    QByteArray body = "[";
    for (int i = 0; i < 20'000; ++i)
        body += "{\"email\":\"user" + QByteArray::number(i) +
                "@example.com\",\"reason\":\"550 5.1.1 unknown\"},";
    body.back() = ']';
    return body;
}

// Feeds `compressed` in pieces of `inBytes`, takes out pieces of `outBytes`; -1 on refusal.
QByteArray inflateInPieces(BodyInflater &inflater, const QByteArray &compressed, int inBytes,
                           int outBytes, bool *refused) {
    QByteArray out;
    *refused = false;
    for (qsizetype at = 0; at < compressed.size(); at += inBytes) {
        inflater.feed(compressed.mid(at, inBytes));
        while (inflater.hasInput()) {
            QByteArray piece(outBytes, Qt::Uninitialized);
            const qint64 made = inflater.inflateInto(piece.data(), outBytes);
            if (made < 0) {
                *refused = true;
                return out;
            }
            out += piece.left(made);
        }
    }
    return out;
}

} // namespace

class TestBodyInflater final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void codingsItReads() {
        QVERIFY(BodyInflater::inflates("gzip"));
        QVERIFY(BodyInflater::inflates(" GZIP "));
        QVERIFY(BodyInflater::inflates("x-gzip"));
        QVERIFY(BodyInflater::inflates("deflate"));
        QVERIFY(!BodyInflater::inflates("br"));
        QVERIFY(!BodyInflater::inflates("zstd"));
        QVERIFY(!BodyInflater::inflates(""));
    }

    void gzipInAnyPieces_data() {
        QTest::addColumn<int>("inBytes");
        QTest::addColumn<int>("outBytes");
        QTest::newRow("whole, large pieces out") << (1 << 30) << (128 << 10);
        QTest::newRow("1 byte in, 7 bytes out") << 1 << 7;
        QTest::newRow("4 KiB in, 1 KiB out") << 4096 << 1024;
    }
    void gzipInAnyPieces() {
        QFETCH(int, inBytes);
        QFETCH(int, outBytes);
        const QByteArray body = sampleBody();
        const QByteArray compressed = SandboxGzip::compressed(body);
        QVERIFY(compressed.size() < body.size() / 4);
        BodyInflater inflater;
        bool refused = false;
        QCOMPARE(inflateInPieces(inflater, compressed, inBytes, outBytes, &refused), body);
        QVERIFY(!refused);
        QVERIFY(inflater.ended());
    }

    void zlibDataAndSeveralMembers() {
        const QByteArray body = sampleBody();
        BodyInflater deflate;
        bool refused = false;
        // qCompress: a 4-byte length, then zlib data, as "Content-Encoding: deflate" means.
        QCOMPARE(inflateInPieces(deflate, qCompress(body).mid(4), 1000, 4096, &refused), body);
        QVERIFY(!refused && deflate.ended());
        BodyInflater members;
        const QByteArray two =
            SandboxGzip::compressed(body.left(5000)) + SandboxGzip::compressed(body.mid(5000));
        QCOMPARE(inflateInPieces(members, two, 3000, 4096, &refused), body);
        QVERIFY(!refused && members.ended());
    }

    void plainOrDamagedIsRefused() {
        BodyInflater plain;
        bool refused = false;
        inflateInPieces(plain, sampleBody(), 4096, 4096, &refused);
        QVERIFY(refused);

        QByteArray damaged = SandboxGzip::compressed(sampleBody());
        damaged[damaged.size() / 2] = char(damaged[damaged.size() / 2] ^ 0x55);
        damaged[damaged.size() / 2 + 1] = char(damaged[damaged.size() / 2 + 1] ^ 0x55);
        BodyInflater broken;
        inflateInPieces(broken, damaged, 4096, 4096, &refused);
        QVERIFY(refused);
        QVERIFY(!broken.ended());
    }

    void cutShortIsNotEnded() {
        const QByteArray compressed = SandboxGzip::compressed(sampleBody());
        BodyInflater inflater;
        bool refused = false;
        const QByteArray out =
            inflateInPieces(inflater, compressed.left(compressed.size() - 4), 4096, 4096, &refused);
        QVERIFY(!refused);
        QVERIFY(!inflater.ended()); // the data came whole, but not the length that checks it
        QCOMPARE(out, sampleBody());
    }
};

QTEST_GUILESS_MAIN(TestBodyInflater)
#include "tst_bodyinflater.moc"
