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

// Nanoseconds as microseconds with three decimals ("1234.005").
QByteArray microseconds(qint64 ns)
{
    const qint64 whole = ns / 1000;
    const qint64 frac = ns % 1000;
    return QByteArray::number(whole) + '.' + QByteArray::number(frac).rightJustified(3, '0');
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
    // A message's slice on its thread: 1 ns long, after the thread's previous slice or
    // instant, so the slices of a burst at one lab microsecond (the simulator's) follow one
    // another instead of stacking. Its flow event sits at the slice's start with the slice's
    // category: Chrome's trace engine binds a flow event to the slice with the same ts, pid,
    // tid and category; Perfetto (bp "e") to the slice on top of the thread's stack at that
    // moment, which is the message's own slice as long as no instant shares its timestamp
    // (Perfetto sorts instants after slices that start at the same time).
    // In whole nanoseconds (printed as microseconds with three decimals), so that slices a
    // nanosecond apart stay apart however long the run: doubles of lab microseconds lose the
    // last nanosecond past about nine hours of them added up.
    std::vector<qint64> sliceEnd(static_cast<size_t>(std::max<qsizetype>(names.size(), 1)) + 1, 0);
    // Frames in flight: their send slice's start and their arrow's id. Ids are numbered
    // through the whole trace (a restarted node counts its frames from 1 again) and stay
    // numbers below 2^53 (Perfetto reads a string id as hex).
    struct InFlight
    {
        qint64 startNs;
        quint64 id;
    };
    std::unordered_map<quint64, InFlight> sentAt;
    quint64 nextFlowId = 0;
    const auto endOf = [&sliceEnd](NodeId node) -> qint64 & {
        return node < sliceEnd.size() ? sliceEnd[node] : sliceEnd[0];
    };
    trace.forEach(0, trace.size(), [&](const TraceEvent &e) {
        const QByteArray common = R"("pid":1,"tid":)" + num(e.node) + R"(,"ts":)" + num(e.labUs);
        const QByteArray ids = R"("tx":")" + QByteArray::number(e.txId, 16) + R"(","session":")" +
                               QByteArray::number(e.sessionId, 16) + R"(","lamport":)" +
                               num(static_cast<qint64>(e.lamport));
        // An instant: the thread's next message slice starts after it.
        const auto instantAt = [&](NodeId node, qint64 labUs) {
            qint64 &end = endOf(node);
            end = std::max(end, labUs * 1000 + 1);
        };
        switch (e.kind) {
        case TraceKind::Send:
        case TraceKind::Deliver: {
            const bool send = e.kind == TraceKind::Send;
            const QByteArray name = jsonString(toString(static_cast<MsgType>(e.msgType)));
            const NodeId sender = send ? e.node : e.peer;
            if (!send && e.peer == kNoNode) { // a local client request: no arrow
                w.event(R"({"name":)" + name + R"(,"cat":"client","ph":"i","s":"t",)" + common +
                        R"(,"args":{)" + ids + "}}");
                instantAt(e.node, e.labUs);
                break;
            }
            qint64 &end = endOf(e.node);
            qint64 start = std::max(e.labUs * 1000, end);
            // An arrow must point forward: DevTools drops a flow whose end sorts before (or
            // at the time of) its start. Threads stamp lab time on two clocks' reads.
            const quint64 key = (quint64(sender) << 32) | (e.seq & 0xffffffffULL);
            quint64 flow = 0; // 0: no arrow (a delivery whose send is not in the trace, or
                              // the network's duplicate of a frame already delivered, or a
                              // copy made by hand of a frame still on its way: the original
                              // keeps its arrow, and the copy's end is a refusal, an instant)
            if (send) {
                if (!duplicatedByHand(e) || !sentAt.count(key)) {
                    flow = ++nextFlowId;
                    sentAt[key] = InFlight{start, flow};
                }
            } else if (const auto it = sentAt.find(key); it != sentAt.end()) {
                start = std::max(start, it->second.startNs + 1);
                flow = it->second.id;
                sentAt.erase(it);
            }
            end = start + 1;
            const QByteArray flowId = QByteArray::number(flow);
            const QByteArray at =
                R"("pid":1,"tid":)" + num(e.node) + R"(,"ts":)" + microseconds(start);
            w.event(R"({"name":)" + name + R"(,"cat":"message","ph":"X","dur":0.001,)" + at +
                    R"(,"args":{"direction":")" + (send ? "send" : "deliver") + R"(","peer":)" +
                    jsonString(trace.nodeName(e.peer)) + "," + ids + "}}");
            if (send && flow != 0)
                w.event(R"({"name":)" + name + R"(,"cat":"message","ph":"s","id":)" + flowId + "," +
                        at + "}");
            else if (flow != 0)
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
            instantAt(e.node, e.labUs);
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
