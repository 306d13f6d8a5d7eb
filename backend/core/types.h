#pragma once
// Value types shared by every layer: node and transaction ids, lab time, traffic classes.

#include <QString>
#include <QtGlobal>

#include <chrono>
#include <optional>

namespace edgecore {

// Nodes are numbered densely from 1 in the cluster's directory; 0 means "nobody". Dense ids
// keep vector clocks as plain arrays.
using NodeId = quint16;
constexpr NodeId kNoNode = 0;

using TxId = quint64;
using SessionId = quint64;
using TimerId = quint64;

// Lab time: microseconds on the lab clock, which is not the wall clock (it can run slower,
// faster, or stand still). A distinct clock type keeps lab and wall instants from mixing.
struct LabClockTag
{
    using duration = std::chrono::microseconds;
    using rep = duration::rep;
    using period = duration::period;
    using time_point = std::chrono::time_point<LabClockTag, duration>;
    static constexpr bool is_steady = true;
};
using Duration = std::chrono::microseconds;
using Instant = LabClockTag::time_point;

constexpr qint64 toUs(Instant t)
{
    return t.time_since_epoch().count();
}
constexpr qint64 toUs(Duration d)
{
    return d.count();
}
constexpr Instant instantFromUs(qint64 us)
{
    return Instant(Duration(us));
}

enum class TrafficClass : quint8 { Voice = 0, Data = 1 };
enum class Protocol : quint8 { TwoPhase = 0, ThreePhase = 1 };

// Session and transaction ids carry the issuing node in their top 16 bits: shown as
// "node.counter" (e.g. "2.17"), 0 as empty.
QString formatId(quint64 id);

QString toString(TrafficClass c);
QString toString(Protocol p);
std::optional<TrafficClass> parseTrafficClass(const QString &text);
std::optional<Protocol> parseProtocol(const QString &text);

// How a session set-up ended, as the edge reports it to the client.
// Unknown: the edge gave up waiting; the transaction may still have committed.
// Released: a committed session ended and its release transaction committed (its units are
// free again and its charging record written).
enum class Outcome : quint8 {
    Pending = 0,
    Committed = 1,
    Aborted = 2,
    Invalid = 3,
    Unknown = 4,
    Released = 5
};
QString toString(Outcome o);

} // namespace edgecore
