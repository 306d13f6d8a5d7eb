// Writes the seed corpus for `./lab fuzz`: DIR/frames/seed-N and DIR/envelope/seed-N.
#include "corpus.h"

#include <QDir>
#include <QFile>

#include <cstdio>

int main(int argc, char **argv)
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: make_corpus DIR\n");
        return 2;
    }
    const QDir root(QString::fromLocal8Bit(argv[1]));
    auto write = [&root](const QString &sub, const std::vector<QByteArray> &inputs) {
        root.mkpath(sub);
        for (size_t i = 0; i < inputs.size(); ++i) {
            QFile f(root.filePath(sub + QStringLiteral("/seed-") + QString::number(i)));
            if (!f.open(QIODevice::WriteOnly) || f.write(inputs[i]) != inputs[i].size())
                return false;
        }
        return true;
    };
    if (!write(QStringLiteral("frames"), edgecore::fuzz::seedFrames()) ||
        !write(QStringLiteral("envelope"), edgecore::fuzz::seedBodies())) {
        std::fprintf(stderr, "make_corpus: cannot write to %s\n", argv[1]);
        return 1;
    }
    return 0;
}
