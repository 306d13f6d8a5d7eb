#include "chrometrace.h"

#include "core/savefile.h"
#include "facts.h"
#include "tracestore.h"
#include "wire/wireerror.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>
#include <QSaveFile>

#include <algorithm>
#include <unordered_map>
#include <vector>

using namespace Qt::Literals::StringLiterals;

namespace edgecore {

namespace {

QByteArray jsonString(const QString &s)
{
    // QJsonValue's serialisation gives correct escaping for any text.
    QByteArray doc = QJsonDocument(QJsonArray{s}).toJson(QJsonDocument::Compact);
    return doc.mid(1, doc.size() - 2);
}

class Writer
{
public:
    explicit Writer(QIODevice &out)
        : m_out(out)
    {
        m_buf.reserve(1 << 16);
    }
    void event(const QByteArray &json)
    {
        if (!m_first)
            m_buf += ",\n";
        m_first = false;
        m_buf += json;
        if (m_buf.size() > (1 << 16))
            flush();
    }
    bool flush()
    {
        if (!m_buf.isEmpty() && m_out.write(m_buf) != m_buf.size())
            m_ok = false;
        m_buf.clear();
        return m_ok;
    }
    QByteArray &raw() { return m_buf; }

private:
    QIODevice &m_out;
    QByteArray m_buf;
    bool m_first = true;
    bool m_ok = true;
};

QByteArray num(qint64 v)
{
    return QByteArray::number(v);
}

} // namespace

bool writeChromeTrace(const TraceStore &trace, QIODevice &out, QString *error)
{
    Writer w(out);
    w.raw() += "{\"displayTimeUnit\":\"ms\",\"otherData\":{\"generator\":\"EdgeCore Lab\"},"
               "\"traceEvents\":[\n";
    w.event(R"({"name":"process_name","ph":"M","pid":1,"args":{"name":"EdgeCore Lab cluster"}})");
    const QStringList names = trace.nodeNames();
    for (int id = 1; id < names.size(); ++id) {
        w.event(R"({"name":"thread_name","ph":"M","pid":1,"tid":)" + num(id) +
                R"(,"args":{"name":)" + jsonString(names.at(id)) + "}}");
        w.event(R"({"name":"thread_sort_index","ph":"M","pid":1,"tid":)" + num(id) +
                R"(,"args":{"sort_index":)" + num(id) + "}}");
    }
    // A message's slice on its thread: 1 ns long, after the thread's previous slice, so the
    // slices of a burst at one lab microsecond (the simulator's) follow one another instead
    // of stacking. Its flow event sits at the slice's start with the slice's category, where
    // the viewers bind it (Chrome's trace engine: same ts, pid, tid and category).
    std::vector<double> sliceEnd(static_cast<size_t>(std::max<qsizetype>(names.size(), 1)) + 1,
                                 0.0);
    std::unordered_map<quint64, double> sentAt; // frames in flight: their send slice's start
    trace.forEach(0, trace.size(), [&](const TraceEvent &e) {
        const QByteArray common = R"("pid":1,"tid":)" + num(e.node) + R"(,"ts":)" + num(e.labUs);
        const QByteArray ids = R"("tx":")" + QByteArray::number(e.txId, 16) + R"(","session":")" +
                               QByteArray::number(e.sessionId, 16) + R"(","lamport":)" +
                               num(static_cast<qint64>(e.lamport));
        switch (e.kind) {
        case TraceKind::Send:
        case TraceKind::Deliver: {
            const bool send = e.kind == TraceKind::Send;
            const QByteArray name = jsonString(toString(static_cast<MsgType>(e.msgType)));
            const NodeId sender = send ? e.node : e.peer;
            if (!send && e.peer == kNoNode) { // a local client request: no arrow
                w.event(R"({"name":)" + name + R"(,"cat":"client","ph":"i","s":"t",)" + common +
                        R"(,"args":{)" + ids + "}}");
                break;
            }
            // A number (Perfetto reads a string id as hex), unique per frame and below 2^53:
            // the sender, then its frame sequence.
            const QByteArray flowId =
                QByteArray::number((quint64(sender) << 32) | (e.seq & 0xffffffffULL));
            double &end = e.node < sliceEnd.size() ? sliceEnd[e.node] : sliceEnd[0];
            double start = std::max(double(e.labUs), end);
            // An arrow must point forward: DevTools drops a flow whose end sorts before (or
            // at the time of) its start. Threads stamp lab time on two clocks' reads.
            const quint64 key = (quint64(sender) << 32) | (e.seq & 0xffffffffULL);
            if (send) {
                sentAt[key] = start;
            } else if (const auto it = sentAt.find(key); it != sentAt.end()) {
                start = std::max(start, it->second + 0.001);
                sentAt.erase(it);
            }
            end = start + 0.001;
            const QByteArray at =
                R"("pid":1,"tid":)" + num(e.node) + R"(,"ts":)" + QByteArray::number(start, 'f', 3);
            w.event(R"({"name":)" + name + R"(,"cat":"message","ph":"X","dur":0.001,)" + at +
                    R"(,"args":{"direction":")" + (send ? "send" : "deliver") + R"(","peer":)" +
                    jsonString(trace.nodeName(e.peer)) + "," + ids + "}}");
            if (send)
                w.event(R"({"name":)" + name + R"(,"cat":"message","ph":"s","id":)" + flowId + "," +
                        at + "}");
            else
                w.event(R"({"name":)" + name + R"(,"cat":"message","ph":"f","bp":"e","id":)" +
                        flowId + "," + at + "}");
            break;
        }
        default: {
            QString name = toString(e.kind);
            if (e.kind == TraceKind::Reject)
                name += u": "_s + toString(static_cast<WireError>(e.reason));
            const QString value = factValue(e);
            if (!value.isEmpty())
                name += u' ' + value;
            w.event(R"({"name":)" + jsonString(name) + R"(,"cat":)" + jsonString(toString(e.kind)) +
                    R"(,"ph":"i","s":"t",)" + common + R"(,"args":{"detail":)" +
                    jsonString(e.detail) +
                    (value.isEmpty() ? QByteArray() : R"(,"value":)" + jsonString(value)) + "," +
                    ids + "}}");
            break;
        }
        }
    });
    w.raw() += "\n]}\n";
    if (!w.flush()) {
        if (error)
            *error = out.errorString();
        return false;
    }
    return true;
}

bool writeChromeTrace(const TraceStore &trace, const QString &path, QString *error)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly)) {
        if (error)
            *error = u"cannot write "_s + path + u": "_s + f.errorString();
        return false;
    }
    if (!writeChromeTrace(trace, f, nullptr)) { // names the file, not just the error
        if (error)
            *error = u"cannot write "_s + path + u": "_s + f.errorString();
        f.cancelWriting();
        return false;
    }
    return commitFile(f, error);
}

} // namespace edgecore
