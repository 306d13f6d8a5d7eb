#pragma once
// The versioned key-value store behind the dsm service: get, put, compare-and-swap on the
// expected version, leases with a TTL, and watches by key prefix. Pure: no I/O, time passed
// in. Versions strictly increase per key; a lease's version is the fencing token of its term.

#include "core/types.h"

#include <QByteArray>
#include <QHash>
#include <QString>

#include <optional>
#include <vector>

namespace edgecore {

struct DsmEntry
{
    QByteArray value;
    quint64 version = 0; // 0: the key does not exist
    NodeId writer = kNoNode;
    quint64 fencingToken = 0; // the writer's token when it wrote
    // Leases only: who holds it and until when (on the store's clock).
    NodeId leaseOwner = kNoNode;
    std::optional<Instant> leaseExpiry;

    bool exists() const { return version != 0; }
};

enum class DsmStatus : quint8 {
    Ok = 0,
    Conflict,  // CAS: the key's version is not the expected one
    LeaseHeld, // lease: another owner holds it and it has not expired
    NotOwner,  // lease renew/release by someone who does not hold it
    StaleToken // a fenced write whose token is older than the key's
};
QString toString(DsmStatus s);

struct DsmResult
{
    DsmStatus status = DsmStatus::Ok;
    quint64 oldVersion = 0;
    DsmEntry entry; // the entry after the operation (or as it stands, on failure)

    bool ok() const { return status == DsmStatus::Ok; }
};

// A change a watcher sees.
struct DsmChange
{
    QString key;
    DsmEntry entry;
    quint64 watchId = 0;
    NodeId watcher = kNoNode;
};

class DsmStore
{
public:
    DsmEntry get(const QString &key) const { return m_entries.value(key); }
    int size() const { return static_cast<int>(m_entries.size()); }
    QList<QString> keys() const { return m_entries.keys(); }

    // Unconditional write: a new version.
    DsmResult put(const QString &key, const QByteArray &value, NodeId writer,
                  quint64 fencingToken = 0);
    // Writes only if the key is at expectedVersion (0: only if it does not exist). A fenced
    // writer (token > 0) is refused if the key was last written with a higher token.
    DsmResult cas(const QString &key, quint64 expectedVersion, const QByteArray &value,
                  NodeId writer, quint64 fencingToken = 0);

    // Acquire succeeds when the lease is free, expired, or already the caller's (then it is a
    // renewal). A new holder gets a new version, its fencing token; a renewal keeps it.
    DsmResult acquireLease(const QString &key, NodeId owner, Duration ttl, Instant now);
    DsmResult renewLease(const QString &key, NodeId owner, Duration ttl, Instant now);
    DsmResult releaseLease(const QString &key, NodeId owner, Instant now);
    // The holder of a lease now, if any and not expired.
    NodeId leaseHolder(const QString &key, Instant now) const;

    // Watches: every later change of a key starting with prefix is queued for watcher.
    quint64 watch(const QString &prefix, NodeId watcher);
    void unwatch(quint64 watchId);
    std::vector<DsmChange> takeChanges();

    // Rebuilds an entry from a durable record (recovery); versions never go backwards.
    void restore(const QString &key, const DsmEntry &entry);
    // Forgets a key (a settled session's record, past its keep time). Watchers hear nothing.
    void forget(const QString &key) { m_entries.remove(key); }

private:
    DsmResult write(const QString &key, DsmEntry next);
    void notify(const QString &key, const DsmEntry &e);

    struct Watch
    {
        QString prefix;
        NodeId watcher = kNoNode;
    };
    QHash<QString, DsmEntry> m_entries;
    QHash<quint64, Watch> m_watches;
    quint64 m_nextWatch = 1;
    std::vector<DsmChange> m_changes;
};

} // namespace edgecore
