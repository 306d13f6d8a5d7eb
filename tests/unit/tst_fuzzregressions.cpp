// Replays what the fuzzers check on the seed corpus and on every kept input in
// tests/fuzz/regressions/ (inputs that once broke something), in the normal build.

#include "../fuzz/corpus.h"
#include "../fuzz/fuzzchecks.h"

#include <QDir>
#include <QFile>
#include <QTest>

using namespace edgecore::fuzz;

class TestFuzzRegressions : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void seedCorpus();
    void keptInputs_data();
    void keptInputs();
};

void TestFuzzRegressions::seedCorpus()
{
    const auto frames = seedFrames();
    const auto bodies = seedBodies();
    QVERIFY(frames.size() >= 28);
    for (const QByteArray &f : frames)
        checkFrames(reinterpret_cast<const std::uint8_t *>(f.constData()), size_t(f.size()));
    for (const QByteArray &b : bodies)
        checkEnvelope(reinterpret_cast<const std::uint8_t *>(b.constData()), size_t(b.size()));
    // Every single-byte truncation and extension of a body is handled too.
    const QByteArray body = bodies.front();
    for (qsizetype n = 0; n <= body.size(); ++n) {
        const QByteArray cut = body.left(n) + QByteArray(int(body.size() - n) % 3, '\xff');
        checkEnvelope(reinterpret_cast<const std::uint8_t *>(cut.constData()), size_t(cut.size()));
    }
}

void TestFuzzRegressions::keptInputs_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("frames");
    const QDir root(QStringLiteral(EDGECORE_FUZZ_REGRESSIONS));
    int n = 0;
    for (const QString &target : {QStringLiteral("frames"), QStringLiteral("envelope")}) {
        const QDir dir(root.filePath(target));
        for (const QString &name : dir.entryList(QDir::Files)) {
            QTest::newRow(qPrintable(target + u'/' + name))
                << dir.filePath(name) << (target == QStringLiteral("frames"));
            ++n;
        }
    }
    if (n == 0)
        QTest::newRow("none kept") << QString() << false;
}

void TestFuzzRegressions::keptInputs()
{
    QFETCH(QString, path);
    QFETCH(bool, frames);
    if (path.isEmpty())
        return;
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray data = f.readAll();
    const auto *p = reinterpret_cast<const std::uint8_t *>(data.constData());
    if (frames)
        checkFrames(p, size_t(data.size()));
    else
        checkEnvelope(p, size_t(data.size()));
}

QTEST_GUILESS_MAIN(TestFuzzRegressions)
#include "tst_fuzzregressions.moc"
